namespace Marketplace.Web.Domain.Market;

/// <summary>
/// A marketplace search a refurbisher's buyer named and kept: its filters (as the page's query string) and whom to tell
/// when a newly listed lot matches it.
/// </summary>
public sealed class SavedSearch
{
    public const int MaxNameLength = 100;
    public const int MaxQueryLength = 1000;

    /// <summary>How many searches one person may keep.</summary>
    public const int MaxPerPerson = 20;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public Guid OrganizationId { get; init; }
    public required string Name { get; init; }

    /// <summary>The filters as the marketplace's query string ("category=Chromebook&amp;state=WA"), without paging.</summary>
    public required string Query { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A lot a saved search's owner was told about: one row per search and lot, so nobody hears of a lot twice.</summary>
public sealed class SavedSearchMatch
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SavedSearchId { get; init; }
    public Guid LotId { get; init; }
    public DateTimeOffset NotifiedAt { get; init; }
}

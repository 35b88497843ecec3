namespace Marketplace.Web.Domain.Storefront;

/// <summary>
/// One row that moves in the same transaction as any change to what the catalog shows, so each web instance knows
/// whether its catalog index still matches the stored data without counting the table per request. A change to
/// listings (a sale's stock, a paused listing) advances <see cref="Sequence"/> and tags those listings with it, so an
/// index reads only the listings changed since its own sequence; a change that touches many listings at once (a
/// seller's name or certification, a bulk write) also gives a new <see cref="Stamp"/>, which rebuilds every index.
/// </summary>
public sealed class CatalogRevision
{
    public const int SingletonId = 1;

    /// <summary>The listing's stored column (not part of the domain) holding the sequence that last changed it.</summary>
    public const string ListingSequence = "CatalogSequence";

    public int Id { get; init; }
    public Guid Stamp { get; set; }
    public long Sequence { get; set; }
}

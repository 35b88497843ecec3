namespace Marketplace.Web.Domain.Market;

/// <summary>A person of a refurbisher keeping an eye on a listed lot: it shows on their watchlist, and they hear once before it closes.</summary>
public sealed class LotWatch
{
    /// <summary>How long before a lot's close its watchers are told.</summary>
    public static readonly TimeSpan ClosingNoticeAhead = TimeSpan.FromHours(24);

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid LotId { get; init; }
    public DateTimeOffset WatchedAt { get; init; }

    /// <summary>When the "closing soon" e-mail was queued; set once (by a conditional update), so a second run of the job sends nothing.</summary>
    public DateTimeOffset? ClosingNoticeSentAt { get; private set; }
}

namespace Marketplace.Web.Domain.Lots;

public enum QuoteStatus { Active, Accepted, Declined, Withdrawn }

public sealed class Quote
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public Guid RefurbisherId { get; init; }
    public decimal Amount { get; internal set; }
    public string? Note { get; internal set; }
    public DateTimeOffset SubmittedAt { get; internal set; }
    public DateTimeOffset ValidUntil { get; internal set; }
    public QuoteStatus Status { get; internal set; }

    public bool IsOpen(DateTimeOffset now) => Status == QuoteStatus.Active && ValidUntil > now;
}

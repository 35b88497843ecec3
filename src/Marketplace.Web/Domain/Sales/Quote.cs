namespace Marketplace.Web.Domain.Sales;

public enum QuoteStatus { Active, Accepted, Declined, Withdrawn }

/// <summary>A refurbisher's offer for a whole lot in a request-for-quotes sale; part of the <see cref="Sale"/> aggregate.</summary>
public sealed class Quote
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SaleId { get; init; }
    public Guid RefurbisherId { get; init; }
    public decimal Amount { get; internal set; }

    /// <summary>Set when the refurbisher priced per device: <see cref="Amount"/> is this times the lot's device count at quoting.</summary>
    public decimal? PerDevice { get; internal set; }
    public string? Note { get; internal set; }
    public DateTimeOffset SubmittedAt { get; internal set; }
    public DateTimeOffset ValidUntil { get; internal set; }
    public QuoteStatus Status { get; internal set; }

    public bool IsOpen(DateTimeOffset now) => Status == QuoteStatus.Active && ValidUntil > now;
}

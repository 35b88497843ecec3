namespace Marketplace.Web.Domain.Finance;

/// <summary>
/// A Stripe event about a payment we do not know yet (Stripe does not promise delivery order: a refund or dispute may
/// arrive before the payment it is about). It waits here, keyed by its charge and payment intent, and is applied when
/// the payment arrives.
/// </summary>
public sealed class ParkedStripeEvent
{
    public const int IdLength = 128;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public string? ChargeId { get; init; }
    public string? PaymentIntentId { get; init; }

    /// <summary>The event as Stripe sent it (signature already verified when it was parked).</summary>
    public required string Json { get; init; }
    public DateTimeOffset ParkedAt { get; init; }
    public DateTimeOffset? AppliedAt { get; private set; }

    public void Applied(DateTimeOffset at) => AppliedAt = at;
}

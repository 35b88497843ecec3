namespace Marketplace.Web.Domain.Finance;

/// <summary>Why the buyer disputes what it received. Appended only, so stored values never move.</summary>
public enum BuyerDisputeReason
{
    /// <summary>Devices paid for did not arrive.</summary>
    DevicesMissing,

    /// <summary>Devices arrived in a worse condition or as other models than listed.</summary>
    NotAsDescribed,

    /// <summary>Devices arrived broken (in transit or before).</summary>
    Damaged,
    Other,
}

public enum DisputeState { Open, Resolved }

/// <summary>What the admin decided.</summary>
public enum DisputeOutcome
{
    NoRefund,
    PartialRefund,
    FullRefund,
}

/// <summary>
/// A buyer's claim against the seller after receipt (wrong, missing or damaged goods), opened within
/// <see cref="WindowBusinessDays"/> business days of receiving and resolved by the platform's admin with no refund, a
/// partial or a full refund of what was paid. Distinct from the two other disputes in the product: the district
/// contesting the receiving reconciliation's price adjustments (<c>LotReconciliation.Dispute</c>), and a card holder's
/// chargeback that Stripe reports (<c>Invoice.DisputeId</c>). It refers to the invoice it claims against, and through it
/// to a lot or, later, a storefront order: only <see cref="LotId"/> or <see cref="OrderId"/> is set.
/// </summary>
public sealed class BuyerDispute : IVersioned
{
    public const int WindowBusinessDays = 5;
    public const int MaxDetailsLength = 2000;
    public const int MaxNoteLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Number { get; init; }
    public Guid InvoiceId { get; init; }
    public Guid? LotId { get; init; }
    public Guid? OrderId { get; init; }
    public Guid BuyerId { get; init; }
    public Guid SellerId { get; init; }
    public BuyerDisputeReason Reason { get; init; }
    public required string Details { get; init; }
    public decimal AmountClaimed { get; init; }
    public string Currency { get; init; } = "USD";

    /// <summary>When the goods were received: the window is counted from it.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public required string OpenedBy { get; init; }

    public DisputeState State { get; private set; } = DisputeState.Open;
    public DisputeOutcome? Outcome { get; private set; }
    public decimal RefundAmount { get; private set; }
    public string? ResolutionNote { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }

    /// <summary>The Stripe refund for a card payment; null for a credit that finance pays by ACH or check.</summary>
    public string? StripeRefundId { get; private set; }
    public int Version { get; set; }

    /// <summary>The last moment a dispute may be opened: <see cref="WindowBusinessDays"/> business days after receipt, at the same time of day.</summary>
    public static DateTimeOffset Deadline(DateTimeOffset receivedAt) => BusinessCalendar.AddBusinessDays(receivedAt, WindowBusinessDays);

    /// <summary>Why the buyer cannot open a dispute now, or null when it can.</summary>
    public static string? CannotOpenBecause(DateTimeOffset? receivedAt, Invoice invoice, bool anotherOpen, DateTimeOffset now) =>
        receivedAt is not { } received ? "A dispute can be opened once the goods are received."
        : !IsRefundable(invoice) ? $"Invoice {invoice.Number} is not paid, so there is nothing to refund; settle it with finance first."
        : now > Deadline(received) ? $"The {WindowBusinessDays} business days to dispute ended on {Deadline(received):MMMM d, yyyy} (received {received:MMMM d})."
        : anotherOpen ? "A dispute about this purchase is already open; the admin resolves it before another can be opened."
        : invoice.Amount - invoice.RefundedAmount <= 0 ? $"Invoice {invoice.Number} is already refunded in full."
        : null;

    /// <summary>
    /// What a dispute may claim against: a paid invoice, or a storefront order's unpaid purchase-order invoice (net terms
    /// run past delivery, so what is owed is credited instead). An unpaid card invoice or a void one holds nothing to return.
    /// </summary>
    public static bool IsRefundable(Invoice invoice) =>
        invoice.Status == InvoiceStatus.Paid || (invoice is { Status: InvoiceStatus.Open, OrderId: not null } && invoice.Method != PaymentMethod.Card);

    public static BuyerDispute Open(string number, Invoice invoice, Guid sellerId, DateTimeOffset? receivedAt, bool anotherOpen, BuyerDisputeReason reason,
        string details, decimal amountClaimed, string openedBy, DateTimeOffset now)
    {
        if (CannotOpenBecause(receivedAt, invoice, anotherOpen, now) is { } why)
        {
            throw new DomainException(why);
        }

        var refundable = invoice.Amount - invoice.RefundedAmount;
        if (amountClaimed <= 0 || amountClaimed > refundable)
        {
            throw new DomainException($"Claim an amount between $0.01 and {refundable:C} (what was {(invoice.Status == InvoiceStatus.Paid ? "paid" : "owed")} on invoice {invoice.Number} and not yet refunded).");
        }

        return new BuyerDispute
        {
            Number = number,
            InvoiceId = invoice.Id,
            LotId = invoice.LotId,
            OrderId = invoice.OrderId,
            BuyerId = invoice.PayerId,
            SellerId = sellerId,
            Reason = reason,
            Details = details.Trim(),
            AmountClaimed = decimal.Round(amountClaimed, 2),
            Currency = invoice.Currency,
            ReceivedAt = receivedAt!.Value,
            OpenedAt = now,
            OpenedBy = openedBy,
        };
    }

    /// <summary>
    /// The admin's decision. A full refund returns what is left of the invoice; a partial one a positive amount below it;
    /// none nothing. <paramref name="refundable"/> is what was paid and not yet refunded.
    /// </summary>
    /// <returns>The amount to return to the buyer.</returns>
    public decimal Resolve(DisputeOutcome outcome, decimal? partialAmount, decimal refundable, string note, string resolvedBy, DateTimeOffset now)
    {
        if (State != DisputeState.Open)
        {
            throw new DomainException($"Dispute {Number} is already resolved ({Outcome?.Words()}).");
        }

        var amount = outcome switch
        {
            DisputeOutcome.NoRefund => 0m,
            DisputeOutcome.FullRefund => refundable,
            _ => partialAmount is { } part && part > 0 && part < refundable
                ? decimal.Round(part, 2)
                : throw new DomainException($"A partial refund is more than $0 and less than {refundable:C} (what was paid and not yet refunded); for all of it choose a full refund."),
        };
        if (outcome != DisputeOutcome.NoRefund && amount <= 0)
        {
            throw new DomainException("Nothing is left to refund on this invoice.");
        }

        State = DisputeState.Resolved;
        Outcome = outcome;
        RefundAmount = amount;
        ResolutionNote = note.Trim();
        ResolvedAt = now;
        ResolvedBy = resolvedBy;
        return amount;
    }

    public void RecordStripeRefund(string refundId) => StripeRefundId = refundId;

    /// <summary>The outcome in a sentence, as both sides and finance read it.</summary>
    public string OutcomeWords => Outcome switch
    {
        null => $"Open: {AmountClaimed:C} claimed, waiting for the platform's decision",
        DisputeOutcome.NoRefund => "Resolved: no refund",
        DisputeOutcome.FullRefund => $"Resolved: full refund of {RefundAmount:C}",
        _ => $"Resolved: partial refund of {RefundAmount:C} (of {AmountClaimed:C} claimed)",
    };

    /// <summary>The ledger posting's key: a card refund is keyed by Stripe's refund id (its webhook then finds it posted), a credit by the dispute.</summary>
    public string RefundPostingKey => StripeRefundId is { } refund ? $"refund:{refund}" : $"dispute-credit:{Id}";

    /// <summary>Stripe's idempotency key for the refund: one refund per dispute, however often the resolution is retried.</summary>
    public string RefundIdempotencyKey => $"dispute-refund-{Id}";
}

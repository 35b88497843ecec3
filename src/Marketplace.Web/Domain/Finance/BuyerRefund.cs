namespace Marketplace.Web.Domain.Finance;

/// <summary>Where a refund owed to a buyer stands: finance's queue filters by it.</summary>
public enum BuyerRefundState { Owed, Sent }

/// <summary>
/// Money owed back to a buyer whose invoice was already paid other than by card (purchase order, ACH, check, wire), after a
/// return's refund or a dispute's decision: it sits in buyer credits until finance sends it (ACH or check) and records the
/// reference. A card refund goes back through Stripe instead, and an unpaid invoice is credited on itself.
/// </summary>
public sealed class BuyerRefund
{
    public const int MaxReasonLength = 300;
    public const int MaxReferenceLength = 128;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Number { get; init; }
    public Guid PayerId { get; init; }
    public Guid InvoiceId { get; init; }
    public Guid? LotId { get; init; }
    public Guid? OrderId { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "USD";

    /// <summary>Why it is owed (the return or dispute and its invoice), as finance and the buyer read it.</summary>
    public required string Reason { get; init; }

    /// <summary>The ledger posting that put it in buyer credits: one owed refund per posting.</summary>
    public required string PostingKey { get; init; }
    public DateTimeOffset OwedSince { get; init; }

    public PaymentMethod? SentBy { get; private set; }
    public string? SentReference { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? RecordedBy { get; private set; }

    public bool IsSent => SentAt is not null;

    public static BuyerRefund Owe(string number, Invoice invoice, decimal amount, string reason, string postingKey, DateTimeOffset now)
    {
        if (invoice.Status != InvoiceStatus.Paid || invoice.Method == PaymentMethod.Card)
        {
            throw new DomainException($"Invoice {invoice.Number} is not a paid invoice outside Stripe: a refund on it is credited on the invoice or sent back to the card.");
        }

        if (amount <= 0)
        {
            throw new DomainException("A refund owed to a buyer is more than $0.");
        }

        return new BuyerRefund
        {
            Number = number,
            PayerId = invoice.PayerId,
            InvoiceId = invoice.Id,
            LotId = invoice.LotId,
            OrderId = invoice.OrderId,
            Amount = amount,
            Currency = invoice.Currency,
            Reason = reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength],
            PostingKey = postingKey,
            OwedSince = now,
        };
    }

    /// <summary>Finance sent the money (an ACH trace or a check number): the credit is paid.</summary>
    public void RecordSent(PaymentMethod method, string reference, string recordedBy, DateTimeOffset now)
    {
        if (IsSent)
        {
            throw new DomainException($"Refund {Number} was already sent on {SentAt:MMMM d, yyyy} ({SentBy?.Words()} {SentReference}).");
        }

        if (method is not (PaymentMethod.Ach or PaymentMethod.Check or PaymentMethod.Wire))
        {
            throw new DomainException("A refund owed to a buyer is sent by ACH, check or wire.");
        }

        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new DomainException("Enter the ACH trace, check number or wire reference of the refund sent.");
        }

        SentBy = method;
        SentReference = reference.Trim();
        SentAt = now;
        RecordedBy = recordedBy;
    }

    /// <summary>Where it stands, in words the buyer and finance share.</summary>
    public string StateWords => IsSent
        ? $"{Amount:C} sent by {SentBy?.Words()} on {SentAt:MMMM d, yyyy} (reference {SentReference})"
        : $"{Amount:C} owed back to you since {OwedSince:MMMM d, yyyy}; the marketplace's finance team sends it by ACH or check";
}

namespace Marketplace.Web.Domain.Finance;

/// <summary>Wire is appended last so stored values of the others do not move.</summary>
public enum PaymentMethod { PurchaseOrder, Card, Ach, Check, Wire }

public enum InvoiceStatus { Open, Paid, Void }

/// <summary>What a buyer owes for a lot or a storefront order, and how it was settled.</summary>
public sealed class Invoice
{
    public const int DefaultNetTermsDays = 30;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Number { get; init; }
    public Guid PayerId { get; init; }
    public Guid? LotId { get; init; }
    public Guid? OrderId { get; init; }
    public required string Description { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "USD";
    public PaymentMethod Method { get; set; }
    public string? PurchaseOrderNumber { get; set; }
    public InvoiceStatus Status { get; private set; } = InvoiceStatus.Open;
    public DateTimeOffset IssuedAt { get; init; }
    public DateOnly DueOn { get; init; }
    public DateTimeOffset? PaidAt { get; private set; }
    public string? PaymentReference { get; private set; }

    /// <summary>The buyer's net terms in days when the invoice was issued; the due date is the issue date plus these.</summary>
    public int NetTermsDays { get; init; } = DefaultNetTermsDays;

    /// <summary>What finance recorded as received (ACH, wire, check or the PO paid), and the day the bank shows it.</summary>
    public decimal? AmountReceived { get; private set; }
    public DateOnly? ReceivedOn { get; private set; }

    /// <summary>Issue date + net terms (net 0: due on the day it is issued).</summary>
    public static DateOnly DueDate(DateOnly issuedOn, int netTermsDays) => issuedOn.AddDays(netTermsDays);

    /// <summary>Open past its due date; the due date itself is not yet overdue.</summary>
    public bool IsOverdue(DateOnly today) => Status == InvoiceStatus.Open && today > DueOn;

    /// <summary>Above the threshold the buyer pays by ACH or wire (see PaymentOptions.WireThreshold): no card.</summary>
    public bool RequiresBankTransfer(decimal wireThreshold) => Amount > wireThreshold;

    /// <summary>Stripe Checkout Session id while a card payment is pending.</summary>
    public string? CheckoutSessionId { get; set; }

    /// <summary>Stripe's PaymentIntent behind the card payment (from the completed Checkout Session or the payment intent's own event).</summary>
    public string? StripePaymentIntentId { get; private set; }

    /// <summary>The charge that moved the buyer's money: refunds and disputes name it, and transfers to the seller use it as source_transaction.</summary>
    public string? StripeChargeId { get; private set; }

    /// <summary>Refunded to the buyer so far, full and partial refunds together.</summary>
    public decimal RefundedAmount { get; private set; }

    /// <summary>What is left to pay: a return credited before payment (an open purchase-order invoice) lowers it.</summary>
    public decimal AmountDue => Amount - RefundedAmount;

    /// <summary>Card attempts that failed or expired: each new Checkout Session needs its own idempotency key.</summary>
    public int FailedCardAttempts { get; private set; }

    /// <summary>Why the last card attempt failed (Stripe's words), shown to the buyer; cleared when the invoice is paid.</summary>
    public string? LastPaymentFailure { get; private set; }

    /// <summary>The open or last dispute on the charge: its Stripe id and status (needs_response, won, lost…).</summary>
    public string? DisputeId { get; private set; }

    public string? DisputeStatus { get; private set; }

    public bool HasOpenDispute => DisputeId is not null && DisputeStatus is not ("won" or "lost");

    /// <summary>Stripe's transfer_group for the lot or order: the payment and every transfer to the seller carry it.</summary>
    public string TransferGroup() => LotId is { } lot ? $"lot-{lot}" : OrderId is { } order ? $"order-{order}" : $"invoice-{Id}";

    /// <summary>The idempotency key of the current card attempt: the first keeps the original key, a retry after a failure gets its own.</summary>
    public string CheckoutIdempotencyKey() => FailedCardAttempts == 0 ? $"checkout-{Id}" : $"checkout-{Id}-{FailedCardAttempts + 1}";

    public void RecordStripePayment(string? paymentIntentId, string? chargeId)
    {
        StripePaymentIntentId = paymentIntentId ?? StripePaymentIntentId;
        StripeChargeId = chargeId ?? StripeChargeId;
    }

    /// <summary>
    /// A card attempt failed or its session expired unpaid: the invoice stays open, without a session, so the buyer can
    /// start a new card payment or switch to a purchase order.
    /// </summary>
    public bool CardAttemptFailed(string? sessionId, string reason)
    {
        if (Status != InvoiceStatus.Open || (sessionId is not null && CheckoutSessionId is not null && CheckoutSessionId != sessionId))
        {
            return false;
        }

        CheckoutSessionId = null;
        FailedCardAttempts++;
        LastPaymentFailure = reason.Length <= 300 ? reason : reason[..300];
        return true;
    }

    /// <summary>Stripe declined an attempt inside the open Checkout page (the buyer may retry there): noted for the buyer to see.</summary>
    public void NotePaymentFailure(string reason) => LastPaymentFailure = reason.Length <= 300 ? reason : reason[..300];

    /// <summary>Money returned to the buyer (negative when a refund Stripe had reported failed afterwards).</summary>
    public void RecordRefund(decimal amount)
    {
        if (RefundedAmount + amount > Amount || RefundedAmount + amount < 0)
        {
            throw new DomainException($"Invoice {Number}: refunds would total {RefundedAmount + amount:0.00} of {Amount:0.00}.");
        }

        RefundedAmount += amount;
    }

    public void RecordDispute(string disputeId, string status)
    {
        DisputeId = disputeId;
        DisputeStatus = status;
    }

    /// <summary>The buyer switched an unpaid card invoice to a purchase order: net terms, no card session.</summary>
    public void PayByPurchaseOrder(string purchaseOrderNumber)
    {
        RequireOpen();
        Method = PaymentMethod.PurchaseOrder;
        PurchaseOrderNumber = purchaseOrderNumber.Trim();
        CheckoutSessionId = null;
    }

    /// <summary>The order behind it was cancelled before payment: nothing is owed.</summary>
    public void Void()
    {
        RequireOpen();
        Status = InvoiceStatus.Void;
        CheckoutSessionId = null;
    }

    private void RequireOpen()
    {
        if (Status != InvoiceStatus.Open)
        {
            throw new DomainException($"Invoice {Number} is {Status.ToString().ToLowerInvariant()}, not open.");
        }
    }

    public void MarkPaid(PaymentMethod method, string reference, DateTimeOffset at)
    {
        RequireOpen();
        Method = method;
        PaymentReference = reference.Trim();
        PaidAt = at;
        Status = InvoiceStatus.Paid;
        LastPaymentFailure = null;
    }

    /// <summary>
    /// Finance saw the money in the bank: the whole amount (a short or over payment is refused, to be settled with the
    /// buyer first), on a day between the issue date and today.
    /// </summary>
    public void RecordReceipt(PaymentMethod method, decimal amount, DateOnly receivedOn, string reference, DateTimeOffset at)
    {
        RequireOpen();
        if (method == PaymentMethod.Card)
        {
            throw new DomainException("Card payments are recorded by Stripe, not by hand.");
        }

        if (amount != AmountDue)
        {
            throw new DomainException($"The amount received ({amount:N2} {Currency}) does not match invoice {Number} ({AmountDue:N2} {Currency}); settle the difference with the buyer before recording it.");
        }

        if (receivedOn > DateOnly.FromDateTime(at.UtcDateTime))
        {
            throw new DomainException("The date received cannot be in the future.");
        }

        if (receivedOn < DateOnly.FromDateTime(IssuedAt.UtcDateTime))
        {
            throw new DomainException($"The date received cannot be before the invoice was issued ({IssuedAt.UtcDateTime:MMMM d, yyyy}).");
        }

        MarkPaid(method, reference, at);
        AmountReceived = amount;
        ReceivedOn = receivedOn;
    }
}

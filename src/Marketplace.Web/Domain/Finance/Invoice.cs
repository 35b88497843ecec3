namespace Marketplace.Web.Domain.Finance;

public enum PaymentMethod { PurchaseOrder, Card, Ach, Check }

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

    /// <summary>Stripe Checkout Session id while a card payment is pending.</summary>
    public string? CheckoutSessionId { get; set; }

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
    }
}

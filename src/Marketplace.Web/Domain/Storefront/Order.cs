using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Domain.Storefront;

/// <summary>AwaitingApproval is appended last so stored values of the others do not move.</summary>
public enum OrderStatus { AwaitingPayment, Paid, Cancelled, AwaitingApproval }

public sealed class CartItem
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public Guid ListingId { get; init; }
    public int Quantity { get; set; }
}

public sealed class Order
{
    private readonly List<OrderLine> _lines = [];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Number { get; init; }
    public Guid BuyerId { get; init; }
    public Guid PlacedByUserId { get; init; }
    public Guid SellerId { get; init; }
    public OrderStatus Status { get; private set; } = OrderStatus.AwaitingPayment;
    // Set when the order is placed, and changed only by PayByPurchaseOrder.
    private PaymentMethod _paymentMethod;
    private string? _purchaseOrderNumber;

    public PaymentMethod PaymentMethod { get => _paymentMethod; init => _paymentMethod = value; }
    public string? PurchaseOrderNumber { get => _purchaseOrderNumber; init => _purchaseOrderNumber = value; }
    public required string ShipTo { get; init; }
    public decimal Shipping { get; init; }
    public string Currency { get; init; } = "USD";
    public DateTimeOffset PlacedAt { get; init; }
    public DateTimeOffset? PaidAt { get; private set; }

    /// <summary>Who approved an order above the school's approval limit, and when; null when none was needed.</summary>
    public Guid? ApprovedByUserId { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }

    /// <summary>Why the school's approver turned the order down.</summary>
    public string? RejectionReason { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    /// <summary>The fee schedule version in force when the order was placed, and the commission it set: the order's terms.</summary>
    public int? FeeScheduleId { get; private set; }
    public decimal? StorefrontCommissionRate { get; private set; }
    public decimal? StorefrontCommission { get; private set; }

    /// <summary>Fixes the platform's commission from the schedule in force at checkout, once the lines are in.</summary>
    public void ApplyFees(FeeSchedule fees)
    {
        FeeScheduleId = fees.Id;
        StorefrontCommissionRate = fees.StorefrontCommissionRate;
        StorefrontCommission = fees.StorefrontCommissionFor(Subtotal);
    }

    public decimal Subtotal => _lines.Sum(l => l.UnitPrice * l.Quantity);
    public decimal Total => Subtotal + Shipping + SalesTax;

    /// <summary>The school site the order ships to; <see cref="ShipTo"/> keeps its address as it was, whatever the site becomes.</summary>
    public Guid? ShipToSiteId { get; init; }

    /// <summary>The ship-to state, whose sales tax rate applies.</summary>
    public string? ShipToState { get; init; }

    /// <summary>Sales tax collected by the platform as marketplace facilitator (see <see cref="Finance.SalesTaxRate"/>); 0 when exempt.</summary>
    public decimal SalesTax { get; private set; }

    /// <summary>The rate in force for the ship-to state when the order was placed; null when exempt or when the state had no rate on file.</summary>
    public decimal? SalesTaxRate { get; private set; }

    /// <summary>Whether the shipping charge was taxed with the goods (the state's rule in force then).</summary>
    public bool ShippingTaxed { get; private set; }

    /// <summary>The buyer's tax-exempt certificate the order relied on, in words ("Streamlined Sales Tax certificate WA-SST-1, educational organization").</summary>
    public string? TaxExemption { get; private set; }

    public Guid? TaxExemptCertificateId { get; private set; }

    public bool IsTaxExempt => TaxExemptCertificateId is not null;

    /// <summary>
    /// Taxes the order at the ship-to state's rate in force (none on file: no tax, and the order says so through a null rate),
    /// or exempts it on the buyer's current certificate. Once, after the lines and before the invoice.
    /// </summary>
    /// <summary>The certificate as an order names it: "Streamlined Sales Tax certificate WA-SST-1, educational organization".</summary>
    public static string ExemptionWords(OrganizationDocument certificate) =>
        $"{certificate.TaxExemptForm?.Words() ?? "Tax-exempt certificate"} {certificate.Number}"
        + (certificate.ExemptionReason is { } reason ? $", {reason.InSentence()}" : "");

    public void ApplySalesTax(OrganizationDocument? exemptCertificate, Finance.SalesTaxRate? rate)
    {
        if (exemptCertificate is not null)
        {
            if (exemptCertificate.Kind != DocumentKind.TaxExemptCertificate || exemptCertificate.OrganizationId != BuyerId)
            {
                throw new DomainException("Only the buyer's own tax-exempt certificate exempts its order.");
            }

            TaxExemptCertificateId = exemptCertificate.Id;
            TaxExemption = ExemptionWords(exemptCertificate);
            SalesTax = 0m;
            SalesTaxRate = null;
            return;
        }

        SalesTaxRate = rate?.Rate;
        ShippingTaxed = rate?.TaxesShipping ?? false;
        SalesTax = rate?.TaxOn(Subtotal, Shipping) ?? 0m;
    }

    public void AddLine(Listing listing, int quantity)
    {
        if (quantity < 1)
        {
            throw new DomainException("Quantity must be at least 1.");
        }

        if (listing.SellerId != SellerId)
        {
            throw new DomainException("An order holds items from one refurbisher.");
        }

        listing.Reserve(quantity);
        _lines.Add(new OrderLine
        {
            OrderId = Id,
            ListingId = listing.Id,
            Title = listing.Title,
            UnitPrice = listing.UnitPriceFor(quantity),
            Quantity = quantity,
            WarrantyMonths = listing.WarrantyMonths,
        });
    }

    public bool CanChangePayment => Status == OrderStatus.AwaitingPayment;

    public bool AwaitsApproval => Status == OrderStatus.AwaitingApproval;

    /// <summary>
    /// Holds a just-placed order for the school's approver: its stock stays reserved, but no invoice is issued
    /// and the seller hears nothing until it is approved.
    /// </summary>
    public void HoldForApproval()
    {
        RequireAwaitingPayment("held for approval");
        if (PaidAt is not null || _lines.Count == 0)
        {
            throw new DomainException($"Order {Number} can be held for approval only as it is placed.");
        }

        Status = OrderStatus.AwaitingApproval;
    }

    public void Approve(Guid approverId, DateTimeOffset at)
    {
        RequireAwaitingApproval("approved");
        if (approverId == PlacedByUserId)
        {
            throw new DomainException($"Order {Number} needs a second person's approval: the person who placed it cannot approve it.");
        }

        Status = OrderStatus.AwaitingPayment;
        ApprovedByUserId = approverId;
        ApprovedAt = at;
    }

    /// <summary>Turns the order down; the caller returns its stock with <see cref="Listing.Release"/>.</summary>
    public void Reject(string reason)
    {
        RequireAwaitingApproval("turned down");
        Status = OrderStatus.Cancelled;
        RejectionReason = reason.Trim();
    }

    public void MarkPaid(DateTimeOffset at)
    {
        RequireAwaitingPayment("paid");
        Status = OrderStatus.Paid;
        PaidAt = at;
    }

    /// <summary>The buyer pays an order that waits for a card payment by purchase order instead.</summary>
    public void PayByPurchaseOrder(string purchaseOrderNumber)
    {
        RequireAwaitingPayment("switched to a purchase order");
        if (PaymentMethod == PaymentMethod.PurchaseOrder)
        {
            throw new DomainException($"Order {Number} is already paid by purchase order {PurchaseOrderNumber}.");
        }

        _paymentMethod = PaymentMethod.PurchaseOrder;
        _purchaseOrderNumber = purchaseOrderNumber.Trim();
    }

    /// <summary>Cancels an unpaid (or not yet approved) order; the caller returns its stock with <see cref="Listing.Release"/>.</summary>
    public void Cancel()
    {
        if (Status != OrderStatus.AwaitingApproval)
        {
            RequireAwaitingPayment("cancelled");
        }

        Status = OrderStatus.Cancelled;
    }

    private void RequireAwaitingApproval(string what)
    {
        if (Status != OrderStatus.AwaitingApproval)
        {
            throw new DomainException($"Order {Number} is not waiting for approval, so it cannot be {what}.");
        }
    }

    private void RequireAwaitingPayment(string what)
    {
        if (Status != OrderStatus.AwaitingPayment)
        {
            var now = Status switch
            {
                OrderStatus.Paid => "paid",
                OrderStatus.AwaitingApproval => "waiting for your school's approval",
                _ => "cancelled",
            };
            throw new DomainException($"Order {Number} is {now}, so it cannot be {what}.");
        }
    }
}

public sealed class OrderLine
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrderId { get; init; }
    public Guid ListingId { get; init; }
    public required string Title { get; init; }
    public decimal UnitPrice { get; init; }
    public int Quantity { get; init; }
    public int WarrantyMonths { get; init; }
}

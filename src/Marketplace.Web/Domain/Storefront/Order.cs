using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Domain.Storefront;

/// <summary>AwaitingApproval is appended last so stored values of the others do not move.</summary>
public enum OrderStatus { AwaitingPayment, Paid, Cancelled, AwaitingApproval }

/// <summary>
/// Where an order stands as both sides see it, derived from its payment status and its shipments: a purchase-order order
/// ships before it is paid (net terms), so shipping is not a payment status.
/// </summary>
public enum OrderStage { AwaitingApproval, AwaitingPayment, ReadyToShip, PartlyShipped, Shipped, Delivered, Cancelled }

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
    private readonly List<Shipment> _shipments = [];

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

    public IReadOnlyList<Shipment> Shipments => _shipments;

    /// <summary>When the last unit left the seller; null while any is still to ship.</summary>
    public DateTimeOffset? ShippedAt { get; private set; }

    /// <summary>When the last shipment arrived, once every unit has shipped and every shipment is delivered.</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }

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

    /// <summary>Unpaid or waiting for approval, and nothing shipped yet (once a box is on its way, devices come back by return).</summary>
    public bool CanCancel => _shipments.Count == 0 && Status is OrderStatus.AwaitingPayment or OrderStatus.AwaitingApproval;

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
        if (_shipments.Count > 0)
        {
            throw new DomainException($"Order {Number} has shipped, so it cannot be cancelled: return its devices instead.");
        }

        if (Status != OrderStatus.AwaitingApproval)
        {
            RequireAwaitingPayment("cancelled");
        }

        Status = OrderStatus.Cancelled;
    }

    /// <summary>
    /// A card order ships once paid; a purchase-order order ships once placed (or approved): the PO is the school's
    /// commitment to pay on net terms, which is what "PO accepted" means here.
    /// </summary>
    public bool IsReadyToShip => _lines.Count > 0 && (Status == OrderStatus.Paid || (Status == OrderStatus.AwaitingPayment && PaymentMethod == PaymentMethod.PurchaseOrder));

    public bool CanShip => IsReadyToShip && ShippedAt is null;

    public OrderStage Stage =>
        Status == OrderStatus.Cancelled ? OrderStage.Cancelled
        : Status == OrderStatus.AwaitingApproval ? OrderStage.AwaitingApproval
        : DeliveredAt is not null ? OrderStage.Delivered
        : ShippedAt is not null ? OrderStage.Shipped
        : _shipments.Count > 0 ? OrderStage.PartlyShipped
        : IsReadyToShip ? OrderStage.ReadyToShip
        : OrderStage.AwaitingPayment;

    public int QuantityShipped(Guid orderLineId) => _shipments.SelectMany(s => s.Lines).Where(l => l.OrderLineId == orderLineId).Sum(l => l.Quantity);

    public int QuantityToShip(OrderLine line) => line.Quantity - QuantityShipped(line.Id);

    /// <summary>The serials shipped on a line so far, in shipping order.</summary>
    public IReadOnlyList<string> SerialsShipped(Guid orderLineId) =>
        [.. _shipments.OrderBy(s => s.Sequence).SelectMany(s => s.Lines).Where(l => l.OrderLineId == orderLineId).SelectMany(l => l.SerialList)];

    /// <summary>
    /// The seller records a shipment: which lines, how many of each and the serials in the box. Serials are required for a
    /// listing sold as serialized units (<paramref name="serializedListings"/>); otherwise they are optional, but when given
    /// there is one per unit. A unit never ships twice.
    /// </summary>
    public Shipment Ship(Carrier carrier, string? carrierName, string trackingNumber, IReadOnlyList<ShipmentItem> items, IReadOnlySet<Guid> serializedListings,
        Guid byUserId, DateTimeOffset at)
    {
        if (!IsReadyToShip)
        {
            throw new DomainException(Stage switch
            {
                OrderStage.Cancelled => $"Order {Number} is cancelled, so nothing ships.",
                OrderStage.AwaitingApproval => $"Order {Number} waits for the school's approval, so it cannot ship yet.",
                _ => $"Order {Number} waits for its card payment, so it cannot ship yet.",
            });
        }

        if (ShippedAt is not null)
        {
            throw new DomainException($"Every unit of order {Number} has already shipped.");
        }

        if (Shipment.TrackingNumberProblem(trackingNumber) is { } problem)
        {
            throw new DomainException(problem);
        }

        var otherCarrier = carrierName?.Trim();
        if (carrier == Carrier.Other && string.IsNullOrEmpty(otherCarrier))
        {
            throw new DomainException("Name the carrier.");
        }

        var shipping = items.Where(i => i.Quantity != 0 || i.Serials.Count > 0).ToList();
        if (shipping.Count == 0)
        {
            throw new DomainException("Choose what ships: a quantity for at least one line.");
        }

        var shipment = new Shipment
        {
            OrderId = Id,
            Sequence = _shipments.Count + 1,
            Carrier = carrier,
            CarrierName = carrier == Carrier.Other ? otherCarrier : null,
            TrackingNumber = trackingNumber.Trim().ToUpperInvariant(),
            ShippedByUserId = byUserId,
            ShippedAt = at,
        };
        var shippedSerials = new HashSet<string>(_shipments.SelectMany(s => s.Lines).SelectMany(l => l.SerialList), StringComparer.OrdinalIgnoreCase);
        foreach (var group in shipping.GroupBy(i => i.OrderLineId))
        {
            var line = _lines.SingleOrDefault(l => l.Id == group.Key) ?? throw new DomainException($"Order {Number} has no such line.");
            var quantity = group.Sum(i => i.Quantity);
            var serials = group.SelectMany(i => i.Serials).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
            var left = QuantityToShip(line);
            if (quantity < 1)
            {
                throw new DomainException($"{line.Title}: the quantity shipped must be at least 1.");
            }

            if (quantity > left)
            {
                throw new DomainException($"{line.Title}: {quantity} cannot ship, only {left} of the {line.Quantity} ordered {(left == 1 ? "is" : "are")} left to ship.");
            }

            if (serializedListings.Contains(line.ListingId) && serials.Count == 0)
            {
                throw new DomainException($"{line.Title} is sold as serialized units: enter the serial of each of the {quantity} shipped, one per line.");
            }

            if (serials.Count > 0 && serials.Count != quantity)
            {
                throw new DomainException($"{line.Title}: {quantity} units ship but {serials.Count} serials were entered; enter one serial per unit.");
            }

            if (serials.GroupBy(s => s, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new DomainException($"{line.Title}: serial {twice.Key} is entered twice.");
            }

            if (serials.FirstOrDefault(s => !shippedSerials.Add(s)) is { } again)
            {
                throw new DomainException($"Serial {again} has already shipped in order {Number}.");
            }

            if (serials.FirstOrDefault(s => s.Length > SerialNumberMaxLength) is { } tooLong)
            {
                throw new DomainException($"Serial \"{tooLong[..20]}…\" is longer than {SerialNumberMaxLength} characters.");
            }

            shipment.AddLine(new ShipmentLine { ShipmentId = shipment.Id, OrderLineId = line.Id, Quantity = quantity, Serials = string.Join('\n', serials) });
        }

        _shipments.Add(shipment);
        if (_lines.All(l => QuantityToShip(l) == 0))
        {
            ShippedAt = at;
        }

        return shipment;
    }

    /// <summary>A serial as manufacturers print them is at most 40 characters (Apple 12, Dell service tags 7, Lenovo 8–10, HP 10).</summary>
    public const int SerialNumberMaxLength = 40;

    /// <summary>
    /// A shipment arrived: the seller records the carrier's delivery date, or the school's receiving desk confirms receipt.
    /// The order is delivered when everything has shipped and every shipment is delivered.
    /// </summary>
    public Shipment ConfirmDelivery(Guid shipmentId, DateTimeOffset deliveredAt, DeliveryConfirmation by, Guid userId, DateTimeOffset now)
    {
        var shipment = _shipments.SingleOrDefault(s => s.Id == shipmentId) ?? throw new DomainException($"Order {Number} has no such shipment.");
        if (shipment.DeliveredAt is { } already)
        {
            throw new DomainException($"Shipment {shipment.Sequence} of order {Number} was already delivered on {already:MMMM d, yyyy}.");
        }

        if (deliveredAt > now)
        {
            throw new DomainException("The delivery date cannot be in the future.");
        }

        if (deliveredAt.UtcDateTime.Date < shipment.ShippedAt.UtcDateTime.Date)
        {
            throw new DomainException($"Shipment {shipment.Sequence} shipped on {shipment.ShippedAt:MMMM d, yyyy}: it cannot have arrived before.");
        }

        shipment.MarkDelivered(deliveredAt < shipment.ShippedAt ? shipment.ShippedAt : deliveredAt, by, userId);
        if (ShippedAt is not null && _shipments.All(s => s.IsDelivered))
        {
            DeliveredAt = _shipments.Max(s => s.DeliveredAt);
        }

        return shipment;
    }

    /// <summary>
    /// When units of a line reached the school: the delivery of the shipments that carried the given serials, or of every
    /// shipment of the line when none are named; null while one of them is still on its way.
    /// </summary>
    public DateTimeOffset? DeliveredAtOf(Guid orderLineId, IReadOnlyCollection<string> serials)
    {
        var carrying = _shipments.Where(s => s.Lines.Any(l => l.OrderLineId == orderLineId
            && (serials.Count == 0 || l.SerialList.Any(x => serials.Contains(x, StringComparer.OrdinalIgnoreCase))))).ToList();
        return carrying.Count == 0 || carrying.Any(s => !s.IsDelivered) ? null : carrying.Max(s => s.DeliveredAt);
    }

    /// <summary>How many units of a line have been delivered.</summary>
    public int QuantityDelivered(Guid orderLineId) =>
        _shipments.Where(s => s.IsDelivered).SelectMany(s => s.Lines).Where(l => l.OrderLineId == orderLineId).Sum(l => l.Quantity);

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

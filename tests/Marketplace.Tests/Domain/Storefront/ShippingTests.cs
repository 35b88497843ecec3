using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Tests.Domain.Storefront;

public sealed class ShippingTests
{
    private static readonly Guid Seller = Guid.NewGuid(), Shipper = Guid.NewGuid(), Receiver = Guid.NewGuid();
    private static readonly DateTimeOffset Placed = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<Guid> NoSerialized = new HashSet<Guid>();

    [Fact]
    public void A_purchase_order_order_ships_as_soon_as_it_is_placed_but_a_card_order_only_once_paid()
    {
        var (po, _) = OrderOf(PaymentMethod.PurchaseOrder, 3);
        var (card, cardLine) = OrderOf(PaymentMethod.Card, 3);

        Assert.True(po.IsReadyToShip);
        Assert.Equal(OrderStage.ReadyToShip, po.Stage);
        Assert.False(card.IsReadyToShip);
        var refused = Assert.Throws<DomainException>(() => Ship(card, (cardLine.Id, 1, [])));
        Assert.Equal($"Order {card.Number} waits for its card payment, so it cannot ship yet.", refused.Message);

        card.MarkPaid(Placed.AddHours(1));
        Ship(card, (cardLine.Id, 1, []));
        Assert.Equal(OrderStage.PartlyShipped, card.Stage);
    }

    [Fact]
    public void An_order_held_for_approval_or_cancelled_does_not_ship()
    {
        var (held, line) = OrderOf(PaymentMethod.PurchaseOrder, 2);
        held.HoldForApproval();
        Assert.Contains("waits for the school's approval", Assert.Throws<DomainException>(() => Ship(held, (line.Id, 1, []))).Message);

        var (cancelled, other) = OrderOf(PaymentMethod.PurchaseOrder, 2);
        cancelled.Cancel();
        Assert.Contains("is cancelled", Assert.Throws<DomainException>(() => Ship(cancelled, (other.Id, 1, []))).Message);
    }

    [Fact]
    public void Partial_shipments_add_up_to_the_ordered_quantity_and_never_beyond_it()
    {
        var (order, line) = OrderOf(PaymentMethod.PurchaseOrder, 5);

        Ship(order, (line.Id, 2, []));
        Assert.Equal((2, 3, OrderStage.PartlyShipped), (order.QuantityShipped(line.Id), order.QuantityToShip(line), order.Stage));
        Assert.Null(order.ShippedAt);

        var tooMany = Assert.Throws<DomainException>(() => Ship(order, (line.Id, 4, [])));
        Assert.Equal($"{line.Title}: 4 cannot ship, only 3 of the 5 ordered are left to ship.", tooMany.Message);

        Ship(order, (line.Id, 3, []), at: Placed.AddDays(2));
        Assert.Equal((OrderStage.Shipped, Placed.AddDays(2), 2), (order.Stage, order.ShippedAt, order.Shipments[1].Sequence));
        Assert.Contains("already shipped", Assert.Throws<DomainException>(() => Ship(order, (line.Id, 1, []))).Message);
    }

    [Fact]
    public void A_shipped_order_cannot_be_cancelled()
    {
        var (order, line) = OrderOf(PaymentMethod.PurchaseOrder, 2);
        Assert.True(order.CanCancel);
        Ship(order, (line.Id, 1, []));

        // The order page asks the same question, so it offers no cancel button once a box is on its way.
        Assert.False(order.CanCancel);
        Assert.Equal($"Order {order.Number} has shipped, so it cannot be cancelled: return its devices instead.", Assert.Throws<DomainException>(order.Cancel).Message);
    }

    [Fact]
    public void Serials_when_given_are_one_per_unit_and_never_ship_twice()
    {
        var (order, line) = OrderOf(PaymentMethod.PurchaseOrder, 4);

        Assert.Equal($"{line.Title}: 2 units ship but 1 serials were entered; enter one serial per unit.",
            Assert.Throws<DomainException>(() => Ship(order, (line.Id, 2, ["5CD1234ABC"]))).Message);
        Assert.Equal($"{line.Title}: serial 5CD1234ABC is entered twice.",
            Assert.Throws<DomainException>(() => Ship(order, (line.Id, 2, ["5CD1234ABC", "5cd1234abc"]))).Message);

        Ship(order, (line.Id, 2, ["5CD1234ABC", "5CD1234ABD"]));
        Assert.Equal($"Serial 5CD1234ABD has already shipped in order {order.Number}.",
            Assert.Throws<DomainException>(() => Ship(order, (line.Id, 2, ["5CD1234ABD", "5CD1234ABE"]))).Message);
        Assert.Equal(["5CD1234ABC", "5CD1234ABD"], order.SerialsShipped(line.Id));
    }

    [Fact]
    public void A_serialized_listing_ships_only_with_its_serials()
    {
        var (order, line) = OrderOf(PaymentMethod.PurchaseOrder, 2);
        var serialized = new HashSet<Guid> { line.ListingId };

        var refused = Assert.Throws<DomainException>(() =>
            order.Ship(Carrier.Ups, null, "1Z999AA10123456784", [new ShipmentItem(line.Id, 2, [])], serialized, Shipper, Placed));

        Assert.Equal($"{line.Title} is sold as serialized units: enter the serial of each of the 2 shipped, one per line.", refused.Message);
        order.Ship(Carrier.Ups, null, "1Z999AA10123456784", [new ShipmentItem(line.Id, 2, ["A1", "A2"])], serialized, Shipper, Placed);
    }

    [Theory]
    [InlineData("", "Enter the tracking number.")]
    [InlineData("12345", "A tracking number has 6 to 40 characters; \"12345\" has 5.")]
    [InlineData("1Z99<script>", "A tracking number holds letters, digits, spaces and dashes only; \"1Z99<script>\" has other characters.")]
    [InlineData("PENDING", "\"PENDING\" has no digits: it is not a tracking number.")]
    [InlineData("9400 1000 0000 0000 0000 00", null)]
    public void A_tracking_number_must_look_like_one(string number, string? problem) =>
        Assert.Equal(problem, Shipment.TrackingNumberProblem(number));

    [Fact]
    public void Another_carrier_must_be_named_and_only_known_carriers_get_a_tracking_link()
    {
        var (order, line) = OrderOf(PaymentMethod.PurchaseOrder, 2);

        Assert.Equal("Name the carrier.", Assert.Throws<DomainException>(() =>
            order.Ship(Carrier.Other, " ", "PRO-448812", [new ShipmentItem(line.Id, 1, [])], NoSerialized, Shipper, Placed)).Message);
        var freight = order.Ship(Carrier.Other, "Estes Express", "PRO-448812", [new ShipmentItem(line.Id, 1, [])], NoSerialized, Shipper, Placed);
        var ups = order.Ship(Carrier.Ups, null, "1z999aa10123456784", [new ShipmentItem(line.Id, 1, [])], NoSerialized, Shipper, Placed);

        Assert.Equal(("Estes Express", null), (freight.CarrierWords, freight.TrackingUrl));
        Assert.Equal("https://www.ups.com/track?tracknum=1Z999AA10123456784", ups.TrackingUrl!.ToString());
    }

    [Fact]
    public void The_order_is_delivered_when_everything_shipped_and_every_shipment_arrived()
    {
        var (order, line) = OrderOf(PaymentMethod.PurchaseOrder, 3);
        var first = Ship(order, (line.Id, 1, []), at: Placed.AddDays(1));
        order.ConfirmDelivery(first.Id, Placed.AddDays(3), DeliveryConfirmation.Seller, Shipper, Placed.AddDays(4));
        Assert.Null(order.DeliveredAt);

        var second = Ship(order, (line.Id, 2, []), at: Placed.AddDays(4));
        Assert.Equal(OrderStage.Shipped, order.Stage);
        order.ConfirmDelivery(second.Id, Placed.AddDays(6), DeliveryConfirmation.Buyer, Receiver, Placed.AddDays(6));

        Assert.Equal((OrderStage.Delivered, Placed.AddDays(6)), (order.Stage, order.DeliveredAt));
        Assert.Equal(DeliveryConfirmation.Buyer, second.DeliveryConfirmedBy);
        Assert.Contains("was already delivered", Assert.Throws<DomainException>(() =>
            order.ConfirmDelivery(second.Id, Placed.AddDays(6), DeliveryConfirmation.Buyer, Receiver, Placed.AddDays(7))).Message);
    }

    [Fact]
    public void A_delivery_is_neither_in_the_future_nor_before_the_shipment_left()
    {
        var (order, line) = OrderOf(PaymentMethod.PurchaseOrder, 1);
        var shipment = Ship(order, (line.Id, 1, []), at: Placed.AddDays(2));

        Assert.Equal("The delivery date cannot be in the future.", Assert.Throws<DomainException>(() =>
            order.ConfirmDelivery(shipment.Id, Placed.AddDays(5), DeliveryConfirmation.Seller, Shipper, Placed.AddDays(4))).Message);
        Assert.Contains("cannot have arrived before", Assert.Throws<DomainException>(() =>
            order.ConfirmDelivery(shipment.Id, Placed.AddDays(1), DeliveryConfirmation.Seller, Shipper, Placed.AddDays(4))).Message);
    }

    internal static Shipment Ship(Order order, (Guid Line, int Quantity, string[] Serials) item, DateTimeOffset? at = null) =>
        order.Ship(Carrier.Ups, null, "1Z999AA10123456784", [new ShipmentItem(item.Line, item.Quantity, item.Serials)], NoSerialized, Shipper, at ?? Placed);

    internal static (Order Order, OrderLine Line) OrderOf(PaymentMethod method, int quantity, int warrantyMonths = 12)
    {
        var listing = new Listing { SellerId = Seller, Title = "Dell Chromebook 3110", Price = 150m, WarrantyMonths = warrantyMonths, Category = DeviceCategory.Chromebook };
        listing.Restock(100);
        var order = new Order
        {
            Number = ReferenceNumber.New("ORD"), BuyerId = Guid.NewGuid(), PlacedByUserId = Guid.NewGuid(), SellerId = Seller, PaymentMethod = method,
            PurchaseOrderNumber = method == PaymentMethod.PurchaseOrder ? "PO-1" : null, ShipTo = "Lakeside Elementary", Shipping = 25m, PlacedAt = Placed,
        };
        order.AddLine(listing, quantity);
        return (order, order.Lines[0]);
    }
}

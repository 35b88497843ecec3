using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using static Marketplace.Tests.Domain.Storefront.ShippingTests;

namespace Marketplace.Tests.Domain.Storefront;

public sealed class ReturnRequestTests
{
    // Tuesday December 1, 2026; delivered Thursday December 3.
    private static readonly DateTimeOffset Placed = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Delivered = new(2026, 12, 3, 18, 0, 0, TimeSpan.Zero);
    private static readonly Guid School = Guid.NewGuid(), Seller = Guid.NewGuid(), Admin = Guid.NewGuid();

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void A_return_is_accepted_up_to_day_30_after_delivery(int days, bool accepted)
    {
        var (order, line) = DeliveredOrder(["SN1", "SN2"]);
        var at = Delivered.AddDays(days);

        if (accepted)
        {
            var request = ReturnRequest.Open(order, line, ReturnKind.Return, 1, ["SN1"], ReturnReason.DoesNotWork, null, [], School, at);
            Assert.Equal((1, "SN1", ReturnStatus.Requested), (request.Quantity, request.Serials, request.Status));
        }
        else
        {
            var refused = Assert.Throws<DomainException>(() => ReturnRequest.Open(order, line, ReturnKind.Return, 1, ["SN1"], ReturnReason.DoesNotWork, null, [], School, at));
            Assert.Equal($"The 30-day return window for {line.Title} closed on January 2, 2027; a unit that fails is covered by a warranty claim instead.", refused.Message);
        }
    }

    [Fact]
    public void Nothing_is_returned_before_it_is_delivered_nor_more_than_was_delivered()
    {
        var (order, line) = OrderOf(PaymentMethod.PurchaseOrder, 3);
        Ship(order, (line.Id, 3, []), at: Placed);
        Assert.Contains("has not been delivered yet", Assert.Throws<DomainException>(() =>
            ReturnRequest.Open(order, line, ReturnKind.Return, 1, [], ReturnReason.NoLongerNeeded, null, [], School, Delivered)).Message);

        order.ConfirmDelivery(order.Shipments[0].Id, Delivered, DeliveryConfirmation.Buyer, School, Delivered);
        var first = ReturnRequest.Open(order, line, ReturnKind.Return, 2, [], ReturnReason.NoLongerNeeded, null, [], School, Delivered);
        Assert.Equal($"{line.Title}: 2 cannot be returned, only 1 delivered unit is not already returned or claimed.", Assert.Throws<DomainException>(() =>
            ReturnRequest.Open(order, line, ReturnKind.Return, 2, [], ReturnReason.NoLongerNeeded, null, [first], School, Delivered)).Message);
    }

    [Fact]
    public void A_warranty_claim_names_shipped_serials_and_is_refused_after_the_warranty_months()
    {
        var (order, line) = DeliveredOrder(["SN1", "SN2"], warrantyMonths: 6);

        Assert.Contains("A warranty claim is per unit", Assert.Throws<DomainException>(() =>
            ReturnRequest.Open(order, line, ReturnKind.WarrantyClaim, 1, [], ReturnReason.DoesNotWork, null, [], School, Delivered.AddDays(40))).Message);
        Assert.Contains("Serial SN9 was not shipped", Assert.Throws<DomainException>(() =>
            ReturnRequest.Open(order, line, ReturnKind.WarrantyClaim, 1, ["SN9"], ReturnReason.DoesNotWork, null, [], School, Delivered.AddDays(40))).Message);

        var inWarranty = ReturnRequest.Open(order, line, ReturnKind.WarrantyClaim, 1, ["SN2"], ReturnReason.DoesNotWork, null, [], School, new DateTimeOffset(2027, 6, 3, 23, 0, 0, TimeSpan.Zero));
        Assert.Equal(ReturnKind.WarrantyClaim, inWarranty.Kind);
        var expired = Assert.Throws<DomainException>(() =>
            ReturnRequest.Open(order, line, ReturnKind.WarrantyClaim, 1, ["SN1"], ReturnReason.DoesNotWork, null, [], School, new DateTimeOffset(2027, 6, 4, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal($"The 6-month warranty of {line.Title} ended on June 3, 2027: this unit is out of warranty.", expired.Message);
    }

    [Fact]
    public void The_seller_has_three_business_days_and_only_then_does_the_platform_decide()
    {
        var (order, line) = DeliveredOrder(["SN1"]);
        // Requested Wednesday November 25, 2026, the day before Thanksgiving: Thursday and the weekend do not count.
        var (early, earlyLine) = DeliveredOrder(["SN7"], deliveredAt: new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        var request = ReturnRequest.Open(early, earlyLine, ReturnKind.Return, 1, ["SN7"], ReturnReason.NotAsDescribed, null, [], School,
            new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), request.SellerAnswerDue);

        var tooSoon = Assert.Throws<DomainException>(() => request.Approve("Send to our dock", Admin, byPlatform: true, new DateTimeOffset(2026, 12, 1, 9, 59, 0, TimeSpan.Zero)));
        Assert.Contains("the marketplace decides only after that", tooSoon.Message);
        Assert.True(request.IsOverdue(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)));
        request.Decline("Photos show liquid damage.", Admin, byPlatform: true, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal((ReturnStatus.Declined, true), (request.Status, request.DecidedByPlatform));
        Assert.Contains("already declined by the marketplace", Assert.Throws<DomainException>(() => request.Approve("x", Seller, false, Delivered.AddDays(10))).Message);

        var other = ReturnRequest.Open(order, line, ReturnKind.Return, 1, ["SN1"], ReturnReason.DoesNotWork, null, [], School, Delivered);
        other.Approve("Ship to 12 Dock Rd, mark the box with the RMA number.", Seller, byPlatform: false, Delivered.AddHours(1));
        Assert.Equal(ReturnStatus.Approved, other.Status);
    }

    [Fact]
    public void A_refund_is_bounded_by_what_was_paid_for_the_units_and_a_repair_is_for_warranty_only()
    {
        var (order, line) = DeliveredOrder(["SN1", "SN2"]);
        var request = ReturnRequest.Open(order, line, ReturnKind.Return, 2, ["SN1", "SN2"], ReturnReason.DoesNotWork, null, [], School, Delivered);
        Assert.Contains("is not approved", Assert.Throws<DomainException>(() => request.ResolveWithRefund(10m, Delivered)).Message);
        request.Approve("Ship back", Seller, false, Delivered);

        Assert.Equal("A refund for " + request.Number + " is between $0.01 and $300.00, what was paid for the 2 units.",
            Assert.Throws<DomainException>(() => request.ResolveWithRefund(300.01m, Delivered)).Message);
        Assert.Contains("not a repair", Assert.Throws<DomainException>(() => request.ResolveWithRepair(Delivered)).Message);
        request.ResolveWithRefund(250m, Delivered);
        Assert.Equal((ReturnStatus.Resolved, ReturnOutcome.Refund, 250m), (request.Status, request.Outcome, request.RefundAmount));
    }

    private static (Order Order, OrderLine Line) DeliveredOrder(string[] serials, int warrantyMonths = 12, DateTimeOffset? deliveredAt = null)
    {
        var (order, line) = OrderOf(PaymentMethod.PurchaseOrder, serials.Length, warrantyMonths);
        var at = deliveredAt ?? Delivered;
        var shipment = Ship(order, (line.Id, serials.Length, serials), at: at.AddDays(-1));
        order.ConfirmDelivery(shipment.Id, at, DeliveryConfirmation.Buyer, School, at);
        return (order, line);
    }
}

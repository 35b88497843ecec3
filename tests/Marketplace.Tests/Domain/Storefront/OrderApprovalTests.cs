using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Tests.Domain.Storefront;

public sealed class OrderApprovalTests
{
    private static readonly Guid Buyer = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, 5000.0, false)]
    [InlineData(1000.0, 1000.0, false)]
    [InlineData(1000.0, 1000.01, true)]
    [InlineData(0.0, 0.01, true)]
    public void A_school_order_needs_approval_only_above_its_limit(double? limit, double total, bool needs)
    {
        var school = new Organization { Name = "Lakeside Elementary", Kind = OrganizationKind.School };
        school.SetOrderApprovalLimit((decimal?)limit);

        Assert.Equal(needs, school.OrderNeedsApproval((decimal)total));
    }

    [Fact]
    public void Only_schools_set_an_approval_limit_and_never_a_negative_one()
    {
        var district = new Organization { Name = "Maple Valley SD", Kind = OrganizationKind.District };
        var school = new Organization { Name = "Lakeside Elementary", Kind = OrganizationKind.School };

        Assert.Throws<DomainException>(() => district.SetOrderApprovalLimit(500m));
        Assert.Throws<DomainException>(() => school.SetOrderApprovalLimit(-1m));
        district.SetOrderApprovalLimit(null);
        Assert.False(district.OrderNeedsApproval(1_000_000m));
    }

    [Fact]
    public void A_held_order_is_approved_by_someone_else_and_then_waits_for_payment()
    {
        var order = PlacedOrder();
        order.HoldForApproval();

        Assert.True(order.AwaitsApproval);
        Assert.False(order.CanChangePayment);
        Assert.Throws<DomainException>(() => order.MarkPaid(Now));
        Assert.Throws<DomainException>(() => order.PayByPurchaseOrder("PO-1"));
        var own = Assert.Throws<DomainException>(() => order.Approve(Buyer, Now));
        Assert.Contains("cannot approve it", own.Message);

        var approver = Guid.NewGuid();
        order.Approve(approver, Now);

        Assert.Equal((OrderStatus.AwaitingPayment, approver, Now), (order.Status, order.ApprovedByUserId, order.ApprovedAt));
        Assert.Throws<DomainException>(() => order.Approve(approver, Now));
        Assert.Throws<DomainException>(() => order.Reject("too late"));
    }

    [Fact]
    public void A_held_order_turned_down_is_cancelled_with_the_reason_and_cannot_be_approved_afterwards()
    {
        var order = PlacedOrder();
        order.HoldForApproval();

        order.Reject("  Over this term's budget.  ");

        Assert.Equal((OrderStatus.Cancelled, "Over this term's budget."), (order.Status, order.RejectionReason));
        Assert.Throws<DomainException>(() => order.Approve(Guid.NewGuid(), Now));
    }

    [Fact]
    public void The_buyer_may_withdraw_an_order_still_waiting_for_approval()
    {
        var order = PlacedOrder();
        order.HoldForApproval();

        order.Cancel();

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Null(order.RejectionReason);
    }

    [Fact]
    public void Only_an_order_being_placed_can_be_held_and_only_once()
    {
        var paid = PlacedOrder();
        paid.MarkPaid(Now);
        Assert.Throws<DomainException>(paid.HoldForApproval);

        var held = PlacedOrder();
        held.HoldForApproval();
        Assert.Throws<DomainException>(held.HoldForApproval);
    }

    private static Order PlacedOrder()
    {
        var seller = Guid.NewGuid();
        var listing = new Listing { Title = "Dell Chromebook 3110", Description = "Refurbished", Category = DeviceCategory.Chromebook, Grade = CosmeticGrade.A, Price = 129m, SellerId = seller, CreatedAt = Now };
        listing.Restock(40);
        var order = new Order { Number = "ORD-TEST01", BuyerId = Guid.NewGuid(), PlacedByUserId = Buyer, SellerId = seller, PaymentMethod = PaymentMethod.PurchaseOrder, ShipTo = "Lakeside", PlacedAt = Now };
        order.AddLine(listing, 30);
        return order;
    }
}

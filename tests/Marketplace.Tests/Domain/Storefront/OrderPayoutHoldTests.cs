using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using static Marketplace.Tests.Domain.Storefront.ShippingTests;

namespace Marketplace.Tests.Domain.Storefront;

public sealed class OrderPayoutHoldTests
{
    // Delivered Thursday December 3, 2026, in the evening (UTC): returns are accepted through January 2, 2027.
    private static readonly DateTimeOffset Delivered = new(2026, 12, 3, 23, 30, 0, TimeSpan.Zero);
    private static readonly OrderPayoutFacts Clear = new(InvoicePaid: true, CardPaymentDisputed: false, OpenReturns: 0, OpenDisputes: 0, W9OnFile: true);

    [Fact]
    public void The_payout_is_due_the_day_after_the_30_day_return_window_closes()
    {
        var order = DeliveredOrder();

        Assert.Equal(new DateOnly(2027, 1, 3), OrderPayoutHold.DueOn(order));
        Assert.Equal("the 30-day return window is open until January 2, 2027",
            OrderPayoutHold.Of(order, Clear, new DateTimeOffset(2027, 1, 2, 23, 59, 0, TimeSpan.Zero))?.Reason);
        Assert.Null(OrderPayoutHold.Of(order, Clear, new DateTimeOffset(2027, 1, 3, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void An_order_not_delivered_yet_has_no_due_date_and_is_held_for_its_delivery()
    {
        var (order, line) = OrderOf(PaymentMethod.PurchaseOrder, 1, 12);
        Ship(order, (line.Id, 1, ["SN1"]), at: Delivered);

        Assert.Null(OrderPayoutHold.DueOn(order));
        Assert.Equal("the order is not delivered yet", OrderPayoutHold.Of(order, Clear, Delivered.AddDays(60))?.Reason);
    }

    public static TheoryData<OrderPayoutFacts, string> Holds => new()
    {
        { Clear with { OpenReturns = 1 }, "a return request on the order is still open" },
        { Clear with { OpenReturns = 2 }, "2 return requests on the order are still open" },
        { Clear with { OpenDisputes = 1 }, "the buyer's dispute about the order is still open" },
        { Clear with { CardPaymentDisputed = true }, "the buyer's card payment is disputed; the funds wait until Stripe closes the dispute" },
        { Clear with { InvoicePaid = false }, "the buyer has not paid the invoice yet; sellers are paid from collected money" },
        { Clear with { W9OnFile = false }, "no W-9 on file" },
    };

    [Theory]
    [MemberData(nameof(Holds))]
    public void After_the_window_each_open_matter_holds_the_payout_with_its_reason_in_plain_words(OrderPayoutFacts facts, string reason) =>
        Assert.Equal(reason, OrderPayoutHold.Of(DeliveredOrder(), facts, Delivered.AddDays(45))?.Reason);

    [Fact]
    public void The_first_reason_is_the_one_given_when_several_hold_the_payout()
    {
        var everything = new OrderPayoutFacts(InvoicePaid: false, CardPaymentDisputed: true, OpenReturns: 1, OpenDisputes: 1, W9OnFile: false);

        Assert.Equal("a return request on the order is still open", OrderPayoutHold.Of(DeliveredOrder(), everything, Delivered.AddDays(45))?.Reason);
        Assert.StartsWith("the 30-day return window", OrderPayoutHold.Of(DeliveredOrder(), everything, Delivered.AddDays(1))?.Reason);
    }

    private static Order DeliveredOrder()
    {
        var (order, line) = OrderOf(PaymentMethod.PurchaseOrder, 1, 12);
        var shipment = Ship(order, (line.Id, 1, ["SN1"]), at: Delivered.AddDays(-2));
        order.ConfirmDelivery(shipment.Id, Delivered, DeliveryConfirmation.Buyer, Guid.NewGuid(), Delivered);
        return order;
    }
}

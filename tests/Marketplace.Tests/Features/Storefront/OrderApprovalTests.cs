using System.Net;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Storefront;

/// <summary>
/// A school separates who orders from who approves spending: orders above the school's limit wait for an approver
/// before anything is owed or the seller hears of them.
/// </summary>
public sealed class OrderApprovalTests(StorefrontApp app) : IClassFixture<StorefrontApp>
{
    [Fact]
    public async Task An_order_above_the_limit_waits_for_an_approver_with_its_stock_reserved_and_nothing_owed()
    {
        var school = await SchoolAsync(limit: 500m);
        var listingId = await ListingAsync(price: 120m, quantity: 10);

        var page = await school.Buyer.CheckOutAsync(listingId, quantity: 5, "PO-PW-2026-044");

        var order = await OrderOfAsync(listingId);
        Assert.Equal(OrderStatus.AwaitingApproval, order.Status);
        Assert.Contains("above your school's approval limit, so it waits for your approver", page);
        Assert.Contains("Awaiting approval", page);
        Assert.Contains("no invoice until the order is approved", page);
        Assert.DoesNotContain("Approve order", page);
        Assert.Equal(5, await StockAsync(listingId));
        Assert.False(await app.WithDbAsync(db => db.Invoices.AnyAsync(i => i.OrderId == order.Id)));
        Assert.False(await app.WithDbAsync(db => db.LedgerTransactions.AnyAsync(t => t.OrderId == order.Id)));

        var mail = await MailAboutAsync(order.Number);
        Assert.Equal([(school.ApproverEmail, $"Order {order.Number} needs your approval")], mail);

        var orders = WebUtility.HtmlDecode(await school.Buyer.GetPageAsync("/store/orders"));
        Assert.Contains("Waiting for approval (1)", orders);
    }

    [Fact]
    public async Task The_approver_approves_and_only_then_is_the_order_invoiced_posted_and_sent_to_the_seller()
    {
        var school = await SchoolAsync(limit: 500m);
        var listingId = await ListingAsync(price: 120m, quantity: 10);
        await school.Buyer.CheckOutAsync(listingId, quantity: 5, "PO-PW-2026-045");
        var order = await OrderOfAsync(listingId);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsAsync(school.BuyerEmail, new ApproveOrder.Command(order.Id)));
        await app.SendAsAsync(school.ApproverEmail, new ApproveOrder.Command(order.Id));

        var approved = await OrderOfAsync(listingId);
        var approverId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == school.ApproverEmail).Select(u => u.Id).SingleAsync());
        Assert.Equal((OrderStatus.AwaitingPayment, approverId), (approved.Status, approved.ApprovedByUserId));
        var invoice = await app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId == order.Id));
        Assert.Equal((625m, PaymentMethod.PurchaseOrder, "PO-PW-2026-045"), (invoice.Amount, invoice.Method, invoice.PurchaseOrderNumber));
        Assert.True(await app.WithDbAsync(db => db.LedgerTransactions.AnyAsync(t => t.OrderId == order.Id && t.Source == LedgerSource.StorefrontSale)));
        var mail = await MailAboutAsync(order.Number);
        Assert.Contains(("refurbisher@demo.k12", $"New order {order.Number}"), mail);
        Assert.Contains((school.BuyerEmail, $"Order {order.Number} approved"), mail);
        Assert.Contains((school.BuyerEmail, $"Order {order.Number} confirmed: invoice {invoice.Number}"), mail);

        var page = WebUtility.HtmlDecode(await school.Buyer.GetPageAsync($"/store/orders/{order.Id}"));
        Assert.Contains("approved by Grace Approver", page);
        Assert.Contains(invoice.Number, page);
        var twice = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(school.ApproverEmail, new ApproveOrder.Command(order.Id)));
        Assert.Contains("not waiting for approval", twice.Message);
    }

    [Fact]
    public async Task An_order_turned_down_goes_back_on_sale_and_the_buyer_sees_why()
    {
        var school = await SchoolAsync(limit: 500m);
        var listingId = await ListingAsync(price: 120m, quantity: 10);
        await school.Buyer.CheckOutAsync(listingId, quantity: 5, "PO-PW-2026-046");
        var order = await OrderOfAsync(listingId);

        var blank = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => app.SendAsAsync(school.ApproverEmail, new RejectOrder.Command(order.Id, " ")));
        Assert.Contains("Say why the order is turned down", blank.Message);
        await app.SendAsAsync(school.ApproverEmail, new RejectOrder.Command(order.Id, "Wait for the spring budget."));

        var rejected = await OrderOfAsync(listingId);
        Assert.Equal((OrderStatus.Cancelled, "Wait for the spring budget."), (rejected.Status, rejected.RejectionReason));
        Assert.Equal(10, await StockAsync(listingId));
        Assert.False(await app.WithDbAsync(db => db.Invoices.AnyAsync(i => i.OrderId == order.Id)));
        var page = WebUtility.HtmlDecode(await school.Buyer.GetPageAsync($"/store/orders/{order.Id}"));
        Assert.Contains("Not approved: Wait for the spring budget.", page);
        Assert.Contains((school.BuyerEmail, $"Order {order.Number} was not approved"), await MailAboutAsync(order.Number));
    }

    [Fact]
    public async Task The_buyer_may_withdraw_an_order_waiting_for_approval_and_nothing_is_posted()
    {
        var school = await SchoolAsync(limit: 100m);
        var listingId = await ListingAsync(price: 120m, quantity: 3);
        await school.Buyer.CheckOutAsync(listingId, quantity: 3, "PO-PW-2026-047");
        var order = await OrderOfAsync(listingId);

        await app.SendAsAsync(school.BuyerEmail, new CancelOrder.Command(order.Id));

        Assert.Equal(OrderStatus.Cancelled, (await OrderOfAsync(listingId)).Status);
        Assert.Equal(3, await StockAsync(listingId));
        Assert.False(await app.WithDbAsync(db => db.LedgerTransactions.AnyAsync(t => t.OrderId == order.Id)));
        Assert.DoesNotContain(await MailAboutAsync(order.Number), m => m.Subject.StartsWith("New order", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Orders_within_the_limit_and_an_approvers_own_orders_do_not_wait()
    {
        var school = await SchoolAsync(limit: 500m);
        var small = await ListingAsync(price: 100m, quantity: 10);
        var large = await ListingAsync(price: 100m, quantity: 10);

        await school.Buyer.CheckOutAsync(small, quantity: 4, "PO-PW-2026-048");
        await app.SendAsAsync(school.ApproverEmail, new AddToCart.Command(large, 9));
        await app.SendAsAsync(school.ApproverEmail, new Checkout.Command(PaymentMethod.PurchaseOrder, "PO-PW-2026-049", await app.SiteOfAsync(school.ApproverEmail)));

        Assert.Equal(OrderStatus.AwaitingPayment, (await OrderOfAsync(small)).Status);
        Assert.Equal(OrderStatus.AwaitingPayment, (await OrderOfAsync(large)).Status);
    }

    [Fact]
    public async Task The_schools_admin_sets_the_limit_and_nobody_else_can()
    {
        var school = await SchoolAsync(limit: null);

        var settings = WebUtility.HtmlDecode(await school.Admin.SubmitAsync("/organization/settings", "/organization/settings/approval-limit", new() { ["limit"] = "750" }));
        Assert.Contains("Orders above $750.00 now wait for an approver.", settings);
        Assert.Equal(750m, await app.WithDbAsync(db => db.Organizations.Where(o => o.Id == school.Id).Select(o => o.OrderApprovalLimit).SingleAsync()));

        var negative = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => app.SendAsAsync(school.AdminEmail, new SetOrderApprovalLimit.Command(-5m)));
        Assert.Contains("Enter a limit between $0", negative.Message);
        (await school.Buyer.PostFormAsync("/store", "/organization/settings/approval-limit", new() { ["limit"] = "1" })).AssertAccessDenied();
        Assert.Equal(750m, await app.WithDbAsync(db => db.Organizations.Where(o => o.Id == school.Id).Select(o => o.OrderApprovalLimit).SingleAsync()));
    }

    private sealed record School(Guid Id, string AdminEmail, BrowserClient Admin, string BuyerEmail, BrowserClient Buyer, string ApproverEmail);

    /// <summary>A school of its own: an admin, a buyer who is not an approver, and an approver.</summary>
    private async Task<School> SchoolAsync(decimal? limit)
    {
        var adminEmail = await app.AddOrganizationWithUserAsync($"Pinewood Middle School {Guid.NewGuid():N}", OrganizationKind.School, Roles.OrganizationAdmin);
        var schoolId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == adminEmail).Select(u => u.OrganizationId).SingleAsync());
        var buyerEmail = await app.AddUserAsync(schoolId, "Marcus Buyer", Roles.SchoolBuyer);
        var approverEmail = await app.AddUserAsync(schoolId, "Grace Approver", Roles.SchoolApprover);
        if (limit is not null)
        {
            await app.SendAsAsync(adminEmail, new SetOrderApprovalLimit.Command(limit));
        }

        return new School(schoolId, adminEmail, await BrowserClient.SignInAsync(app, adminEmail), buyerEmail, await BrowserClient.SignInAsync(app, buyerEmail), approverEmail);
    }

    private Task<Guid> ListingAsync(decimal price, int quantity) =>
        app.SendAsAsync(LotJourneys.Refurbisher, StockListings.Command($"Lenovo 300e Gen 3 {Guid.NewGuid():N}"[..30], "Refurbished, charger included.",
            DeviceCategory.Chromebook, CosmeticGrade.B, price, quantity, 12));

    private Task<Order> OrderOfAsync(Guid listingId) =>
        app.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Lines.Any(l => l.ListingId == listingId)));

    private Task<int> StockAsync(Guid listingId) =>
        app.WithDbAsync(db => db.Listings.Where(l => l.Id == listingId).Select(l => l.QuantityAvailable).SingleAsync());

    /// <summary>Every e-mail about the order, once the outbox has delivered all it queued about it.</summary>
    private async Task<List<(string To, string Subject)>> MailAboutAsync(string orderNumber)
    {
        await MarketplaceFactory.EventuallyAsync(
            () => app.WithDbAsync(async db => await db.OutboxMessages.AnyAsync(m => m.Payload.Contains(orderNumber) && m.CompletedAt == null) ? null : "delivered"),
            $"the outbox to deliver every e-mail about {orderNumber}");
        var mail = await app.WithDbAsync(db => db.EmailMessages.AsNoTracking().Where(m => m.Subject.Contains(orderNumber)).Select(m => new { m.To, m.Subject }).ToListAsync());
        return mail.Select(m => (m.To, m.Subject)).ToList();
    }
}

internal static class OrderApprovalBrowser
{
    /// <summary>Adds the listing to the cart and checks out by purchase order; returns the page the buyer lands on.</summary>
    public static async Task<string> CheckOutAsync(this BrowserClient buyer, Guid listingId, int quantity, string purchaseOrder)
    {
        await buyer.SubmitAsync($"/store/listings/{listingId}", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return WebUtility.HtmlDecode(await buyer.SubmitAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = purchaseOrder, ["ShipToSiteId"] = await buyer.ShipToSiteAsync(),
        }));
    }
}

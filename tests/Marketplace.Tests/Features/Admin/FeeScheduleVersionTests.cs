using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Admin;

/// <summary>Its own app: a fee change applies to every sale after it, which tests sharing an app would feel.</summary>
public sealed class FeeScheduleApp : MarketplaceFactory;

public sealed class FeeScheduleVersionTests(FeeScheduleApp app) : IClassFixture<FeeScheduleApp>
{
    private static readonly Uri OrdersUrl = new("http://marketplace.test/store/orders/");
    private const string Admin = "admin@demo.k12";

    [Fact]
    public async Task A_fee_change_leaves_earlier_sales_on_their_terms_and_applies_to_the_next_ones()
    {
        var lotBefore = await app.AwardedLotAsync(hammer: 1200m);
        var orderBefore = await OrderAsync(500m);
        var admin = await BrowserClient.SignInAsync(app, Admin);

        var saved = WebUtility.HtmlDecode(await admin.SubmitAsync("/admin/fees", "/admin/fees", new()
        {
            ["buyerPremiumPercent"] = "15", ["sellerCommissionPercent"] = "2", ["storefrontCommissionPercent"] = "10",
            ["minimumBuyerPremium"] = "0", ["minimumSellerCommission"] = "0", ["minimumStorefrontCommission"] = "60", ["reason"] = "Board-approved 2026-27 fees",
        }));
        Assert.Contains("Fee schedule version 2 saved", saved);

        var lotAfter = await app.AwardedLotAsync(hammer: 1200m);
        var orderAfter = await OrderAsync(500m);

        var sales = await app.WithDbAsync(db => db.Sales.AsNoTracking().Where(s => s.LotId == lotBefore.Id || s.LotId == lotAfter.Id).ToDictionaryAsync(s => s.LotId));
        Assert.Equal((1, 120m, 0m), (sales[lotBefore.Id].FeeScheduleId, sales[lotBefore.Id].BuyerPremium, sales[lotBefore.Id].SellerCommission));
        Assert.Equal((2, 180m, 24m), (sales[lotAfter.Id].FeeScheduleId, sales[lotAfter.Id].BuyerPremium, sales[lotAfter.Id].SellerCommission));
        var invoices = await app.WithDbAsync(db => db.Invoices.AsNoTracking().Where(i => i.Id == lotBefore.InvoiceId || i.Id == lotAfter.InvoiceId).ToDictionaryAsync(i => i.Id, i => i.Amount));
        Assert.Equal((1320m, 1380m), (invoices[lotBefore.InvoiceId], invoices[lotAfter.InvoiceId]));

        var orders = await app.WithDbAsync(db => db.Orders.AsNoTracking().Where(o => o.Id == orderBefore || o.Id == orderAfter).ToDictionaryAsync(o => o.Id));
        Assert.Equal((1, 0.08m, 40m), (orders[orderBefore].FeeScheduleId, orders[orderBefore].StorefrontCommissionRate, orders[orderBefore].StorefrontCommission));
        // 10% of 500 is 50: the new 60 minimum applies.
        Assert.Equal((2, 0.10m, 60m), (orders[orderAfter].FeeScheduleId, orders[orderAfter].StorefrontCommissionRate, orders[orderAfter].StorefrontCommission));
        var fee = await app.WithDbAsync(db => db.LedgerTransactions.Where(t => t.IdempotencyKey == $"order-sale:{orderAfter}")
            .SelectMany(t => t.Entries).Where(e => e.Account == LedgerAccount.PlatformFeeRevenue).SumAsync(e => e.Credit));
        Assert.Equal(60m, fee);

        var history = WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/fees"));
        Assert.Contains("version 2 in force", history);
        Assert.Contains("Board-approved 2026-27 fees", history);
        Assert.Contains("1 lot sale(s) · 1 order(s)", history);
    }

    [Theory]
    [InlineData("buyerPremiumPercent", "60", "Buyer's premium must be between 0% and 50%.")]
    [InlineData("storefrontCommissionPercent", "-1", "Storefront commission must be between 0% and 50%.")]
    [InlineData("minimumSellerCommission", "-5", "Minimum seller commission cannot be negative.")]
    [InlineData("sellerCommissionPercent", "", "Enter the seller commission in percent (0 to 50).")]
    public async Task A_bad_rate_or_minimum_is_named_and_no_version_is_saved(string field, string value, string message)
    {
        var before = await app.WithDbAsync(db => db.FeeSchedules.CountAsync());
        var admin = await BrowserClient.SignInAsync(app, Admin);
        var form = new Dictionary<string, string>
        {
            ["buyerPremiumPercent"] = "10", ["sellerCommissionPercent"] = "0", ["storefrontCommissionPercent"] = "8",
            ["minimumBuyerPremium"] = "0", ["minimumSellerCommission"] = "0", ["minimumStorefrontCommission"] = "0",
        };
        form[field] = value;

        var page = WebUtility.HtmlDecode(await admin.SubmitAsync("/admin/fees", "/admin/fees", form));

        Assert.Contains(message, page);
        Assert.Equal(before, await app.WithDbAsync(db => db.FeeSchedules.CountAsync()));
    }

    [Fact]
    public async Task Only_admins_see_or_change_the_fee_schedule()
    {
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);

        (await finance.Http.GetAsync("/admin/fees")).AssertAccessDenied();
    }

    private async Task<Guid> OrderAsync(decimal price)
    {
        var listingId = await app.SendAsAsync(LotJourneys.Refurbisher, StockListings.Command($"HP Chromebook 11 G9 {Guid.NewGuid():N}"[..28], null,
            DeviceCategory.Chromebook, CosmeticGrade.A, price, 1, 12));
        await app.SendAsAsync("school@demo.k12", new AddToCart.Command(listingId, 1));
        var placed = await app.SendAsAsync("school@demo.k12", new Checkout.Command(PaymentMethod.PurchaseOrder, "PO-LES-9001", await app.SiteOfAsync("school@demo.k12"), OrdersUrl));
        return Assert.Single(placed.OrderIds);
    }
}

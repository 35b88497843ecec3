using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Finance;

/// <summary>One app for the finance pages; a test that compares figures reads them before and after its own postings.</summary>
public sealed class FinanceApp : MarketplaceFactory;

public sealed partial class FinanceTests(FinanceApp app) : IClassFixture<FinanceApp>
{
    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");
    private static readonly Uri OrdersUrl = new("http://marketplace.test/store/orders/");

    [Fact]
    public async Task The_overview_figures_come_from_the_ledger_alone()
    {
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);
        var before = Figures(await finance.GetPageAsync("/finance"));

        // Postings with no lot, order or payout behind them: only a report that reads the ledger can see them.
        await app.WithDbAsync(async db =>
        {
            var key = Guid.NewGuid().ToString("N");
            var now = DateTimeOffset.UtcNow;
            var district = Guid.CreateVersion7();
            db.LedgerTransactions.AddRange(
                LedgerTransaction.Post($"test-lot-sale:{key}", LedgerSource.LotSale, "Lot sale posted by hand", now,
                [LedgerLine.Dr(LedgerAccount.BuyerReceivable, 1100m), LedgerLine.Cr(LedgerAccount.DistrictPayable, 1000m, district, FundingSource.State),
                 LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, 100m, fundingSource: FundingSource.State)], districtId: district),
                LedgerTransaction.Post($"test-order-sale:{key}", LedgerSource.StorefrontSale, "Order posted by hand", now,
                [LedgerLine.Dr(LedgerAccount.BuyerReceivable, 525m), LedgerLine.Cr(LedgerAccount.RefurbisherPayable, 485m), LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, 40m)]),
                LedgerTransaction.Post($"test-payout-released:{key}", LedgerSource.DistrictPayoutReleased, "Payout approved, posted by hand", now,
                [LedgerLine.Dr(LedgerAccount.DistrictPayable, 700m, district), LedgerLine.Cr(LedgerAccount.PayoutsInTransit, 700m, district)], districtId: district));
            await db.SaveChangesAsync();
        });

        var after = Figures(await finance.GetPageAsync("/finance"));

        // A payout moves money already earned: it is not revenue, so the district's 700 leaves the figures as they were.
        Assert.Equal(new Overview(before.BuybackRevenue + 1000m, before.PlatformFees + 140m, before.BuybackFees + 100m, before.StorefrontFees + 40m), after);
    }

    [Fact]
    public async Task The_invoices_list_shows_open_invoices_by_default_and_filters_by_status()
    {
        var open = await OrderInvoiceAsync();
        var paid = await OrderInvoiceAsync();
        await app.SendAsAsync(LotJourneys.Finance, new MarkInvoicePaid.Command(paid.Id, PaymentMethod.PurchaseOrder, "CHK-10442"));
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);

        var byDefault = await finance.GetPageAsync("/finance/invoices");
        var openOnly = await finance.GetPageAsync("/finance/invoices?status=Open");
        var paidOnly = await finance.GetPageAsync("/finance/invoices?status=Paid");
        var all = await finance.GetPageAsync("/finance/invoices?status=");

        Assert.All(new[] { byDefault, openOnly }, page =>
        {
            Assert.Contains(open.Number, page);
            Assert.DoesNotContain(paid.Number, page);
            Assert.Contains($"action=\"/finance/invoices/{open.Id}/paid\"", page);
        });
        Assert.Contains(paid.Number, paidOnly);
        Assert.Contains("CHK-10442", paidOnly);
        Assert.DoesNotContain(open.Number, paidOnly);
        Assert.Contains(open.Number, all);
        Assert.Contains(paid.Number, all);
    }

    [Fact]
    public async Task The_ledger_page_lists_each_transaction_with_its_accounts_counterparties_and_amounts()
    {
        var invoice = await OrderInvoiceAsync(price: 129m, quantity: 2);
        var order = await app.WithDbAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == invoice.OrderId));
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);

        var page = WebUtility.HtmlDecode(await finance.GetPageAsync("/finance/ledger"));

        var total = await app.WithDbAsync(db => db.LedgerTransactions.CountAsync());
        Assert.Contains($"{total} transactions.", page);
        var row = Regex.Match(page, $"Order {order.Number} placed</td>(.*?)</tr>(.*?)</tr>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"the ledger should list the posting of order {order.Number}");
        Assert.Matches($"Buyer receivable</td>\\s*<td class=\"small\">Lakeside Elementary School</td>\\s*<td class=\"text-end\">\\$283\\.00</td>", row.Groups[1].Value);
        Assert.Matches($"Refurbisher payable</td>\\s*<td class=\"small\">{DemoLots.Refurbisher}</td>\\s*<td class=\"text-end\"></td>\\s*<td class=\"text-end\">\\$262\\.36</td>", row.Value);
        Assert.Matches($"Platform fee revenue</td>\\s*<td class=\"small\"></td>\\s*<td class=\"text-end\"></td>\\s*<td class=\"text-end\">\\$20\\.64</td>", row.Value);
    }

    [Theory]
    [InlineData("district@demo.k12")]
    [InlineData("refurbisher@demo.k12")]
    [InlineData("school@demo.k12")]
    public async Task Finance_pages_are_closed_to_districts_refurbishers_and_schools(string email)
    {
        var user = await BrowserClient.SignInAsync(app, email);

        foreach (var url in FinancePages)
        {
            (await user.Http.GetAsync(url)).AssertAccessDenied();
        }
    }

    [Fact]
    public async Task Finance_pages_ask_an_anonymous_visitor_to_sign_in()
    {
        var anonymous = BrowserClient.Anonymous(app);

        foreach (var url in FinancePages)
        {
            (await anonymous.Http.GetAsync(url)).AssertSentToSignIn();
        }
    }

    [Fact]
    public async Task Finance_and_admin_open_the_finance_pages_but_only_finance_records_payments()
    {
        var invoice = await OrderInvoiceAsync();
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);
        var admin = await BrowserClient.SignInAsync(app, "admin@demo.k12");

        foreach (var url in FinancePages)
        {
            Assert.Contains("<h1 class=\"h3 mb-3\">Finance</h1>", await finance.GetPageAsync(url));
            Assert.Contains("<h1 class=\"h3 mb-3\">Finance</h1>", await admin.GetPageAsync(url));
        }

        Assert.Contains($"action=\"/finance/invoices/{invoice.Id}/paid\"", await finance.GetPageAsync("/finance/invoices"));
        Assert.DoesNotContain($"action=\"/finance/invoices/{invoice.Id}/paid\"", await admin.GetPageAsync("/finance/invoices"));
        (await admin.PostFormAsync("/finance/invoices", $"/finance/invoices/{invoice.Id}/paid", new() { ["method"] = nameof(PaymentMethod.Ach), ["reference"] = "ACH-BY-ADMIN" }))
            .AssertAccessDenied();
        Assert.Equal(InvoiceStatus.Open, await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == invoice.Id).Select(i => i.Status).SingleAsync()));
    }

    private static readonly string[] FinancePages = ["/finance", "/finance/invoices", "/finance/payouts", "/finance/ledger"];

    /// <summary>The demo school orders from a listing of its own by purchase order: one open invoice.</summary>
    private async Task<Invoice> OrderInvoiceAsync(decimal price = 150m, int quantity = 1)
    {
        var listingId = await app.SendAsAsync(LotJourneys.Refurbisher, StockListings.Command($"HP Chromebook 11 G9 {Guid.NewGuid():N}"[..28], null,
            DeviceCategory.Chromebook, CosmeticGrade.A, price, quantity, 12));
        await app.SendAsAsync("school@demo.k12", new AddToCart.Command(listingId, quantity));
        var placed = await app.SendAsAsync("school@demo.k12", new Checkout.Command(PaymentMethod.PurchaseOrder, "PO-LES-3001", await app.SiteOfAsync("school@demo.k12"), OrdersUrl));
        var invoiceId = Assert.Single(placed.InvoiceIds);
        return await app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId));
    }

    private sealed record Overview(decimal BuybackRevenue, decimal PlatformFees, decimal BuybackFees, decimal StorefrontFees);

    private static Overview Figures(string page)
    {
        var text = WebUtility.HtmlDecode(page);
        return new Overview(Stat(text, "buyback-revenue"), Stat(text, "platform-fees"), Stat(text, "buyback-fees"), Stat(text, "storefront-fees"));
    }

    private static decimal Stat(string page, string testId)
    {
        var match = Regex.Match(page, $"data-testid=\"{testId}\">(?:<a [^>]*>)?([^<]+)<");
        Assert.True(match.Success, $"the overview should show {testId}");
        return Money(match.Groups[1].Value);
    }

    private static decimal Money(string text) => decimal.Parse(text, NumberStyles.Currency, UnitedStates);
}

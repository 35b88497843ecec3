using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Data;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features;

public sealed partial class WalkingSkeletonTests : IAsyncLifetime
{
    private static readonly string[] Serials = ["5CD9041XK1", "5CD9041XK2", "5CD9041XK3"];
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_district_lot_is_sold_sanitized_certified_and_paid_out_while_a_school_buys_refurbished_stock_and_the_ledger_balances()
    {
        var district = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        var created = await district.PostFormAsync("/lots/new", "/lots/new", new()
        {
            ["Title"] = "2019 Chromebook refresh – Building A",
            ["PickupAddress"] = "Maple Valley MS, 22670 SE 231st St, Maple Valley, WA",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var lotUrl = created.Headers.Location!.OriginalString;
        var lotId = Guid.Parse(lotUrl[(lotUrl.LastIndexOf('/') + 1)..]);
        foreach (var (serial, index) in Serials.Select((s, i) => (s, i)))
        {
            await district.SubmitAsync(lotUrl, $"{lotUrl}/devices", new()
            {
                ["Serial"] = serial, ["AssetTag"] = $"MV-{index + 1:000}", ["Category"] = nameof(DeviceCategory.Chromebook), ["Manufacturer"] = "Dell",
                ["Model"] = "Chromebook 3100", ["Grade"] = nameof(CosmeticGrade.B), ["Functional"] = nameof(FunctionalStatus.Working),
            });
        }

        Assert.Contains("The lot is listed", await district.SubmitAsync(lotUrl, $"{lotUrl}/submit"));

        var refurbisher = await BrowserClient.SignInAsync(_factory, "refurbisher@demo.k12");
        await refurbisher.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/quote", new() { ["Amount"] = "1200.00", ["Note"] = "Includes chargers" });

        var quoteId = QuoteAcceptAction().Match(await district.GetPageAsync(lotUrl)).Groups[1].Value;
        Assert.Contains("The buyer has been invoiced", await district.SubmitAsync(lotUrl, $"{lotUrl}/quotes/{quoteId}/accept"));

        var purchaseUrl = $"/purchases/{lotId}";
        var invoiceId = InvoiceField().Match(await refurbisher.GetPageAsync(purchaseUrl)).Groups[1].Value;
        await refurbisher.SubmitAsync(purchaseUrl, $"{purchaseUrl}/pay/po", new() { ["invoiceId"] = invoiceId, ["purchaseOrderNumber"] = "PO-GC-2026-0042" });

        var finance = await BrowserClient.SignInAsync(_factory, "finance@demo.k12");
        await finance.SubmitAsync("/finance/invoices", $"/finance/invoices/{invoiceId}/paid", new() { ["method"] = nameof(PaymentMethod.Ach), ["reference"] = "ACH-TRACE-0042" });

        var pickupDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);
        await refurbisher.SubmitAsync(purchaseUrl, $"{purchaseUrl}/pickup/windows", new()
        {
            ["FirstWindowDay"] = pickupDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["FirstWindowFrom"] = "08:00", ["FirstWindowTo"] = "10:00",
        });
        var windowId = WindowChoice().Match(await district.GetPageAsync(lotUrl)).Groups[1].Value;
        await district.SubmitAsync(lotUrl, $"{lotUrl}/pickup/confirm", new()
        {
            ["WindowId"] = windowId, ["Dock"] = "Loading dock B", ["Contact"] = "Dana Whitfield, 425-555-0100", ["Packages"] = "1",
        });

        // Scanned out at the district's dock, handed over, scanned in at the buyer's facility.
        foreach (var serial in Serials)
        {
            await district.SubmitAsync($"{lotUrl}/scan", $"{lotUrl}/scan", new() { ["Value"] = serial, ["Box"] = "1" });
        }

        await district.SubmitAsync(lotUrl, $"{lotUrl}/hand-over", new() { ["ReleasedBy"] = "Dana Whitfield", ["CollectedBy"] = "Sam Ortiz", ["Packages"] = "1" });
        foreach (var serial in Serials)
        {
            await refurbisher.SubmitAsync($"{purchaseUrl}/scan", $"{purchaseUrl}/scan", new() { ["Value"] = serial });
        }

        await refurbisher.SubmitAsync(purchaseUrl, $"{purchaseUrl}/received");
        Assert.Equal(2 * Serials.Length, await _factory.WithDbAsync(db => db.DeviceScans.CountAsync(s => s.LotId == lotId && s.DeviceId != null)));
        await _factory.SanitizeThroughThePageAsync(lotId, Serials);

        var payout = await MarketplaceFactory.EventuallyAsync(
            () => _factory.WithDbAsync(db => db.Payouts.AsNoTracking().FirstOrDefaultAsync(p => p.LotId == lotId)),
            "the certificate and payout jobs");
        Assert.Equal((1200m, PayoutMethod.Ach, PayoutStatus.AwaitingApproval), (payout.Amount, payout.Method, payout.Status));
        Assert.Equal(LotStage.Certified, await StageAsync(lotId));
        await finance.SubmitAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/approve");
        Assert.Equal(LotStage.Certified, await StageAsync(lotId));
        Assert.Contains("The lot is settled", await finance.SubmitAsync("/finance/payouts", $"/finance/payouts/{payout.Id}/sent", new() { ["reference"] = "ACH-TRACE-0077" }));
        Assert.Equal(LotStage.Settled, await StageAsync(lotId));
        var lot = await _factory.WithDbAsync(db => db.Lots.AsNoTracking().SingleAsync(l => l.Id == lotId));

        var code = await _factory.WithDbAsync(db => db.Certificates.Where(c => c.LotId == lotId).Select(c => c.VerificationCode).SingleAsync());
        var pdf = await district.Http.GetAsync($"{lotUrl}/certificate.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var pdfPath = Path.Combine(_factory.DataFolder, "certificate.pdf");
        await File.WriteAllBytesAsync(pdfPath, await pdf.Content.ReadAsByteArrayAsync());
        var text = await ExternalTool.RunAsync("pdftotext", "-layout", pdfPath, "-");
        Assert.All(Serials, serial => Assert.Contains(serial, text));
        Assert.Contains(code, text);
        Assert.Contains(lot.Number, text);

        await ExternalTool.RunAsync("pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", pdfPath, Path.Combine(_factory.DataFolder, "certificate-page"));
        var pageImage = Assert.Single(Directory.GetFiles(_factory.DataFolder, "certificate-page*.png"));
        var qr = await ExternalTool.RunAsync("zbarimg", "--raw", "-q", pageImage);
        Assert.Equal($"http://marketplace.test/verify/{code}", qr.Trim());

        var verification = await BrowserClient.Anonymous(_factory).GetPageAsync($"/verify/{code}");
        Assert.Contains("Genuine", verification);
        Assert.Contains(lot.Number, verification);

        var overview = await finance.GetPageAsync("/finance");
        // The platform's fees on the lot (buyer's premium + commission); buyback revenue is the district's proceeds.
        Assert.EndsWith("120.00", Stat(overview, "buyback-fees"));
        Assert.EndsWith("1,200.00", Stat(overview, "paid-out"));

        var school = await BrowserClient.SignInAsync(_factory, "school@demo.k12");
        var listingId = await _factory.WithDbAsync(db => db.Listings.Where(l => l.Price == 129m).Select(l => l.Id).SingleAsync());
        await school.SubmitAsync($"/store/listings/{listingId}", "/store/cart", new() { ["listingId"] = listingId.ToString(), ["quantity"] = "3" });
        var orderPage = await school.SubmitAsync("/store/checkout", "/store/checkout", new()
        {
            ["Method"] = nameof(PaymentMethod.PurchaseOrder), ["PurchaseOrderNumber"] = "PO-LES-0917", ["ShipToSiteId"] = await school.ShipToSiteAsync(),
        });
        var order = await _factory.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync());
        Assert.Contains("Order placed", orderPage);
        Assert.Contains(order.Number, orderPage);
        Assert.Contains("PO-LES-0917", orderPage);
        Assert.Equal(3 * 129m + 25m, order.Total);

        var transactions = await _factory.WithDbAsync(db => db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).ToListAsync());
        Assert.Equal(
            [LedgerSource.LotSale, LedgerSource.LotPayment, LedgerSource.DistrictPayoutReleased, LedgerSource.DistrictPayoutSent, LedgerSource.StorefrontSale],
            transactions.OrderBy(t => t.OccurredAt).Select(t => t.Source));
        Assert.All(transactions, t => Assert.Equal(t.Entries.Sum(e => e.Debit), t.Entries.Sum(e => e.Credit)));
        var entries = await _factory.WithDbAsync(db => db.LedgerEntries.Select(e => new { e.Debit, e.Credit }).ToListAsync());
        Assert.Equal(entries.Sum(e => e.Debit), entries.Sum(e => e.Credit));
    }

    private Task<LotStage> StageAsync(Guid lotId) => _factory.WithDbAsync(async db => (await db.ProgressOfAsync(lotId, CancellationToken.None)).Stage);

    private static string Stat(string page, string testId) =>
        WebUtility.HtmlDecode(Regex.Match(page, $"data-testid=\"{testId}\">([^<]+)<").Groups[1].Value);

    [GeneratedRegex("/lots/[0-9a-f-]{36}/quotes/([0-9a-f-]{36})/accept")]
    private static partial Regex QuoteAcceptAction();

    [GeneratedRegex("name=\"invoiceId\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex InvoiceField();

    [GeneratedRegex("name=\"WindowId\" id=\"window-[0-9a-f-]+\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex WindowChoice();
}

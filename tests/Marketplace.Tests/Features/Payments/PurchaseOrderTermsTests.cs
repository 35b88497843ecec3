using System.Globalization;
using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Payments;

/// <summary>An app with remit-to details configured and a wire threshold low enough for a storefront order to cross it.</summary>
public sealed class TermsApp : MarketplaceFactory
{
    public const decimal WireThreshold = 1_000m;

    public TermsApp()
    {
        Settings["Remittance:PayeeName"] = "K-12 Device Marketplace Receivables";
        Settings["Remittance:Address:0"] = "Lockbox 4410";
        Settings["Remittance:Address:1"] = "Seattle, WA 98101";
        Settings["Remittance:BankName"] = "Test Bank";
        Settings["Remittance:RoutingNumber"] = "110000000";
        Settings["Remittance:AccountNumber"] = "000123456789";
        Settings["Payments:WireThreshold"] = WireThreshold.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>Purchase orders on net terms: the invoice and packing slip PDFs, bank receipts, and the wire threshold.</summary>
public sealed class PurchaseOrderTermsTests(TermsApp app) : IClassFixture<TermsApp>
{
    private static readonly Uri OrdersUrl = new("http://marketplace.test/store/orders/");
    private const string School = "school@demo.k12";

    [Fact]
    public async Task The_invoice_pdf_carries_the_terms_the_due_date_the_purchase_order_and_where_to_remit()
    {
        var (invoice, _) = await OrderAsync(price: 150m, purchaseOrder: "PO-LES-8101");

        var text = await PdfTextAsync(School, $"/invoices/{invoice.Id}/invoice.pdf");

        Assert.Contains($"Invoice number {invoice.Number}".Replace(" ", ""), text.Replace(" ", ""));
        Assert.Matches(@"Terms\s+Net 30", text);
        Assert.Matches($@"Due date\s+{invoice.DueOn.ToString("MMMM d, yyyy", CultureInfo.GetCultureInfo("en-US"))}", text);
        Assert.Matches(@"Purchase order\s+PO-LES-8101", text);
        Assert.Contains("Lakeside Elementary School", text);
        Assert.Contains($"Quote invoice {invoice.Number} and purchase order PO-LES-8101", text);
        Assert.Contains("Payee: K-12 Device Marketplace Receivables", text);
        Assert.Contains("Checks to: Lockbox 4410, Seattle, WA 98101", text);
        Assert.Contains("routing (ABA) 110000000 · account 000123456789", text);
        Assert.Matches(@"Total due \(USD\)\s+175\.00", text);
        Assert.DoesNotContain("required for this amount", text);
    }

    [Fact]
    public async Task Finance_reads_every_invoice_pdf_and_another_organization_reads_none()
    {
        var (invoice, _) = await OrderAsync(price: 150m, purchaseOrder: "PO-LES-8102");

        Assert.Contains("PO-LES-8102", await PdfTextAsync(LotJourneys.Finance, $"/invoices/{invoice.Id}/invoice.pdf"));
        var refurbisher = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        Assert.Equal(HttpStatusCode.NotFound, (await refurbisher.Http.GetAsync($"/invoices/{invoice.Id}/invoice.pdf")).StatusCode);
    }

    [Fact]
    public async Task The_packing_slip_carries_the_purchase_order_and_no_prices_and_is_the_ordering_schools_alone()
    {
        var (_, order) = await OrderAsync(price: 150m, purchaseOrder: "PO-LES-8103");

        var forSchool = await PdfTextAsync(School, $"/store/orders/{order.Id}/packing-slip.pdf");

        Assert.Contains($"Packing slip — order {order.Number}", forSchool);
        Assert.Matches(@"Purchase order\s+PO-LES-8103", forSchool);
        Assert.Matches(@"1\s+HP Chromebook", forSchool);
        Assert.DoesNotContain("150.00", forSchool);
        var otherDistrict = await BrowserClient.SignInAsync(app, LotJourneys.District);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrict.Http.GetAsync($"/store/orders/{order.Id}/packing-slip.pdf")).StatusCode);
    }

    [Fact]
    public async Task Above_the_wire_threshold_the_invoice_shows_bank_instructions_and_refuses_a_card()
    {
        var (invoice, order) = await OrderAsync(price: 1_200m, purchaseOrder: "PO-LES-8104");

        var school = await BrowserClient.SignInAsync(app, School);
        var page = WebUtility.HtmlDecode(await school.GetPageAsync($"/store/orders/{order.Id}"));
        var text = await PdfTextAsync(School, $"/invoices/{invoice.Id}/invoice.pdf");

        Assert.Contains("data-testid=\"wire-instructions\"", page);
        Assert.Contains("110000000", page);
        Assert.Contains("Pay by ACH or wire (required for this amount)", text);
        Assert.Contains("cards are not accepted for them", text);
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            app.SendAsAsync(School, new StartCardPayment.Command(invoice.Id, OrdersUrl, OrdersUrl)));
        Assert.Contains("pay it by ACH or wire", refused.Message);
    }

    [Fact]
    public async Task Below_the_threshold_no_bank_instructions_are_pressed_on_the_buyer()
    {
        var (_, order) = await OrderAsync(price: 150m, purchaseOrder: "PO-LES-8105");
        var school = await BrowserClient.SignInAsync(app, School);

        Assert.DoesNotContain("data-testid=\"wire-instructions\"", await school.GetPageAsync($"/store/orders/{order.Id}"));
    }

    [Fact]
    public async Task Finance_records_a_wire_with_its_amount_date_and_bank_reference_and_it_posts_to_cash()
    {
        var (invoice, _) = await OrderAsync(price: 1_200m, purchaseOrder: "PO-LES-8106");
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await finance.SubmitAsync("/finance/invoices", $"/finance/invoices/{invoice.Id}/paid",
            new() { ["method"] = "Wire", ["amount"] = "1225.00", ["receivedOn"] = today, ["reference"] = "FEDWIRE-IMAD-20260907" });

        var paid = await app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id));
        Assert.Equal((InvoiceStatus.Paid, PaymentMethod.Wire, 1225m, DateOnly.Parse(today, CultureInfo.InvariantCulture), "FEDWIRE-IMAD-20260907"),
            (paid.Status, paid.Method, paid.AmountReceived, paid.ReceivedOn, paid.PaymentReference));
        var posting = await app.WithDbAsync(db => db.LedgerTransactions.Include(t => t.Entries).AsNoTracking().SingleAsync(t => t.IdempotencyKey == $"payment:{invoice.Id}"));
        Assert.Contains(posting.Entries, e => e.Account == LedgerAccount.Cash && e.Debit == 1225m);
        Assert.Contains(posting.Entries, e => e.Account == LedgerAccount.BuyerReceivable && e.Credit == 1225m);
        Assert.DoesNotContain(posting.Entries, e => e.Account == LedgerAccount.StripeClearing);
        Assert.Equal(posting.Entries.Sum(e => e.Debit), posting.Entries.Sum(e => e.Credit));
    }

    [Fact]
    public async Task A_receipt_for_the_wrong_amount_is_refused_with_the_reason_and_the_invoice_stays_open()
    {
        var (invoice, _) = await OrderAsync(price: 150m, purchaseOrder: "PO-LES-8107");
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var page = WebUtility.HtmlDecode(await finance.SubmitAsync("/finance/invoices", $"/finance/invoices/{invoice.Id}/paid",
            new() { ["method"] = "Ach", ["amount"] = "150.00", ["receivedOn"] = today, ["reference"] = "ACH-TRACE-1" }));

        Assert.Contains($"does not match invoice {invoice.Number} (175.00 USD)", page);
        Assert.Equal(InvoiceStatus.Open, await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == invoice.Id).Select(i => i.Status).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.LedgerTransactions.AnyAsync(t => t.IdempotencyKey == $"payment:{invoice.Id}")));
    }

    [Fact]
    public async Task Finance_sets_a_buyers_terms_on_the_terms_page_and_a_bad_value_is_named()
    {
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);
        var refurbisherId = await app.WithDbAsync(db => db.Organizations.Where(o => o.Name == DemoLots.Refurbisher).Select(o => o.Id).SingleAsync());

        var refused = WebUtility.HtmlDecode(await finance.SubmitAsync("/finance/terms", $"/finance/organizations/{refurbisherId}/terms", new() { ["netTermsDays"] = "200" }));
        Assert.Contains("Net terms must be between 0 (due on receipt) and 120 days.", refused);

        var saved = WebUtility.HtmlDecode(await finance.SubmitAsync("/finance/terms", $"/finance/organizations/{refurbisherId}/terms", new() { ["netTermsDays"] = "60" }));
        Assert.Contains("new invoices are due net 60", saved);
        Assert.Equal(60, await app.WithDbAsync(db => db.Organizations.Where(o => o.Id == refurbisherId).Select(o => o.NetTermsDays).SingleAsync()));

        var lot = await app.AwardedLotAsync();
        var invoice = await app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == lot.InvoiceId));
        Assert.Equal((60, DateOnly.FromDateTime(invoice.IssuedAt.UtcDateTime).AddDays(60)), (invoice.NetTermsDays, invoice.DueOn));
        await finance.SubmitAsync("/finance/terms", $"/finance/organizations/{refurbisherId}/terms", new() { ["netTermsDays"] = "30" });
    }

    [Fact]
    public async Task The_buyers_dashboard_and_invoices_page_flag_what_is_overdue()
    {
        var (invoice, _) = await OrderAsync(price: 150m, purchaseOrder: "PO-LES-8108");
        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE Invoices SET DueOn = {DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3)} WHERE Id = {invoice.Id}"));
        var school = await BrowserClient.SignInAsync(app, School);

        var dashboard = await school.GetPageAsync("/store");
        var overdue = WebUtility.HtmlDecode(await school.GetPageAsync("/invoices?overdue=true"));

        Assert.Contains("data-testid=\"overdue-invoices\"", dashboard);
        Assert.Contains(invoice.Number, overdue);
        Assert.Contains("Overdue", overdue);
        var refurbisher = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        Assert.DoesNotContain(invoice.Number, await refurbisher.GetPageAsync("/invoices"));
    }

    private async Task<(Invoice Invoice, Order Order)> OrderAsync(decimal price, string purchaseOrder)
    {
        var listingId = await app.SendAsAsync(LotJourneys.Refurbisher, StockListings.Command($"HP Chromebook 11 G9 {Guid.NewGuid():N}"[..28], null,
            DeviceCategory.Chromebook, CosmeticGrade.A, price, 1, 12));
        await app.SendAsAsync(School, new AddToCart.Command(listingId, 1));
        var placed = await app.SendAsAsync(School, new Checkout.Command(PaymentMethod.PurchaseOrder, purchaseOrder, await app.SiteOfAsync(School), OrdersUrl));
        var invoiceId = Assert.Single(placed.InvoiceIds);
        return await app.WithDbAsync(async db => (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId),
            await db.Orders.AsNoTracking().SingleAsync(o => o.Id == placed.OrderIds[0])));
    }

    private async Task<string> PdfTextAsync(string email, string url)
    {
        var user = await BrowserClient.SignInAsync(app, email);
        var response = await user.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = Path.Combine(app.DataFolder, $"doc-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
        return await ExternalTool.RunAsync("/usr/bin/pdftotext", "-layout", pdf, "-");
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E;

/// <summary>
/// The whole product in one journey, clicked through by the people who use it: a district sells a lot
/// of Chromebooks, a refurbisher buys, collects and wipes them, finance books the money, the district
/// gets its certificate and payout, and a school buys refurbished stock.
/// </summary>
public sealed class WalkingSkeletonTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string LotTitle = "2019 Chromebook refresh – Maple Valley High";

    private static readonly (string Serial, string Model, string Grade)[] Devices =
    [
        ("5CD0142XJ7", "Chromebook 3100", "A"),
        ("5CD0142XK2", "Chromebook 3100", "B"),
        ("5CD0142XM9", "Chromebook 3100", "C"),
    ];

    [Fact(Timeout = 300_000)]
    public async Task A_lot_goes_from_district_listing_to_certified_payout_and_a_school_buys_refurbished_stock()
    {
        fixture.RequireBrowser();
        var clock = Stopwatch.StartNew();
        var checkpoints = new Checkpoints(output, "walking-skeleton");
        await using var district = await UserSession.OpenAsync(fixture, checkpoints);
        await using var refurbisher = await UserSession.OpenAsync(fixture, checkpoints);
        await using var finance = await UserSession.OpenAsync(fixture, checkpoints);
        await using var school = await UserSession.OpenAsync(fixture, checkpoints);

        // Other journeys share the server: this one's money is what finance's totals gain while it runs, from before the award.
        await finance.SignInAsync("finance@demo.k12");
        await finance.AuditAsync("finance overview (before)");
        var revenueBefore = Money(await finance.Page.GetByTestId("buyback-fees").InnerTextAsync());
        var paidOutBefore = Money(await finance.Page.GetByTestId("paid-out").InnerTextAsync());

        // 1. The district lists a lot of three Chromebooks.
        await district.SignInAsync("district@demo.k12");
        await Expect(district.Page).ToHaveURLAsync(new Regex("/lots$"));
        await district.AuditAsync("lots index (empty)");
        await district.ClickLinkAsync("New lot");
        await district.AuditAsync("new lot");
        await district.FillAsync("Title", LotTitle);
        await district.FillAsync("Description (optional)", "Grade 9–12 student devices from the 2019 refresh, with chargers. Deprovisioned from Google Admin.");
        await district.FillAsync("Pickup address", "Loading dock, 22225 SE 231st St, Maple Valley, WA 98038");
        await district.ClickButtonAsync("Create lot");
        await district.ExpectFlashAsync("Lot created");
        await district.AuditAsync("lot details (draft, empty)");
        foreach (var (serial, model, grade) in Devices)
        {
            await district.FillAsync("Serial number", serial);
            await district.FillAsync("Manufacturer", "Dell");
            await district.FillAsync("Model", model);
            await district.SelectAsync("Cosmetic grade", grade);
            await district.ClickButtonAsync("Add device");
            await district.ExpectFlashAsync($"Added serial {serial}");
        }

        await Expect(district.Page.Locator("#devices tbody tr")).ToHaveCountAsync(Devices.Length);
        await district.AuditAsync("lot details (draft with devices)");
        await district.ClickButtonAsync("List for sale");
        await ExpectLotStatusAsync(district, "Listed");
        var lotNumber = (await district.Page.Locator("h1 + .text-muted .mono").InnerTextAsync()).Trim();
        var districtLotUrl = district.Page.Url;
        await district.AuditAsync("lot details (listed)");
        await district.StepAsync(1, "district-lists-lot");

        // 2. The refurbisher finds it on the marketplace and quotes.
        await refurbisher.SignInAsync("refurbisher@demo.k12");
        await Expect(refurbisher.Page).ToHaveURLAsync(new Regex("/market$"));
        await refurbisher.AuditAsync("market");
        await RowWith(refurbisher.Page, LotTitle).GetByRole(AriaRole.Link, new() { Name = lotNumber }).ClickAsync();
        await Expect(refurbisher.Page.GetByRole(AriaRole.Heading, new() { Name = LotTitle })).ToBeVisibleAsync();
        await refurbisher.AuditAsync("market lot");
        await refurbisher.FillAsync("Amount (USD)", "450");
        await refurbisher.FillAsync("Conditions and notes to the district (optional)", "Pickup within 10 business days; R2v3 facility in Tacoma.");
        await refurbisher.ClickButtonAsync("Submit quote");
        await refurbisher.ExpectFlashAsync("Your quote of");
        await refurbisher.AuditAsync("market lot (quoted)");
        await refurbisher.StepAsync(2, "refurbisher-quotes");

        // 3. The district accepts the quote.
        await district.Page.ReloadAsync();
        await district.AuditAsync("lot details (quotes)");
        await district.Page.GetByRole(AriaRole.Button, new() { Name = "Accept quote from GreenCycle ITAD" }).ClickAsync();
        await district.ExpectFlashAsync("Quote accepted");
        Assert.StartsWith("Accept GreenCycle ITAD's quote of $450.00", district.LastDialog);
        await ExpectLotStatusAsync(district, "Awarded");
        await district.AuditAsync("lot details (awarded)");
        await district.StepAsync(3, "district-accepts-quote");

        // 4. The refurbisher pays by purchase order; finance records the money arriving.
        await refurbisher.NavigateAsync("Lot marketplace");
        await refurbisher.AuditAsync("market (won lot)");
        await RowWith(refurbisher.Page, LotTitle).GetByRole(AriaRole.Link, new() { Name = lotNumber }).ClickAsync();
        await Expect(refurbisher.Page).ToHaveURLAsync(new Regex("/purchases/[0-9a-f-]{36}$"));
        var purchaseUrl = refurbisher.Page.Url;
        await refurbisher.AuditAsync("purchase details (awarded)");
        await refurbisher.FillAsync("Purchase order number", "PO-GC-2026-0117");
        await refurbisher.ClickButtonAsync("Pay by purchase order");
        await refurbisher.ExpectFlashAsync("Purchase order recorded");
        await refurbisher.AuditAsync("purchase details (po recorded)");

        await finance.ClickLinkAsync("Invoices");
        await Expect(finance.Page).ToHaveURLAsync(new Regex("/finance/invoices$"));
        await finance.AuditAsync("finance invoices");
        var invoice = RowWith(finance.Page, lotNumber);
        await invoice.GetByLabel(new Regex("^Method for")).SelectOptionAsync(new SelectOptionValue { Label = "ACH" });
        await invoice.GetByLabel(new Regex("^Payment reference for")).FillAsync("ACH-TRACE-0917-4411");
        await invoice.GetByRole(AriaRole.Button, new() { Name = "Mark paid" }).ClickAsync();
        await finance.ExpectFlashAsync("Payment recorded");
        await finance.ClickLinkAsync("Paid");
        await Expect(RowWith(finance.Page, lotNumber).GetByText("ACH-TRACE-0917-4411")).ToBeVisibleAsync();
        await finance.AuditAsync("finance invoices (paid)");
        await finance.StepAsync(4, "finance-marks-invoice-paid");

        // 5. The refurbisher proposes a pickup window, the district confirms it and hands the lot over at its dock, and the
        // refurbisher receives the devices.
        await refurbisher.Page.ReloadAsync();
        await refurbisher.AuditAsync("purchase details (paid, pickup windows form)");
        await refurbisher.FillAsync("Window 1: day", DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await refurbisher.FillAsync("Window 1: from", "10:00");
        await refurbisher.FillAsync("Window 1: to", "12:00");
        await refurbisher.ClickButtonAsync("Propose windows");
        await refurbisher.ExpectFlashAsync("1 pickup window proposed");

        await district.Page.ReloadAsync();
        await ExpectLotStatusAsync(district, "Paid");
        await district.AuditAsync("lot details (paid, window proposed)");
        await district.FillAsync("Dock, door or room", "Loading dock B");
        await district.FillAsync("On-site contact", "Dana Whitfield, (425) 555-0142");
        await district.FillAsync("Boxes or pallets", "1");
        await district.ClickButtonAsync("Confirm pickup window");
        await district.ExpectFlashAsync("Pickup confirmed for");
        await ExpectLotStatusAsync(district, "Pickup scheduled");
        await district.AuditAsync("lot details (pickup scheduled, hand-over form)");
        await district.FillAsync("Collected by (driver or technician)", "Sam Ortiz");
        await district.FillAsync("Seal numbers (optional)", "S-1001");
        await district.ClickButtonAsync("Record hand-over");
        await district.ExpectFlashAsync("Hand-over recorded");
        await ExpectLotStatusAsync(district, "In transit");

        await refurbisher.Page.ReloadAsync();
        await refurbisher.AuditAsync("purchase details (in transit)");
        var purchasePath = new Uri(purchaseUrl).AbsolutePath;
        await refurbisher.ScanAsync($"{purchasePath}/scan", Devices.Select(d => d.Serial), Devices.Length);
        await refurbisher.Page.GotoAsync(purchaseUrl);
        await refurbisher.ClickButtonAsync("Finish receiving");
        await refurbisher.ExpectFlashAsync("Receiving finished and reconciled");
        await Expect(refurbisher.Page.GetByTestId("reconciliation-summary")).ToContainTextAsync("everything arrived as declared");
        await refurbisher.StepAsync(5, "pickup-and-receiving");

        // 6. Sanitization per serial → certificate (background job) → PDF and public verification.
        await refurbisher.AuditAsync("purchase details (sanitization form)");
        await refurbisher.RecordOneMediumEachAsync(Devices.Select(d => d.Item1), "Priya Natarajan");
        await refurbisher.AuditAsync("purchase details (media awaiting validation)");

        // A second person of the processor validates each record and re-checks the sample (NIST SP 800-88 Rev. 2; R2v3).
        await using (var validator = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await validator.SignInAsync("technician@demo.k12");
            await validator.Page.GotoAsync(purchaseUrl);
            await validator.ValidateAndPassQualityControlAsync("Ken Okafor", Devices.Length);
            await validator.AuditAsync("purchase details (validated and re-checked)");
        }

        await refurbisher.Page.ReloadAsync();

        await refurbisher.ReloadUntilVisibleAsync(
            refurbisher.Page.GetByRole(AriaRole.Link, new() { Name = "Download certificate (PDF)" }), "certificate from the background job");
        await refurbisher.AuditAsync("purchase details (certified)");

        await district.Page.GotoAsync(districtLotUrl);
        var certificate = district.Page.GetByRole(AriaRole.Region, new() { Name = "Certificate of data destruction" });
        await district.ReloadUntilVisibleAsync(certificate, "certificate section");
        await district.AuditAsync("lot details (certified)");
        var code = (await certificate.Locator(".mono").InnerTextAsync()).Trim();
        var download = await district.Page.RunAndWaitForDownloadAsync(() => certificate.GetByRole(AriaRole.Link, new() { Name = "Download certificate (PDF)" }).ClickAsync());
        var pdfPath = Path.Combine(checkpoints.Folder, download.SuggestedFilename);
        await download.SaveAsAsync(pdfPath);
        Assert.Equal($"certificate-{code}.pdf", download.SuggestedFilename);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdfPath).AsSpan(0, 4)));

        await using (var stranger = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await stranger.Page.GotoAsync($"/verify/{code}");
            await Expect(stranger.Page.GetByRole(AriaRole.Heading, new() { Name = "Genuine certificate" })).ToBeVisibleAsync();
            await Expect(stranger.Page.GetByTestId("certificate-code")).ToHaveTextAsync(code);
            await stranger.AuditAsync("verify");
            await stranger.StepAsync(6, "certificate-verified");
        }

        // 7. Proof of destruction came first: the background job released the district's funds as an ACH payout,
        //    which finance approves (payable → in transit) and confirms with the bank's trace number (→ cash).
        await finance.ClickLinkAsync("Payouts");
        await Expect(finance.Page).ToHaveURLAsync(new Regex("/finance/payouts$"));
        var approve = finance.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Approve and send the payout of .+ for lot {Regex.Escape(lotNumber)}$") });
        await finance.ReloadUntilVisibleAsync(approve, "payout awaiting approval");
        await finance.AuditAsync("finance payouts (awaiting approval)");
        await approve.ClickAsync();
        await finance.ExpectFlashAsync("Payout approved");
        await RowWith(finance.Page, lotNumber).GetByLabel($"Bank reference for lot {lotNumber}").FillAsync("ACH-PAYOUT-5521-0093");
        await RowWith(finance.Page, lotNumber).GetByRole(AriaRole.Button, new() { Name = "Confirm sent" }).ClickAsync();
        await finance.ExpectFlashAsync("The lot is settled");
        await Expect(RowWith(finance.Page, lotNumber).GetByText("ACH-PAYOUT-5521-0093")).ToBeVisibleAsync();
        await finance.AuditAsync("finance payouts (sent)");

        await district.Page.ReloadAsync();
        await ExpectLotStatusAsync(district, "Settled");
        await district.AuditAsync("lot details (settled)");
        var payout = Money(await district.Page.Locator("p:has-text('Payout:') strong").InnerTextAsync());
        var premium = Money(await district.Page.Locator("dt:has-text(\"Buyer's premium\") + dd").InnerTextAsync());
        var commission = Money(await district.Page.Locator("dt:has-text('Seller commission') + dd").InnerTextAsync());
        Assert.Equal(450m - commission, payout);
        await district.StepAsync(7, "lot-settled");

        // 8. Finance sees the buyback revenue and the payout on the overview.
        await finance.ClickLinkAsync("Overview");
        await Expect(finance.Page).ToHaveURLAsync(new Regex("/finance$"));
        Assert.Equal(revenueBefore + premium + commission, Money(await finance.Page.GetByTestId("buyback-fees").InnerTextAsync()));
        Assert.Equal(paidOutBefore + payout, Money(await finance.Page.GetByTestId("paid-out").InnerTextAsync()));
        await Expect(finance.Page.GetByTestId("revenue-by-month").GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        await finance.AuditAsync("finance overview");

        // Finance narrows the dashboard to the district, follows its revenue bar to the ledger lines behind it, opens the
        // lot's money trail from its sale's transaction, and downloads those lines.
        await finance.Page.GetByLabel("District", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Maple Valley School District" });
        await finance.ClickButtonAsync("Apply");
        await Expect(finance.Page).ToHaveURLAsync(new Regex("/finance\\?.*district="));
        var byDistrict = finance.Page.GetByTestId("revenue-by-district");
        await Expect(byDistrict.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await finance.AuditAsync("finance overview (one district)");
        await byDistrict.GetByRole(AriaRole.Link, new() { Name = "Maple Valley School District" }).ClickAsync();
        await Expect(finance.Page).ToHaveURLAsync(new Regex("/finance/ledger\\?.*district="));
        await Expect(finance.Page.GetByTestId("selected-lines")).ToBeVisibleAsync();
        await finance.AuditAsync("finance ledger (drill-down)");
        var export = await finance.Page.RunAndWaitForDownloadAsync(() => finance.Page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await export.PathAsync());
        Assert.Contains(lotNumber, csv);
        await finance.Page.Locator("tbody tr", new() { HasText = lotNumber }).First.GetByRole(AriaRole.Link, new() { Name = "Lot", Exact = true }).ClickAsync();
        await Expect(finance.Page.GetByRole(AriaRole.Heading, new() { Name = $"Lot {lotNumber}" })).ToBeVisibleAsync();
        await finance.AuditAsync("finance money trail");
        await finance.StepAsync(8, "finance-overview");

        // 9. A school buys refurbished Chromebooks by purchase order.
        await school.SignInAsync("school@demo.k12");
        await Expect(school.Page).ToHaveURLAsync(new Regex("/store$"));
        await school.AuditAsync("store");
        await school.ClickLinkAsync("Dell Chromebook 3110 (refurbished)");
        await school.AuditAsync("listing");
        await school.FillAsync("Quantity", "5");
        await school.ClickButtonAsync("Add to cart");
        await school.ExpectFlashAsync("Added to your cart");
        await school.AuditAsync("cart");
        await school.ClickLinkAsync("Check out");
        await school.AuditAsync("checkout");
        await school.Page.GetByLabel("Purchase order (net 30 invoice)").CheckAsync();
        await school.FillAsync("Purchase order number", "LES-2026-044");
        await school.Page.GetByLabel("Lakeside Elementary – main office").CheckAsync();
        await school.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Place order") }).ClickAsync();
        await school.ExpectFlashAsync("Order placed");
        await Expect(school.Page).ToHaveURLAsync(new Regex("/store/orders/[0-9a-f-]{36}$"));
        await Expect(school.Page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Order ") })).ToBeVisibleAsync();
        await Expect(school.Page.GetByText("LES-2026-044")).ToBeVisibleAsync();
        await school.AuditAsync("order");
        await school.StepAsync(9, "school-orders");

        output.WriteLine($"Walking skeleton took {clock.Elapsed.TotalSeconds:0.0} s. Screenshots: {checkpoints.Folder}");
        checkpoints.AssertAccessible();
    }

    private static ILocator RowWith(IPage page, string text) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    private static Task ExpectLotStatusAsync(UserSession session, string status) =>
        Expect(session.Page.Locator("h1 + .text-muted .badge")).ToHaveTextAsync(status);

    /// <summary>Reads "$1,234.50" whatever currency symbol the server's culture prints.</summary>
    private static decimal Money(string text) =>
        decimal.Parse(Regex.Replace(text, @"[^\d.\-]", ""), CultureInfo.InvariantCulture);
}

using System.Text.RegularExpressions;
using Marketplace.E2E.Infrastructure;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E;

/// <summary>
/// The storefront from a school's side, on devices with their proof attached: the demo refurbisher bought a district's
/// surplus HP Chromebooks, had their data destruction certified and stocked them as serialized units. A school buyer
/// narrows the catalog with its facets, opens the listing and follows a unit's certificate link to the public
/// verification, adds the four as a class set, checks out by purchase order, and sees the order and its invoice PDF; the
/// refurbisher ships them with a tracking number and the school confirms delivery and asks to return one.
/// </summary>
public sealed class StorefrontJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Refurbisher = "refurbisher@demo.k12", School = "school@demo.k12";

    [Fact(Timeout = 300_000)]
    public async Task A_school_buys_a_certified_class_set_by_purchase_order_follows_its_tracking_and_asks_for_a_return()
    {
        fixture.RequireBrowser();
        var checkpoints = new Checkpoints(output, "storefront-journey");
        var server = fixture.Server;
        var (lotId, serials) = await server.CertifiedLotAsync("HP", "Chromebook 11 G9 EE", 4);
        var stocked = await server.SendAsAsync(Refurbisher, new StockFromLot.Command(lotId, serials, AllMatching: false, Model: null, FilterGrade: null,
            CosmeticGrade.A, FunctionalStatus.Working, BatteryHealthPercent: 92, WarrantyMonths: 12, Price: 139m));
        var listingId = Assert.Single(stocked.Listings).ListingId;

        await using var school = await UserSession.OpenAsync(fixture, checkpoints);
        await using var seller = await UserSession.OpenAsync(fixture, checkpoints);

        // 1. The school narrows the catalog to HP Chromebooks with at least three years of updates left.
        await school.SignInAsync(School);
        await school.Page.GotoAsync("/store");
        await Facet(school.Page, "Manufacturer", "HP").CheckAsync();
        await Facet(school.Page, "Years of updates left", "3+ years").CheckAsync();
        await school.ClickButtonAsync("Apply filters");
        await Expect(school.Page).ToHaveURLAsync(new Regex("make=HP.*years=3|years=3.*make=HP"));
        await school.AuditAsync("catalog (filtered)");
        await school.StepAsync(1, "catalog-filtered");

        // 2. The listing shows each unit's proof; the buyer follows one unit's certificate link to the public verification.
        await school.Page.Locator($"a[href='/store/listings/{listingId}']").First.ClickAsync();
        await Expect(school.Page).ToHaveURLAsync(new Regex($"/store/listings/{listingId}$"));
        await school.AuditAsync("listing (certified units)");
        await school.Page.GetByRole(AriaRole.Link, new() { Name = "Data destruction certified" }).First.ClickAsync();
        await Expect(school.Page).ToHaveURLAsync(new Regex("/verify/"));
        await Expect(school.Page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("certificate", RegexOptions.IgnoreCase) }).First).ToBeVisibleAsync();
        await school.AuditAsync("certificate verification");
        await school.StepAsync(2, "certificate-verified");

        // 3. A class set of the four identical units goes into the cart in one step.
        await school.Page.GotoAsync("/store/class-sets?quantity=4&make=HP");
        await school.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Add the set of 4 HP Chromebook 11 G9 EE from ") }).First.ClickAsync();
        await school.ExpectFlashAsync("Class set of 4 devices added to your cart.");
        await school.AuditAsync("cart (class set)");
        await school.StepAsync(3, "class-set-in-cart");

        // 4. Checkout by purchase order, to the school's site; the order and its invoice PDF.
        await school.ClickLinkAsync("Check out");
        await school.Page.GetByLabel("Purchase order (net 30 invoice)").CheckAsync();
        await school.FillAsync("Purchase order number", "LES-2026-CLASSSET");
        await school.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Place order") }).ClickAsync();
        await school.ExpectFlashAsync("Order placed");
        await Expect(school.Page).ToHaveURLAsync(new Regex("/store/orders/[0-9a-f-]{36}$"));
        var orderUrl = new Uri(school.Page.Url).AbsolutePath;
        var orderId = orderUrl.Split('/')[^1];
        await Expect(school.Page.GetByText("LES-2026-CLASSSET").First).ToBeVisibleAsync();
        await school.AuditAsync("order (placed)");
        var invoice = await school.Page.RunAndWaitForDownloadAsync(() => school.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^Invoice \S+ \(PDF\)$") }).ClickAsync());
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(await invoice.PathAsync()))[..4]));
        await school.StepAsync(4, "order-placed");

        // 5. The refurbisher ships the four with a tracking number; the school sees the tracking on its order.
        await seller.SignInAsync(Refurbisher);
        await seller.Page.GotoAsync($"/store/sales/{orderId}");
        await seller.AuditAsync("order to ship");
        await seller.SelectAsync("Carrier", "UPS");
        await seller.FillAsync("Tracking number", "1Z999AA10123456784");
        await seller.Page.Locator("#ship-serials-0").FillAsync(string.Join('\n', serials));
        await seller.ClickButtonAsync("Record shipment");
        await seller.ExpectFlashAsync("Shipment recorded (4 device(s), tracking 1Z999AA10123456784)");
        await seller.AuditAsync("order to ship (shipped)");
        await seller.StepAsync(5, "shipped");

        await school.Page.GotoAsync(orderUrl);
        await Expect(school.Page.GetByText("1Z999AA10123456784").First).ToBeVisibleAsync();
        await school.AuditAsync("order (shipped)");
        await school.StepAsync(6, "tracking-seen");

        // 6. The school confirms the box arrived and asks to return one unit that does not power on.
        await school.ClickButtonAsync("Confirm we received it");
        await school.ExpectFlashAsync("Receipt confirmed.");
        // The delivered order's page also offers a dispute form (its own "Reason"): the return form is its own region.
        var returnForm = school.Page.GetByRole(AriaRole.Region, new() { Name = "Return or warranty claim" });
        await returnForm.GetByLabel("Reason", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Does not work" });
        await returnForm.GetByLabel("Serials, one per line (counts as the units when given)").FillAsync(serials[0]);
        await returnForm.GetByLabel("What is wrong", new() { Exact = true }).FillAsync("Does not power on out of the box; tried two chargers.");
        // A real PNG to attach (a picture of the page itself stands in for the phone photo of the dead unit).
        var photo = await school.Page.ScreenshotAsync(new() { Clip = new() { X = 0, Y = 0, Width = 400, Height = 300 } });
        await returnForm.GetByLabel("Photos of what is wrong", new() { Exact = false }).SetInputFilesAsync(new FilePayload
        {
            Name = "dead-unit.png", MimeType = "image/png", Buffer = photo,
        });
        await school.AuditAsync("order (delivered, return and dispute forms)");
        await returnForm.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await school.ExpectFlashAsync("Request sent. The seller answers within 3 business days.");
        await school.Page.GotoAsync("/store/returns");
        var orderNumber = await server.QueryAsync(db => db.Orders.Where(o => o.Id == Guid.Parse(orderId)).Select(o => o.Number).SingleAsync());
        await Expect(RowWith(school.Page, orderNumber)).ToContainTextAsync("Requested");
        await school.AuditAsync("returns");
        await RowWith(school.Page, orderNumber).GetByRole(AriaRole.Link).First.ClickAsync();
        var thumbnail = school.Page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Photo 1 of .+: dead-unit\\.png$") });
        await Expect(thumbnail).ToBeVisibleAsync();
        // The browser drew the thumbnail the server made: a broken image has no natural width.
        await Expect(thumbnail).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await thumbnail.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The return's photo thumbnail did not load.");
        await school.AuditAsync("return (with photo)");
        await school.StepAsync(7, "return-requested");

        output.WriteLine($"Screenshots: {checkpoints.Folder}");
        checkpoints.AssertAccessible();
    }

    private static ILocator RowWith(IPage page, string text) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    private static ILocator Facet(IPage page, string facet, string value) =>
        page.GetByRole(AriaRole.Group, new() { Name = facet, Exact = true }).GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex($"^{Regex.Escape(value)}\\b") });
}

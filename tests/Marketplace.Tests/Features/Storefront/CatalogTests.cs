using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Storefront;

public sealed class CatalogApp : MarketplaceFactory;

/// <summary>The catalog page over HTTP: each test lists devices of a manufacturer of its own, so counts never cross tests.</summary>
public sealed partial class CatalogTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private const string School = "school@demo.k12";

    private static string NewMake() => $"Make{Guid.NewGuid():N}"[..16];

    private Task<Guid> ListAsync(string make, string model, CosmeticGrade grade, decimal price, int quantity, int ram = 4, (int, decimal)? tier1 = null,
        string seller = LotJourneys.Refurbisher) =>
        app.SendAsAsync(seller, StockListings.Command("", null, DeviceCategory.Chromebook, grade, price, quantity, 12, make, model, ram, tier1: tier1));

    private static int Shown(string page) =>
        ShowingLine().Match(page) is { Success: true } m ? int.Parse(m.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static int? FacetCount(string page, string name, string value) =>
        Regex.Match(page, $@"name=""{name}"" value=""{Regex.Escape(value)}""[^>]*/?>\s*<label[^>]*><span>[^<]*</span> <span[^>]*>\(([\d,]+)\)</span>") is { Success: true } m
            ? int.Parse(m.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)
            : null;

    [Fact]
    public async Task Facet_counts_and_the_total_follow_new_paused_resumed_and_sold_out_listings()
    {
        var make = NewMake();
        var a = await ListAsync(make, "Chromebook 100", CosmeticGrade.A, 120m, 5);
        await ListAsync(make, "Chromebook 100", CosmeticGrade.B, 100m, 5);
        var anonymous = BrowserClient.Anonymous(app);
        var url = $"/store?make={make}";

        var page = WebUtility.HtmlDecode(await anonymous.GetPageAsync(url));
        Assert.Equal((2, 1, 1), (Shown(page), FacetCount(page, "grade", "A"), FacetCount(page, "grade", "B")));

        var refurbisher = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        await refurbisher.SubmitAsync("/listings", $"/listings/{a}/pause");
        page = WebUtility.HtmlDecode(await anonymous.GetPageAsync(url));
        Assert.Equal((1, null, 1), (Shown(page), FacetCount(page, "grade", "A"), FacetCount(page, "grade", "B")));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/store/listings/{a}")).StatusCode);

        await refurbisher.SubmitAsync("/listings", $"/listings/{a}/resume");
        await ListAsync(make, "Chromebook 200", CosmeticGrade.A, 150m, 3);
        page = WebUtility.HtmlDecode(await anonymous.GetPageAsync(url));
        Assert.Equal((3, 2, 1), (Shown(page), FacetCount(page, "grade", "A"), FacetCount(page, "grade", "B")));

        // A school buys the last units of one listing: it leaves the catalog and the counts with it.
        await app.SendAsAsync(School, new AddToCart.Command(a, 5));
        await app.SendAsAsync(School, new Checkout.Command(Marketplace.Web.Domain.Finance.PaymentMethod.PurchaseOrder, "PO-CAT-1", await app.SiteOfAsync(School), new Uri("http://marketplace.test/store/orders/")));
        page = WebUtility.HtmlDecode(await anonymous.GetPageAsync(url));
        Assert.Equal((2, 1, 1), (Shown(page), FacetCount(page, "grade", "A"), FacetCount(page, "grade", "B")));
    }

    [Fact]
    public async Task A_listing_change_moves_the_catalog_sequence_and_tags_the_listing_and_a_changed_organization_gives_a_new_stamp()
    {
        var before = await RevisionAsync();
        var listing = await ListAsync(NewMake(), "Chromebook 300", CosmeticGrade.A, 99m, 2);
        var listed = await RevisionAsync();

        // The catalog index reads just this listing instead of rebuilding from every listing.
        Assert.Equal(before.Stamp, listed.Stamp);
        Assert.True(listed.Sequence > before.Sequence);
        Assert.Equal(listed.Sequence, await app.WithDbAsync(db => db.Listings.Where(l => l.Id == listing)
            .Select(l => EF.Property<long>(l, CatalogRevision.ListingSequence)).SingleAsync()));

        // An organization's change can touch every listing of a seller (its name, its certifications): a full rebuild.
        await app.SendAsAsync(School, new Marketplace.Web.Features.Organizations.SetOrderApprovalLimit.Command(2_600m));
        Assert.NotEqual(listed.Stamp, (await RevisionAsync()).Stamp);
        await app.SendAsAsync(School, new Marketplace.Web.Features.Organizations.SetOrderApprovalLimit.Command(2_500m));
    }

    private Task<CatalogRevision> RevisionAsync() =>
        app.WithDbAsync(db => db.CatalogRevisions.AsNoTracking().SingleAsync(r => r.Id == CatalogRevision.SingletonId));

    [Fact]
    public async Task Filters_in_the_url_combine_any_value_within_a_facet_and_every_facet()
    {
        var make = NewMake();
        await ListAsync(make, "Chromebook 100", CosmeticGrade.A, 90m, 5, ram: 4);
        await ListAsync(make, "Chromebook 100", CosmeticGrade.B, 95m, 5, ram: 8);
        await ListAsync(make, "Chromebook 100", CosmeticGrade.C, 250m, 5, ram: 8);
        var anonymous = BrowserClient.Anonymous(app);

        Assert.Equal(2, Shown(WebUtility.HtmlDecode(await anonymous.GetPageAsync($"/store?make={make}&grade=A&grade=B"))));
        Assert.Equal(1, Shown(WebUtility.HtmlDecode(await anonymous.GetPageAsync($"/store?make={make}&grade=A&grade=B&ram=8"))));
        var cheapEight = WebUtility.HtmlDecode(await anonymous.GetPageAsync($"/store?make={make}&ram=8&price=0-100"));
        Assert.Equal(1, Shown(cheapEight));
        Assert.Equal(1, FacetCount(cheapEight, "price", "200-300")); // the price facet counts without its own selection
        Assert.Equal(2, Shown(WebUtility.HtmlDecode(await anonymous.GetPageAsync($"/store?q={make}&ram=8"))));
        Assert.Contains("No devices match", await anonymous.GetPageAsync($"/store?make={make}&grade=D"));
    }

    [Fact]
    public async Task A_school_pays_the_tier_price_for_a_quantity_that_reaches_it()
    {
        var make = NewMake();
        var listing = await ListAsync(make, "Chromebook 300", CosmeticGrade.A, 130m, 40, tier1: (10, 115m));
        var product = WebUtility.HtmlDecode(await BrowserClient.Anonymous(app).GetPageAsync($"/store/listings/{listing}"));
        Assert.Contains("Quantity pricing", product);
        Assert.Contains("$115.00", product);
        Assert.Contains("Returns accepted within 30 days of delivery.", product);
        Assert.Contains(Marketplace.Web.Domain.Storefront.GradeMeanings.Cosmetic(CosmeticGrade.A), product);

        var (_, school) = await NewSchoolAsync();
        var cart = WebUtility.HtmlDecode(await school.SubmitAsync($"/store/listings/{listing}", "/store/cart", new() { ["listingId"] = listing.ToString(), ["quantity"] = "12" }));
        Assert.Contains("$1,380.00", cart);
        await school.SubmitAsync("/store/checkout", "/store/checkout", new() { ["Method"] = "PurchaseOrder", ["PurchaseOrderNumber"] = "PO-TIER-1", ["ShipToSiteId"] = await school.ShipToSiteAsync() });

        var line = await app.WithDbAsync(db => db.OrderLines.AsNoTracking().SingleAsync(l => l.ListingId == listing));
        Assert.Equal((12, 115m), (line.Quantity, line.UnitPrice));
        Assert.Equal(28, await app.WithDbAsync(db => db.Listings.Where(l => l.Id == listing).Select(l => l.QuantityAvailable).SingleAsync()));
    }

    [Fact]
    public async Task A_refurbisher_edits_its_own_listing_and_another_refurbisher_cannot_reach_it()
    {
        var make = NewMake();
        var listing = await ListAsync(make, "Chromebook 400", CosmeticGrade.B, 110m, 8);
        var refurbisher = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var version = await app.WithDbAsync(db => db.Listings.Where(l => l.Id == listing).Select(l => l.Version).SingleAsync());
        var form = new Dictionary<string, string>
        {
            ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Category"] = "Chromebook", ["Manufacturer"] = make,
            ["Model"] = "Chromebook 400", ["RamGb"] = "8", ["StorageGb"] = "64", ["ScreenInches"] = "11.6", ["Grade"] = "A", ["Functional"] = "Working",
            ["BatteryHealthPercent"] = "91", ["Price"] = "105", ["Quantity"] = "20", ["WarrantyMonths"] = "12", ["Tier1MinQuantity"] = "10", ["Tier1Price"] = "99",
        };

        var done = WebUtility.HtmlDecode(await refurbisher.SubmitAsync($"/listings/{listing}/edit", $"/listings/{listing}/edit", form));

        Assert.Contains("is updated.", done);
        var saved = await app.WithDbAsync(db => db.Listings.AsNoTracking().SingleAsync(l => l.Id == listing));
        Assert.Equal((8, 64, CosmeticGrade.A, 105m, 20, 99m), (saved.RamGb, saved.StorageGb, saved.Grade, saved.Price, saved.QuantityAvailable, saved.Tier1Price));
        Assert.Equal(1, Shown(WebUtility.HtmlDecode(await BrowserClient.Anonymous(app).GetPageAsync($"/store?make={make}&ram=8&grade=A"))));

        var (otherEmail, _) = await app.AddCertifiedRefurbisherAsync($"Other ITAD {Guid.NewGuid():N}"[..20]);
        var other = await BrowserClient.SignInAsync(app, otherEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/listings/{listing}/edit")).StatusCode);
        form["Price"] = "1";
        var refused = await other.PostFormAsync($"/store/listings/{listing}", $"/listings/{listing}/edit", form);
        Assert.Equal($"/store/listings/{listing}", refused.Headers.Location!.OriginalString); // sent back, not on to its listings
        Assert.Equal(105m, await app.WithDbAsync(db => db.Listings.Where(l => l.Id == listing).Select(l => l.Price).SingleAsync()));
    }

    [Fact]
    public async Task A_class_set_shows_single_listings_that_fill_it_and_a_sellers_combination_of_identical_devices()
    {
        var make = NewMake();
        var big = await ListAsync(make, "Chromebook 500", CosmeticGrade.A, 140m, 30);
        var six = await ListAsync(make, "Chromebook 600", CosmeticGrade.B, 100m, 6);
        var seven = await ListAsync(make, "Chromebook 600", CosmeticGrade.B, 104m, 7);
        var anonymous = BrowserClient.Anonymous(app);

        var ten = WebUtility.HtmlDecode(await anonymous.GetPageAsync($"/store/class-sets?quantity=10&make={make}"));
        Assert.Contains($"/store/listings/{big}", ten);
        Assert.Contains($"6 × <a href=\"/store/listings/{six}\"", ten);
        Assert.Contains($"4 × <a href=\"/store/listings/{seven}\"", ten);
        Assert.Contains("$1,016.00", ten); // 6 × $100 + 4 × $104

        var forty = WebUtility.HtmlDecode(await anonymous.GetPageAsync($"/store/class-sets?quantity=40&make={make}"));
        Assert.Contains("No single listing has 40 in stock", forty);
        Assert.DoesNotContain($"/store/listings/{six}", forty);
    }

    [Fact]
    public async Task A_buyer_adds_a_sellers_class_set_to_the_cart_in_one_step_and_a_set_that_runs_short_adds_nothing()
    {
        var make = NewMake();
        var six = await ListAsync(make, "Chromebook 700", CosmeticGrade.B, 100m, 6);
        var seven = await ListAsync(make, "Chromebook 700", CosmeticGrade.B, 104m, 7);
        var email = await app.AddOrganizationWithUserAsync($"Class Set School {Guid.NewGuid():N}"[..30], OrganizationKind.School);
        var school = await BrowserClient.SignInAsync(app, email);
        var page = $"/store/class-sets?quantity=10&make={make}";
        Assert.Contains("aria-label=\"Add the set of 10 ", WebUtility.HtmlDecode(await school.GetPageAsync(page)));

        var cart = await school.SubmitAsync(page, "/store/class-sets/cart", Set((six, 6), (seven, 4)));
        Assert.Contains("Class set of 10 devices added to your cart.", WebUtility.HtmlDecode(cart));
        Assert.Equal([(six, 6), (seven, 4)], await CartOfAsync(email));

        // Only 3 more of the second listing are left after the 4 in the cart: the set is refused whole.
        var refused = await school.PostFormAsync(page, "/store/class-sets/cart", Set((six, 1), (seven, 4)));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal([(six, 6), (seven, 4)], await CartOfAsync(email));
    }

    private static Dictionary<string, string> Set(params (Guid Listing, int Quantity)[] parts) =>
        parts.SelectMany((p, i) => new[] { ($"parts[{i}].ListingId", p.Listing.ToString()), ($"parts[{i}].Quantity", p.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)) })
            .ToDictionary(f => f.Item1, f => f.Item2);

    /// <summary>The listings and quantities in the person's cart, in the order the test listed them (by id: ids are time-ordered).</summary>
    private async Task<List<(Guid, int)>> CartOfAsync(string email) =>
        [.. (await app.WithDbAsync(db => db.CartItems.Where(c => db.Users.Any(u => u.Id == c.UserId && u.Email == email))
            .Select(c => new { c.ListingId, c.Quantity }).ToListAsync())).OrderBy(i => i.ListingId).Select(i => (i.ListingId, i.Quantity))];

    private async Task<(Guid SchoolId, BrowserClient Browser)> NewSchoolAsync()
    {
        var email = await app.AddOrganizationWithUserAsync($"Catalog School {Guid.NewGuid():N}"[..30], OrganizationKind.School);
        var schoolId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.OrganizationId).SingleAsync());
        return (schoolId, await BrowserClient.SignInAsync(app, email));
    }

    [GeneratedRegex(@"Showing [\d,]+–[\d,]+ of ([\d,]+) listings")]
    private static partial Regex ShowingLine();
}

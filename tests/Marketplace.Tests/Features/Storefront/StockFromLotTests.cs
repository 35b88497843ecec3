using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Domain.Lots;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Storefront;

public sealed class StockFromLotApp : MarketplaceFactory;

/// <summary>Storefront stock made of certified devices of bought lots: each test stocks a lot of its own.</summary>
public sealed partial class StockFromLotTests(StockFromLotApp app) : IClassFixture<StockFromLotApp>
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>A lot the refurbisher bought, received, sanitized and certified, with its certificate issued; its devices made by a maker of its own.</summary>
    private async Task<(SampleLot Lot, string Code, string Make)> CertifiedLotAsync(string buyer = DemoLots.Refurbisher, bool issueCertificate = true)
    {
        var lot = await app.SaveCertifiedAsync(900m, buyer);
        var make = $"Make{Guid.NewGuid():N}"[..14];
        var code = $"T{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        await app.WithDbAsync(async db =>
        {
            await db.Devices.Where(d => d.LotId == lot.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Manufacturer, make).SetProperty(d => d.RamGb, 4)
                .SetProperty(d => d.StorageGb, 32).SetProperty(d => d.AueDate, new DateOnly(2031, 6, 1)).SetProperty(d => d.PurchaseDate, new DateOnly(2021, 8, 15)));
            if (issueCertificate)
            {
                var last = await db.Certificates.OrderByDescending(c => c.Sequence).Select(c => new { c.Sequence, c.Sha256 }).FirstOrDefaultAsync();
                db.Certificates.Add(Certificate.Issue(lot.Id, code, DateTimeOffset.UtcNow, lot.Devices.Count, Pdf, last is null ? null : (last.Sequence, last.Sha256)));
                await db.SaveChangesAsync();
            }
        });
        return (lot, code, make);
    }

    private static StockFromLot.Command Stock(Guid lotId, IReadOnlyList<string> serials, decimal price = 149m, int? battery = 88) =>
        new(lotId, serials, AllMatching: false, Model: null, FilterGrade: null, CosmeticGrade.A, FunctionalStatus.Working, battery, 12, price);

    [Fact]
    public async Task A_refurbisher_stocks_chosen_serials_of_its_certified_lot_as_units_that_keep_their_device_lot_and_certificate()
    {
        var (lot, code, make) = await CertifiedLotAsync();
        var refurbisher = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var page = $"/listings/from-lot/{lot.Id}";
        Assert.Contains(SampleLots.Serials[2], await refurbisher.GetPageAsync(page));

        var response = await refurbisher.PostPairsAsync(page, page,
        [
            new("Serials", SampleLots.Serials[0]), new("Serials", SampleLots.Serials[1]), new("Grade", "A"), new("Functional", "Working"),
            new("BatteryHealthPercent", "91"), new("WarrantyMonths", "18"), new("Price", "139.00"), new("Tier1MinQuantity", "2"), new("Tier1Price", "129.00"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var listing = await app.WithDbAsync(db => db.Listings.AsNoTracking().SingleAsync(l => l.Manufacturer == make));
        Assert.Equal((true, 2, 139m, 18, CosmeticGrade.A, FunctionalStatus.Working, 91, "Chromebook 3100", 4, 32),
            (listing.IsSerialized, listing.QuantityAvailable, listing.Price, listing.WarrantyMonths, listing.Grade, listing.Functional, listing.BatteryHealthPercent,
                listing.Model, listing.RamGb, listing.StorageGb));
        Assert.Equal([new PriceTier(2, 129m)], listing.Tiers);
        var units = await app.WithDbAsync(db => db.ListingUnits.AsNoTracking().Where(u => u.ListingId == listing.Id).OrderBy(u => u.Serial).ToListAsync());
        Assert.Equal(SampleLots.Serials[..2], units.Select(u => u.Serial));
        Assert.All(units, u => Assert.Equal((lot.Id, code, 2021, ListingUnitStatus.Available), (u.LotId, u.CertificateCode, u.ModelYear, u.Status)));
        var left = WebUtility.HtmlDecode(await refurbisher.GetPageAsync(page));
        Assert.Contains(SampleLots.Serials[2], left);
        Assert.DoesNotContain($"value=\"{SampleLots.Serials[0]}\"", left);
    }

    [Fact]
    public async Task A_device_is_stocked_once_and_a_second_attempt_is_refused_naming_its_serials()
    {
        var (lot, _, make) = await CertifiedLotAsync();
        await app.SendAsAsync(LotJourneys.Refurbisher, Stock(lot.Id, [SampleLots.Serials[0]]));

        var refused = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(LotJourneys.Refurbisher, Stock(lot.Id, [SampleLots.Serials[0], SampleLots.Serials[1]])));

        Assert.Contains("Already stocked on a listing (a device is listed once): " + SampleLots.Serials[0], refused.Message);
        Assert.Equal(1, await app.WithDbAsync(db => db.ListingUnits.CountAsync(u => u.LotId == lot.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Listings.Where(l => l.Manufacturer == make).Select(l => l.QuantityAvailable).SingleAsync()));
    }

    [Fact]
    public async Task Stocking_more_of_the_same_sku_adds_units_to_its_listing_and_other_specs_get_a_listing_of_their_own()
    {
        var (lot, _, make) = await CertifiedLotAsync();
        await app.WithDbAsync(db => db.Devices.Where(d => d.LotId == lot.Id && d.Serial == SampleLots.Serials[2]).ExecuteUpdateAsync(s => s.SetProperty(d => d.RamGb, 8)));
        await app.SendAsAsync(LotJourneys.Refurbisher, Stock(lot.Id, [SampleLots.Serials[0]]));

        var result = await app.SendAsAsync(LotJourneys.Refurbisher, Stock(lot.Id, [SampleLots.Serials[1], SampleLots.Serials[2]], price: 155m));

        Assert.Equal([(1, false), (1, true)], result.Listings.OrderBy(l => l.IsNew).Select(l => (l.Units, l.IsNew)));
        var listings = await app.WithDbAsync(db => db.Listings.AsNoTracking().Where(l => l.Manufacturer == make).OrderBy(l => l.RamGb).ToListAsync());
        Assert.Equal([(4, 2, 155m), (8, 1, 155m)], listings.Select(l => (l.RamGb, l.QuantityAvailable, l.Price)));

        // The catalog shows both listings with counts that match them.
        var catalog = WebUtility.HtmlDecode(await BrowserClient.Anonymous(app).GetPageAsync($"/store?make={make}"));
        Assert.Equal((2, 1, 1, 2), (Shown(catalog), FacetCount(catalog, "ram", "4"), FacetCount(catalog, "ram", "8"), FacetCount(catalog, "grade", "A")));
        catalog = WebUtility.HtmlDecode(await BrowserClient.Anonymous(app).GetPageAsync($"/store?make={make}&ram=8"));
        Assert.Equal((1, 1), (Shown(catalog), FacetCount(catalog, "ram", "8")));
    }

    [Fact]
    public async Task Only_the_buyer_of_a_certified_lot_stocks_its_devices()
    {
        var (lot, _, _) = await CertifiedLotAsync();
        var (other, _) = await app.AddCertifiedRefurbisherAsync($"Other Refurbisher {Guid.NewGuid():N}"[..30]);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsAsync(other, Stock(lot.Id, [SampleLots.Serials[0]])));
        await Assert.ThrowsAsync<NotFoundException>(() => app.QueryAsAsync(other, new GetLotStockChoices.Query(lot.Id)));
        var (uncertified, _, _) = await CertifiedLotAsync(issueCertificate: false);
        var refused = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(LotJourneys.Refurbisher, Stock(uncertified.Id, [SampleLots.Serials[0]])));
        Assert.Contains("certificate of data destruction is not issued yet", refused.Message);
        var sources = await app.QueryAsAsync(LotJourneys.Refurbisher, new GetStockSources.Query());
        Assert.Contains(sources, s => s.Source.LotId == lot.Id);
        Assert.DoesNotContain(sources, s => s.Source.LotId == uncertified.Id);
        Assert.Equal(0, await app.WithDbAsync(db => db.ListingUnits.CountAsync(u => u.LotId == lot.Id || u.LotId == uncertified.Id)));
    }

    [Fact]
    public async Task Devices_with_a_weak_battery_are_not_sold_as_working_and_the_refusal_names_them()
    {
        var (lot, _, _) = await CertifiedLotAsync();
        await app.WithDbAsync(db => db.Devices.Where(d => d.LotId == lot.Id && d.Serial == SampleLots.Serials[1]).ExecuteUpdateAsync(s => s.SetProperty(d => d.BatteryHealthPercent, 72)));

        var refused = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(LotJourneys.Refurbisher, Stock(lot.Id, [.. SampleLots.Serials], battery: 90)));

        Assert.Contains($"{SampleLots.Serials[1]}: 72%", refused.Message);
        Assert.Contains("battery health must be at least 80%", refused.Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.ListingUnits.CountAsync(u => u.LotId == lot.Id)));
    }

    [Fact]
    public async Task Every_matching_device_can_be_stocked_at_once_by_model_and_grade()
    {
        var (lot, _, make) = await CertifiedLotAsync();
        await app.WithDbAsync(db => db.Devices.Where(d => d.LotId == lot.Id && d.Serial == SampleLots.Serials[0]).ExecuteUpdateAsync(s => s.SetProperty(d => d.Grade, CosmeticGrade.C)));

        var result = await app.SendAsAsync(LotJourneys.Refurbisher,
            new StockFromLot.Command(lot.Id, [], AllMatching: true, "Chromebook 3100", CosmeticGrade.B, CosmeticGrade.B, FunctionalStatus.Working, 85, 6, 99m));

        Assert.Equal(2, result.Units);
        Assert.Equal([SampleLots.Serials[1], SampleLots.Serials[2]],
            await app.WithDbAsync(db => db.ListingUnits.Where(u => u.LotId == lot.Id).OrderBy(u => u.Serial).Select(u => u.Serial).ToListAsync()));
        var choices = await app.QueryAsAsync(LotJourneys.Refurbisher, new GetLotStockChoices.Query(lot.Id));
        Assert.Equal([SampleLots.Serials[0]], choices.Devices.Rows.Select(d => d.Serial));
        Assert.Equal(1, await app.WithDbAsync(db => db.Listings.CountAsync(l => l.Manufacturer == make)));
    }

    [Fact]
    public async Task The_product_page_shows_each_unit_s_model_year_and_updates_left_and_links_to_its_certificate_verification()
    {
        var (lot, code, make) = await CertifiedLotAsync();
        await app.SendAsAsync(LotJourneys.Refurbisher, Stock(lot.Id, [SampleLots.Serials[0]]));
        var listingId = await app.WithDbAsync(db => db.Listings.Where(l => l.Manufacturer == make).Select(l => l.Id).SingleAsync());
        var school = BrowserClient.Anonymous(app);

        var page = WebUtility.HtmlDecode(await school.GetPageAsync($"/store/listings/{listingId}"));

        Assert.Contains("The devices in stock and their proof", page);
        Assert.Contains(SampleLots.Serials[0], page);
        Assert.Contains("<td>2021</td>", page);
        Assert.Contains("June 2031", page);
        Assert.Contains("Data destruction certified", page);
        var link = $"/verify/{code}?serial={SampleLots.Serials[0]}";
        Assert.Contains($"href=\"{link}\"", page);
        var verification = WebUtility.HtmlDecode(await school.GetPageAsync(link));
        Assert.Contains(code, verification);
        Assert.Contains(lot.Lot.Number, verification);
    }

    [Fact]
    public async Task A_listing_without_serialized_units_shows_no_proof_it_does_not_have()
    {
        var id = await app.SendAsAsync(LotJourneys.Refurbisher, StockListings.Command($"Hand-typed {Guid.NewGuid():N}"[..30], null, DeviceCategory.Chromebook,
            CosmeticGrade.B, 99m, 4, 12));

        var page = WebUtility.HtmlDecode(await BrowserClient.Anonymous(app).GetPageAsync($"/store/listings/{id}"));

        Assert.DoesNotContain("Data destruction certified", page);
        Assert.DoesNotContain("/verify/", page);
        Assert.Contains("Battery health", page);
    }

    [Fact]
    public async Task Shipping_marks_held_serials_sold_and_keeps_the_counts_coherent()
    {
        var (lot, _, make) = await CertifiedLotAsync();
        await app.SendAsAsync(LotJourneys.Refurbisher, Stock(lot.Id, [.. SampleLots.Serials]));
        var listingId = await app.WithDbAsync(db => db.Listings.Where(l => l.Manufacturer == make).Select(l => l.Id).SingleAsync());
        await app.SendAsAsync("school@demo.k12", new AddToCart.Command(listingId, 2));
        await app.SendAsAsync("school@demo.k12", new Checkout.Command(Marketplace.Web.Domain.Finance.PaymentMethod.PurchaseOrder, "PO-UNITS-1", await app.SiteOfAsync("school@demo.k12"),
            new Uri("http://marketplace.test/store/orders/")));
        var orderId = await app.WithDbAsync(db => db.OrderLines.Where(l => l.ListingId == listingId).Select(l => l.OrderId).SingleAsync());

        var counts = await app.WithDbAsync(async db =>
        {
            await db.MarkSerialsSoldAsync(listingId, [SampleLots.Serials[0], SampleLots.Serials[2]], orderId, DateTimeOffset.UtcNow, CancellationToken.None);
            await db.SaveChangesAsync();
            return await db.UnitCountsAsync(await db.Listings.SingleAsync(l => l.Id == listingId), CancellationToken.None);
        });

        Assert.Equal(new UnitCounts(ForSale: 1, HeldByOrders: 0, Sold: 2), counts);
        var refused = await Assert.ThrowsAsync<DomainException>(() => app.WithDbAsync(db =>
            db.MarkSerialsSoldAsync(listingId, [SampleLots.Serials[1]], orderId, DateTimeOffset.UtcNow, CancellationToken.None)));
        Assert.Contains("Only 0 units", refused.Message);
    }

    private static int Shown(string page) =>
        ShowingLine().Match(page) is { Success: true } m ? int.Parse(m.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static int? FacetCount(string page, string name, string value) =>
        Regex.Match(page, $@"name=""{name}"" value=""{Regex.Escape(value)}""[^>]*/?>\s*<label[^>]*><span>[^<]*</span> <span[^>]*>\(([\d,]+)\)</span>") is { Success: true } m
            ? int.Parse(m.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"Showing [\d,]+–[\d,]+ of ([\d,]+) listings")]
    private static partial Regex ShowingLine();
}

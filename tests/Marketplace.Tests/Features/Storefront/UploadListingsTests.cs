using System.Net;
using System.Text;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Storefront;

public sealed class UploadListingsApp : MarketplaceFactory;

/// <summary>Bulk upload of listings: each test uses seller SKUs and a maker of its own.</summary>
public sealed class UploadListingsTests(UploadListingsApp app) : IClassFixture<UploadListingsApp>
{
    private static string NewMake() => $"Make{Guid.NewGuid():N}"[..14];

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private Task<HttpResponseMessage> UploadAsync(BrowserClient seller, string fileName, byte[] content, Dictionary<string, string>? fields = null) =>
        seller.PostFileAsync("/listings/upload", "/listings/upload", "file", fileName, content, fields);

    [Fact]
    public async Task A_file_with_any_bad_row_lists_nothing_and_names_each_problem_by_row_and_column()
    {
        var make = NewMake();
        var seller = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var file = Csv(
            "SKU,Brand,Model,Condition,Price,Quantity,Battery health,RAM,Storage",
            $"{make}-1,{make},Chromebook 3110,Excellent,129.00,10,92,4,32",
            $"{make}-2,{make},Chromebook 3110,Gently loved,119.00,5,90,4,32",
            $"{make}-3,{make},Chromebook 3110,Good,abc,5,90,4,32",
            $"{make}-1,{make},Chromebook 3110,Fair,99.00,5,72,4,32");

        var response = await UploadAsync(seller, "export.csv", file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was recorded: export.csv has 4 problems", page);
        Assert.Contains("Row 3, column 'Condition': \"Gently loved\" is not a condition we know. Accepted: A, B, C, D", page);
        Assert.Contains("Row 4, column 'Price': \"abc\" is not a number.", page);
        Assert.Contains($"Row 5, column 'SKU': {make}-1 is also on row 2; list each SKU once.", page);
        Assert.Contains("Row 5, column 'Battery health': A unit with 72% battery health cannot be sold as working", page);
        Assert.Equal(0, await app.WithDbAsync(db => db.Listings.CountAsync(l => l.Manufacturer == make)));
    }

    [Fact]
    public async Task Condition_words_of_other_marketplaces_map_to_our_grades_and_uploading_the_same_skus_again_updates_them()
    {
        var make = NewMake();
        var seller = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        string[] header = ["Custom label (SKU),Brand,Model,Item condition,Start price,Available quantity,Battery %,Memory,Storage capacity,Warranty"];
        var first = await UploadAsync(seller, "ebay.csv", Csv([.. header,
            $"{make}-A,{make},Chromebook 3110,Excellent - Refurbished,$139.00,12,91%,4 GB,32 GB,12",
            $"{make}-B,{make},Chromebook 3110,Renewed,129,8,88,4,32,6",
            $"{make}-C,{make},Chromebook 3110,Fair,99,3,85,4,64,6",
            $"{make}-P,{make},Chromebook 3110,For parts,25,20,,4,32,0"]));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var listings = await app.WithDbAsync(db => db.Listings.AsNoTracking().Where(l => l.Manufacturer == make).OrderBy(l => l.SellerSku).ToListAsync());
        Assert.Equal(
            [($"{make}-A", CosmeticGrade.A, FunctionalStatus.Working, 139m, 12), ($"{make}-B", CosmeticGrade.A, FunctionalStatus.Working, 129m, 8),
             ($"{make}-C", CosmeticGrade.C, FunctionalStatus.Working, 99m, 3), ($"{make}-P", CosmeticGrade.D, FunctionalStatus.ForParts, 25m, 20)],
            listings.Select(l => (l.SellerSku!, l.Grade, l.Functional, l.Price, l.QuantityAvailable)));
        Assert.All(listings, l => Assert.Equal(DeviceCategory.Chromebook, l.Category));

        var again = await UploadAsync(seller, "ebay.csv", Csv([.. header, $"{make}-A,{make},Chromebook 3110,Very good,$119.00,30,91%,4 GB,32 GB,12"]));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var updated = await app.WithDbAsync(db => db.Listings.AsNoTracking().Where(l => l.Manufacturer == make).ToListAsync());
        Assert.Equal(4, updated.Count);
        Assert.Equal((CosmeticGrade.B, 119m, 30), updated.Where(l => l.SellerSku == $"{make}-A").Select(l => (l.Grade, l.Price, l.QuantityAvailable)).Single());
        var catalog = WebUtility.HtmlDecode(await BrowserClient.Anonymous(app).GetPageAsync($"/store?make={make}"));
        Assert.Contains("of 4 listings", catalog);
    }

    [Fact]
    public async Task Headers_nobody_recognises_are_mapped_once_and_remembered_for_the_next_file()
    {
        var make = NewMake();
        var seller = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var file = Csv("Ref,Maker,Device,Cond,Cost,Count,Batt,RAM,Storage", $"{make}-1,{make},Chromebook 3110,B,99,4,90,4,32");

        var first = await UploadAsync(seller, "own.csv", file);

        var page = WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync());
        Assert.Contains("Nothing is recorded yet: choose the columns of own.csv", page);
        Assert.Contains("Seller SKU", page);
        Assert.Equal(0, await app.WithDbAsync(db => db.Listings.CountAsync(l => l.Manufacturer == make)));

        var mapped = await UploadAsync(seller, "own.csv", file, new()
        {
            ["map[SellerSku]"] = "Ref", ["map[Manufacturer]"] = "Maker", ["map[Model]"] = "Device", ["map[Condition]"] = "Cond", ["map[Price]"] = "Cost",
            ["map[Quantity]"] = "Count", ["map[BatteryHealthPercent]"] = "Batt",
        });
        Assert.Equal(HttpStatusCode.Redirect, mapped.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Listings.CountAsync(l => l.Manufacturer == make)));

        var remembered = await UploadAsync(seller, "own-2.csv", Csv("Ref,Maker,Device,Cond,Cost,Count,Batt,RAM,Storage", $"{make}-2,{make},Chromebook 3110,C,89,2,85,4,32"));
        Assert.Equal(HttpStatusCode.Redirect, remembered.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Listings.CountAsync(l => l.Manufacturer == make)));
    }

    [Fact]
    public async Task The_template_carries_every_column_and_uploads_as_it_is()
    {
        var seller = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var template = await seller.Http.GetByteArrayAsync("/listings/upload/template.csv");
        var text = Encoding.UTF8.GetString(template);
        Assert.All(UploadListings.Fields, f => Assert.Contains(f.Label, text));

        var make = NewMake();
        var response = await UploadAsync(seller, "template.csv", Encoding.UTF8.GetBytes(text.Replace("DL3110-A-4-32", $"{make}-T")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var listing = await app.WithDbAsync(db => db.Listings.AsNoTracking().SingleAsync(l => l.SellerSku == $"{make}-T"));
        Assert.Equal((CosmeticGrade.A, 129m, 40, new DateOnly(2031, 6, 1)), (listing.Grade, listing.Price, listing.QuantityAvailable, listing.AueDate!.Value));
        Assert.Equal(2, listing.Tiers.Count);
    }
}

using System.Net;
using Marketplace.Tests.Features.Imports;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Admin;

public sealed class ReferenceDataTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_reference_table_is_seeded_with_published_chromebook_AUE_dates()
    {
        var models = await _factory.WithDbAsync(db => db.DeviceModels.AsNoTracking().ToListAsync());
        Assert.True(models.Count >= 30, $"only {models.Count} models seeded");
        var dell3100 = Assert.Single(models, m => m.Name == "Dell Chromebook 3100");
        Assert.Equal(new DateOnly(2026, 6, 1), dell3100.AueDate);
        Assert.All(models.Where(m => m.Category != DeviceCategory.Chromebook), m => Assert.Null(m.AueDate));
    }

    [Fact]
    public async Task An_admin_adds_a_model_and_the_next_import_fills_its_AUE_and_maker()
    {
        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");
        await admin.SubmitAsync("/admin/models", "/admin/models", new()
        {
            ["name"] = "Acme Chromebook 900", ["manufacturer"] = "Acme", ["category"] = "Chromebook", ["aue"] = "2033-06", ["basePrice"] = "200",
        });
        var duplicate = await admin.SubmitAsync("/admin/models", "/admin/models", new() { ["name"] = "ACME chromebook-900", ["manufacturer"] = "Acme", ["category"] = "Chromebook" });
        Assert.Contains("is already in the reference table", WebUtility.HtmlDecode(duplicate));

        var kit = await ImportTestKit.StartAsync(_factory);
        var lot = await kit.CreateLotAsync();
        var job = await kit.UploadOkAsync(lot, "acme.csv", "Serial,Model\nACME-1,Acme Chromebook 900\n");
        await kit.MapAndCheckAsync(job);
        await kit.ConfirmAsync(job, acceptIssues: false);
        var device = Assert.Single(await kit.DevicesAsync(lot));
        Assert.Equal((new DateOnly(2033, 6, 1), "Acme", DeviceCategory.Chromebook), (device.AueDate!.Value, device.Manufacturer, device.Category));
    }

    [Fact]
    public async Task Changing_the_price_guide_changes_the_estimate()
    {
        var kit = await ImportTestKit.StartAsync(_factory);
        var lot = await kit.CreateLotAsync();
        var job = await kit.UploadOkAsync(lot, "one.csv", "Serial,Model,Category,Grade\nP-1,Some Desktop,Desktop,A\n");
        await kit.MapAndCheckAsync(job);
        await kit.ConfirmAsync(job, acceptIssues: false);
        Assert.Contains("$96 – $144", WebUtility.HtmlDecode(await kit.District.GetPageAsync($"/lots/{lot}")));

        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");
        var fields = new Dictionary<string, string>
        {
            ["GradeA"] = "1", ["GradeB"] = "0.8", ["GradeC"] = "0.55", ["GradeD"] = "0.3", ["MinorFault"] = "0.6", ["NotWorking"] = "0.2", ["ForParts"] = "0.1",
            ["FullRunwayYears"] = "5", ["ExpiredRunwayFactor"] = "0.15", ["RangeSpread"] = "0.1",
        };
        foreach (var category in Enum.GetValues<DeviceCategory>())
        {
            fields[$"CategoryPrices[{category}]"] = category == DeviceCategory.Desktop ? "200" : "50";
        }

        Assert.Contains("estimates of draft and listed lots are being updated", await admin.SubmitAsync("/admin/models", "/admin/price-guide", fields));
        await MarketplaceFactory.EventuallyAsync(
            () => _factory.WithDbAsync(async db => await db.Lots.AnyAsync(l => l.Id == lot && l.Manifest.EstimateLow == 180m) ? (object)true : null),
            "the open lots to be revalued with the new price guide");
        Assert.Contains("$180 – $220", WebUtility.HtmlDecode(await kit.District.GetPageAsync($"/lots/{lot}")));

        fields["RangeSpread"] = "5";
        var refused = await admin.SubmitAsync("/admin/models", "/admin/price-guide", fields);
        Assert.Contains("range spread must be between 0 and 0.9", WebUtility.HtmlDecode(refused));
    }

    [Fact]
    public async Task Only_admins_open_the_reference_data()
    {
        var district = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        var response = await district.Http.GetAsync("/admin/models");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.OriginalString);
    }
}

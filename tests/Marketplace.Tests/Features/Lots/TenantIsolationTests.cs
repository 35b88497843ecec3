using System.Net;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Features.Lots;

public sealed class TenantIsolationTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_district_cannot_read_or_change_another_districts_lot()
    {
        var owner = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        var created = await owner.PostFormAsync("/lots/new", "/lots/new", new() { ["Title"] = "Grade 5 Chromebooks" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var lotUrl = created.Headers.Location!.OriginalString;
        Assert.Contains("Grade 5 Chromebooks", await owner.GetPageAsync(lotUrl));
        Assert.StartsWith(_factory.DataFolder, Path.GetFullPath(Path.Combine(_factory.DataFolder, "marketplace.db")));
        Assert.True(File.Exists(Path.Combine(_factory.DataFolder, "marketplace.db")), "the app should use the test's own SQLite file");

        var other = await BrowserClient.SignInAsync(_factory, "district2@demo.k12");
        var read = await other.Http.GetAsync(lotUrl);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);

        var change = await other.PostFormAsync("/lots", $"{lotUrl}/devices", new()
        {
            ["Serial"] = "5CD1234XYZ", ["Model"] = "Chromebook 3100", ["Category"] = "Chromebook", ["Grade"] = "A", ["Functional"] = "Working",
        });
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        var devices = await _factory.WithDbAsync(db => Task.FromResult(db.Devices.Count()));
        Assert.Equal(0, devices);
    }
}

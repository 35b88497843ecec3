using System.Text.RegularExpressions;
using Marketplace.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E;

/// <summary>
/// A refurbisher filters the marketplace from the keyboard, opens a lot's overview (model × grade counts, update-runway chart,
/// the close in the browser's time zone), watches it and saves the search; each page is audited with axe-core.
/// </summary>
public sealed class MarketplacePagesTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact(Timeout = 240_000)]
    public async Task A_refurbisher_filters_the_marketplace_watches_a_lot_and_saves_the_search()
    {
        fixture.RequireBrowser();
        var checkpoints = new Checkpoints(output, "marketplace");
        var title = $"Grade A Chromebooks {Guid.NewGuid().ToString("N")[..6]}";
        await using var district = await UserSession.OpenAsync(fixture, checkpoints);
        await using var refurbisher = await UserSession.OpenAsync(fixture, checkpoints);

        await district.SignInAsync("district@demo.k12");
        await district.ClickLinkAsync("New lot");
        await district.FillAsync("Title", title);
        await district.FillAsync("Pickup address", "Loading dock, 22225 SE 231st St, Maple Valley, WA 98038");
        await district.ClickButtonAsync("Create lot");
        await district.ExpectFlashAsync("Lot created");
        foreach (var (serial, grade) in new[] { ("5CDMKT0001", "A"), ("5CDMKT0002", "A"), ("5CDMKT0003", "B") })
        {
            await district.FillAsync("Serial number", $"{serial}{title[^6..]}");
            await district.FillAsync("Manufacturer", "Dell");
            await district.FillAsync("Model", "Chromebook 3100 2-in-1");
            await district.SelectAsync("Cosmetic grade", grade);
            await district.ClickButtonAsync("Add device");
            await district.ExpectFlashAsync("Added serial");
        }

        await district.ClickButtonAsync("List for sale");
        await Expect(district.Page.Locator("h1 + .text-muted .badge")).ToHaveTextAsync("Listed");

        await refurbisher.SignInAsync("refurbisher@demo.k12");
        await Expect(refurbisher.Page).ToHaveURLAsync(new Regex("/market$"));
        await Expect(refurbisher.Page.GetByText(new Regex(@"Showing 1–\d+ of \d+"))).ToBeVisibleAsync();
        await refurbisher.SelectAsync("Category", "Chromebook");
        await refurbisher.SelectAsync("Cosmetic grade", "A");
        await refurbisher.SelectAsync("District's state", "WA");
        await refurbisher.FillAsync("Model", "3100");
        await refurbisher.Page.GetByLabel("Model", new() { Exact = true }).PressAsync("Enter");
        await Expect(refurbisher.Page).ToHaveURLAsync(new Regex(@"/market\?category=Chromebook&.*grade=A"));
        var row = refurbisher.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        await refurbisher.AuditAsync("market (filtered)");

        await refurbisher.FillAsync("Save this search and get an e-mail when a new lot matches", "Grade A Dell Chromebooks in WA");
        await refurbisher.ClickButtonAsync("Save search");
        await refurbisher.ExpectFlashAsync("saved");
        await Expect(refurbisher.Page.GetByRole(AriaRole.Link, new() { Name = "Grade A Dell Chromebooks in WA" })).ToBeVisibleAsync();
        await refurbisher.AuditAsync("saved searches");

        await refurbisher.Page.GetByRole(AriaRole.Link, new() { Name = "Grade A Dell Chromebooks in WA" }).ClickAsync();
        await refurbisher.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = title }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(refurbisher.Page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(refurbisher.Page.Locator("#model-grade-counts")).ToContainTextAsync("Chromebook 3100 2-in-1");
        await Expect(refurbisher.Page.Locator("#aue-chart")).ToBeVisibleAsync();
        await Expect(refurbisher.Page.GetByText("Within 5 business days of the award")).ToBeVisibleAsync();
        await refurbisher.AuditAsync("market lot overview");

        await refurbisher.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Watch lot ") }).ClickAsync();
        await refurbisher.ExpectFlashAsync("Added to your watchlist");
        await refurbisher.Page.GotoAsync("/market/watchlist");
        await Expect(refurbisher.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = title })).ToHaveCountAsync(1);
        await refurbisher.AuditAsync("watchlist");
        checkpoints.AssertAccessible();
    }

    [Fact(Timeout = 240_000)]
    public async Task A_school_sees_only_lots_without_data_bearing_devices_and_buys_charging_carts_now()
    {
        fixture.RequireBrowser();
        var checkpoints = new Checkpoints(output, "school-market");
        var batch = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var title = $"Charging carts {batch}";
        await using var district = await UserSession.OpenAsync(fixture, checkpoints);
        await using var school = await UserSession.OpenAsync(fixture, checkpoints);

        await district.SignInAsync("district@demo.k12");
        await district.ClickLinkAsync("New lot");
        await district.FillAsync("Title", title);
        await district.FillAsync("Pickup address", "Loading dock, 22225 SE 231st St, Maple Valley, WA 98038");
        await district.ClickButtonAsync("Create lot");
        await district.ExpectFlashAsync("Lot created");
        foreach (var serial in new[] { $"CART{batch}1", $"CART{batch}2" })
        {
            await district.FillAsync("Serial number", serial);
            await district.Page.Locator("#Category").SelectOptionAsync(new SelectOptionValue { Label = "Other" });
            await district.FillAsync("Manufacturer", "Bretford");
            await district.FillAsync("Model", "Cube Cart 36");
            await district.SelectAsync("Cosmetic grade", "B");
            await district.ClickButtonAsync("Add device");
            await district.ExpectFlashAsync($"Added serial {serial}");
        }

        await district.Page.GetByLabel("Buy now", new() { Exact = true }).CheckAsync();
        await district.FillAsync("Buy-now price (USD)", "240");
        await district.ClickButtonAsync("List for sale");
        await Expect(district.Page.GetByTestId("sale-status")).ToContainTextAsync("Buy now");

        await school.SignInAsync("school@demo.k12");
        await school.NavigateAsync("Lot marketplace");
        await Expect(school.Page.GetByText("You see the lots a school may buy")).ToBeVisibleAsync();
        var row = school.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        // Lots of Chromebooks and laptops (the demo district lists some) are not among them.
        await Expect(school.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Chromebook" })).ToHaveCountAsync(0);
        await school.AuditAsync("market (school)");
        await school.StepAsync(1, "school-market");

        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(school.Page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await school.AuditAsync("market lot (school, buy now)");
        await school.ClickButtonAsync("Buy now for $240.00");
        await school.ExpectFlashAsync("You bought the lot at $240.00");
        await school.AuditAsync("purchase (school)");
        await school.StepAsync(2, "school-bought");
        checkpoints.AssertAccessible();
    }
}

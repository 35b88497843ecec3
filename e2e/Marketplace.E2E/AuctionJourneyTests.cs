using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.E2E.Infrastructure;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E;

/// <summary>
/// A district auctions a lot; two refurbishers bid from their own browsers; a late bid extends the close; the auction
/// closes, the winner is shown its payment step, and the district sees who bid what and takes the sale summary to its board.
/// </summary>
public sealed class AuctionJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact(Timeout = 300_000)]
    public async Task Two_refurbishers_bid_a_late_bid_extends_the_close_and_the_winner_is_shown_the_payment_step()
    {
        fixture.RequireBrowser();
        var checkpoints = new Checkpoints(output, "auction");
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var title = $"Auction {suffix} – Cedar Heights Middle School carts";
        var rivalEmail = await fixture.Server.AddCertifiedRefurbisherAsync("Puget Renewal Partners");

        // 1. The district lists two Chromebooks at auction, closing in two days at 4 pm its time.
        await using var district = await UserSession.OpenAsync(fixture, checkpoints);
        await district.SignInAsync("district@demo.k12");
        await district.ClickLinkAsync("New lot");
        await district.FillAsync("Title", title);
        await district.FillAsync("Pickup address", "Cedar Heights MS, 19640 SE 272nd St, Covington, WA 98042");
        await district.ClickButtonAsync("Create lot");
        foreach (var serial in new[] { $"HXA{suffix}1", $"HXA{suffix}2" })
        {
            await district.FillAsync("Serial number", serial);
            await district.FillAsync("Manufacturer", "HP");
            await district.FillAsync("Model", "Chromebook 11 G9 EE");
            await district.SelectAsync("Cosmetic grade", "A");
            await district.ClickButtonAsync("Add device");
            await district.ExpectFlashAsync($"Added serial {serial}");
        }

        await district.Page.GetByLabel("Auction", new() { Exact = true }).CheckAsync();
        await district.FillAsync("Closes at (your local time)", DateTime.Now.Date.AddDays(2).AddHours(16).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await district.FillAsync("Start price or minimum bid (USD)", "150");
        await district.AuditAsync("lot details (listing an auction)");
        await district.ClickButtonAsync("List for sale");
        await district.ExpectFlashAsync("The lot is listed at auction.");
        await Expect(district.Page.GetByTestId("sale-status")).ToContainTextAsync("Auction");
        await district.AuditAsync("lot details (auction open)");
        var lotId = Guid.Parse(Regex.Match(district.Page.Url, "/lots/([0-9a-f-]{36})").Groups[1].Value);
        var lotNumber = (await district.Page.Locator("h1 + .text-muted .mono").InnerTextAsync()).Trim();
        await district.StepAsync(1, "auction-listed");

        // 2. GreenCycle bids a maximum of $900; the auction is then down to its last three minutes.
        await using var greenCycle = await UserSession.OpenAsync(fixture, checkpoints);
        await greenCycle.SignInAsync("refurbisher@demo.k12");
        await greenCycle.Page.GotoAsync($"/market/lots/{lotId}");
        await greenCycle.AuditAsync("market lot (auction)");
        await greenCycle.FillAsync("Your maximum bid (USD)", "900");
        await greenCycle.ClickButtonAsync("Place bid");
        await greenCycle.ExpectFlashAsync("You are the leading bidder at $150.00");
        await Expect(greenCycle.Page.GetByTestId("leading")).ToBeVisibleAsync();
        await greenCycle.AuditAsync("market lot (leading)");
        await greenCycle.StepAsync(2, "first-bid");
        var lastMinutes = DateTimeOffset.UtcNow.AddMinutes(3);
        await fixture.Server.MoveCloseAsync(lotId, lastMinutes);

        // 3. Puget bids $1,200 in the last minutes: it leads at one increment over $900, and the close moves out.
        await using var puget = await UserSession.OpenAsync(fixture, checkpoints);
        await puget.SignInAsync(rivalEmail);
        await puget.Page.GotoAsync($"/market/lots/{lotId}");
        await Expect(puget.Page.GetByTestId("current-price")).ToHaveTextAsync("$150.00");
        await puget.FillAsync("Your maximum bid (USD)", "1200");
        await puget.ClickButtonAsync("Place bid");
        await puget.ExpectFlashAsync("You are the leading bidder at $910.00");
        await puget.ExpectFlashAsync("The late bid moved the close");
        await Expect(puget.Page.GetByTestId("extended")).ToBeVisibleAsync();
        await puget.AuditAsync("market lot (late bid extended the close)");
        var extended = await fixture.Server.QueryAsync(db => db.Sales.AsNoTracking().Where(s => s.LotId == lotId).Select(s => s.ClosesAt).SingleAsync());
        Assert.True(extended > lastMinutes, $"the close {extended} should have moved past {lastMinutes}");
        await puget.StepAsync(3, "late-bid-extends");

        await greenCycle.Page.ReloadAsync();
        await Expect(greenCycle.Page.GetByTestId("outbid")).ToBeVisibleAsync();
        await Expect(greenCycle.Page.GetByTestId("current-price")).ToHaveTextAsync("$910.00");
        await greenCycle.AuditAsync("market lot (outbid)");

        // 4. The close comes: Puget wins at $910.00 and is shown its payment step.
        await fixture.Server.MoveCloseAsync(lotId, DateTimeOffset.UtcNow.AddSeconds(-1));
        var saleId = await fixture.Server.QueryAsync(db => db.Sales.Where(s => s.LotId == lotId).Select(s => s.Id).SingleAsync());
        Assert.Equal(SaleStatus.Awarded, await fixture.Server.SendAsSystemAsync(new CloseSale.Command(saleId)));
        await puget.NavigateAsync("Lot marketplace");
        await puget.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = title }).GetByRole(AriaRole.Link, new() { Name = lotNumber }).ClickAsync();
        await Expect(puget.Page).ToHaveURLAsync(new Regex("/purchases/[0-9a-f-]{36}$"));
        await Expect(puget.Page.GetByRole(AriaRole.Button, new() { Name = "Pay by purchase order" })).ToBeVisibleAsync();
        await puget.AuditAsync("purchase (won at auction)");
        await puget.StepAsync(4, "winner-pays");

        // 5. The district sees the bids and downloads the board's sale summary.
        await district.Page.ReloadAsync();
        await Expect(district.Page.Locator("h1 + .text-muted .badge")).ToHaveTextAsync("Awarded");
        var bids = district.Page.GetByTestId("sale-status").GetByRole(AriaRole.Row);
        await Expect(bids.Filter(new() { HasText = "Puget Renewal Partners" })).ToContainTextAsync("$910.00");
        await Expect(bids.Filter(new() { HasText = "GreenCycle ITAD" })).ToContainTextAsync("$150.00");
        await district.AuditAsync("lot details (auction awarded)");
        var download = await district.Page.RunAndWaitForDownloadAsync(() => district.ClickLinkAsync("Sale summary (PDF)"));
        Assert.Equal($"sale-summary-{lotNumber}.pdf", download.SuggestedFilename);
        var pdf = Path.Combine(checkpoints.Folder, download.SuggestedFilename);
        await download.SaveAsAsync(pdf);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf).AsSpan(0, 4)));
        await district.StepAsync(5, "district-summary");

        checkpoints.AssertAccessible();
    }
}

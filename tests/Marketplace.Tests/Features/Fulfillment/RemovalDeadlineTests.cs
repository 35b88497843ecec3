using System.Globalization;
using System.Net;
using Marketplace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Fulfillment;

/// <summary>
/// The removal deadline on both sides' pages, and the overdue flag on both dashboards, with the app's clock stopped on the
/// deadline's day and on the day after.
/// </summary>
public sealed class RemovalDeadlineTests(ClockedMarketplaceFactory app) : IClassFixture<ClockedMarketplaceFactory>
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task A_pickup_not_handed_over_by_its_removal_deadline_is_flagged_on_both_dashboards_and_lot_pages_until_it_is()
    {
        var lot = await app.PaidLotAsync();
        var due = await app.WithDbAsync(db => db.LotFulfillments.Where(f => f.LotId == lot.Id).Select(f => f.RemovalDueOn).SingleAsync());
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var dueText = due.ToString("MMM d, yyyy", Us);

        app.Clock.Freeze(new DateTimeOffset(due.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero));
        var onTheDay = (Lots: await PageAsync(district, "/lots"), Won: await PageAsync(buyer, "/market"), Lot: await PageAsync(district, lot.LotUrl));
        Assert.Contains($"remove by {dueText}", RowOf(onTheDay.Lots, lot.Number));
        Assert.Contains($"remove by {dueText}", RowOf(onTheDay.Won, lot.Number));
        Assert.Contains($"Removal deadline: <strong>{due.ToString("dddd, MMMM d, yyyy", Us)}</strong>", onTheDay.Lot);
        Assert.DoesNotContain("Pickup overdue", RowOf(onTheDay.Lots, lot.Number));
        Assert.DoesNotContain("Pickup overdue", onTheDay.Lot);

        app.Clock.Freeze(new DateTimeOffset(due.AddDays(1).ToDateTime(new TimeOnly(0, 1)), TimeSpan.Zero));
        var lots = await PageAsync(district, "/lots");
        var won = await PageAsync(buyer, "/market");
        Assert.Contains("Pickup overdue", RowOf(lots, lot.Number));
        Assert.Contains("Pickup overdue", RowOf(won, lot.Number));
        Assert.Contains("overdue:", lots);
        Assert.Contains("overdue:", won);
        Assert.Contains("Pickup overdue:", await PageAsync(district, lot.LotUrl));
        Assert.Contains("Pickup overdue:", await PageAsync(buyer, lot.PurchaseUrl));

        await app.PickUpAsync(await app.SchedulePickupLaterAsync(lot, due.AddDays(3)));
        Assert.DoesNotContain("Pickup overdue", RowOf(await PageAsync(district, "/lots"), lot.Number));
        Assert.DoesNotContain("Pickup overdue", RowOf(await PageAsync(buyer, "/market"), lot.Number));
    }

    private static async Task<string> PageAsync(BrowserClient user, string url) => WebUtility.HtmlDecode(await user.GetPageAsync(url));

    /// <summary>The table row of a lot on a list page.</summary>
    private static string RowOf(string page, string lotNumber)
    {
        var at = page.IndexOf($">{lotNumber}</a>", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{lotNumber} is not on the page");
        var start = page.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return page[start..(page.IndexOf("</tr>", at, StringComparison.Ordinal) + 5)];
    }
}

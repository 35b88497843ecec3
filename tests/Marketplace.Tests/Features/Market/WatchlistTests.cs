using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Market;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Tests.Features.Market.MarketTestKit;

namespace Marketplace.Tests.Features.Market;

public sealed class WatchlistTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_refurbisher_watches_a_lot_from_the_list_sees_it_on_the_watchlist_and_unwatches_it_from_there()
    {
        var lotId = await _factory.ListAsync("Watched Chromebooks", MapleValley, DateTimeOffset.UtcNow.AddHours(-1), new SaleTerms(SaleMode.Auction, DateTimeOffset.UtcNow.AddDays(2), StartPrice: 50m),
            new DeviceBatch(3, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.B, 2));
        var refurbisher = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);

        var list = await refurbisher.SubmitAsync("/market?mode=Auction", $"/market/lots/{lotId}/watch", new() { ["returnUrl"] = "/market?mode=Auction" });
        Assert.Contains("Added to your watchlist", WebUtility.HtmlDecode(list));
        Assert.Contains($"action=\"/market/lots/{lotId}/unwatch\"", list);
        var watchlist = WebUtility.HtmlDecode(await refurbisher.GetPageAsync("/market/watchlist"));
        Assert.Contains("Watched Chromebooks", watchlist);
        Assert.Contains("Your watchlist (1)", watchlist);

        // Watching twice changes nothing; another person of the organization has a watchlist of their own.
        await refurbisher.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/watch");
        Assert.Equal(1, await _factory.WithDbAsync(db => db.LotWatches.CountAsync(w => w.LotId == lotId)));
        var technician = await BrowserClient.SignInAsync(_factory, "technician@demo.k12");
        Assert.Contains("Your watchlist (0)", WebUtility.HtmlDecode(await technician.GetPageAsync("/market/watchlist")));
        var response = await technician.PostFormAsync("/market/watchlist", $"/market/lots/{lotId}/unwatch", []);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var after = WebUtility.HtmlDecode(await refurbisher.SubmitAsync("/market/watchlist", $"/market/lots/{lotId}/unwatch", new() { ["returnUrl"] = "/market/watchlist" }));
        Assert.Contains("Removed from your watchlist", after);
        Assert.Contains("Your watchlist (0)", after);
    }

    [Fact]
    public async Task A_lot_off_the_market_cannot_be_watched_and_a_watched_lot_sold_to_someone_else_leaves_the_watchlist()
    {
        var sold = await _factory.AwardedLotAsync();
        var refurbisher = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);
        var response = await refurbisher.PostFormAsync("/market", $"/market/lots/{sold.Id}/watch", []);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var other = await _factory.ListAsync("Sold elsewhere", MapleValley, DateTimeOffset.UtcNow.AddHours(-1), SaleTerms.RequestForQuotes,
            new DeviceBatch(2, DeviceCategory.Tablet, "Apple", "iPad 8th generation", CosmeticGrade.A));
        await _factory.SendAsAsync(LotJourneys.Refurbisher, new WatchLot.Command(other));
        await _factory.SendAsAsync(LotJourneys.District, new WithdrawLot.Command(other));
        Assert.Empty((await _factory.QueryAsAsync(LotJourneys.Refurbisher, new ListWatchlist.Query())).Lots);
    }

    [Fact]
    public async Task Saved_searches_are_named_listed_opened_and_deleted_by_their_owner_only()
    {
        var refurbisher = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);

        var refused = WebUtility.HtmlDecode(await refurbisher.SubmitAsync("/market?category=Chromebook", "/market/searches", new() { ["name"] = "", ["query"] = "category=Chromebook" }));
        Assert.Contains("Give the search a name", refused);
        var page = WebUtility.HtmlDecode(await refurbisher.SubmitAsync("/market?category=Chromebook&state=OR", "/market/searches",
            new() { ["name"] = "Oregon Chromebooks", ["query"] = "category=Chromebook&state=OR&page=3&junk=1" }));
        Assert.Contains("Oregon Chromebooks", page);
        Assert.Contains("href=\"/market?state=OR&category=Chromebook\"", page);
        Assert.Contains("Chromebook · OR", page);

        var id = await _factory.WithDbAsync(db => db.SavedSearches.Where(s => s.Name == "Oregon Chromebooks").Select(s => s.Id).SingleAsync());
        var technician = await BrowserClient.SignInAsync(_factory, "technician@demo.k12");
        Assert.DoesNotContain("Oregon Chromebooks", await technician.GetPageAsync("/market/searches"));
        Assert.Equal(HttpStatusCode.NotFound, (await technician.PostFormAsync("/market/searches", $"/market/searches/{id}/delete", [])).StatusCode);

        var deleted = WebUtility.HtmlDecode(await refurbisher.SubmitAsync("/market/searches", $"/market/searches/{id}/delete"));
        Assert.Contains("Saved search deleted", deleted);
        Assert.False(await _factory.WithDbAsync(db => db.SavedSearches.AnyAsync()));
    }
}

public sealed class MarketNoticeTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Watchers_of_a_lot_closing_within_a_day_get_one_email_however_often_the_job_runs()
    {
        var now = DateTimeOffset.UtcNow;
        var soon = await _factory.ListAsync("Closing soon", MapleValley, now.AddDays(-2), new SaleTerms(SaleMode.SealedBid, now.AddHours(5)),
            new DeviceBatch(4, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, 2));
        var later = await _factory.ListAsync("Closing later", MapleValley, now.AddDays(-2), new SaleTerms(SaleMode.SealedBid, now.AddDays(3)),
            new DeviceBatch(4, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, 2));
        var number = await _factory.WithDbAsync(db => db.Lots.Where(l => l.Id == soon).Select(l => l.Number).SingleAsync());
        foreach (var lot in new[] { soon, later })
        {
            await _factory.SendAsAsync(LotJourneys.Refurbisher, new WatchLot.Command(lot));
        }

        Assert.Equal(1, await _factory.SendAsSystemAsync(new SendClosingSoonNotices.Command()));
        Assert.Equal(0, await _factory.SendAsSystemAsync(new SendClosingSoonNotices.Command()));

        var subject = $"Lot {number} closes in about 5 hours";
        await MarketplaceFactory.EventuallyAsync(() => _factory.WithDbAsync(db => db.EmailMessages.AnyAsync(m => m.Subject == subject && m.To == LotJourneys.Refurbisher)).ContinueWith(t => t.Result ? (bool?)true : null),
            "the closing-soon e-mail");
        await WaitForOutboxAsync();
        var emails = await _factory.WithDbAsync(db => db.EmailMessages.Where(m => m.Subject.Contains("closes in")).Select(m => new { m.To, m.Subject, m.Body }).ToListAsync());
        var email = Assert.Single(emails);
        Assert.Contains("“Closing soon”", email.Body);
        Assert.Contains($"http://marketplace.test/market/lots/{soon}", email.Body);
    }

    [Fact]
    public async Task A_saved_search_emails_its_owner_once_about_each_newly_listed_lot_that_matches_it()
    {
        var before = await _factory.ListAsync("Listed before the search", CedarRidge, DateTimeOffset.UtcNow.AddDays(-1), SaleTerms.RequestForQuotes,
            new DeviceBatch(5, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, 3));
        await _factory.SendAsAsync(LotJourneys.Refurbisher, new SaveSearch.Command("Grade A Chromebooks in Washington", "category=Chromebook&grade=A&state=WA"));
        Assert.Equal(0, await _factory.SendAsSystemAsync(new SendSavedSearchMatches.Command()));

        // Listed through the district's own commands: the manifest groups the search reads are written as devices are added.
        var matching = await ListThroughCommandsAsync("New grade A Chromebooks", CosmeticGrade.A);
        await ListThroughCommandsAsync("New grade C Chromebooks", CosmeticGrade.C);

        Assert.Equal(1, await _factory.SendAsSystemAsync(new SendSavedSearchMatches.Command()));
        Assert.Equal(0, await _factory.SendAsSystemAsync(new SendSavedSearchMatches.Command()));

        var subject = "A new lot matches “Grade A Chromebooks in Washington”";
        await MarketplaceFactory.EventuallyAsync(() => _factory.WithDbAsync(db => db.EmailMessages.AnyAsync(m => m.Subject == subject)).ContinueWith(t => t.Result ? (bool?)true : null),
            "the saved-search e-mail");
        await WaitForOutboxAsync();
        var email = Assert.Single(await _factory.WithDbAsync(db => db.EmailMessages.Where(m => m.Subject.Contains("match")).ToListAsync()));
        Assert.Equal(LotJourneys.Refurbisher, email.To);
        Assert.Contains("“New grade A Chromebooks”", email.Body);
        Assert.Contains($"/market/lots/{matching}", email.Body);
        Assert.DoesNotContain("grade C", email.Body);
        Assert.DoesNotContain(before.ToString(), email.Body);
        Assert.Contains("Chromebook · grade A · WA", email.Body);
    }

    private async Task<Guid> ListThroughCommandsAsync(string title, CosmeticGrade grade)
    {
        var lotId = await _factory.SendAsAsync(LotJourneys.District, new CreateLot.Command(title, null, null));
        var batch = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await _factory.SendAsAsync(LotJourneys.District, new AddDevice.Command(lotId, $"5CD{batch}01", null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", grade, FunctionalStatus.Working));
        await _factory.SendAsAsync(LotJourneys.District, new SubmitLot.Command(lotId));
        return lotId;
    }

    private Task WaitForOutboxAsync() =>
        MarketplaceFactory.EventuallyAsync(() => _factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CompletedAt == null && m.DeadAt == null)).ContinueWith(t => t.Result ? null : (bool?)true),
            "the outbox to empty");
}

public sealed class MarketFormForgeryTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_watch_and_saved_search_forms_carry_an_anti_forgery_token_and_posts_without_one_are_refused()
    {
        var lotId = await _factory.ListAsync("Forgery check", MapleValley, DateTimeOffset.UtcNow.AddHours(-1), SaleTerms.RequestForQuotes,
            new DeviceBatch(1, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.B, 2));
        await _factory.SendAsAsync(LotJourneys.Refurbisher, new SaveSearch.Command("Kept", "category=Chromebook"));
        var searchId = await _factory.WithDbAsync(db => db.SavedSearches.Select(s => s.Id).SingleAsync());
        var refurbisher = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);

        foreach (var (page, action) in new[] { ("/market?category=Chromebook", $"/market/lots/{lotId}/watch"), ("/market?category=Chromebook", "/market/searches"),
                     ($"/market/lots/{lotId}", $"/market/lots/{lotId}/watch"), ("/market/searches", $"/market/searches/{searchId}/delete") })
        {
            var html = await refurbisher.GetPageAsync(page);
            Assert.Matches($"<form method=\"post\" action=\"{System.Text.RegularExpressions.Regex.Escape(action)}\"[^>]*>(?:(?!</form>)[\\s\\S])*name=\"__RequestVerificationToken\"", html);
            using var forged = await refurbisher.Http.PostAsync(action, new FormUrlEncodedContent([new("name", "Forged"), new("query", "state=WA")]));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.False(await _factory.WithDbAsync(db => db.LotWatches.AnyAsync()));
        Assert.Equal(["Kept"], await _factory.WithDbAsync(db => db.SavedSearches.Select(s => s.Name).ToListAsync()));
    }
}

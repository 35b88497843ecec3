using Marketplace.Web.Infrastructure.Spreadsheets;
using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Sales;

/// <summary>Sealed bids, auctions, buy-now, the close, unsold and forfeited lots, through the app's pages and commands.</summary>
public sealed class CompetitiveSaleTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    /// <summary>A draft of the demo district with Chromebooks, whose serials no other lot holds.</summary>
    private async Task<Guid> DraftAsync()
    {
        var batch = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var lotId = await _factory.SendAsAsync(LotJourneys.District, new CreateLot.Command($"Auction lot {batch}", null, "Maple Valley HS dock"));
        for (var i = 1; i <= 2; i++)
        {
            await _factory.SendAsAsync(LotJourneys.District, new AddDevice.Command(lotId, $"NXA{batch}{i}", null, DeviceCategory.Chromebook, "Lenovo", "100e Gen 3",
                CosmeticGrade.B, FunctionalStatus.Working));
        }

        return lotId;
    }

    private async Task<Guid> ListedAsync(SaleTerms terms)
    {
        var lotId = await DraftAsync();
        await _factory.SendAsAsync(LotJourneys.District, new SubmitLot.Command(lotId, Terms: terms));
        return lotId;
    }

    /// <summary>Time passes: the sale's close is moved to the past, as the clock would have moved past it.</summary>
    private Task CloseTimeArrivesAsync(Guid lotId) =>
        _factory.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

    private Task<Sale> SaleAsync(Guid lotId) =>
        _factory.WithDbAsync(db => db.Sales.AsNoTracking().Include(s => s.Bids).Include(s => s.Forfeits).SingleAsync(s => s.LotId == lotId));

    [Fact]
    public async Task A_district_lists_an_auction_closing_at_its_own_local_time_and_the_close_is_queued_for_that_instant()
    {
        var lotId = await DraftAsync();
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        var local = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(3).AddHours(17), DateTimeKind.Unspecified); // 5 pm in Seattle, three days from now

        var page = await district.SubmitAsync($"/lots/{lotId}", $"/lots/{lotId}/submit", new()
        {
            ["Mode"] = "Auction", ["ClosesAt"] = local.ToString("yyyy-MM-ddTHH:mm"), ["TimeZone"] = "America/Los_Angeles",
            ["StartPrice"] = "250", ["ReservePrice"] = "900", ["SoftCloseMinutes"] = "5",
        });

        var sale = await SaleAsync(lotId);
        var pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        Assert.Contains("The lot is listed at auction.", page);
        Assert.Equal((SaleMode.Auction, 250m, 900m), (sale.Mode, sale.StartPrice!.Value, sale.ReservePrice!.Value));
        Assert.Equal(new DateTimeOffset(local, pacific.GetUtcOffset(local)), sale.ClosesAt);
        var queued = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == typeof(CloseSale.Command).FullName && m.Payload.Contains(sale.Id.ToString())).ToListAsync());
        Assert.Equal(sale.ClosesAt, Assert.Single(queued).DueAt);
        Assert.DoesNotContain("$900", page); // the reserve is the district's to know, shown in its terms only as met or not
    }

    [Fact]
    public async Task Two_refurbishers_bid_the_proxy_bids_for_the_leader_the_outbid_one_is_told_and_the_close_awards_and_invoices_the_winner()
    {
        var lotId = await ListedAsync(new SaleTerms(SaleMode.Auction, DateTimeOffset.UtcNow.AddDays(2), StartPrice: 300m));
        var (rival, rivalId) = await _factory.AddCertifiedRefurbisherAsync("Tacoma Reuse Works");
        var greenCycle = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);
        var tacoma = await BrowserClient.SignInAsync(_factory, rival);

        var first = await greenCycle.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/bid", new() { ["Amount"] = "1500" });
        var second = await tacoma.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/bid", new() { ["Amount"] = "1000" });
        var third = await tacoma.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/bid", new() { ["Amount"] = "2000" });

        Assert.Contains("You are the leading bidder at $300.00", WebUtility.HtmlDecode(first));
        Assert.Contains("an earlier maximum is higher: the price is now $1,025.00", WebUtility.HtmlDecode(second));
        Assert.Contains("You are the leading bidder at $1,525.00", WebUtility.HtmlDecode(third));
        // The outbid notice waits a minute for the bidding to settle, queued once; when it is due it tells the price then.
        var saleId = (await SaleAsync(lotId)).Id;
        var greenCycleId = await _factory.WithDbAsync(db => db.Organizations.Where(o => o.Name == "GreenCycle ITAD").Select(o => o.Id).SingleAsync());
        var notices = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == typeof(NotifyOutbid.Command).FullName).ToListAsync());
        var notice = Assert.Single(notices);
        Assert.Contains(greenCycleId.ToString(), notice.Payload);
        Assert.InRange(notice.DueAt - notice.CreatedAt, NotifyOutbid.Delay - TimeSpan.FromSeconds(1), NotifyOutbid.Delay + TimeSpan.FromSeconds(1));
        Assert.True(await _factory.SendAsSystemAsync(new NotifyOutbid.Command(saleId, greenCycleId)));
        var outbid = await _factory.WaitForAsync(LotJourneys.Refurbisher, "You were outbid");
        Assert.Contains("The price is now $1,525.00", outbid.TextBody);
        var greenCyclePage = WebUtility.HtmlDecode(await greenCycle.GetPageAsync($"/market/lots/{lotId}"));
        Assert.Contains("You have been outbid. Your maximum was $1,500.00.", greenCyclePage);
        Assert.DoesNotContain("$2,000.00", greenCyclePage); // another bidder's maximum stays hidden

        await CloseTimeArrivesAsync(lotId);
        var sale = await SaleAsync(lotId);
        Assert.Equal(SaleStatus.Awarded, await _factory.SendAsSystemAsync(new CloseSale.Command(sale.Id)));
        Assert.Equal(SaleStatus.Awarded, await _factory.SendAsSystemAsync(new CloseSale.Command(sale.Id)));

        var awarded = await SaleAsync(lotId);
        var invoices = await _factory.WithDbAsync(db => db.Invoices.AsNoTracking().Where(i => i.LotId == lotId).ToListAsync());
        Assert.Equal((rivalId, 1525m), (awarded.BuyerId!.Value, awarded.HammerPrice!.Value));
        Assert.Equal(1525m * 1.10m, Assert.Single(invoices).Amount);
        await _factory.WaitForAsync(rival, "You won lot");
        await _factory.WaitForAsync(LotJourneys.Refurbisher, "Bidding on lot");
        Assert.Equal(LotStage.Awarded, await _factory.StageAsync(lotId));
    }

    [Fact]
    public async Task Sealed_bids_are_hidden_from_other_bidders_the_district_and_platform_staff_until_the_close()
    {
        var lotId = await ListedAsync(new SaleTerms(SaleMode.SealedBid, DateTimeOffset.UtcNow.AddDays(2), StartPrice: 100m));
        var (rival, _) = await _factory.AddCertifiedRefurbisherAsync("Olympia Device Renewal");
        var greenCycle = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);
        await greenCycle.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/bid", new() { ["Amount"] = "4321.09" });
        var tacoma = await BrowserClient.SignInAsync(_factory, rival);
        await tacoma.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/bid", new() { ["Amount"] = "3999.99" });

        var own = WebUtility.HtmlDecode(await greenCycle.GetPageAsync($"/market/lots/{lotId}"));
        var other = WebUtility.HtmlDecode(await tacoma.GetPageAsync($"/market/lots/{lotId}"));
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        var districtPages = WebUtility.HtmlDecode(await district.GetPageAsync($"/lots/{lotId}") + await district.GetPageAsync($"/lots/{lotId}/activity"));
        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");
        var adminPages = WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/audit") + await admin.GetPageAsync($"/admin/audit?action=PlaceBid"));

        Assert.Contains("Your sealed bid is <strong>$4,321.09</strong>", own);
        Assert.DoesNotContain("4,321.09", other);
        Assert.DoesNotContain("4321.09", other);
        Assert.Contains("2 bidders; amounts stay sealed from everyone until the close", districtPages);
        foreach (var page in new[] { districtPages, adminPages })
        {
            Assert.DoesNotContain("4,321.09", page);
            Assert.DoesNotContain("4321.09", page);
            Assert.DoesNotContain("3,999.99", page);
        }

        var early = await district.Http.GetAsync($"/lots/{lotId}/sale-summary.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("The sale summary is ready once the sale has ended: offers stay sealed until then.", WebUtility.HtmlDecode(await early.Content.ReadAsStringAsync()));

        await CloseTimeArrivesAsync(lotId);
        await _factory.SendAsSystemAsync(new CloseSale.Command((await SaleAsync(lotId)).Id));
        var afterClose = WebUtility.HtmlDecode(await district.GetPageAsync($"/lots/{lotId}"));
        Assert.Contains("$4,321.09", afterClose);
        Assert.Contains("$3,999.99", afterClose);
        Assert.Equal(4321.09m, (await SaleAsync(lotId)).HammerPrice);

        // The board-ready summary, read back as the board member's PDF reader would.
        var response = await district.Http.GetAsync($"/lots/{lotId}/sale-summary.pdf");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = Path.Combine(_factory.DataFolder, $"summary-{lotId}.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
        var text = System.Text.RegularExpressions.Regex.Replace(await ExternalTool.RunAsync("/usr/bin/pdftotext", "-layout", pdf, "-"), @"\s+", " ");
        Assert.Contains("Sale summary — lot", text);
        Assert.Contains("Sold by Sealed bid (highest wins; amounts sealed until the close)", text);
        Assert.Contains("Competing buyers 2", text);
        Assert.Contains("Outcome Awarded", text);
        Assert.Contains("Winner GreenCycle ITAD", text);
        Assert.Contains("Price (hammer) $4,321.09", text);
        Assert.Contains("Olympia Device Renewal $3,999.99", text);
        Assert.Contains("GreenCycle ITAD $4,321.09", text);

        var csv = await district.Http.GetStringAsync($"/lots/{lotId}/sale-offers.csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("\"When (UTC)\",\"Buyer\",\"Amount (USD)\",\"Note\"", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains(",\"GreenCycle ITAD\",\"4321.09\",", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",\"Olympia Device Renewal\",\"3999.99\",", StringComparison.Ordinal));

        // The same offers as a workbook, the amounts real numbers a business office can total.
        var xlsx = await district.Http.GetAsync($"/lots/{lotId}/sale-offers.xlsx");
        Assert.Equal(SpreadsheetXlsx.ContentType, xlsx.Content.Headers.ContentType?.MediaType);
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet("Offers");
        Assert.Equal(["When (UTC)", "Buyer", "Amount (USD)", "Note"], Enumerable.Range(1, 4).Select(c => sheet.Cell(1, c).GetString()));
        var offers = Enumerable.Range(2, 2).ToDictionary(r => sheet.Cell(r, 2).GetString(), r => sheet.Cell(r, 3));
        Assert.Equal(4321.09, offers["GreenCycle ITAD"].GetDouble());
        Assert.Equal(3999.99, offers["Olympia Device Renewal"].GetDouble());
        Assert.True(sheet.Cell(4, 1).IsEmpty());
    }

    [Fact]
    public async Task An_auction_without_bids_closes_unsold_and_the_district_relists_it_as_buy_now_which_a_refurbisher_takes()
    {
        var lotId = await ListedAsync(new SaleTerms(SaleMode.Auction, DateTimeOffset.UtcNow.AddDays(2), StartPrice: 300m));
        await CloseTimeArrivesAsync(lotId);
        Assert.Equal(SaleStatus.Unsold, await _factory.SendAsSystemAsync(new CloseSale.Command((await SaleAsync(lotId)).Id)));
        await _factory.WaitForAsync(LotJourneys.District, "closed unsold");
        Assert.Equal(LotStage.Unsold, await _factory.StageAsync(lotId));

        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        var relisted = await district.SubmitAsync($"/lots/{lotId}", $"/lots/{lotId}/relist", new() { ["Mode"] = "BuyNow", ["BuyNowPrice"] = "650" });
        Assert.Contains("The lot is listed at its buy-now price.", relisted);
        var reopened = await SaleAsync(lotId);
        Assert.Equal((SaleStatus.Open, SaleMode.BuyNow, 2), (reopened.Status, reopened.Mode, reopened.Round));

        var greenCycle = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);
        var bought = await greenCycle.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/buy-now", []);
        Assert.Contains("You bought the lot at $650.00", WebUtility.HtmlDecode(bought));
        var sale = await SaleAsync(lotId);
        Assert.Equal((2, SaleStatus.Awarded, 650m), (sale.Round, sale.Status, sale.HammerPrice!.Value));

        // A second press (a double click, a second tab) buys nothing twice and says why; the lot left the market.
        var again = WebUtility.HtmlDecode(await greenCycle.SubmitAsync($"/purchases/{lotId}", $"/market/lots/{lotId}/buy-now", []));
        Assert.Contains("This sale is over: the lot was awarded.", again);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Invoices.CountAsync(i => i.LotId == lotId)));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await greenCycle.Http.GetAsync($"/market/lots/{lotId}")).StatusCode);
    }

    [Fact]
    public async Task An_unpaid_award_is_forfeited_after_its_deadline_the_ledger_is_reversed_and_the_next_bidder_takes_the_lot_at_its_own_bid()
    {
        var lotId = await ListedAsync(new SaleTerms(SaleMode.SealedBid, DateTimeOffset.UtcNow.AddDays(2), StartPrice: 100m));
        var (rival, rivalId) = await _factory.AddCertifiedRefurbisherAsync("Spokane Second Life");
        await _factory.SendAsAsync(LotJourneys.Refurbisher, new PlaceBid.Command(lotId, 2_000m));
        await _factory.SendAsAsync(rival, new PlaceBid.Command(lotId, 1_700m));
        await CloseTimeArrivesAsync(lotId);
        await _factory.SendAsSystemAsync(new CloseSale.Command((await SaleAsync(lotId)).Id));

        Assert.Equal(0, await _factory.SendAsSystemAsync(new EnforcePaymentDeadlines.Command()));
        await _factory.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).ExecuteUpdateAsync(s => s.SetProperty(x => x.PaymentDueAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var saleId = (await SaleAsync(lotId)).Id;
        Assert.Equal(1, await _factory.SendAsSystemAsync(new EnforcePaymentDeadlines.Command()));
        // The command queues one forfeit per sale; the outbox runs it in the background.
        await MarketplaceFactory.EventuallyAsync(async () => (await SaleAsync(lotId)).Status == SaleStatus.Forfeited ? "forfeited" : null, "the forfeit");
        Assert.False(await _factory.SendAsSystemAsync(new EnforcePaymentDeadlines.ForOne(saleId)));
        Assert.Equal(0, await _factory.SendAsSystemAsync(new EnforcePaymentDeadlines.Command()));

        var forfeited = await SaleAsync(lotId);
        Assert.Equal(SaleStatus.Forfeited, forfeited.Status);
        Assert.Single(forfeited.Forfeits);
        Assert.Equal(InvoiceStatus.Void, await _factory.WithDbAsync(db => db.Invoices.Where(i => i.LotId == lotId).Select(i => i.Status).SingleAsync()));
        var lotLedger = await _factory.WithDbAsync(db => db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).Where(t => t.LotId == lotId).ToListAsync());
        Assert.Equal(2, lotLedger.Count);
        Assert.All(lotLedger.SelectMany(t => t.Entries).GroupBy(e => (e.Account, e.OrganizationId)), g => Assert.Equal(0m, g.Sum(e => e.Debit - e.Credit)));
        await _factory.WaitForAsync(LotJourneys.Refurbisher, "is forfeited");

        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        var page = WebUtility.HtmlDecode(await district.GetPageAsync($"/lots/{lotId}"));
        Assert.Contains("Offer it to Spokane Second Life at $1,700.00", page);
        await district.SubmitAsync($"/lots/{lotId}", $"/lots/{lotId}/offer-next-bidder", []);
        var spokane = await BrowserClient.SignInAsync(_factory, rival);
        var taken = await spokane.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/offer", new() { ["take"] = "true" });

        Assert.DoesNotContain("That didn't work", taken);
        var sale = await SaleAsync(lotId);
        Assert.Equal((SaleStatus.Awarded, rivalId, 1_700m), (sale.Status, sale.BuyerId!.Value, sale.HammerPrice!.Value));
        Assert.Equal(2, await _factory.WithDbAsync(db => db.Invoices.CountAsync(i => i.LotId == lotId)));

        // The forfeit stays on GreenCycle's record: the next district comparing its quote sees it.
        var next = await ListedAsync(SaleTerms.RequestForQuotes);
        await _factory.SendAsAsync(LotJourneys.Refurbisher, new SubmitQuote.Command(next, 900m, null));
        var comparison = WebUtility.HtmlDecode(await district.GetPageAsync($"/lots/{next}"));
        Assert.Matches("GreenCycle ITAD[^<]*</td>\\s*<td>R2v3[^<]*</td>\\s*<td class=\"text-end\" data-testid=\"quote-forfeits\">1</td>", comparison);
    }

    [Fact]
    public async Task A_quote_priced_per_device_with_its_own_validity_is_compared_per_device_and_a_withdrawn_quote_cannot_be_accepted()
    {
        var lotId = await ListedAsync(SaleTerms.RequestForQuotes);
        var greenCycle = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);

        var quoted = WebUtility.HtmlDecode(await greenCycle.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/quote",
            new() { ["PerDevice"] = "true", ["Amount"] = "62.50", ["ValidDays"] = "15", ["Note"] = "Subject to chargers being included." }));
        var quote = await _factory.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).SelectMany(s => s.Quotes).AsNoTracking().SingleAsync());

        Assert.Contains("You quoted <strong>$125.00</strong> ($62.50 a device)", quoted);
        Assert.Equal((125m, 62.50m), (quote.Amount, quote.PerDevice!.Value));
        Assert.Equal(quote.SubmittedAt.AddDays(15), quote.ValidUntil);
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        var comparison = WebUtility.HtmlDecode(await district.GetPageAsync($"/lots/{lotId}"));
        Assert.Contains("Subject to chargers being included.", comparison);
        Assert.Contains("$62.50", comparison);

        await greenCycle.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/quote/withdraw", []);
        await _factory.WaitForAsync(LotJourneys.District, "was withdrawn");
        var refused = Assert.Throws<Marketplace.Web.Domain.DomainException>(() =>
            _factory.SendAsAsync(LotJourneys.District, new AcceptQuote.Command(lotId, quote.Id)).GetAwaiter().GetResult());
        Assert.Equal("This quote has expired or was withdrawn.", refused.Message);

        // Quoting again is allowed; the district turns it down with a reason the refurbisher reads.
        await _factory.SendAsAsync(LotJourneys.Refurbisher, new SubmitQuote.Command(lotId, 100m, null));
        var again = await _factory.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).SelectMany(s => s.Quotes).Where(q => q.Status == QuoteStatus.Active).Select(q => q.Id).SingleAsync());
        await district.SubmitAsync($"/lots/{lotId}", $"/lots/{lotId}/quotes/{again}/decline", new() { ["reason"] = "Below what the board approved." });
        var declined = await _factory.WaitForAsync(LotJourneys.Refurbisher, "was declined");
        Assert.Contains("Below what the board approved.", declined.TextBody);
    }

    [Fact]
    public async Task A_refurbisher_without_a_certification_cannot_bid_on_data_bearing_devices_and_is_told_what_to_upload()
    {
        var lotId = await ListedAsync(new SaleTerms(SaleMode.Auction, DateTimeOffset.UtcNow.AddDays(2), StartPrice: 300m));
        var uncertified = await _factory.AddOrganizationWithUserAsync("Uncertified Recyclers", Marketplace.Web.Domain.OrganizationKind.Refurbisher);
        var browser = await BrowserClient.SignInAsync(_factory, uncertified);

        var page = WebUtility.HtmlDecode(await browser.GetPageAsync($"/market/lots/{lotId}"));
        var refused = WebUtility.HtmlDecode(await browser.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/bid", new() { ["Amount"] = "900" }));

        Assert.DoesNotContain($"action=\"/market/lots/{lotId}/bid\"", page);
        Assert.Contains("may bid on this lot, which holds data-bearing devices", refused);
        Assert.Empty((await SaleAsync(lotId)).Bids);
    }
}

/// <summary>The races real auction systems lose: each ends in exactly one outcome, a clear message for the loser, nothing half-written.</summary>
public sealed class SaleRaceTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<Guid> ListedAsync(SaleTerms terms)
    {
        var batch = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var lotId = await _factory.SendAsAsync(LotJourneys.District, new CreateLot.Command($"Race lot {batch}", null, "Dock"));
        await _factory.SendAsAsync(LotJourneys.District, new AddDevice.Command(lotId, $"RCE{batch}1", null, DeviceCategory.Chromebook, "Acer", "C733", CosmeticGrade.B, FunctionalStatus.Working));
        await _factory.SendAsAsync(LotJourneys.District, new SubmitLot.Command(lotId, Terms: terms));
        return lotId;
    }

    /// <summary>Runs every request at once; returns each one's exception, or null for success.</summary>
    private static async Task<Exception?[]> AllAtOnceAsync(params Func<Task>[] requests)
    {
        using var start = new ManualResetEventSlim();
        var tasks = requests.Select(r => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await r();
                return (Exception?)null;
            }
            catch (Exception e)
            {
                return e;
            }
        })).ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Forty_bids_at_the_same_moment_are_all_kept_and_the_price_is_the_rules_price()
    {
        var lotId = await ListedAsync(new SaleTerms(SaleMode.Auction, DateTimeOffset.UtcNow.AddDays(1), StartPrice: 100m, MinimumIncrement: 10m));
        var (a, _) = await _factory.AddCertifiedRefurbisherAsync("Race Bidder A");
        var (b, _) = await _factory.AddCertifiedRefurbisherAsync("Race Bidder B");
        // Maxima far apart enough that each is valid whatever order they land in: A 1,000, 1,100, …; B 1,050, 1,150, …
        var results = await AllAtOnceAsync([.. Enumerable.Range(0, 20).SelectMany(i => new Func<Task>[]
        {
            () => _factory.SendAsAsync(a, new PlaceBid.Command(lotId, 1_000m + i * 100m)),
            () => _factory.SendAsAsync(b, new PlaceBid.Command(lotId, 1_050m + i * 100m)),
        })]);

        var sale = await _factory.WithDbAsync(db => db.Sales.AsNoTracking().Include(s => s.Bids).SingleAsync(s => s.LotId == lotId));
        var accepted = results.Count(r => r is null);
        Assert.All(results, r => Assert.True(r is null or Marketplace.Web.Domain.DomainException, r?.ToString()));
        Assert.Equal(accepted, sale.Bids.Count);
        Assert.Equal(accepted, sale.BidCount);
        var maxima = sale.Bids.GroupBy(x => x.BidderId).Select(g => g.Max(x => x.Amount)).OrderDescending().ToList();
        Assert.Equal(maxima[0], sale.LeaderMaximum);
        Assert.InRange(sale.CurrentPrice!.Value, maxima[1], maxima[1] + 10m);
    }

    [Fact]
    public async Task Buy_now_racing_a_bid_and_another_buy_now_ends_in_one_award_and_one_invoice()
    {
        var lotId = await ListedAsync(new SaleTerms(SaleMode.Auction, DateTimeOffset.UtcNow.AddDays(1), StartPrice: 100m, ReservePrice: 500m, BuyNowPrice: 900m));
        var (a, _) = await _factory.AddCertifiedRefurbisherAsync("Race Buyer A");
        var (b, _) = await _factory.AddCertifiedRefurbisherAsync("Race Buyer B");

        var results = await AllAtOnceAsync(
            () => _factory.SendAsAsync(a, new BuyNow.Command(lotId)),
            () => _factory.SendAsAsync(b, new BuyNow.Command(lotId)),
            () => _factory.SendAsAsync(LotJourneys.Refurbisher, new PlaceBid.Command(lotId, 600m)));

        var sale = await _factory.WithDbAsync(db => db.Sales.AsNoTracking().SingleAsync(s => s.LotId == lotId));
        var invoices = await _factory.WithDbAsync(db => db.Invoices.CountAsync(i => i.LotId == lotId));
        var settlements = await _factory.WithDbAsync(db => db.LotSettlements.CountAsync(s => s.LotId == lotId));
        Assert.All(results, r => Assert.True(r is null or Marketplace.Web.Domain.DomainException or Marketplace.Web.Domain.NotFoundException, r?.ToString()));
        var buyNowWins = results.Take(2).Count(r => r is null);
        if (buyNowWins == 1)
        {
            // A buy-now came first: the sale ended at once; the other buy-now and the bid were told it is over.
            Assert.Equal((SaleStatus.Awarded, 900m, 1, 1), (sale.Status, sale.HammerPrice!.Value, invoices, settlements));
            Assert.NotNull(results[2]);
        }
        else
        {
            // The bid came first and met the reserve, which ends buy-now: both buy-nows were refused, nothing was invoiced.
            Assert.Equal(0, buyNowWins);
            Assert.Null(results[2]);
            Assert.All(results.Take(2), r => Assert.Equal("Buy now ended when a bid met the reserve.", r!.Message));
            Assert.Equal((SaleStatus.Open, 0, 0), (sale.Status, invoices, settlements));
        }
    }

    [Fact]
    public async Task A_quote_accepted_twice_at_once_awards_once()
    {
        var lotId = await ListedAsync(SaleTerms.RequestForQuotes);
        await _factory.SendAsAsync(LotJourneys.Refurbisher, new SubmitQuote.Command(lotId, 800m, null));
        var quoteId = await _factory.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).SelectMany(s => s.Quotes).Select(q => q.Id).SingleAsync());

        var results = await AllAtOnceAsync(
            () => _factory.SendAsAsync(LotJourneys.District, new AcceptQuote.Command(lotId, quoteId)),
            () => _factory.SendAsAsync(LotJourneys.District, new AcceptQuote.Command(lotId, quoteId)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is Marketplace.Web.Domain.DomainException { Message: "Only a listed lot can be awarded." });
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Invoices.CountAsync(i => i.LotId == lotId)));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.LedgerTransactions.CountAsync(t => t.LotId == lotId)));
    }

    [Fact]
    public async Task The_close_running_twice_at_once_awards_once()
    {
        var lotId = await ListedAsync(new SaleTerms(SaleMode.SealedBid, DateTimeOffset.UtcNow.AddDays(1), StartPrice: 100m));
        await _factory.SendAsAsync(LotJourneys.Refurbisher, new PlaceBid.Command(lotId, 700m));
        await _factory.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var saleId = await _factory.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).Select(s => s.Id).SingleAsync());

        var results = await AllAtOnceAsync(
            () => _factory.SendAsSystemAsync(new CloseSale.Command(saleId)),
            () => _factory.SendAsSystemAsync(new CloseSale.Command(saleId)));

        Assert.All(results, Assert.Null);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Invoices.CountAsync(i => i.LotId == lotId)));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.LotSettlements.CountAsync(s => s.LotId == lotId)));
    }
}

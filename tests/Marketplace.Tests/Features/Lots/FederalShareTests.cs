using System.Globalization;
using System.Net;
using System.Text.Json;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Lots;

/// <summary>
/// The district links its federally funded devices to their awards from the lot page, and reads the federal share per award
/// there and on the payout statement (2 CFR 200 as revised in 2024).
/// </summary>
public sealed class FederalShareTests : IAsyncLifetime
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_lot_says_the_share_cannot_be_computed_until_devices_are_linked_and_links_those_of_one_model_in_bulk()
    {
        var (lotId, lotUrl) = await FederalLotAsync();
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        var esser = await AwardIdAsync("ESSER III");

        var before = WebUtility.HtmlDecode(await district.GetPageAsync(lotUrl));
        Assert.Contains("Award not recorded: the federal share cannot be computed yet", before);
        Assert.Contains("3 devices marked as bought with a federal grant have no funding award recorded", before);
        Assert.Contains("<option value=\"Chromebook 3100\">Chromebook 3100 (2)</option>", before);

        var after = WebUtility.HtmlDecode(await district.SubmitAsync(lotUrl, $"{lotUrl}/funding-award", new() { ["awardId"] = esser.ToString(), ["model"] = "Chromebook 3100" }));

        Assert.Contains("Linked 2 federally funded device(s) to the award.", after);
        Assert.Contains("ESSER III", after);
        Assert.Contains("$5,000 threshold: the award is dated March 24, 2021, before the 2024 revision", after);
        Assert.Contains("None: retained without obligation to the awarding agency", after);
        Assert.Contains("Estimated from the price guide until a buyer's price is agreed", after);
        Assert.Contains("1 device marked as bought with a federal grant has no funding award recorded", after);
        var linked = await _factory.WithDbAsync(db => db.Devices.Where(d => d.LotId == lotId).OrderBy(d => d.Serial)
            .Select(d => new { d.Serial, d.FundingAwardId }).ToListAsync());
        Assert.Equal([esser, esser, null, null], linked.Select(d => d.FundingAwardId));

        // The rest, whatever their model; the locally funded device is no federal device and keeps no award.
        await district.SubmitAsync(lotUrl, $"{lotUrl}/funding-award", new() { ["awardId"] = esser.ToString(), ["model"] = "" });
        Assert.Equal(3, await _factory.WithDbAsync(db => db.Devices.CountAsync(d => d.LotId == lotId && d.FundingAwardId == esser)));
        Assert.DoesNotContain("Award not recorded", WebUtility.HtmlDecode(await district.GetPageAsync(lotUrl)));
    }

    [Fact]
    public async Task Linking_is_refused_when_no_device_waits_or_the_award_is_another_districts_and_another_district_cannot_reach_the_lot()
    {
        var (lotId, lotUrl) = await FederalLotAsync();
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        var esser = await AwardIdAsync("ESSER III");
        var cedars = await _factory.SendAsAsync("district2@demo.k12", new RecordFundingAward.Command("Cedar Ridge ESSER", new DateOnly(2022, 1, 10), 100m));
        var number = await _factory.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Number).SingleAsync());

        Assert.Contains("Choose one of your district's funding awards: that award is not one of them.",
            WebUtility.HtmlDecode(await district.SubmitAsync(lotUrl, $"{lotUrl}/funding-award", new() { ["awardId"] = cedars.ToString() })));
        Assert.Contains($"No federally funded device of model Latitude 3120 in lot {number} is waiting for an award",
            WebUtility.HtmlDecode(await district.SubmitAsync(lotUrl, $"{lotUrl}/funding-award", new() { ["awardId"] = esser.ToString(), ["model"] = "Latitude 3120" })));
        var other = await BrowserClient.SignInAsync(_factory, "district2@demo.k12");
        var response = await other.PostFormAsync("/lots", $"{lotUrl}/funding-award", new() { ["awardId"] = cedars.ToString() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Devices.CountAsync(d => d.LotId == lotId && d.FundingAwardId != null)));
    }

    [Fact]
    public async Task The_payout_statement_and_the_lot_compute_the_federal_share_on_the_actual_proceeds()
    {
        var lot = await _factory.AwardedLotAsync(hammer: 15_000m);
        var title = await AwardIdAsync("Title IV-A 2025");
        await _factory.WithDbAsync(db => db.Devices.Where(d => d.LotId == lot.Id).ExecuteUpdateAsync(set => set
            .SetProperty(d => d.FundingSource, FundingSource.FederalGrant).SetProperty(d => d.FundingAwardId, title).SetProperty(d => d.PurchaseCost, 329m)));
        await _factory.ReceiveAsync(await _factory.PickUpAsync(await _factory.SchedulePickupAsync(await _factory.PayAsync(lot))));
        await _factory.SanitizeEverySerialAsync(lot);

        var payout = await _factory.PayoutAsync(lot.Id);
        Assert.True(payout.Amount > 10_000m, "the proceeds should exceed the aggregate threshold of a 2025 award");
        var owed = decimal.Round(payout.Amount * 0.8m, 2, MidpointRounding.AwayFromZero).ToString("C", Us);
        var statement = Assert.Single(await EmailsAsync($"Payout of {payout.Amount.ToString("C", Us)} for lot {lot.Number}"));

        Assert.Contains("Federal share (2 CFR 200 as revised in 2024), computed on these proceeds:", statement);
        Assert.Contains($"- Title IV-A 2025 (awarded July 1, 2025, 80% federal): 2 CFR 200.314: residual supplies over the aggregate threshold. Federal share owed: {owed}.", statement);
        Assert.Contains("$10,000 threshold: the award is dated July 1, 2025, on or after the 2024 revision", statement);
        Assert.Contains($"3 devices cost less than $10,000 each, so they are supplies (2 CFR 200.1). Their share of the proceeds totals {payout.Amount.ToString("C", Us)}", statement);
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        var page = WebUtility.HtmlDecode(await district.GetPageAsync(lot.LotUrl));
        Assert.Contains($"data-testid=\"federal-share-owed\">{owed}<", page);
        Assert.Contains($"Computed on what the district receives ({payout.Amount.ToString("C", Us)})", page);
        // The buyer reads the lot without the district's grant records.
        var buyer = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);
        Assert.DoesNotContain("federal-share", await buyer.GetPageAsync(lot.PurchaseUrl));
    }

    [Fact]
    public async Task A_lot_without_federally_funded_devices_shows_no_federal_share()
    {
        var lot = await _factory.AwardedLotAsync(hammer: 15_000m);
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);

        Assert.DoesNotContain("federal-share", await district.GetPageAsync(lot.LotUrl));
    }

    private async Task<(Guid Id, string Url)> FederalLotAsync()
    {
        var batch = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var lotId = await _factory.SendAsAsync(LotJourneys.District, new CreateLot.Command($"ESSER Chromebooks {batch}", null, "Maple Valley HS, Maple Valley, WA"));
        (string Serial, string Model, FundingSource Funding)[] devices =
        [
            ($"FED{batch}1", "Chromebook 3100", FundingSource.FederalGrant),
            ($"FED{batch}2", "Chromebook 3100", FundingSource.FederalGrant),
            ($"FED{batch}3", "Chromebook 3110", FundingSource.FederalGrant),
            ($"FED{batch}4", "Chromebook 3100", FundingSource.Local),
        ];
        foreach (var (serial, model, funding) in devices)
        {
            await _factory.SendAsAsync(LotJourneys.District, new AddDevice.Command(lotId, serial, null, DeviceCategory.Chromebook, "Dell", model, CosmeticGrade.B,
                FunctionalStatus.Working, null, funding));
        }

        return (lotId, $"/lots/{lotId}");
    }

    private Task<Guid> AwardIdAsync(string name) =>
        _factory.WithDbAsync(db => db.FundingAwards.Where(a => a.Name == name).Select(a => a.Id).SingleAsync());

    private Task<List<string>> EmailsAsync(string subject) =>
        _factory.WithDbAsync(async db => (await QueuedEmails.WithSubjectAsync(db, subject)).Select(c => c.Body).ToList());
}

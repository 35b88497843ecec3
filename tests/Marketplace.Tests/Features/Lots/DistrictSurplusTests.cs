using System.Net;
using Marketplace.Tests.Features.Imports;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Lots;

public sealed class DistrictSurplusTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();
    private ImportTestKit _kit = null!;

    public async ValueTask InitializeAsync() => _kit = await ImportTestKit.StartAsync(_factory);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<Guid> LotWithAsync(string csv)
    {
        var lot = await _kit.CreateLotAsync();
        var job = await _kit.UploadOkAsync(lot, "devices.csv", csv);
        await _kit.MapAndCheckAsync(job);
        await _kit.ConfirmAsync(job, acceptIssues: false);
        return lot;
    }

    [Fact]
    public async Task A_lot_with_E_rate_devices_younger_than_five_years_cannot_be_submitted_and_the_message_lists_their_serials()
    {
        var recent = DateTime.UtcNow.AddYears(-2).ToString("yyyy-MM-dd");
        var old = DateTime.UtcNow.AddYears(-6).ToString("yyyy-MM-dd");
        var lot = await LotWithAsync($"Serial,Model,Funding Source,Purchase Date\nER-NEW-1,Dell Chromebook 3100,E-rate,{recent}\nER-OLD-1,Dell Chromebook 3100,E-rate,{old}\nER-NODATE,Dell Chromebook 3100,E-Rate,\nLOCAL-1,Dell Chromebook 3100,Local,{recent}\n");

        var page = await _kit.District.SubmitAsync($"/lots/{lot}", $"/lots/{lot}/submit");
        var text = WebUtility.HtmlDecode(page);
        Assert.Contains("E-rate-funded devices cannot be sold", text);
        Assert.Contains("ER-NEW-1", text);
        Assert.Contains("ER-NODATE", text);
        Assert.DoesNotContain("ER-OLD-1, ", text[text.IndexOf("Remove or correct", StringComparison.Ordinal)..]);
        Assert.Equal(LotStage.Draft, await StageAsync(lot));

        await _kit.District.SubmitAsync($"/lots/{lot}?funding=ERate", $"/lots/{lot}/devices/bulk", new()
        {
            ["AllMatching"] = "true", ["Filter.Funding"] = "ERate", ["Filter.Search"] = "ER-N", ["Operation"] = "remove",
        });
        Assert.Equal(["ER-OLD-1", "LOCAL-1"], (await _kit.DevicesAsync(lot)).Select(d => d.Serial));
        await _kit.District.SubmitAsync($"/lots/{lot}", $"/lots/{lot}/submit");
        Assert.Equal(LotStage.Listed, await StageAsync(lot));
    }

    [Fact]
    public async Task The_instant_estimate_follows_the_price_guide_and_the_aue_runway()
    {
        // Dell Chromebook 3110: base $140 in the reference table, AUE June 2031; HP ProBook 440 G8: base $300, no AUE.
        var lot = await LotWithAsync("Serial,Model,Grade,Functional\nE-1,Dell Chromebook 3110,A,Working\nE-2,HP ProBook 440 G8,B,Minor fault\n");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var years = AueYears.Left(new DateOnly(2031, 6, 1), today)!.Value;
        var guide = new PriceGuide();
        var point = 140m * 1.00m * 1m * guide.RunwayFactor(DeviceCategory.Chromebook, years) + 300m * 0.80m * 0.60m;
        var expected = guide.Range(point, 2, 0);

        var page = WebUtility.HtmlDecode(await _kit.District.GetPageAsync($"/lots/{lot}"));
        Assert.Contains($"{expected.Low:C0} – {expected.High:C0}", page);
        Assert.Contains($"{years:0.0} yr", page);
    }

    [Fact]
    public async Task Imported_federally_funded_devices_wait_for_their_award_and_then_owe_the_agency_only_over_the_awards_aggregate_threshold()
    {
        var rows = string.Join("\n", Enumerable.Range(1, 40).Select(i => $"FED-{i:D3},HP ProBook 440 G8,Federal grant,A"));
        var lot = await LotWithAsync("Serial,Model,Funding,Grade\n" + rows + "\n");
        var page = WebUtility.HtmlDecode(await _kit.District.GetPageAsync($"/lots/{lot}"));
        Assert.Contains("40 devices marked as bought with a federal grant have no funding award recorded", page);

        // ESSER III (2021): the $5,000 aggregate of 2 CFR 200.314 before its 2024 revision; forty laptops exceed it, one does not.
        var esser = await _factory.WithDbAsync(db => db.FundingAwards.Where(a => a.Name == "ESSER III").Select(a => a.Id).SingleAsync());
        var linked = WebUtility.HtmlDecode(await _kit.District.SubmitAsync($"/lots/{lot}", $"/lots/{lot}/funding-award", new() { ["awardId"] = esser.ToString() }));
        Assert.Contains("Linked 40 federally funded device(s) to the award.", linked);
        Assert.Contains("2 CFR 200.314: residual supplies over the aggregate threshold", linked);

        var small = await LotWithAsync("Serial,Model,Funding\nFED-SMALL,HP ProBook 440 G8,Federal grant\n");
        var one = WebUtility.HtmlDecode(await _kit.District.SubmitAsync($"/lots/{small}", $"/lots/{small}/funding-award", new() { ["awardId"] = esser.ToString() }));
        Assert.Contains("None: retained without obligation to the awarding agency", one);
    }

    [Fact]
    public async Task Bulk_edit_changes_only_the_ticked_devices_and_refuses_an_empty_selection()
    {
        var lot = await LotWithAsync("Serial,Model,Grade\nB-1,Dell Chromebook 3100,A\nB-2,Dell Chromebook 3100,A\nB-3,Dell Chromebook 3100,A\n");
        var devices = await _kit.DevicesAsync(lot);

        var response = await _kit.District.PostPairsAsync($"/lots/{lot}", $"/lots/{lot}/devices/bulk",
        [
            new("DeviceIds", devices[0].Id.ToString()), new("DeviceIds", devices[2].Id.ToString()),
            new("SetGrade", "D"), new("SetSanitization", "Wiped"), new("Operation", "edit"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await _kit.DevicesAsync(lot);
        Assert.Equal([CosmeticGrade.D, CosmeticGrade.A, CosmeticGrade.D], after.Select(d => d.Grade));
        Assert.Equal([DeclaredSanitization.Wiped, DeclaredSanitization.Unknown, DeclaredSanitization.Wiped], after.Select(d => d.DeclaredSanitization));

        var nothing = await _kit.District.SubmitAsync($"/lots/{lot}", $"/lots/{lot}/devices/bulk", new() { ["SetGrade"] = "B", ["Operation"] = "edit" });
        Assert.Contains("Tick at least one device", WebUtility.HtmlDecode(nothing));
    }

    [Fact]
    public async Task The_device_grid_pages_and_sorts_hundreds_of_devices()
    {
        var rows = string.Join("\n", Enumerable.Range(1, 120).Select(i => $"G-{i:D3},Dell Chromebook 3100"));
        var lot = await LotWithAsync("Serial,Model\n" + rows + "\n");
        var first = await _kit.District.GetPageAsync($"/lots/{lot}");
        Assert.Contains("Showing 1–50 of 120", WebUtility.HtmlDecode(first));
        Assert.Contains("G-001", first);
        Assert.DoesNotContain("G-051", first);

        var last = WebUtility.HtmlDecode(await _kit.District.GetPageAsync($"/lots/{lot}?sort=serial&desc=true&page=1"));
        Assert.Contains("G-120", last);
        Assert.DoesNotContain("G-001<", last);
        var third = WebUtility.HtmlDecode(await _kit.District.GetPageAsync($"/lots/{lot}?page=3"));
        Assert.Contains("Showing 101–120 of 120", third);
    }

    [Fact]
    public async Task A_district_finds_where_a_serial_is_and_another_district_cannot()
    {
        var lot = await LotWithAsync("Serial,Asset Tag,Model\nFIND-ME-1,MV-7777,Dell Chromebook 3100\nOTHER-2,MV-7778,Dell Chromebook 3100\n");
        var number = await _factory.WithDbAsync(db => db.Lots.Where(l => l.Id == lot).Select(l => l.Number).SingleAsync());

        var bySerial = WebUtility.HtmlDecode(await _kit.District.GetPageAsync("/lots?serial=FIND-ME-1"));
        Assert.Contains(number, bySerial);
        Assert.Contains("MV-7777", bySerial);
        Assert.DoesNotContain("OTHER-2", bySerial);
        Assert.Contains("FIND-ME-1", WebUtility.HtmlDecode(await _kit.District.GetPageAsync("/lots?serial=MV-7777")));

        var other = await BrowserClient.SignInAsync(_factory, "district2@demo.k12");
        var theirs = WebUtility.HtmlDecode(await other.GetPageAsync("/lots?serial=FIND-ME-1"));
        Assert.Contains("No device of this district matches", theirs);
        Assert.DoesNotContain(number, theirs);
    }

    private Task<LotStage> StageAsync(Guid lot) => _factory.WithDbAsync(async db => (await db.ProgressOfAsync(lot, CancellationToken.None)).Stage);
}

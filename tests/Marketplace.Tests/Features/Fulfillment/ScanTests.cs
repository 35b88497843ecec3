using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Fulfillment;
using Marketplace.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Fulfillment;

/// <summary>Scans at the dock (the district's hand-over) and at the buyer's facility (receiving), through the pipeline and the scan page.</summary>
public sealed class ScanTests(FulfillmentApp app) : IClassFixture<FulfillmentApp>
{
    [Fact]
    public async Task A_scan_matches_a_serial_or_asset_tag_whatever_its_case_and_a_device_counts_once()
    {
        var lot = await app.PaidLotAsync();
        var tag = await TagOfAsync(lot.Serials[0]);

        var first = await ScanAsync(LotJourneys.District, lot, lot.Serials[0].ToLowerInvariant(), box: "1");
        var byTag = await ScanAsync(LotJourneys.District, lot, tag.ToLowerInvariant());
        var label = await ScanAsync(LotJourneys.District, lot, $"SN:{lot.Serials[1]};TAG:whatever", box: " 2 ");

        Assert.Equal((ScanResult.Matched, lot.Serials[0], tag, "1", new ScanCounts(1, 3, 0)), (first.Result, first.Serial, first.AssetTag, first.Box, first.Counts));
        Assert.Equal((ScanResult.Duplicate, lot.Serials[0], new ScanCounts(1, 3, 0)), (byTag.Result, byTag.Serial, byTag.Counts));
        Assert.Contains("was already scanned at the hand-over: this scan was ignored", byTag.Message);
        Assert.Equal((ScanResult.Matched, lot.Serials[1], "2", 2), (label.Result, label.Serial, label.Box, label.Counts.Scanned));
        var scans = await app.WithDbAsync(db => db.DeviceScans.AsNoTracking().Where(s => s.LotId == lot.Id).OrderBy(s => s.ScannedAt).ToListAsync());
        Assert.Equal([(ScanStage.HandOver, lot.Serials[0].ToLowerInvariant(), lot.Serials[0], "1"), (ScanStage.HandOver, $"SN:{lot.Serials[1]};TAG:whatever", lot.Serials[1], "2")],
            scans.Select(s => (s.Stage, s.RawValue, s.Value, s.Box)));
        Assert.All(scans, s => Assert.Equal(("Dana Whitfield", true), (s.ScannedBy, s.DeviceId is not null)));
        Assert.Equal(2, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.LotId == lot.Id && e.Kind == CustodyEventKind.Scanned && e.DeviceId != null)));
        // The audit trail records each scan; its custody event, a trail of its own, is not recorded twice.
        var trail = await app.WithDbAsync(db => db.AuditRecords.AsNoTracking().Where(r => r.LotId == lot.Id && r.Action == "Fulfillment.RecordScan").ToListAsync());
        Assert.DoesNotContain(trail, r => r.EntityType == nameof(CustodyEvent));
        Assert.Equal(scans.Select(s => s.Id.ToString()).Order(), trail.Where(r => r.EntityType == nameof(DeviceScan)).Select(r => r.EntityId!).Order());
        // The ignored duplicate changed nothing: it is recorded as what was asked.
        Assert.Equal(tag.ToLowerInvariant(), AuditChanges.Read(Assert.Single(trail, r => r.Operation == AuditOperation.Command).Changes).Single(c => c.Field == "Value").After);
    }

    [Fact]
    public async Task An_unknown_value_is_kept_and_listed_once_and_a_mistaken_scan_is_taken_back()
    {
        var lot = await app.PaidLotAsync();
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var unknown = await ScanAsync(LotJourneys.District, lot, "5CD-NOT-HERE");
        var again = await ScanAsync(LotJourneys.District, lot, "5cd-not-here");
        await ScanAsync(LotJourneys.District, lot, lot.Serials[2]);
        var removed = await app.SendAsAsync(LotJourneys.District, new RemoveScan.Command(lot.Id, lot.Serials[2].ToLowerInvariant()));

        Assert.Equal((ScanResult.Unknown, 1), (unknown.Result, unknown.Counts.Unknown));
        Assert.Equal((ScanResult.Duplicate, 1), (again.Result, again.Counts.Unknown));
        Assert.Equal((ScanResult.Removed, new ScanCounts(0, 3, 1)), (removed.Result, removed.Counts));
        var page = WebUtility.HtmlDecode(await district.GetPageAsync($"{lot.LotUrl}/scan"));
        Assert.Contains("Unknown values (1)", page);
        Assert.Contains("5CD-NOT-HERE", page);
        Assert.Contains("(taken back)", page);
        Assert.Contains("Not scanned yet (3)", page);
        var missing = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(LotJourneys.District, new RemoveScan.Command(lot.Id, lot.Serials[2])));
        Assert.Equal($"{lot.Serials[2]} has no hand-over scan to take back.", missing.Message);

        var scan = await app.WithDbAsync(db => db.DeviceScans.AsNoTracking().SingleAsync(s => s.LotId == lot.Id && s.DeviceId != null));
        Assert.NotNull(scan.RemovedAt);
        var history = WebUtility.HtmlDecode(await district.GetPageAsync($"{lot.LotUrl}/devices/{scan.DeviceId}"));
        Assert.Contains("Scanned at the hand-over", history);
        Assert.Contains("Hand-over scan taken back", history);
    }

    [Fact]
    public async Task Each_side_scans_its_own_stage_the_district_before_the_hand_over_and_the_buyer_after_it()
    {
        var lot = await app.PickupScheduledLotAsync();

        var early = await Assert.ThrowsAsync<DomainException>(() => ScanAsync(LotJourneys.Refurbisher, lot, lot.Serials[0]));
        Assert.Equal("Receiving scans start once the lot is handed over.", early.Message);
        await ScanAsync(LotJourneys.District, lot, lot.Serials[0], box: "A");
        await app.PickUpAsync(lot);
        var late = await Assert.ThrowsAsync<DomainException>(() => ScanAsync(LotJourneys.District, lot, lot.Serials[1]));
        var received = await ScanAsync(LotJourneys.Refurbisher, lot, lot.Serials[0]);

        Assert.Equal("The lot has already been handed over; its hand-over scans are closed.", late.Message);
        Assert.Equal((ScanResult.Matched, new ScanCounts(1, 3, 0)), (received.Result, received.Counts));
        var stages = await app.WithDbAsync(db => db.DeviceScans.Where(s => s.LotId == lot.Id).OrderBy(s => s.ScannedAt).Select(s => new { s.Stage, s.ScannedBy }).ToListAsync());
        Assert.Equal([(ScanStage.HandOver, "Dana Whitfield"), (ScanStage.Receiving, "Priya Natarajan")], stages.Select(s => (s.Stage, s.ScannedBy)));

        var history = WebUtility.HtmlDecode(await (await BrowserClient.SignInAsync(app, LotJourneys.District)).GetPageAsync(
            $"{lot.LotUrl}/devices/{await app.WithDbAsync(db => db.Devices.Where(d => d.Serial == lot.Serials[0]).Select(d => d.Id).SingleAsync())}"));
        var order = new[] { "Scanned at the hand-over", "Handed over to the buyer", "Scanned at receiving" }.Select(s => history.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.Order(), order);
        Assert.Contains("Priya Natarajan (GreenCycle ITAD)", history);
    }

    [Fact]
    public async Task Another_organization_can_neither_see_nor_scan_a_lot()
    {
        var lot = await app.PaidLotAsync();
        var otherDistrict = await BrowserClient.SignInAsync(app, "district2@demo.k12");
        var otherRefurbisher = await app.AddOrganizationWithUserAsync($"Evergreen Recyclers {Guid.NewGuid():N}", OrganizationKind.Refurbisher);
        var stranger = await BrowserClient.SignInAsync(app, otherRefurbisher);

        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrict.Http.GetAsync($"{lot.LotUrl}/scan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"{lot.PurchaseUrl}/scan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrict.PostFormAsync("/lots/new", $"{lot.LotUrl}/scan", new() { ["Value"] = lot.Serials[0] })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrict.Http.GetAsync($"{lot.LotUrl}/packing-list.pdf")).StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsAsync(otherRefurbisher, new RecordScan.Command(lot.Id, lot.Serials[0])));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsAsync("district2@demo.k12", new RemoveScan.Command(lot.Id, lot.Serials[0])));
        await Assert.ThrowsAsync<NotFoundException>(() => app.QueryAsAsync("district2@demo.k12", new GetScanSheet.Query(lot.Id)));
        // A school buys lots too, so it may scan its own; this one is not its own.
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsAsync("school@demo.k12", new RecordScan.Command(lot.Id, lot.Serials[0])));
        Assert.False(await app.WithDbAsync(db => db.DeviceScans.AnyAsync(s => s.LotId == lot.Id)));
    }

    [Fact]
    public async Task The_page_saves_a_scan_posted_by_its_script_and_answers_with_the_running_counts()
    {
        var lot = await app.PaidLotAsync();
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var token = await district.TokenAsync($"{lot.LotUrl}/scan");

        var json = await PostScanAsync(district, lot, token, lot.Serials[1], box: "7");
        var duplicate = await PostScanAsync(district, lot, token, lot.Serials[1].ToLowerInvariant(), box: "7");
        var refused = await PostScanAsync(district, lot, token, "\u041CVH-0001", box: null);

        Assert.Equal(HttpStatusCode.OK, json.Status);
        Assert.Equal(("Matched", lot.Serials[1], "7", 1, 3, 2, 0),
            (json.Body.GetProperty("result").GetString(), json.Body.GetProperty("serial").GetString(), json.Body.GetProperty("box").GetString(),
                json.Body.GetProperty("scanned").GetInt32(), json.Body.GetProperty("expected").GetInt32(), json.Body.GetProperty("missing").GetInt32(),
                json.Body.GetProperty("unknown").GetInt32()));
        Assert.Equal("Duplicate", duplicate.Body.GetProperty("result").GetString());
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "Refused"), (refused.Status, refused.Body.GetProperty("result").GetString()));
        Assert.Contains("Cyrillic", refused.Body.GetProperty("message").GetString());

        // The same form without script: the page comes back with the outcome, the box kept for the next scan.
        var page = WebUtility.HtmlDecode(await district.SubmitAsync($"{lot.LotUrl}/scan", $"{lot.LotUrl}/scan", new() { ["Value"] = lot.Serials[1], ["Box"] = "7" }));
        Assert.Contains($"⚠ Duplicate — {lot.Serials[1]} was already scanned", page);
        Assert.Contains("value=\"7\"", page);
        Assert.Contains("autofocus", page);
    }

    [Fact]
    public async Task The_devices_not_scanned_yet_are_listed_a_page_at_a_time()
    {
        var lot = await app.PaidLotAsync(devices: GetScanSheet.MissingPageSize + 5);
        await ScanAsync(LotJourneys.District, lot, lot.Serials[0]);

        var first = await app.QueryAsAsync(LotJourneys.District, new GetScanSheet.Query(lot.Id));
        var second = await app.QueryAsAsync(LotJourneys.District, new GetScanSheet.Query(lot.Id, MissingPage: 2));

        Assert.Equal((GetScanSheet.MissingPageSize + 4, 2, GetScanSheet.MissingPageSize, 4), (first.Missing.Total, first.Missing.Pages, first.Missing.Rows.Count, second.Missing.Rows.Count));
        Assert.DoesNotContain(first.Missing.Rows.Concat(second.Missing.Rows), m => m.Serial == lot.Serials[0]);
        Assert.Equal(lot.Serials.Skip(1).Order(StringComparer.Ordinal), first.Missing.Rows.Concat(second.Missing.Rows).Select(m => m.Serial).Order(StringComparer.Ordinal));
        var page = WebUtility.HtmlDecode(await (await BrowserClient.SignInAsync(app, LotJourneys.District)).GetPageAsync($"{lot.LotUrl}/scan?missing=2"));
        Assert.Contains($"Showing 51–{GetScanSheet.MissingPageSize + 4} of {GetScanSheet.MissingPageSize + 4}", page);
    }

    private Task<ScanOutcome> ScanAsync(string email, SoldLot lot, string value, string? box = null) =>
        app.SendAsAsync(email, new RecordScan.Command(lot.Id, value, box));

    private Task<string> TagOfAsync(string serial) =>
        app.WithDbAsync(db => db.Devices.Where(d => d.Serial == serial).Select(d => d.AssetTag!).SingleAsync());

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostScanAsync(BrowserClient user, SoldLot lot, string token, string value, string? box)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{lot.LotUrl}/scan")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Value", value), new("Box", box ?? "")]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Referrer = new Uri(user.Http.BaseAddress!, $"{lot.LotUrl}/scan");
        using var response = await user.Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}

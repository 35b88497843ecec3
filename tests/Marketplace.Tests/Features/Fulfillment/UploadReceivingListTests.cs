using System.Net;
using System.Text;
using ClosedXML.Excel;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Fulfillment;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Fulfillment;

/// <summary>
/// The receiving list uploaded instead of scanning: rows become receiving scans with the grade and model they arrived in,
/// the whole file or nothing, and a second upload replaces only what changed.
/// </summary>
public sealed class UploadReceivingListTests(FulfillmentApp app) : IClassFixture<FulfillmentApp>
{
    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private Task<UploadReceivingList.Result> UploadAsync(Guid lotId, string fileName, byte[] content, IReadOnlyDictionary<string, string>? mapping = null) =>
        app.SendAsAsync(LotJourneys.Refurbisher, new UploadReceivingList.Command(lotId, fileName, content, mapping));

    private Task<List<DeviceScan>> ScansAsync(Guid lotId) =>
        app.WithDbAsync(db => db.DeviceScans.AsNoTracking().Where(s => s.LotId == lotId && s.Stage == ScanStage.Receiving && s.RemovedAt == null).ToListAsync());

    [Fact]
    public async Task A_list_with_grade_words_records_each_device_as_received_and_the_reconciliation_reads_it()
    {
        var lot = await app.InTransitLotAsync(devices: 4);

        var result = await UploadAsync(lot.Id, "received.csv", Csv(
            "Serial number,Condition,Box",
            $"{lot.Serials[0]},,1",
            $"{lot.Serials[1].ToLowerInvariant()},Good,1",
            $"{lot.Serials[2]},Fair,2"));

        Assert.True(result.Recorded);
        Assert.Equal("3 serials recorded as received from received.csv (3 new, 0 updated)", result.Summary);
        var scans = await ScansAsync(lot.Id);
        Assert.Equal([(null, "1"), (CosmeticGrade.B, "1"), (CosmeticGrade.C, "2")],
            lot.Serials.Take(3).Select(serial => scans.Single(s => s.Value == serial.ToUpperInvariant())).Select(s => (s.Grade, s.Box)));

        await app.SendAsAsync(LotJourneys.Refurbisher, new MarkReceived.Command(lot.Id));
        var lines = await app.WithDbAsync(db => db.ReconciliationLines.AsNoTracking()
            .Where(l => db.LotReconciliations.Any(r => r.Id == l.ReconciliationId && r.LotId == lot.Id)).OrderBy(l => l.Serial).ToListAsync());
        Assert.Equal([(DiscrepancyKind.LowerGrade, lot.Serials[2]), (DiscrepancyKind.Missing, lot.Serials[3])], lines.Select(l => (l.Kind, l.Serial)));
    }

    [Fact]
    public async Task A_workbook_matches_asset_tags_and_keeps_a_value_not_in_the_manifest_as_an_extra()
    {
        var lot = await app.InTransitLotAsync(devices: 2);
        var tags = await app.WithDbAsync(db => db.Devices.Where(d => d.LotId == lot.Id).OrderBy(d => d.Serial).Select(d => d.AssetTag!).ToListAsync());
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Received");
        sheet.Cell(1, 1).Value = "Asset tag";
        sheet.Cell(1, 2).Value = "Received model";
        sheet.Cell(2, 1).Value = tags[0];
        sheet.Cell(3, 1).Value = tags[1];
        sheet.Cell(3, 2).Value = "Chromebook 3110";
        sheet.Cell(4, 1).Value = "NOT-OURS-77";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var result = await UploadAsync(lot.Id, "received.xlsx", stream.ToArray());

        Assert.Equal((2, 1), (result.Added, result.Extras));
        var scans = await ScansAsync(lot.Id);
        Assert.Equal(3, scans.Count);
        Assert.Equal("Chromebook 3110", scans.Single(s => s.Value == tags[1].ToUpperInvariant()).ReceivedModel);
        Assert.Null(scans.Single(s => s.Value == "NOT-OURS-77").DeviceId);
    }

    [Fact]
    public async Task A_list_with_any_problem_records_nothing_and_names_row_and_column()
    {
        var lot = await app.InTransitLotAsync(devices: 3);

        var result = await UploadAsync(lot.Id, "received.csv", Csv(
            "Serial,Grade as received",
            $"{lot.Serials[0]},A",
            $"{lot.Serials[1]},Scuffed",
            $"{lot.Serials[0]},B"));

        Assert.False(result.Recorded);
        Assert.Equal(2, result.ProblemCount);
        Assert.Equal($"Row 3, column 'Grade as received': \"Scuffed\" is not a grade we know. Write {UploadReceivingList.AcceptedGrades}.", result.Problems[0].ToString());
        Assert.Equal($"Row 4, column 'Serial': {lot.Serials[0]} is the same device as row 2; list each device once.", result.Problems[1].ToString());
        Assert.Empty(await ScansAsync(lot.Id));
    }

    [Fact]
    public async Task Uploading_again_replaces_only_what_changed_and_keeps_one_scan_per_device()
    {
        var lot = await app.InTransitLotAsync(devices: 3);
        await app.ScanInAsync(lot.Id, lot.Serials.Take(1));

        var result = await UploadAsync(lot.Id, "received.csv", Csv("Serial,Grade", $"{lot.Serials[0]},", $"{lot.Serials[1]},", $"{lot.Serials[2]},D"));
        var again = await UploadAsync(lot.Id, "received.csv", Csv("Serial,Grade", $"{lot.Serials[0]},", $"{lot.Serials[1]},C", $"{lot.Serials[2]},D"));

        Assert.Equal((2, 0, 1), (result.Added, result.Updated, result.Unchanged));
        Assert.Equal((0, 1, 2), (again.Added, again.Updated, again.Unchanged));
        var scans = await ScansAsync(lot.Id);
        Assert.Equal(3, scans.Count);
        Assert.Equal(CosmeticGrade.C, scans.Single(s => s.Value == lot.Serials[1].ToUpperInvariant()).Grade);
        Assert.Equal(1, await app.WithDbAsync(db => db.DeviceScans.CountAsync(s => s.LotId == lot.Id && s.RemovedAt != null)));
    }

    [Fact]
    public async Task Columns_that_cannot_be_matched_ask_for_a_mapping_and_the_chosen_column_is_read()
    {
        var lot = await app.InTransitLotAsync(devices: 1);
        var file = Csv("Item,Notes", $"{lot.Serials[0]},left pallet");

        var first = await UploadAsync(lot.Id, "sheet.csv", file);
        var mapped = await UploadAsync(lot.Id, "sheet.csv", file, new Dictionary<string, string> { ["Serial"] = "Item" });

        Assert.NotNull(first.Mapping);
        Assert.Equal(["Serial"], first.Mapping!.Missing);
        Assert.True(mapped.Recorded);
        Assert.Single(await ScansAsync(lot.Id));
    }

    [Fact]
    public async Task The_buyers_page_takes_the_list_and_a_refused_one_comes_back_with_its_problems()
    {
        var lot = await app.InTransitLotAsync(devices: 2);
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        Assert.Contains("Or upload the list of serials received (CSV or .xlsx)", WebUtility.HtmlDecode(await buyer.GetPageAsync(lot.PurchaseUrl)));

        var refused = await buyer.PostFileAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/receiving-list", "list", "bad.csv", Csv("Serial,Grade", $"{lot.Serials[0]},Z"));
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Nothing was recorded: bad.csv has 1 problem", page);
        Assert.Contains("Row 2, column 'Grade': \"Z\" is not a grade we know.", page);

        var accepted = await buyer.PostFileAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/receiving-list", "list", "good.csv", Csv("Serial", lot.Serials[0], lot.Serials[1]));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("2 serials recorded as received from good.csv (2 new, 0 updated)", WebUtility.HtmlDecode(await buyer.GetPageAsync(accepted.Headers.Location!.OriginalString)));

        var template = await buyer.Http.GetAsync("/purchases/receiving-list-template.csv");
        Assert.StartsWith("\"Serial\",\"Grade as received\",\"Model as received\",\"Box\"", await template.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClosedXML.Excel;
using Marketplace.Tests.Domain.Fulfillment;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Sanitization;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Sanitization;

/// <summary>The erasure software's report, uploaded for a received lot: through the pipeline, and through the purchase page.</summary>
public sealed class UploadErasureReportTests(SanitizationApp app) : IClassFixture<SanitizationApp>
{
    private const string OurHeaders = "Device serial,Medium serial,Medium manufacturer,Medium model,Media type,Method,Technique,Tool,Tool version,Verification method,Verification result";

    [Fact]
    public async Task A_csv_report_records_one_medium_per_row_with_the_performer_from_the_form()
    {
        var lot = await app.ReceivedLotAsync();

        var result = await UploadAsync(lot, "bench-3.csv", Csv(OurHeaders, lot.Serials.Select(s => Row(s, $"SSD-{s}")).ToArray()));

        Assert.True(result.Recorded);
        Assert.Equal("3 media recorded (3 new, 0 updated) from bench-3.csv", result.Summary);
        var records = await RecordsAsync(lot.Id);
        Assert.Equal(lot.Serials.Select(s => $"SSD-{s}"), records.Select(r => r.MediumSerial));
        Assert.All(records, r => Assert.Equal((MediaType.Ssd, (SanitizationMethod?)SanitizationMethod.Purge, "Blancco Drive Eraser", VerificationResult.Passed, "Priya Natarajan", RecordStatus.AwaitingValidation),
            (r.MediaType, r.Method, r.Tool, r.VerificationResult, r.Performer.Name, r.Status)));
        Assert.Equal((3, 3, 0), await CountsAsync(lot.Id));
    }

    [Fact]
    public async Task A_blancco_workbook_s_columns_are_matched_by_their_own_headers()
    {
        var lot = await app.ReceivedLotAsync(devices: 2);
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Erasure reports");
        string[] headers = ["Report date", "System manufacturer", "System serial", "Disk serial", "Disk vendor", "Disk model", "Disk type", "Disk capacity",
            "Erasure method", "Erasure status", "Product name", "Product version", "Verification", "Technician"];
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = headers[c];
        }

        for (var r = 0; r < lot.Serials.Count; r++)
        {
            object[] cells = [new DateTime(2026, 12, 1), "Dell", lot.Serials[r], $"S4EVNM0T{r}", "Samsung", "PM991 NVMe", "NVMe", 256, "NIST 800-88 Purge", "Successful",
                "Blancco Drive Eraser", "7.14.1", "Full verification", "Sam Ortiz"];
            for (var c = 0; c < cells.Length; c++)
            {
                // Typed as text, as the tool writes it: given as a value, "7.14.1" would become a date.
                _ = cells[c] is string text ? sheet.Cell(r + 2, c + 1).SetValue(text) : sheet.Cell(r + 2, c + 1).SetValue(cells[c]);
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var result = await UploadAsync(lot, "blancco-export.xlsx", stream.ToArray());

        Assert.Equal("2 media recorded (2 new, 0 updated) from blancco-export.xlsx", result.Summary);
        var record = (await RecordsAsync(lot.Id))[0];
        Assert.Equal(("S4EVNM0T0", "Samsung", "PM991 NVMe", MediaType.Nvme, (SanitizationMethod?)SanitizationMethod.Purge, "7.14.1", "Full verification", "Sam Ortiz"),
            (record.MediumSerial, record.Manufacturer, record.Model, record.MediaType, record.Method, record.ToolVersion, record.VerificationMethod, record.Performer.Name));
    }

    [Fact]
    public async Task A_report_with_one_bad_row_records_nothing_and_names_the_row_and_column()
    {
        var lot = await app.ReceivedLotAsync();
        var rows = lot.Serials.Select(s => Row(s, $"SSD-{s}")).ToArray();
        rows[1] = Row(lot.Serials[1], $"SSD-{lot.Serials[1]}", tool: "");

        var result = await UploadAsync(lot, "bench-3.csv", Csv(OurHeaders, rows), Media.Emmc("x") with { Tool = "" });

        Assert.False(result.Recorded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("Row 3, column 'Tool': Name the tool or process (e.g. \"Blancco Drive Eraser\").", problem.ToString());
        Assert.Empty(await RecordsAsync(lot.Id));
        Assert.Equal((0, 0, 0), await CountsAsync(lot.Id));
    }

    [Fact]
    public async Task Uploading_the_report_again_updates_its_media_instead_of_adding_them()
    {
        var lot = await app.ReceivedLotAsync();
        await UploadAsync(lot, "bench-3.csv", Csv(OurHeaders, lot.Serials.Select(s => Row(s, $"SSD-{s}")).ToArray()));

        var again = await UploadAsync(lot, "bench-3.csv", Csv(OurHeaders, lot.Serials.Select(s => Row(s, $"ssd-{s}", method: "Destroy", technique: "Shred")).ToArray()));

        Assert.Equal("3 media recorded (0 new, 3 updated) from bench-3.csv", again.Summary);
        var records = await RecordsAsync(lot.Id);
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.Equal((2, (SanitizationMethod?)SanitizationMethod.Destroy, SanitizationTechnique.Shred), (r.Attempt, r.Method, r.Technique)));
        Assert.Equal((3, 3, 0), await CountsAsync(lot.Id));
    }

    [Fact]
    public async Task A_medium_already_accepted_is_a_problem_of_its_row_and_the_report_records_nothing()
    {
        var lot = await app.ReceivedLotAsync(devices: 2);
        var accepted = await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, lot.Serials[0], Media.Emmc(lot.Serials[0], mediumSerial: "SSD-A")));
        await app.SendAsAsync(LotJourneys.SecondTechnician, new ValidateSanitization.Command(lot.Id, accepted, ValidationDecision.Accept, null, Media.Validator));

        var result = await UploadAsync(lot, "bench-3.csv", Csv(OurHeaders, Row(lot.Serials[0], "SSD-A"), Row(lot.Serials[1], "SSD-B")));

        Assert.Equal("Row 2: Medium SSD-A is already accepted; only a medium sent back for repeat (or still awaiting validation) can be recorded again.",
            Assert.Single(result.Problems).ToString());
        Assert.Single(await RecordsAsync(lot.Id));
        Assert.Equal((1, 1, 1), await CountsAsync(lot.Id));
    }

    [Fact]
    public async Task A_serial_of_another_lot_is_a_problem_naming_this_lot()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        var other = await app.ReceivedLotAsync(devices: 1);

        var result = await UploadAsync(lot, "bench-3.csv", Csv(OurHeaders, Row(lot.Serials[0], "SSD-1"), Row(other.Serials[0], "SSD-2")));

        Assert.Equal($"Row 3, column 'Device serial': Serial {other.Serials[0]} is not in lot {lot.Number}. Check the report, or whether the device came from another lot.",
            Assert.Single(result.Problems).ToString());
        Assert.Empty(await RecordsAsync(lot.Id));
        Assert.Empty(await RecordsAsync(other.Id));
    }

    [Fact]
    public async Task A_result_word_the_report_tools_do_not_use_is_refused_with_the_accepted_words()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);

        var result = await UploadAsync(lot, "bench-3.csv", Csv(OurHeaders, Row(lot.Serials[0], "SSD-1", result: "Probably")));

        var problem = Assert.Single(result.Problems).ToString();
        Assert.StartsWith("Row 2, column 'Verification result': \"Probably\" is not a verification result we know. Write one of: Passed (or Pass, Successful", problem);
        Assert.Contains("Failed (or Fail", problem);
        Assert.Empty(await RecordsAsync(lot.Id));
    }

    [Fact]
    public async Task The_same_medium_twice_in_one_report_is_a_problem_naming_both_rows()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);

        var result = await UploadAsync(lot, "bench-3.csv", Csv(OurHeaders, Row(lot.Serials[0], "SSD-1"), Row(lot.Serials[0], " ssd-1 ")));

        Assert.Equal($"Row 3, column 'Medium serial': Medium SSD-1 of serial {lot.Serials[0]} is also on row 2; list each medium once.", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public async Task A_report_without_a_recognisable_serial_column_asks_for_its_columns_and_records_once_they_are_chosen()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        var csv = Csv("Unit,Drive,Result,Tool", $"{lot.Serials[0]},WD-1,Passed,WipeDrive");

        var first = await UploadAsync(lot, "wipedrive.csv", csv);

        Assert.False(first.Recorded);
        Assert.Equal(new[] { "Device serial", "Medium serial" }, first.Mapping!.Missing);
        Assert.Empty(await RecordsAsync(lot.Id));

        var chosen = await UploadAsync(lot, "wipedrive.csv", csv, mapping: new Dictionary<string, string>
        {
            [ErasureReportFields.DeviceSerial] = "Unit", [ErasureReportFields.MediumSerial] = "drive", [ErasureReportFields.VerificationResult] = "Result",
        });

        Assert.Equal("1 medium recorded (1 new, 0 updated) from wipedrive.csv", chosen.Summary);
        Assert.Equal(("WD-1", "WipeDrive"), (await RecordsAsync(lot.Id)) is [var r] ? (r.MediumSerial, r.Tool) : default);
    }

    [Fact]
    public async Task A_report_reaches_only_the_buyer_s_technicians()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        var stranger = await app.AddOrganizationWithUserAsync($"Evergreen Recyclers {Guid.NewGuid():N}", OrganizationKind.Refurbisher, Roles.RefurbisherTechnician);
        var csv = Csv(OurHeaders, Row(lot.Serials[0], "SSD-1"));

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsAsync(stranger, Command(lot, "r.csv", csv)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsAsync(LotJourneys.District, Command(lot, "r.csv", csv)));

        Assert.Empty(await RecordsAsync(lot.Id));
    }

    [Fact]
    public async Task The_report_is_read_before_the_transaction_and_a_file_that_cannot_be_read_is_refused_after_the_lot_s_checks()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        var stranger = await app.AddOrganizationWithUserAsync($"Evergreen Recyclers {Guid.NewGuid():N}", OrganizationKind.Refurbisher, Roles.RefurbisherTechnician);
        var readable = Command(lot, "r.csv", Csv(OurHeaders, Row(lot.Serials[0], "SSD-1")));
        var unreadable = Command(lot, "r.xlsx", Csv(OurHeaders, Row(lot.Serials[0], "SSD-1")));

        // Read once, ahead: the handler takes what was read for this very command.
        var reading = new UploadErasureReport.Reading(new TestUser(Roles.RefurbisherTechnician), new Marketplace.Web.Infrastructure.Web.RequestProgress(TimeProvider.System));
        await reading.PrepareAsync(readable, CancellationToken.None);
        await reading.PrepareAsync(unreadable, CancellationToken.None);
        Assert.Same(reading.TableOf(readable), reading.TableOf(readable));
        Assert.Throws<DomainException>(() => reading.TableOf(unreadable));

        // Through the pipeline the lot is checked first, as before: a stranger learns nothing of the file or the lot.
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsAsync(stranger, unreadable));
        var refused = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(LotJourneys.Refurbisher, unreadable));
        Assert.Contains("xlsx", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await RecordsAsync(lot.Id));
    }

    [Fact]
    public async Task The_purchase_page_takes_the_report_and_says_what_it_recorded()
    {
        var lot = await app.ReceivedLotAsync(devices: 2);
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var page = await buyer.GetPageAsync(lot.PurchaseUrl);
        Assert.Contains("Upload the erasure report (CSV or .xlsx)", page);
        Assert.Contains("for=\"report-PerformerName\"", page);

        var response = await buyer.PostFileAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization/report", "report", "blancco-export.csv",
            Csv(OurHeaders, lot.Serials.Select(s => Row(s, $"SSD-{s}")).ToArray()), Performer());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = WebUtility.HtmlDecode(await buyer.GetPageAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("2 media recorded (2 new, 0 updated) from blancco-export.csv", after);
        Assert.Equal((2, 2, 0), await CountsAsync(lot.Id));
    }

    [Fact]
    public async Task The_purchase_page_lists_a_refused_report_s_problems_and_offers_the_form_again()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var response = await buyer.PostFileAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization/report", "report", "bench.csv",
            Csv(OurHeaders, Row(lot.Serials[0], "SSD-1", result: "Maybe")), Performer());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was recorded: bench.csv has 1 problem", page);
        Assert.Contains("Row 2, column 'Verification result': \"Maybe\" is not a verification result we know.", page);
        Assert.Contains("name=\"map[VerificationResult]\"", page);
        Assert.Contains("value=\"Priya Natarajan\"", page);
        Assert.Empty(await RecordsAsync(lot.Id));
    }

    [Fact]
    public async Task A_report_whose_serial_columns_cannot_be_matched_shows_its_first_rows_and_a_column_choice_per_field()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var response = await buyer.PostFileAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization/report", "report", "wipedrive.csv",
            Csv("Unit,Drive,Result", $"{lot.Serials[0]},WD-1,Passed"), Performer());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("No column could be matched by its header to: Device serial, Medium serial.", page);
        Assert.Contains($"<td>{lot.Serials[0]}</td>", page);
        Assert.Contains("<label for=\"map-DeviceSerial\">Device serial (required)</label>", page);
        Assert.Contains("<option value=\"Result\" selected=\"selected\">Result</option>", page);
        Assert.Empty(await RecordsAsync(lot.Id));
    }

    [Fact]
    public async Task The_upload_reports_its_progress_to_its_own_page_only_and_the_form_carries_the_script_that_shows_it()
    {
        var lot = await app.ReceivedLotAsync(devices: 2);
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var page = await buyer.GetPageAsync(lot.PurchaseUrl);
        Assert.Contains("name=\"progressToken\"", page);
        Assert.Contains($"data-progress-url=\"{lot.PurchaseUrl}/sanitization/report/progress\"", page);
        Assert.Contains("role=\"progressbar\" aria-label=\"Erasure report upload\"", page);
        Assert.Contains("/js/upload-progress.js", page);
        var token = Guid.NewGuid().ToString();
        var progressUrl = $"{lot.PurchaseUrl}/sanitization/report/progress?token={token}";
        Assert.False((await ProgressAsync(buyer, progressUrl)).Working);

        var response = await buyer.PostFileAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization/report", "report", "blancco-export.csv",
            Csv(OurHeaders, lot.Serials.Select(s => Row(s, $"SSD-{s}")).ToArray()), new(Performer()) { ["progressToken"] = token });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The last report of the request: every row checked, the media being recorded.
        Assert.Equal(new GetErasureReportProgress.Progress(true, "Recording 2 media", 2, 2, 100), await ProgressAsync(buyer, progressUrl));
        // Another token, or another technician of the same refurbisher, sees nothing of it.
        Assert.False((await ProgressAsync(buyer, $"{lot.PurchaseUrl}/sanitization/report/progress?token={Guid.NewGuid()}")).Working);
        var colleague = await BrowserClient.SignInAsync(app, LotJourneys.SecondTechnician);
        Assert.False((await ProgressAsync(colleague, progressUrl)).Working);
    }

    private static async Task<GetErasureReportProgress.Progress> ProgressAsync(BrowserClient client, string url)
    {
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GetErasureReportProgress.Progress>())!;
    }

    [Fact]
    public async Task The_template_has_our_headers_and_reads_back_as_every_field()
    {
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var response = await buyer.Http.GetAsync("/purchases/erasure-report-template.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = await response.Content.ReadAsByteArrayAsync();
        var table = Marketplace.Web.Infrastructure.Spreadsheets.UploadedTable.Read("template.csv", content, ErasureReportFields.Limits);
        var mapping = table.Map(ErasureReportFields.All);
        Assert.All(ErasureReportFields.All, f => Assert.NotNull(mapping.Column(f.Name)));
    }

    private static Dictionary<string, string> Performer() => new()
    {
        ["PerformerName"] = "Priya Natarajan", ["PerformerTitle"] = "Sanitization technician", ["PerformerLocation"] = "Tacoma bench 3",
        ["PerformerContact"] = "priya@greencycle.example", ["MediaSource"] = "internal", ["VerificationMethod"] = "full read-back", ["MediaType"] = "Ssd",
        ["Technique"] = "Overwrite", ["Destination"] = "ExternalReuse", ["DataBackedUp"] = "No", ["VerificationResult"] = "Passed",
    };

    private static string Row(string serial, string medium, string tool = "Blancco Drive Eraser", string method = "Purge", string technique = "Overwrite", string result = "Passed") =>
        $"{serial},{medium},Samsung,PM871b,SSD,{method},{technique},{tool},7.14,full read-back,{result}";

    private static byte[] Csv(string header, params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", [header, .. rows]) + "\r\n");

    /// <summary>The form's values: the demo performer, and the fields the files in these tests leave out.</summary>
    private static UploadErasureReport.Command Command(SoldLot lot, string fileName, byte[] content, MediumReport? defaults = null,
        IReadOnlyDictionary<string, string>? mapping = null) =>
        new(lot.Id, fileName, content, defaults ?? Media.Emmc("x") with { MediumSerial = "", Manufacturer = "", Model = "" }, mapping);

    private Task<UploadErasureReport.Result> UploadAsync(SoldLot lot, string fileName, byte[] content, MediumReport? defaults = null,
        IReadOnlyDictionary<string, string>? mapping = null) =>
        app.SendAsAsync(LotJourneys.Refurbisher, Command(lot, fileName, content, defaults, mapping));

    private Task<List<SanitizationRecord>> RecordsAsync(Guid lotId) =>
        app.WithDbAsync(async db => (await db.SanitizationRecords.AsNoTracking().Where(r => r.LotId == lotId).ToListAsync())
            .OrderBy(r => r.MediumSerial, StringComparer.Ordinal).ToList());

    /// <summary>(serials recorded, media recorded, media accepted) of the lot.</summary>
    private Task<(int, int, int)> CountsAsync(Guid lotId) => RecordSanitizationTests.CountsAsync(app, lotId);
}

using System.Net;
using System.Text;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Tests.Features.Imports;

public sealed class ImportTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();
    private ImportTestKit _kit = null!;

    public async ValueTask InitializeAsync() => _kit = await ImportTestKit.StartAsync(_factory);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_google_admin_export_imports_with_its_columns_recognized_and_AUE_filled_from_the_reference_table()
    {
        var lot = await _kit.CreateLotAsync();
        const string csv =
            "serialNumber,annotatedAssetId,model,autoUpdateExpiration,orgUnitPath,status\n" +
            "5CD1230001,MV-0001,Dell Chromebook 3100,2026-06-30,/Students/High School,ACTIVE\n" +
            "5CD1230002,MV-0002,Lenovo 300e Chromebook Gen 3,,/Students/Middle,DEPROVISIONED\n";
        var job = await _kit.UploadOkAsync(lot, "chrome-devices.csv", csv);
        var checkedJob = await _kit.MapAndCheckAsync(job);
        Assert.Equal(ImportPreset.GoogleAdmin, checkedJob.Preset);
        Assert.Equal((2, 0), (checkedJob.ValidRows, checkedJob.IssueCount));

        var done = await _kit.ConfirmAsync(job, acceptIssues: false);
        Assert.Equal(2, done.ImportedRows);
        var devices = await _kit.DevicesAsync(lot);
        Assert.Equal(["5CD1230001", "5CD1230002"], devices.Select(d => d.Serial));
        Assert.All(devices, d => Assert.Equal(DeviceCategory.Chromebook, d.Category));
        Assert.Equal("MV-0001", devices[0].AssetTag);
        Assert.Equal(new DateOnly(2026, 6, 30), devices[0].AueDate);
        Assert.Equal(new DateOnly(2030, 6, 1), devices[1].AueDate);
        Assert.Equal(EnrollmentStatus.Deprovisioned, devices[1].Enrollment);
        Assert.Equal("Lenovo", devices[1].Manufacturer);
        Assert.Equal("/Students/Middle", devices[1].Location);
    }

    [Fact]
    public async Task Each_bad_row_is_reported_with_row_column_value_and_reason_and_nothing_is_written_until_confirmed()
    {
        var lot = await _kit.CreateLotAsync();
        var csv = string.Join("\r\n",
            "Serial Number,Asset Tag,Model,Category,RAM,Purchase Date,Grade",
            "SN-OK-1,T1,Dell Chromebook 3100,Chromebook,4,2020-08-15,A",
            ",T2,Dell Chromebook 3100,Chromebook,4,2020-08-15,B",
            "SN-OK-1,T3,Dell Chromebook 3100,Chromebook,4,2020-08-15,B",
            "SN-CAT,T4,Mystery box,Phablet,4,2020-08-15,B",
            "SN-DATE,T5,Dell Chromebook 3100,Chromebook,4,31st of Smarch,B",
            "SN-RAM,T6,Dell Chromebook 3100,Chromebook,four,2020-08-15,B",
            "SN-SHIFT,T7,Dell, Chromebook 3100,Chromebook,4,2020-08-15,B",
            "SN-SHORT,T8,Dell Chromebook 3100",
            "SN-OK-2,T9,HP Chromebook 11 G8 EE,Chromebook,4,08/15/2020,C");
        var job = await _kit.UploadOkAsync(lot, "inventory.csv", csv);
        var checkedJob = await _kit.MapAndCheckAsync(job);
        Assert.Equal(9, checkedJob.TotalRows);
        Assert.Equal(2, checkedJob.ValidRows);
        Assert.Empty(await _kit.DevicesAsync(lot));

        var issues = await _kit.IssuesAsync(job);
        Assert.Collection(issues,
            i => Assert.Equal((3, "A (Serial Number)", "The serial number is missing."), (i.Row, i.Column, i.Reason)),
            i => Assert.Equal((4, "A (Serial Number)", "SN-OK-1", "Serial SN-OK-1 is also on row 2 of this file."), (i.Row, i.Column, i.Value, i.Reason)),
            i => Assert.Equal((5, "D (Category)", "Phablet"), (i.Row, i.Column, i.Value)),
            i => Assert.Equal((6, "F (Purchase Date)", "31st of Smarch"), (i.Row, i.Column, i.Value)),
            i => Assert.Equal((7, "E (RAM)", "four"), (i.Row, i.Column, i.Value)),
            i => Assert.Equal(8, i.Row),
            i => Assert.Equal(9, i.Row));
        Assert.Contains("Unknown category", issues[2].Reason);
        Assert.Contains("Unreadable date", issues[3].Reason);
        Assert.Contains("Expected a number", issues[4].Reason);
        Assert.Contains("8 values but the header has 7", issues[5].Reason);
        Assert.Contains("shifted one column to the right from column D (Category) on", issues[5].Reason);
        Assert.Contains("3 values but the header has 7", issues[6].Reason);

        var report = await _kit.District.Http.GetStringAsync($"/imports/{job}/report.csv");
        Assert.Contains("\"6\",\"F (Purchase Date)\",\"31st of Smarch\"", report);

        var done = await _kit.ConfirmAsync(job, acceptIssues: true);
        Assert.Equal(2, done.ImportedRows);
        Assert.Equal(["SN-OK-1", "SN-OK-2"], (await _kit.DevicesAsync(lot)).Select(d => d.Serial));
    }

    [Fact]
    public async Task An_Excel_workbook_imports_with_real_date_and_number_cells()
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        var sheet = workbook.AddWorksheet("Inventory");
        sheet.Cell(1, 1).Value = "Serial";
        sheet.Cell(1, 2).Value = "Model";
        sheet.Cell(1, 3).Value = "Purchase Date";
        sheet.Cell(1, 4).Value = "RAM";
        sheet.Cell(1, 5).Value = "Battery";
        sheet.Cell(2, 1).Value = "XL-001";
        sheet.Cell(2, 2).Value = "HP Chromebook 11 G8 EE";
        sheet.Cell(2, 3).Value = new DateTime(2020, 9, 14);
        sheet.Cell(2, 4).Value = 4;
        sheet.Cell(2, 5).Value = 87;
        sheet.Cell(3, 1).Value = "XL-002";
        sheet.Cell(3, 2).Value = "HP Chromebook 11 G8 EE";
        sheet.Cell(3, 3).Value = "not a date";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var lot = await _kit.CreateLotAsync();
        var job = await _kit.UploadOkAsync(lot, "inventory.xlsx", stream.ToArray());
        var checkedJob = await _kit.MapAndCheckAsync(job, new() { ["BatteryHealth"] = "4" });
        var issue = Assert.Single(await _kit.IssuesAsync(job));
        Assert.Equal((3, "C (Purchase Date)", "not a date"), (issue.Row, issue.Column, issue.Value));
        Assert.Equal(1, checkedJob.ValidRows);

        await _kit.ConfirmAsync(job, acceptIssues: true);
        var device = Assert.Single(await _kit.DevicesAsync(lot));
        Assert.Equal((new DateOnly(2020, 9, 14), 4, 87), (device.PurchaseDate!.Value, device.RamGb!.Value, device.BatteryHealthPercent!.Value));
        Assert.Equal(new DateOnly(2026, 6, 1), device.AueDate);
    }

    [Fact]
    public async Task A_Snipe_IT_asset_export_imports_with_its_categories_and_without_reading_status_as_enrollment()
    {
        var lot = await _kit.CreateLotAsync();
        const string csv =
            "Asset Tag,Serial,Asset Name,Model,Model No.,Category,Manufacturer,Status,Purchase Date,Purchase Cost,Location,Notes\r\n" +
            "MV-1001,PF2ABCD1,Cart 4 #1,ThinkPad 11e Gen 5,20LQ,Laptops,Lenovo,Ready to Deploy,2019-07-30,379.00,Lincoln Middle,\r\n" +
            "MV-1002,DMPX1234,Library iPad,Apple iPad 7th generation,MW742LL/A,Tablets,Apple,Archived,\"Aug 2, 2019\",329.00,Library,\"Cracked corner\"\r\n";
        var job = await _kit.UploadOkAsync(lot, "snipeit-assets.csv", csv);
        var checkedJob = await _kit.MapAndCheckAsync(job);
        Assert.Equal(ImportPreset.SnipeIt, checkedJob.Preset);
        Assert.Equal((2, 0), (checkedJob.ValidRows, checkedJob.IssueCount));
        await _kit.ConfirmAsync(job, acceptIssues: false);

        var devices = await _kit.DevicesAsync(lot);
        Assert.Equal((DeviceCategory.Tablet, "MV-1002", new DateOnly(2019, 8, 2)), (devices[0].Category, devices[0].AssetTag, devices[0].PurchaseDate!.Value));
        Assert.Equal((DeviceCategory.WindowsLaptop, "Lenovo", "Lincoln Middle"), (devices[1].Category, devices[1].Manufacturer, devices[1].Location));
        Assert.All(devices, d => Assert.Equal(EnrollmentStatus.Unknown, d.Enrollment));
    }

    [Fact]
    public async Task Choosing_to_import_nothing_leaves_the_lot_empty()
    {
        var lot = await _kit.CreateLotAsync();
        var job = await _kit.UploadOkAsync(lot, "bad.csv", "Serial,Model\nA1,Dell Chromebook 3100\n,HP Chromebook 11 G8 EE\n");
        var checkedJob = await _kit.MapAndCheckAsync(job);
        Assert.Equal(1, checkedJob.IssueCount);

        var refused = await _kit.District.PostFormAsync($"/imports/{job}", $"/imports/{job}/confirm", new() { ["acceptIssues"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var cancel = await _kit.District.PostFormAsync($"/imports/{job}", $"/imports/{job}/cancel", []);
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal(ImportStatus.Cancelled, (await _kit.WaitForAsync(job, ImportStatus.Cancelled)).Status);
        Assert.Empty(await _kit.DevicesAsync(lot));
    }

    [Fact]
    public async Task Semicolon_files_with_a_BOM_CR_only_line_endings_quoted_line_breaks_and_non_ASCII_text_import_cleanly()
    {
        var lot = await _kit.CreateLotAsync();
        var csv = "Numéro de série;Modèle;Notes\r" +
                  "SÉRIE-1;Dell Chromebook 3100;\"Écran fissuré; clavier OK\"\r" +
                  "SERIE-2;Dell Chromebook 3100;\"Ligne 1\nLigne 2 — café\"\r";
        var job = await _kit.UploadOkAsync(lot, "export-fr.csv", csv, bom: true);
        var checkedJob = await _kit.MapAndCheckAsync(job, new() { ["Serial"] = "0", ["Model"] = "1", ["Notes"] = "2" });
        Assert.Equal((2, 0), (checkedJob.ValidRows, checkedJob.IssueCount));
        await _kit.ConfirmAsync(job, acceptIssues: false);

        var devices = await _kit.DevicesAsync(lot);
        Assert.Equal("SERIE-2", devices[0].Serial);
        Assert.Equal("Ligne 1\nLigne 2 — café", devices[0].Notes);
        Assert.Equal("SÉRIE-1", devices[1].Serial);
        Assert.Equal("Écran fissuré; clavier OK", devices[1].Notes);
    }

    [Fact]
    public async Task Blank_and_duplicate_header_cells_are_reported_on_row_1_and_their_columns_ignored()
    {
        var lot = await _kit.CreateLotAsync();
        var job = await _kit.UploadOkAsync(lot, "headers.csv", "Serial,,Model,Serial\nX1,junk,Dell Chromebook 3100,X9\n");
        var checkedJob = await _kit.MapAndCheckAsync(job);
        var issues = await _kit.IssuesAsync(job);
        Assert.Equal(2, issues.Count);
        Assert.All(issues, i => Assert.Equal(1, i.Row));
        Assert.Contains("column B is blank", issues[0].Reason + issues[1].Reason);
        Assert.Contains("appears twice", issues[0].Reason + issues[1].Reason);
        Assert.Equal(1, checkedJob.ValidRows);
        await _kit.ConfirmAsync(job, acceptIssues: true);
        Assert.Equal("X1", Assert.Single(await _kit.DevicesAsync(lot)).Serial);
    }

    [Fact]
    public async Task A_serial_already_in_another_open_lot_of_the_district_is_refused()
    {
        var first = await _kit.CreateLotAsync("First");
        var job = await _kit.UploadOkAsync(first, "a.csv", "Serial\nDUP-1\n");
        await _kit.MapAndCheckAsync(job);
        await _kit.ConfirmAsync(job, acceptIssues: false);

        var second = await _kit.CreateLotAsync("Second");
        var again = await _kit.UploadOkAsync(second, "b.csv", "Serial\nDUP-1\nNEW-1\n");
        var checkedJob = await _kit.MapAndCheckAsync(again);
        var issue = Assert.Single(await _kit.IssuesAsync(again));
        Assert.StartsWith("Serial DUP-1 is already in open lot LOT-", issue.Reason);
        Assert.Equal(1, checkedJob.ValidRows);
    }

    [Fact]
    public async Task A_file_that_is_not_a_spreadsheet_is_refused_with_a_clear_message()
    {
        var lot = await _kit.CreateLotAsync();
        var response = await _kit.UploadAsync(lot, "photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await _kit.District.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("is not a CSV or .xlsx file", WebUtility.HtmlDecode(page));
        Assert.Equal(0, await _factory.WithDbAsync(db => Task.FromResult(db.ImportJobs.Count())));
    }

    [Fact]
    public async Task The_district_mapping_is_remembered_for_the_next_file()
    {
        var lot = await _kit.CreateLotAsync();
        var job = await _kit.UploadOkAsync(lot, "odd.csv", "Device Code,Thing\nQ1,Dell Chromebook 3100\n");
        await _kit.MapAndCheckAsync(job, new() { ["Serial"] = "0", ["Model"] = "1" });

        var next = await _kit.UploadOkAsync(lot, "odd-2.csv", "Thing,Device Code\nHP Chromebook 11 G8 EE,Q2\n");
        var page = WebUtility.HtmlDecode(await _kit.District.GetPageAsync($"/imports/{next}/mapping"));
        Assert.Contains("Columns your district used last time", page);
        var checkedJob = await _kit.MapAndCheckAsync(next);
        Assert.Equal((1, 0), (checkedJob.ValidRows, checkedJob.IssueCount));
    }
}

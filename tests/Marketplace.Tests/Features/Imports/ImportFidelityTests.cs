using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Tests.Features.Imports;

/// <summary>Real asset-system exports through the import pages: what the file says is what the lot gets.</summary>
public sealed class ImportFidelityTests : IAsyncLifetime
{
    private const string GoogleExport =
        "serialNumber,annotatedAssetId,model,autoUpdateExpiration,orgUnitPath,status\n" +
        "5CD1230001,MV-0001,Dell Chromebook 3100,2026-06-30,/Students/High School,ACTIVE\n";

    private readonly MarketplaceFactory _factory = new();
    private ImportTestKit _kit = null!;

    public async ValueTask InitializeAsync() => _kit = await ImportTestKit.StartAsync(_factory);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_mapping_remembered_from_a_Google_export_does_not_read_an_asset_systems_Status_as_enrollment()
    {
        var lot = await _kit.CreateLotAsync();
        await _kit.MapAndCheckAsync(await _kit.UploadOkAsync(lot, "chrome-devices.csv", GoogleExport));

        const string assets =
            "Asset Tag,Serial,Model,Status\n" +
            "MV-2001,PF2ABCD1,ThinkPad 11e Gen 5,Ready to Deploy\n" +
            "MV-2002,PF2ABCD2,ThinkPad 11e Gen 5,Undeployable\n" +
            "MV-2003,PF2ABCD3,ThinkPad 11e Gen 5,Pending\n";
        var next = await _kit.UploadOkAsync(lot, "assets.csv", assets);
        var page = WebUtility.HtmlDecode(await _kit.District.GetPageAsync($"/imports/{next}/mapping"));
        Assert.DoesNotContain("Columns your district used last time", page);
        Assert.Equal("", Selected(page, "Enrollment"));

        var checkedJob = await _kit.MapAndCheckAsync(next);
        Assert.DoesNotContain(await _kit.IssuesAsync(next), i => i.Reason.Contains("enrollment", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, checkedJob.ValidRows);
    }

    [Fact]
    public async Task A_column_named_Serial_is_chosen_for_the_serial_even_after_the_district_once_chose_its_asset_tags_as_serials()
    {
        var lot = await _kit.CreateLotAsync();
        var first = await _kit.UploadOkAsync(lot, "tags-only.csv", "Asset Tag,Model\nMV-0001,Dell Chromebook 3100\n");
        await _kit.MapAndCheckAsync(first, new() { ["Serial"] = "0", ["AssetTag"] = "" });

        var next = await _kit.UploadOkAsync(lot, "with-serials.csv", "Serial,Asset Tag,Model\n5CD0000001,MV-0002,Dell Chromebook 3100\n");
        var page = WebUtility.HtmlDecode(await _kit.District.GetPageAsync($"/imports/{next}/mapping"));
        Assert.Equal(("0", "1"), (Selected(page, "Serial"), Selected(page, "AssetTag")));
    }

    [Fact]
    public async Task A_remembered_choice_applies_to_the_same_headers_but_an_exact_header_still_wins()
    {
        var lot = await _kit.CreateLotAsync();
        const string sheet = "Device Code,Thing,Serial Number\nQ1,Dell Chromebook 3100,5CD0000009\n";
        await _kit.MapAndCheckAsync(await _kit.UploadOkAsync(lot, "odd.csv", sheet), new() { ["Serial"] = "0", ["AssetTag"] = "", ["Model"] = "1" });

        var next = await _kit.UploadOkAsync(lot, "odd-2.csv", sheet.Replace("Q1", "Q2"));
        var page = WebUtility.HtmlDecode(await _kit.District.GetPageAsync($"/imports/{next}/mapping"));
        Assert.Equal(("2", "1"), (Selected(page, "Serial"), Selected(page, "Model")));
    }

    [Fact]
    public async Task Rows_header_notes_and_problem_values_are_counted_separately_and_exactly()
    {
        var lot = await _kit.CreateLotAsync();
        var csv = string.Join("\n",
            "Serial,,Model,RAM,Purchase Date,Serial",
            "C-1,x,Dell Chromebook 3100,4,2020-08-15,",
            "C-2,x,Dell Chromebook 3100,four,31st of Smarch,",
            ",x,Dell Chromebook 3100,4,2020-08-15,",
            "C-1,x,Dell Chromebook 3100,4,2020-08-15,",
            "C-3,x,Dell Chromebook 3100,4,2020-08-15,");
        var job = await _kit.UploadOkAsync(lot, "counts.csv", csv);
        var checkedJob = await _kit.MapAndCheckAsync(job);
        Assert.Equal((5, 2, 3, 2, 6), (checkedJob.TotalRows, checkedJob.ValidRows, checkedJob.RowsLeftOut, checkedJob.HeaderNotes, checkedJob.IssueCount));

        var page = Text(await _kit.District.GetPageAsync($"/imports/{job}"));
        Assert.Contains("Rows with problems 3", page);
        Assert.Contains("4 problems in 3 rows and 2 notes on the header row", page);

        await _kit.ConfirmAsync(job, acceptIssues: true);
        var done = Text(await _kit.District.GetPageAsync($"/imports/{job}"));
        Assert.Contains("2 devices imported into lot", done);
        Assert.Contains("3 of the 5 rows were left out", done);
        Assert.DoesNotContain("6 problem rows", done);
    }

    [Fact]
    public async Task An_asset_system_export_keeps_status_cost_model_number_end_of_life_and_notes_and_refuses_lost_devices()
    {
        var lot = await _kit.CreateLotAsync();
        const string csv =
            "Asset Tag,Serial,Asset Name,Model,Model No.,Category,Manufacturer,Status,Purchase Date,Purchase Cost,EOL,Location,Notes\r\n" +
            "MV-1001,PF2A0001,Cart 4 #1,ThinkPad 11e Gen 5,20LQ,Laptops,Lenovo,Ready to Deploy,2019-07-30,\"$1,379.00\",2023-07-30,Lincoln Middle,\r\n" +
            "MV-1002,PF2A0002,Cart 4 #2,ThinkPad 11e Gen 5,20LQ,Laptops,Lenovo,Lost/Stolen,2019-07-30,379.00,2023-07-30,Lincoln Middle,Reported 2025-03-02\r\n" +
            "MV-1003,PF2A0003,Cart 4 #3,ThinkPad 11e Gen 5,20LQ,Laptops,Lenovo,Undeployable,2019-07-30,379.00,2023-07-30,Lincoln Middle,\r\n" +
            "MV-1004,PF2A0004,Cart 4 #4,ThinkPad 11e Gen 5,20LQ,Laptops,Lenovo,Broken - Not Fixable,2019-07-30,379.00,2023-07-30,Lincoln Middle,No power\r\n" +
            "MV-1005,DMPX0005,Library iPad,Apple iPad 7th generation,MW742LL/A,Tablets,Apple,Archived,2019-08-02,329.00,2022-08-02,Library,Cracked corner\r\n";
        var job = await _kit.UploadOkAsync(lot, "snipeit-assets.csv", csv);
        var page = WebUtility.HtmlDecode(await _kit.District.GetPageAsync($"/imports/{job}/mapping"));
        Assert.Equal(("7", "4", "9", "10", "12"), (Selected(page, "AssetStatus"), Selected(page, "ModelNumber"), Selected(page, "PurchaseCost"), Selected(page, "EndOfLife"), Selected(page, "Notes")));
        Assert.Equal(("NotWorking", "ForParts", "AsInFile"), (Chosen(page, "status[Broken]"), Chosen(page, "status[BeyondRepair]"), Chosen(page, "status[Archived]")));
        Assert.Contains("Lost or stolen", page);

        var checkedJob = await _kit.MapAndCheckAsync(job);
        var issue = Assert.Single(await _kit.IssuesAsync(job));
        Assert.Equal((3, "H (Status)", "Lost/Stolen"), (issue.Row, issue.Column, issue.Value));
        Assert.Contains("recorded as lost or stolen", issue.Reason);
        Assert.Equal(4, checkedJob.ValidRows);

        await _kit.ConfirmAsync(job, acceptIssues: true);
        var devices = (await _kit.DevicesAsync(lot)).ToDictionary(d => d.Serial);
        Assert.Equal((1379.00m, "20LQ", new DateOnly(2023, 7, 30), "Ready to Deploy", FunctionalStatus.Working),
            (devices["PF2A0001"].PurchaseCost, devices["PF2A0001"].ModelNumber, devices["PF2A0001"].EndOfLife, devices["PF2A0001"].AssetStatus, devices["PF2A0001"].Functional));
        Assert.Equal(("Undeployable", FunctionalStatus.NotWorking), (devices["PF2A0003"].AssetStatus, devices["PF2A0003"].Functional));
        Assert.Equal(("Broken - Not Fixable", FunctionalStatus.ForParts, "No power"), (devices["PF2A0004"].AssetStatus, devices["PF2A0004"].Functional, devices["PF2A0004"].Notes));
        Assert.Equal(("Archived", FunctionalStatus.Working, "Cracked corner", 329.00m), (devices["DMPX0005"].AssetStatus, devices["DMPX0005"].Functional, devices["DMPX0005"].Notes, devices["DMPX0005"].PurchaseCost));
        Assert.DoesNotContain("PF2A0002", devices.Keys);

        // The manifest export carries them too, under headers the import reads back.
        var manifest = await _kit.District.Http.GetStringAsync($"/lots/{lot}/manifest.csv");
        Assert.Contains("\"Model number\",\"Purchase cost\",\"End of life\",\"Asset status\"", manifest);
        Assert.Contains("\"20LQ\",\"1379\",\"2023-07-30\",\"Ready to Deploy\"", manifest);
    }

    [Fact]
    public async Task A_device_recorded_as_lost_is_refused_whatever_its_functional_status_says()
    {
        var lot = await _kit.CreateLotAsync();
        const string csv = "Serial,Model,Status,Functional\nLS-1,Dell Chromebook 3100,Stolen,Working\nLS-2,Dell Chromebook 3100,Deployed,Working\n";
        var job = await _kit.UploadOkAsync(lot, "assets.csv", csv);
        var checkedJob = await _kit.MapAndCheckAsync(job);
        var issue = Assert.Single(await _kit.IssuesAsync(job));
        Assert.Equal((2, "C (Status)", "Stolen"), (issue.Row, issue.Column, issue.Value));
        Assert.Equal(1, checkedJob.ValidRows);
    }

    [Fact]
    public async Task The_district_decides_what_broken_and_archived_devices_are_listed_as()
    {
        var lot = await _kit.CreateLotAsync();
        const string csv = "Asset Tag,Serial,Model,Status\nT1,SN-B,Dell Chromebook 3100,Broken\nT2,SN-A,Dell Chromebook 3100,Archived\n";
        var job = await _kit.UploadOkAsync(lot, "assets.csv", csv);
        await _kit.MapAndCheckAsync(job, new() { ["status[Broken]"] = "MinorFault", ["status[Archived]"] = "ForParts" });
        await _kit.ConfirmAsync(job, acceptIssues: false);
        var devices = await _kit.DevicesAsync(lot);
        Assert.Equal([("SN-A", FunctionalStatus.ForParts), ("SN-B", FunctionalStatus.MinorFault)], devices.Select(d => (d.Serial, d.Functional)));

        var again = WebUtility.HtmlDecode(await _kit.District.GetPageAsync($"/imports/{job}/mapping"));
        Assert.Equal("MinorFault", Chosen(again, "status[Broken]"));
    }

    [Fact]
    public async Task A_GAM_export_with_autoUpdateThrough_and_provisioning_states_is_read_as_Google()
    {
        var lot = await _kit.CreateLotAsync();
        const string csv =
            "deviceId,serialNumber,status,model,autoUpdateThrough\n" +
            "d-1,5CD4560001,PRE_PROVISIONED,Dell Chromebook 3100,2029-06-01\n" +
            "d-2,5CD4560002,INACTIVE,Dell Chromebook 3100,2029-06-01\n" +
            "d-3,5CD4560003,DEPROVISIONED,Dell Chromebook 3100,2029-06-01\n";
        var job = await _kit.UploadOkAsync(lot, "gam-cros.csv", csv);
        var checkedJob = await _kit.MapAndCheckAsync(job);
        Assert.Equal(Marketplace.Web.Domain.Imports.ImportPreset.GoogleAdmin, checkedJob.Preset);
        Assert.Empty(await _kit.IssuesAsync(job));
        await _kit.ConfirmAsync(job, acceptIssues: false);
        var devices = await _kit.DevicesAsync(lot);
        Assert.All(devices, d => Assert.Equal(new DateOnly(2029, 6, 1), d.AueDate));
        Assert.Equal([EnrollmentStatus.Enrolled, EnrollmentStatus.Enrolled, EnrollmentStatus.Deprovisioned], devices.Select(d => d.Enrollment));
    }

    [Fact]
    public async Task End_of_support_provisioning_cost_and_retirement_columns_are_read_under_the_names_district_sheets_use()
    {
        var lot = await _kit.CreateLotAsync();
        const string csv =
            "Serial #,Model,End of Support,Provisioning Status,Cost,Retirement Date\n" +
            "HS-0001,Dell Chromebook 3100,June 2028,Provisioned,$249,2027-06-30\n";
        var job = await _kit.UploadOkAsync(lot, "district.csv", csv);
        await _kit.MapAndCheckAsync(job);
        Assert.Empty(await _kit.IssuesAsync(job));
        await _kit.ConfirmAsync(job, acceptIssues: false);
        var device = Assert.Single(await _kit.DevicesAsync(lot));
        Assert.Equal((new DateOnly(2028, 6, 1), EnrollmentStatus.Enrolled, 249m, new DateOnly(2027, 6, 30)),
            (device.AueDate, device.Enrollment, device.PurchaseCost, device.EndOfLife));
    }

    [Fact]
    public async Task Header_cells_with_stray_white_space_control_or_full_width_characters_are_recognised_and_stored_clean()
    {
        var lot = await _kit.CreateLotAsync();
        var csv = "\"\u00A0Serial\u00A0Number\u0007\",\" Asset\tTag \",\uFF2D\uFF4F\uFF44\uFF45\uFF4C,\"auto\u200BUpdate\nThrough\"\n" +
                  "SN-1,T-1,Dell Chromebook 3100,2030-06-01\n" +
                  "SN-1,T-2,Dell Chromebook 3100,2030-06-01\n";
        var job = await _kit.UploadOkAsync(lot, "odd-headers.csv", csv);
        var page = WebUtility.HtmlDecode(await _kit.District.GetPageAsync($"/imports/{job}/mapping"));
        Assert.Equal(("0", "1", "2", "3"), (Selected(page, "Serial"), Selected(page, "AssetTag"), Selected(page, "Model"), Selected(page, "AueDate")));

        await _kit.MapAndCheckAsync(job);
        var issue = Assert.Single(await _kit.IssuesAsync(job));
        Assert.Equal("A (Serial Number)", issue.Column);
    }

    [Theory]
    [InlineData("models.csv", "Name,Model,EOL,Base price,Category\nDell 3100,Dell Chromebook 3100,2026-06-01,40,Chromebook\n",
        "it has Name, Model, EOL, Base price and Category", "a list of device models")]
    [InlineData("sales.csv", "Order,Date,Buyer,Listing,Quantity,Unit price,Total\nORD-1,2026-05-02,Lakeside Elementary,Refurbished 3100,10,89.00,890.00\n",
        "it has Order, Date, Buyer, Listing, Quantity, Unit price and Total", "a sales or order export")]
    public async Task A_file_that_is_not_a_device_inventory_is_described_instead_of_asking_for_a_serial_column(string name, string csv, string has, string looksLike)
    {
        var lot = await _kit.CreateLotAsync();
        var job = await _kit.UploadOkAsync(lot, name, csv);
        var page = Text(await _kit.District.GetPageAsync($"/imports/{job}/mapping"));
        Assert.Contains($"This sheet has no column that looks like serial numbers; {has}.", page);
        Assert.Contains(looksLike, page);

        var refused = Text(await PostGuessedMappingAsync(job));
        Assert.Contains($"That didn't work: This sheet has no column that looks like serial numbers; {has}.", refused);
        Assert.DoesNotContain("Choose the column that holds the serial number", refused);
    }

    [Fact]
    public async Task A_sheet_with_asset_tags_but_no_serials_says_so_and_what_to_do()
    {
        var lot = await _kit.CreateLotAsync();
        var job = await _kit.UploadOkAsync(lot, "tags.csv", "Asset Tag,Model,Location\nMV-0001,Dell Chromebook 3100,Library\n");
        var page = Text(await _kit.District.GetPageAsync($"/imports/{job}/mapping"));
        const string says = "This sheet has asset tags (column A · Asset Tag) but no serial numbers.";
        Assert.Contains(says, page);
        Assert.Contains("add a column with the serial numbers", page);
        Assert.Contains("if your asset tags are the serial numbers, choose column A as the serial number", page);

        Assert.Contains(says, Text(await PostGuessedMappingAsync(job)));
    }

    [Fact]
    public async Task A_DOS_code_page_export_is_stored_as_written_and_never_with_control_characters()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var csv = System.Text.Encoding.GetEncoding(437).GetBytes("Serial,Model,Location,Notes\r\nPC-1,Dell Chromebook 3100,Salle É12,Élève Müller\r\n");
        var lot = await _kit.CreateLotAsync();
        var job = await _kit.UploadOkAsync(lot, "dos-export.csv", csv);
        Assert.Contains("IBM", Text(await _kit.District.GetPageAsync($"/imports/{job}/mapping")));
        await _kit.MapAndCheckAsync(job);
        await _kit.ConfirmAsync(job, acceptIssues: false);

        var device = Assert.Single(await _kit.DevicesAsync(lot));
        Assert.Equal(("Salle É12", "Élève Müller"), (device.Location, device.Notes));
    }

    [Fact]
    public async Task Control_characters_are_kept_out_of_every_stored_field_and_a_serial_with_one_is_refused()
    {
        var lot = await _kit.CreateLotAsync();
        const string csv = "Serial,Model,Location,Notes\n" +
                           "CC-1,Dell\u0000Chromebook 3100,Room\u0085 12,\"Line 1\u000BLine 2\u0007\tend\"\n" +
                           "CC\u00902,Dell Chromebook 3100,Room 12,\n";
        var job = await _kit.UploadOkAsync(lot, "controls.csv", csv);
        await _kit.MapAndCheckAsync(job);
        var issue = Assert.Single(await _kit.IssuesAsync(job));
        Assert.Equal((3, "A (Serial)", "CC[U+0090]2"), (issue.Row, issue.Column, issue.Value));
        Assert.Contains("control character U+0090", issue.Reason);

        await _kit.ConfirmAsync(job, acceptIssues: true);
        var device = Assert.Single(await _kit.DevicesAsync(lot));
        Assert.Equal(("Dell Chromebook 3100", "Room 12", "Line 1\nLine 2 end"), (device.Model, device.Location, device.Notes));
    }

    /// <summary>Posts the mapping page's pre-selected choices and returns the page the refusal sends the user back to.</summary>
    private async Task<string> PostGuessedMappingAsync(Guid job)
    {
        var page = await _kit.District.GetPageAsync($"/imports/{job}/mapping");
        var fields = Regex.Matches(page, "<select[^>]*name=\"(map\\[\\w+\\])\"").Select(m => m.Groups[1].Value)
            .ToDictionary(n => n, n => Chosen(page, n));
        var response = await _kit.District.PostFormAsync($"/imports/{job}/mapping", $"/imports/{job}/mapping", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/mapping", response.Headers.Location!.OriginalString);
        return await _kit.District.GetPageAsync(response.Headers.Location!.OriginalString);
    }

    /// <summary>The page's visible text with tags and runs of white space collapsed, as a reader sees it.</summary>
    private static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), "\\s+", " ");

    /// <summary>The column index the mapping page pre-selects for a field, or "" for none.</summary>
    private static string Selected(string page, string field) => Chosen(page, $"map[{field}]");

    /// <summary>The value the page pre-selects in the select named <paramref name="name"/>, or "" for none.</summary>
    private static string Chosen(string page, string name)
    {
        var select = Regex.Match(page, $"<select[^>]*name=\"{Regex.Escape(name)}\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, $"no select named {name}");
        var chosen = Regex.Match(select.Groups[1].Value, "<option[^>]*value=\"(\\w+)\"[^>]*selected");
        return chosen.Success ? chosen.Groups[1].Value : "";
    }
}

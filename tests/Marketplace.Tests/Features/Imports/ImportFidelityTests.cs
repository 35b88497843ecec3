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

    /// <summary>The page's visible text with tags and runs of white space collapsed, as a reader sees it.</summary>
    private static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), "\\s+", " ");

    /// <summary>The column index the mapping page pre-selects for a field, or "" for none.</summary>
    private static string Selected(string page, string field)
    {
        var select = Regex.Match(page, $"<select[^>]*name=\"map\\[{field}\\]\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, $"no select for {field}");
        var chosen = Regex.Match(select.Groups[1].Value, "<option[^>]*value=\"(\\d+)\"[^>]*selected");
        return chosen.Success ? chosen.Groups[1].Value : "";
    }
}

using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Features.Imports;

/// <summary>An import the district left half-way is one click away on its lot's page.</summary>
public sealed class UnfinishedImportTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();
    private ImportTestKit _kit = null!;

    public async ValueTask InitializeAsync() => _kit = await ImportTestKit.StartAsync(_factory);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_checked_import_not_yet_confirmed_and_an_unmapped_one_are_linked_from_the_lot_page_until_they_finish()
    {
        var lot = await _kit.CreateLotAsync("Spring returns");
        var unmapped = await _kit.UploadOkAsync(lot, "second-sheet.csv", "Serial,Model\n5CDUNF0001,Chromebook 3100\n");
        var checkedJob = await _kit.UploadOkAsync(lot, "spring-returns.csv", "Serial,Model\n5CDUNF0002,Chromebook 3100\n5CDUNF0003,Chromebook 3100\n");
        await _kit.MapAndCheckAsync(checkedJob);

        var page = await _kit.District.GetPageAsync($"/lots/{lot}");

        Assert.Contains("<strong>spring-returns.csv</strong>", page);
        Assert.Contains("was checked: 2 of 2 rows ready, 0 problem(s); nothing is added until you confirm", page);
        Assert.Contains($"href=\"/imports/{checkedJob}\">Review and confirm", page);
        Assert.Contains($"href=\"/imports/{unmapped}/mapping\">Open the import", page);

        await _kit.ConfirmAsync(checkedJob, acceptIssues: false);
        var after = await _kit.District.GetPageAsync($"/lots/{lot}");
        Assert.DoesNotContain("spring-returns.csv", after);
        Assert.Contains("second-sheet.csv", after);
    }

    [Fact]
    public async Task The_mapping_screen_says_devices_without_a_grade_or_condition_column_are_imported_as_C_and_working()
    {
        var lot = await _kit.CreateLotAsync("No grades");
        var ungraded = await _kit.UploadOkAsync(lot, "ungraded.csv", "Serial,Model\n5CDGRD0001,Chromebook 3100\n");
        var graded = await _kit.UploadOkAsync(lot, "graded.csv", "Serial,Model,Grade,Condition notes\n5CDGRD0002,Chromebook 3100,B,ok\n");

        var withoutGrades = await _kit.District.GetPageAsync($"/imports/{ungraded}/mapping");
        var withGrades = await _kit.District.GetPageAsync($"/imports/{graded}/mapping");

        Assert.Contains("every device will be imported as\n        <strong>cosmetic grade C and working</strong>", withoutGrades);
        Assert.Contains("<strong>working</strong>", withGrades);
        Assert.DoesNotContain("cosmetic grade C and working", withGrades);
    }
}

using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Features.Imports;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Imports;

/// <summary>
/// Workbooks that expand far beyond their size are refused at upload, while their parts stream past: the check reads
/// the 300 MB text a chunk at a time, so the upload neither fails with a 500 nor leaves the process gigabytes larger.
/// </summary>
public sealed class DecompressionBombTests(LoggedMarketplaceFactory app) : IClassFixture<LoggedMarketplaceFactory>
{
    private static readonly Lazy<byte[]> SharedStringBomb = new(() => WorkbookBombs.HugeSharedString(megabytes: 300));

    [Fact]
    public void A_shared_string_that_expands_to_300_MB_is_refused_naming_the_limit_while_allocating_a_few_MB()
    {
        var bomb = SharedStringBomb.Value;
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length:N0} bytes as a file");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var refused = Assert.Throws<ManifestFormatException>(() => ManifestReader.Open("inventory.xlsx", bomb));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("Text number 3 of the workbook is longer than 32,767 characters, the most a cell can hold; no inventory field is that long. Check the file, or export the sheet as CSV.", refused.Message);
        Assert.True(allocated < 8 * 1024 * 1024, $"checking the bomb allocated {allocated / 1024 / 1024:N0} MB");
    }

    [Fact]
    public async Task The_bomb_uploaded_to_a_lot_goes_back_to_the_lot_with_the_reason_and_starts_no_import()
    {
        var kit = await ImportTestKit.StartAsync(app);
        var lot = await kit.CreateLotAsync();

        var response = await kit.UploadAsync(lot, "inventory.xlsx", SharedStringBomb.Value);

        Assert.StartsWith("Text number 3 of the workbook is longer than 32,767 characters", await kit.District.RefusalAsync(response));
        Assert.False(await app.WithDbAsync(db => db.ImportJobs.AnyAsync(j => j.LotId == lot)));
        app.AssertNoFailures();
    }

    [Fact]
    public void A_part_that_expands_past_256_MB_is_refused_once_the_budget_is_spent() =>
        Assert.StartsWith("The workbook expands to more than 256 MB of data from a 0.3 MB file",
            Assert.Throws<ManifestFormatException>(() => ManifestReader.Open("inventory.xlsx", WorkbookBombs.HugePart(megabytes: 300))).Message);

    [Fact]
    public void A_sheet_with_a_row_past_100000_is_refused_before_a_reader_walks_a_million_empty_rows() =>
        Assert.Equal("sheet1 has more than 100,000 rows (row 1,048,576 is used). Split it into files of at most 100,000 devices.",
            Assert.Throws<ManifestFormatException>(() => ManifestReader.Open("inventory.xlsx", WorkbookBombs.RowFarDown(1_048_576))).Message);

    [Fact]
    public void A_sheet_whose_dimension_reaches_column_XFD_is_refused() =>
        Assert.StartsWith("sheet1 uses column XFD, past the 1,024 columns an inventory sheet may have.",
            Assert.Throws<ManifestFormatException>(() => ManifestReader.Open("inventory.xlsx", WorkbookBombs.EveryColumn())).Message);

    [Fact]
    public void A_small_hand_written_workbook_still_reads() =>
        Assert.Equal(["Serial", "Model"], ManifestReader.Open("inventory.xlsx", WorkbookBombs.HeaderAndOneDeviceWorkbook()).Headers);
}

using System.Text;
using ClosedXML.Excel;
using Marketplace.Web.Infrastructure.Spreadsheets;

namespace Marketplace.Tests.Infrastructure.Spreadsheets;

public sealed class UploadedTableTests
{
    private static readonly TableLimits Limits = new(MaxRows: 3, MaxBytes: 64 * 1024, RowsAre: "serials");

    private static readonly TableField[] Fields =
    [
        new("Serial", "Serial number", true, "System serial", "Service tag"),
        new("Grade", "Cosmetic grade", false, "Grade", "Condition"),
    ];

    static UploadedTableTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("windows-1252")]
    public void A_csv_reads_the_same_in_each_character_set_a_spreadsheet_saves(string encoding)
    {
        var content = Encoding.GetEncoding(encoding).GetBytes("Serial number;Condition\r\n5CD-0001;Égratignure légère\r\n");
        if (encoding == "utf-16")
        {
            content = [.. Encoding.Unicode.GetPreamble(), .. content];
        }

        var table = UploadedTable.Read("grades.csv", content, Limits);

        Assert.Equal(["Serial number", "Condition"], table.Headers);
        Assert.Equal(["5CD-0001", "Égratignure légère"], Assert.Single(table.Rows).Cells);
    }

    [Fact]
    public void Headers_map_to_fields_blind_to_case_spaces_and_punctuation_and_by_their_aliases()
    {
        var table = UploadedTable.Read("r.csv", Encoding.UTF8.GetBytes("notes,SYSTEM_SERIAL,  condition \n1,A-1,B\n"), Limits);

        var mapping = table.Map(Fields);

        Assert.True(mapping.IsComplete);
        Assert.Equal(("SYSTEM_SERIAL", "condition"), (mapping.Header("Serial"), mapping.Header("Grade")));
        Assert.Equal(("A-1", "B"), (mapping.Cell(table.Rows[0], "Serial"), mapping.Cell(table.Rows[0], "Grade")));
        Assert.Equal(["notes"], mapping.Unmapped);
    }

    [Fact]
    public void The_uploader_s_choices_win_over_the_headers_and_a_required_field_without_a_column_is_missing()
    {
        var table = UploadedTable.Read("r.csv", Encoding.UTF8.GetBytes("Unit,Grade\nA-1,B\n"), Limits);

        Assert.Equal(["Serial number"], table.Map(Fields).Missing.Select(f => f.Label));
        var chosen = table.Map(Fields, new Dictionary<string, string> { ["Serial"] = "unit", ["Grade"] = "" });
        Assert.True(chosen.IsComplete);
        Assert.Equal(("Unit", null), (chosen.Header("Serial"), chosen.Header("Grade")));
        var wrong = table.Map(Fields, new Dictionary<string, string> { ["Serial"] = "Nope" });
        Assert.Equal(["Serial number: the file has no column \"Nope\"."], wrong.Problems);
    }

    [Fact]
    public void Rows_beyond_the_limit_and_files_beyond_its_size_are_refused_saying_how_to_split_them()
    {
        var rows = Encoding.UTF8.GetBytes("Serial\nA\nB\nC\nD\n");
        var big = new byte[Limits.MaxBytes + 1];

        Assert.Equal("r.csv has more than 3 serials (row 5 is one too many). Split it into files of at most 3.",
            Assert.Throws<TableFormatException>(() => UploadedTable.Read("r.csv", rows, Limits)).Message);
        Assert.Equal("big.csv is larger than 64 KB; split it into files of at most 3 serials.",
            Assert.Throws<TableFormatException>(() => UploadedTable.Read("C:\\Users\\me\\big.csv", big, Limits)).Message);
    }

    [Fact]
    public void A_workbook_skips_blank_rows_and_flags_a_value_past_the_last_header()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Grades");
        sheet.Cell("A1").Value = "Serial";
        sheet.Cell("B1").Value = "Grade";
        sheet.Cell("A2").Value = "A-1";
        sheet.Cell("A4").Value = "A-2";
        sheet.Cell("C4").Value = "stray";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var table = UploadedTable.Read("grades.xlsx", stream.ToArray(), Limits);

        Assert.Equal([2, 4], table.Rows.Select(r => r.Number));
        Assert.Null(table.Rows[0].ShapeProblem);
        Assert.Contains("column C (\"stray\"), past the last header", table.Rows[1].ShapeProblem);
    }

    [Fact]
    public void A_csv_row_with_more_values_than_headers_is_flagged_and_blank_repeated_headers_are_never_mapped()
    {
        var table = UploadedTable.Read("r.csv", Encoding.UTF8.GetBytes("Serial,serial,\nA,B,C\nA,B,C,D\n"), Limits);

        Assert.Equal("Serial", table.Map(Fields).Header("Serial"));
        Assert.Equal([1, 2], table.HeaderProblems.Select(p => p.Column));
        Assert.Equal("This row has 4 values but the header has 3 columns, so its values do not line up with their columns.", table.Rows[1].ShapeProblem);
    }
}

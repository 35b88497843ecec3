using System.IO.Compression;
using ClosedXML.Excel;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Spreadsheets;

namespace Marketplace.Tests.Infrastructure.Spreadsheets;

public sealed class FormulaNeutralisationTests
{
    [Theory]
    [InlineData("=1+1")]
    [InlineData("＝HYPERLINK(\"http://evil.example\")")]
    [InlineData("＋1")]
    [InlineData("－2 keys missing")]
    [InlineData("＠SUM(1)")]
    [InlineData("﹦1+1")]
    [InlineData("﹢1")]
    public void A_csv_cell_starting_with_a_formula_sign_or_its_full_width_or_small_form_gets_an_apostrophe(string value) =>
        Assert.Equal("'" + value, SpreadsheetCsv.Neutralize(value));

    [Theory]
    [InlineData("Room 12")]
    [InlineData("１２３")]
    [InlineData("Ｍodel")]
    [InlineData("a=b")]
    public void Other_cells_are_left_as_they_are(string value) => Assert.Equal(value, SpreadsheetCsv.Neutralize(value));

    [Fact]
    public void An_xlsx_keeps_formula_looking_text_as_typed_in_a_quote_prefixed_text_cell()
    {
        string[] notes = ["=HYPERLINK(\"http://evil.example\",\"click\")", "＝1+1", "@SUM(1)", "Room 12"];
        var bytes = SpreadsheetXlsx.Write("Notes", "Notes", new SpreadsheetColumns<string>().Text("Note", 30, n => n), notes);

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var cells = workbook.Worksheet("Notes").Column(1).Cells(2, notes.Length + 1).ToList();

        Assert.Equal(notes, cells.Select(c => c.GetString()));
        Assert.Equal([true, true, true, false], cells.Select(c => c.Style.IncludeQuotePrefix));
        Assert.All(cells, c => Assert.Equal(XLDataType.Text, c.DataType));
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        Assert.DoesNotMatch("<(\\w+:)?f[ >]", sheet.ReadToEnd());
    }
}

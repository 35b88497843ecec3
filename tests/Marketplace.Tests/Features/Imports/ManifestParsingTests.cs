using System.Text;
using Marketplace.Web.Features.Imports;

namespace Marketplace.Tests.Features.Imports;

/// <summary>The manifest's cells as district files write them, read without a database.</summary>
public sealed class ManifestParsingTests
{
    [Theory]
    [InlineData("Lost/Stolen", AssetStatusKind.LostOrStolen)]
    [InlineData("Missing - police report filed", AssetStatusKind.LostOrStolen)]
    [InlineData("Broken - Not Fixable", AssetStatusKind.BeyondRepair)]
    [InlineData("Undeployable", AssetStatusKind.Broken)]
    [InlineData("Out for Repair", AssetStatusKind.Broken)]
    [InlineData("Out for Diagnostics", AssetStatusKind.Broken)]
    [InlineData("Archived", AssetStatusKind.Archived)]
    [InlineData("Ready to Deploy", AssetStatusKind.InService)]
    [InlineData("Deployed", AssetStatusKind.InService)]
    [InlineData("Pending", AssetStatusKind.InService)]
    public void Asset_statuses_are_read_by_what_their_words_say(string status, AssetStatusKind kind) =>
        Assert.Equal(kind, AssetStatuses.Classify(status));

    [Theory]
    [InlineData("$1,379.00", "1379.00")]
    [InlineData("379", "379")]
    [InlineData("USD 249.5", "249.50")]
    [InlineData("1.379,00 €", "1379.00")]
    [InlineData("329,99", "329.99")]
    [InlineData("1,379", "1379")]
    public void Purchase_costs_are_read_in_the_forms_inventories_write_them(string text, string amount) =>
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), ManifestRowParser.ParseMoney(text));

    [Theory]
    [InlineData("-20")]
    [InlineData("N/A")]
    [InlineData("about three hundred")]
    public void What_is_not_an_amount_is_not_read_as_one(string text) => Assert.Null(ManifestRowParser.ParseMoney(text));

    [Fact]
    public void Both_Google_AUE_fields_are_recognised_and_the_current_one_wins()
    {
        string[] headers = ["serialNumber", "autoUpdateExpiration", "autoUpdateThrough"];
        var guess = ManifestFields.Guess(headers, new HashSet<int>(), null, ManifestFields.DetectPreset(headers));
        Assert.Equal(2, guess[ManifestField.AueDate]);
        Assert.Equal(1, ManifestFields.Guess(["serialNumber", "autoUpdateExpiration"], new HashSet<int>(), null)[ManifestField.AueDate]);
    }

    private const string Inventory =
        "Serial,Asset Tag,Model,Category,RAM,Purchase Date,Grade\n" +
        "SN-01,T01,Dell Chromebook 3100,Chromebook,4,2020-08-15,A\n" +
        "SN-02,T02,Dell Chromebook 3100,Chromebook,4,2020-08-15,B\n" +
        "SN-03,T03,HP Chromebook 11 G8 EE,Chromebook,8,2021-01-10,B\n" +
        "SN-04,T04,Dell Chromebook 3100,Chromebook,4,2020-08-15,C\n" +
        "SN-05,T05,HP Chromebook 11 G8 EE,Chromebook,4,2021-01-10,B\n";

    [Fact]
    public void A_value_split_by_an_unquoted_comma_is_explained_from_the_column_where_the_values_shift()
    {
        var problem = ShapeProblem(Inventory + "SN-06,T06,Dell, Chromebook 3100,Chromebook,4,2020-08-15,B\n");
        Assert.StartsWith("This row has 8 values but the header has 7 columns. The values look shifted one column to the right from column D (Category) on:", problem);
        Assert.Contains("\"Dell\" and \" Chromebook 3100\" probably were one value of column C (Model) containing a comma that is not in quotes", problem);
    }

    [Fact]
    public void A_separator_too_many_at_the_end_of_a_line_is_not_blamed_on_an_unquoted_value()
    {
        var problem = ShapeProblem(Inventory + "SN-06,T06,Dell Chromebook 3100,Chromebook,4,2020-08-15,B,\n");
        Assert.Equal("This row has 8 values but the header has 7 columns: the one value past column G (Grade) is empty, so the line ends with a comma too many. " +
                     "The other values line up with their columns: remove the extra comma at the end of the line.", problem);
    }

    [Fact]
    public void Values_past_the_last_column_are_named_with_the_column_they_start_in()
    {
        var problem = ShapeProblem(Inventory + "SN-06,T06,Dell Chromebook 3100,Chromebook,4,2020-08-15,B,Cart 7\n");
        Assert.Contains("it has values past the last column, G (Grade), starting with \"Cart 7\"", problem);
        Assert.DoesNotContain("not in quotes", problem);
    }

    [Fact]
    public void A_value_left_out_with_its_separator_is_explained_from_the_column_where_the_values_shift_left()
    {
        var problem = ShapeProblem(Inventory.Replace(",", ";") + "SN-06;T06;Dell Chromebook 3100;4;2020-08-15;B\n");
        Assert.Equal("This row has 6 values but the header has 7 columns: the values look shifted one column to the left from column D (Category) on, " +
                     "as if a value was left out without its semicolon. An empty value still needs its semicolon.", problem);
    }

    [Fact]
    public void A_row_that_stops_early_says_which_columns_are_missing()
    {
        var problem = ShapeProblem(Inventory + "SN-06,T06,Dell Chromebook 3100\n");
        Assert.StartsWith("This row has 3 values but the header has 7 columns: it ends after column C (Model), so columns D (Category) to G (Grade) are missing.", problem);
    }

    private static string ShapeProblem(string csv)
    {
        var rows = ManifestReader.Open("inventory.csv", Encoding.UTF8.GetBytes(csv)).Rows().ToList();
        Assert.All(rows[..^1], r => Assert.Null(r.ShapeProblem));
        return Assert.IsType<string>(rows[^1].ShapeProblem);
    }

    [Theory]
    [InlineData(10000, "Écran fissuré, clé perdue – don’t ship")]
    [InlineData(10000, "Salle 12 • Élève")]
    [InlineData(437, "Élève Müller, Señor Niño")]
    [InlineData(850, "Ørsted Ålesund, Ångström")]
    [InlineData(1250, "Łódź, Příliš žluťoučký kůň")]
    [InlineData(28592, "Zażółć gęślą jaźń")]
    [InlineData(1252, "Café crème — 20° ½, don’t")]
    public void A_legacy_code_page_is_recognised_by_how_its_text_reads(int codePage, string text)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var encoding = System.Text.Encoding.GetEncoding(codePage);
        Assert.Equal(text, encoding.GetString(encoding.GetBytes(text)));
        var csv = encoding.GetBytes($"Serial,Model,Notes\r\nSN-1,Dell Chromebook 3100,\"{text}\"\r\n");

        var row = Assert.Single(ManifestReader.Open("legacy.csv", csv).Rows());
        Assert.Equal(text, row.Cells[2]);
    }

}

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
}

using System.Globalization;
using Marketplace.Web.Infrastructure.Documents;

namespace Marketplace.Tests.Infrastructure.Documents;

/// <summary>Code 128 label sheets, printed and scanned back: what a laser scanner reads is what the label says.</summary>
public sealed class AssetLabelSheetTests
{
    // What districts' manifests hold: Dell service tags, HP, Lenovo and Apple serials, asset tags of every house style,
    // an IMEI-length number, and the longest mixed value that still gets 7.5 mil bars (24 characters).
    private static readonly AssetLabel[] Sheet =
    [
        new("5CD0142XJ7", "MV-000123", "Lenovo 300e Chromebook 2nd Gen AST (82CE)"),
        new("7HQ2KX3", null, "Dell Chromebook 3100 2-in-1"),
        new("5CG1234ABC", "CRUSD-HS-004417", "HP Chromebook 11 G9 EE"),
        new("PF2ABCDE", null, "Lenovo ThinkPad 11e Yoga Gen 6"),
        new("C02XK1ZJJGH5", "2019-0042", "Apple MacBook Air (M1, 2020)"),
        new("DMPXK0A1B2C3", null, "Apple iPad (9th generation)"),
        new("356938035643809", null, "Samsung Galaxy Tab A7 Lite (LTE)"),
        new("R9WN30ABCDE", "42", null),
        new("ABCDEFGHJKLMNPQRSTUVWXYZ", null, "A 24-character serial"),
        .. Enumerable.Range(1, 21).Select(i => new AssetLabel($"5CD{i:D7}", i % 3 == 0 ? $"MV-{i:D5}" : null, "Dell Chromebook 3100 2-in-1")),
    ];

    [Fact]
    public async Task Every_label_of_a_Code_128_sheet_scans_back_as_CODE_128_to_its_asset_tag_or_else_its_serial()
    {
        var pdf = await RenderAsync(Sheet, LabelBarcode.Code128);

        var scanned = await SymbolsOnPageAsync(pdf, 1);

        Assert.Equal(Sheet.Select(l => $"CODE-128:{l.AssetTag ?? l.Serial}").Order(), scanned.Order());
    }

    [Fact]
    public async Task Code_128_labels_print_their_value_model_and_lot_under_the_bars_inside_the_label()
    {
        var pdf = await RenderAsync(Sheet, LabelBarcode.Code128);

        var words = await PdfWord.OnPageAsync(pdf, 1);
        var text = await ExternalTool.RunAsync("pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-");

        Assert.Contains("CRUSD-HS-004417", text);
        Assert.Contains("S/N 5CG1234ABC · Lot LOT-7F3A21", text);
        Assert.Contains("Serial no. · no asset tag · Lot LOT-7F3A21", text);
        Assert.Contains("HP Chromebook 11 G9 EE", text);
        // Each word sits in one label: inside its 6 pt inset, and below the 28 pt of bars at its top.
        Assert.All(words, w =>
        {
            var cell = Enumerable.Range(0, AssetLabelSheet.LabelsPerPage).Select(i => AssetLabelSheet.Position(i).TopLeft)
                .SingleOrDefault(p => w.XMin >= p.X && w.XMax <= p.X + 189 && w.YMin >= p.Y && w.YMax <= p.Y + 72);
            Assert.True(cell != default, $"\"{w.Text}\" ({w.XMin:0.0}, {w.YMin:0.0})–({w.XMax:0.0}, {w.YMax:0.0}) is not inside one label");
            Assert.True(w.XMin >= cell.X + 6 - 0.5 && w.XMax <= cell.X + 189 - 6 + 0.5 && w.YMax <= cell.Y + 72 - 6 + 0.5,
                $"\"{w.Text}\" reaches into the label's 6 pt inset");
            Assert.True(w.YMin >= cell.Y + 6 + 28, $"\"{w.Text}\" (top {w.YMin - cell.Y:0.0} pt into its label) is printed over the bars");
        });
    }

    [Fact]
    public void Values_over_24_characters_or_outside_printable_ASCII_cannot_be_a_readable_Code_128_and_long_digit_runs_can()
    {
        Assert.Null(AssetLabelSheet.Code128Problem("ABCDEFGHJKLMNPQRSTUVWXYZ"));
        Assert.Equal("too long for Code 128", AssetLabelSheet.Code128Problem("ABCDEFGHJKLMNPQRSTUVWXYZA"));
        // Digits pack two to a character (code set C).
        Assert.Null(AssetLabelSheet.Code128Problem("3569380356438091234567890123456789012345"));
        Assert.Equal("has characters Code 128 lacks", AssetLabelSheet.Code128Problem("5CDÉ0417"));
    }

    [Fact]
    public async Task On_a_Code_128_sheet_a_value_no_laser_scanner_could_read_gets_a_QR_code_on_its_label_saying_why()
    {
        AssetLabel[] labels =
        [
            new("5CD0431AAA", null, "Dell Chromebook 3100"),
            new("SN-2019-CHROMEBOOK-CART-B-0031", null, "Acer Chromebook Spin 311"),
            new("5CDÉ0431", "MV-ÉCOLE-7", "HP Chromebook 11 G8 EE"),
        ];

        var pdf = await RenderAsync(labels, LabelBarcode.Code128);

        var symbols = (await SymbolsOnPageAsync(pdf, 1)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, symbols.Count);
        Assert.Equal("CODE-128:5CD0431AAA", symbols[0]);
        // QRCoder writes É as one ISO-8859-1 byte, which zbar takes for Shift-JIS: only the accented letters may differ.
        Assert.Matches("^QR-Code:SN:5CD.0431;TAG:MV-.COLE-7$", symbols[1]);
        Assert.Equal("QR-Code:SN:SN-2019-CHROMEBOOK-CART-B-0031", symbols[2]);
        var text = await ExternalTool.RunAsync("pdftotext", "-layout", pdf, "-");
        Assert.Contains("QR: too long for Code 128", text);
        Assert.Contains("QR: has characters Code 128 lacks", text);
        Assert.Matches(@"Subject:\s+3 labels, Avery 5160 layout, Code 128 \(2 as QR codes", await ExternalTool.RunAsync("pdfinfo", pdf));
    }

    [Fact]
    public async Task A_QR_sheet_still_scans_back_to_serial_and_tag()
    {
        var pdf = await RenderAsync(Sheet[..4], LabelBarcode.Qr);

        Assert.Equal(Sheet[..4].Select(l => $"QR-Code:{AssetLabelSheet.QrPayload(l.Serial, l.AssetTag)}").Order(), (await SymbolsOnPageAsync(pdf, 1)).Order());
    }

    private static async Task<string> RenderAsync(IReadOnlyList<AssetLabel> labels, LabelBarcode barcode)
    {
        var folder = Directory.CreateTempSubdirectory("asset-labels").FullName;
        var pdf = Path.Combine(folder, "labels.pdf");
        await File.WriteAllBytesAsync(pdf, AssetLabelSheet.Render("LOT-7F3A21", labels, DateTimeOffset.UtcNow, barcode));
        return pdf;
    }

    /// <summary>The page rasterized at 300 dpi, as an office scanner or a 300 dpi printer would, and every symbol zbar finds: <c>CODE-128:value</c>.</summary>
    internal static async Task<string[]> SymbolsOnPageAsync(string pdf, int page)
    {
        var prefix = Path.ChangeExtension(pdf, null) + $"-{page}";
        var number = page.ToString(CultureInfo.InvariantCulture);
        await ExternalTool.RunAsync("pdftoppm", "-png", "-r", "300", "-f", number, "-l", number, "-singlefile", pdf, prefix);
        var symbols = await ExternalTool.RunAsync("zbarimg", "-q", prefix + ".png");
        return symbols.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}

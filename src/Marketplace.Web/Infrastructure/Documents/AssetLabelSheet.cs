using QRCoder;
using SkiaSharp;
using ZXing;
using ZXing.OneD;

namespace Marketplace.Web.Infrastructure.Documents;

public sealed record AssetLabel(string Serial, string? AssetTag, string? Model);

/// <summary>The symbol a sheet of asset labels carries.</summary>
public enum LabelBarcode
{
    /// <summary>QR codes, for the imagers and phone cameras most schools use.</summary>
    Qr,

    /// <summary>Code 128 (1-D), for the handheld laser scanners many districts own, which read no 2-D codes.</summary>
    Code128,
}

/// <summary>
/// Sheets of asset labels for Avery 5160 (and compatible 30-up address labels): US Letter, 3 × 10
/// labels of 2⅝" × 1". A QR label has a QR code with the serial and asset tag, which the handheld
/// imagers schools already use read as text, and the same identifiers printed beside it. A Code 128
/// label has a 1-D barcode of the asset tag (the serial for an untagged device) across the label,
/// with the identifiers printed under it.
/// </summary>
public static class AssetLabelSheet
{
    public const int Columns = 3;
    public const int Rows = 10;
    public const int LabelsPerPage = Columns * Rows;

    // All in PDF points (1/72"), from the Avery 5160 template.
    private const float PageWidth = 8.5f * 72;
    private const float PageHeight = 11f * 72;
    private const float TopMargin = 0.5f * 72;
    private const float SideMargin = 0.1875f * 72;
    private const float LabelWidth = 2.625f * 72;
    private const float LabelHeight = 1f * 72;
    private const float ColumnGap = 0.125f * 72;

    // Printers can place a sheet ~1/16" off: keep ink 1/12" inside each die-cut edge.
    private const float Inset = 6;
    private const float QrSize = LabelHeight - 2 * Inset;
    private const float TextLeft = Inset + QrSize + 7;
    private const float TextWidth = LabelWidth - TextLeft - Inset;
    private const float MinTextSize = 5.5f;

    // Code 128 on a 1" label: the bars and their quiet zones span the label inside the inset, and the
    // human-readable lines fill what is left below the bars.
    private const float BarsWidth = LabelWidth - 2 * Inset;
    private const float BarHeight = 28; // 0.39": over the 0.25" minimum and 15% of the longest symbol
    private const int QuietZoneModules = 10;

    /// <summary>
    /// The narrowest bar Code 128 labels print, in points: 7.5 mil (0.0075"). Narrower, the inexpensive laser scanners
    /// districts buy stop reading the code, and a toner-heavy printer fills the gaps.
    /// </summary>
    public const float MinModuleWidth = 0.0075f * 72;

    // Wider than 20 mil gains nothing at arm's length; a short tag keeps a proportionate symbol centred on its label.
    private const float MaxModuleWidth = 0.02f * 72;

    /// <summary>What the QR code says: <c>SN:5CD123;TAG:MV-0001</c>, or <c>SN:5CD123</c> for an untagged device.</summary>
    public static string QrPayload(string serial, string? assetTag) =>
        string.IsNullOrWhiteSpace(assetTag) ? $"SN:{serial}" : $"SN:{serial};TAG:{assetTag}";

    /// <summary>
    /// What the Code 128 barcode says: the asset tag, or the serial for an untagged device, bare. A laser scanner types
    /// it into whatever field has focus, the district's inventory system as much as ours, so it carries no prefix; a
    /// 1-D code this size holds only one of the two.
    /// </summary>
    public static string Code128Payload(string serial, string? assetTag) =>
        string.IsNullOrWhiteSpace(assetTag) ? serial : assetTag;

    /// <summary>
    /// Why <paramref name="value"/> cannot be a readable Code 128 on a label, in the words printed on the label that gets a
    /// QR code instead; null when it can. About 24 characters fit (more when they are mostly digits).
    /// </summary>
    public static string? Code128Problem(string value) => Code128Shape.Create(value).Problem;

    /// <summary>Where label <paramref name="index"/> (0-based, across pages) sits on its page: top-left corner in points.</summary>
    public static (int Page, SKPoint TopLeft) Position(int index)
    {
        var slot = index % LabelsPerPage;
        var column = slot % Columns;
        var row = slot / Columns;
        return (index / LabelsPerPage, new SKPoint(SideMargin + column * (LabelWidth + ColumnGap), TopMargin + row * LabelHeight));
    }

    /// <summary>
    /// The sheets as a PDF. On a Code 128 sheet, a value too long for bars of at least 7.5 mil, or with characters Code 128
    /// cannot carry (accented letters), gets a QR code on its label with the reason printed where the lot line goes. The
    /// district still labels every device from one print run, the odd label is marked rather than silently unreadable,
    /// and its printed serial can be typed; refusing the whole sheet over one long serial would leave them with no
    /// 1-D labels at all, since a sheet cannot be limited to chosen devices.
    /// </summary>
    public static byte[] Render(string lotNumber, IReadOnlyList<AssetLabel> labels, DateTimeOffset createdAt, LabelBarcode barcode = LabelBarcode.Qr)
    {
        // Encoding is most of the work (QRCoder tries all eight masks), and each code is independent.
        var bars = new Code128Shape?[labels.Count];
        var codes = new QrShape?[labels.Count];
        Parallel.For(0, labels.Count, () => new QRCodeGenerator(), (i, _, generator) =>
        {
            if (barcode == LabelBarcode.Code128)
            {
                bars[i] = Code128Shape.Create(Code128Payload(labels[i].Serial, labels[i].AssetTag));
            }

            if (bars[i] is null or { Problem: not null })
            {
                codes[i] = QrShape.Create(generator, QrPayload(labels[i].Serial, labels[i].AssetTag));
            }

            return generator;
        }, generator => generator.Dispose());

        var asQr = barcode == LabelBarcode.Code128 ? bars.Count(b => b!.Problem is not null) : 0;
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = $"Asset labels — lot {lotNumber}",
            Author = "K-12 Device Marketplace",
            Subject = barcode == LabelBarcode.Qr
                ? $"{labels.Count} labels, Avery 5160 layout, QR codes"
                : $"{labels.Count} labels, Avery 5160 layout, Code 128" + (asQr == 0 ? "" : $" ({asQr} as QR codes: values Code 128 cannot carry here)"),
            Creation = createdAt.UtcDateTime,
        }))
        {
            using var fonts = new LabelFonts();
            var lotLine = $"Lot {lotNumber}";
            for (var first = 0; first < labels.Count; first += LabelsPerPage)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                for (var i = first; i < Math.Min(first + LabelsPerPage, labels.Count); i++)
                {
                    var (_, topLeft) = Position(i);
                    if (bars[i] is { Problem: null } code128)
                    {
                        DrawCode128Label(canvas, topLeft, labels[i], code128, lotLine, fonts);
                    }
                    else
                    {
                        var lastLine = bars[i]?.Problem is { } problem ? $"QR: {problem}" : lotLine;
                        DrawQrLabel(canvas, topLeft, labels[i], codes[i]!, lastLine, fonts);
                    }
                }

                document.EndPage();
            }

            document.Close();
        }

        return stream.ToArray();
    }

    private static void DrawQrLabel(SKCanvas canvas, SKPoint topLeft, AssetLabel label, QrShape code, string lastLine, LabelFonts fonts)
    {
        code.Draw(canvas, topLeft.X + Inset, topLeft.Y + Inset, QrSize, fonts.Bars);

        var x = topLeft.X + TextLeft;
        var y = topLeft.Y;
        if (string.IsNullOrWhiteSpace(label.AssetTag))
        {
            // No tag yet: the serial is what identifies the device, so it gets the big line.
            DrawFitted(canvas, label.Serial, x, y + 22, TextWidth, fonts.Tag, fonts.Ink);
            DrawFitted(canvas, "Serial no. · no asset tag", x, y + 36, TextWidth, fonts.Small, fonts.Muted);
        }
        else
        {
            DrawFitted(canvas, label.AssetTag, x, y + 22, TextWidth, fonts.Tag, fonts.Ink);
            DrawFitted(canvas, $"S/N {label.Serial}", x, y + 36, TextWidth, fonts.Serial, fonts.Ink);
        }

        if (!string.IsNullOrWhiteSpace(label.Model))
        {
            DrawFitted(canvas, label.Model, x, y + 50, TextWidth, fonts.Small, fonts.Muted);
        }

        DrawFitted(canvas, lastLine, x, y + 61, TextWidth, fonts.Small, fonts.Muted);
    }

    private static void DrawCode128Label(SKCanvas canvas, SKPoint topLeft, AssetLabel label, Code128Shape code, string lotLine, LabelFonts fonts)
    {
        var center = topLeft.X + LabelWidth / 2;
        var y = topLeft.Y;
        code.Draw(canvas, center, y + Inset, BarHeight, fonts.Bars);

        // Under the bars, centred as scanner labels are: exactly what the bars say, then what it is and where it belongs.
        var tagged = !string.IsNullOrWhiteSpace(label.AssetTag);
        DrawFitted(canvas, Code128Payload(label.Serial, label.AssetTag), center, y + 45, BarsWidth, fonts.Value, fonts.Ink, centred: true);
        DrawFitted(canvas, (tagged ? $"S/N {label.Serial}" : "Serial no. · no asset tag") + $" · {lotLine}", center, y + 55, BarsWidth,
            tagged ? fonts.Line : fonts.Small, tagged ? fonts.Ink : fonts.Muted, centred: true);
        if (!string.IsNullOrWhiteSpace(label.Model))
        {
            DrawFitted(canvas, label.Model, center, y + 64, BarsWidth, fonts.Small, fonts.Muted, centred: true);
        }
    }

    /// <summary>
    /// A Code 128 symbol as bars in module units, from ZXing's encoder: compact mode picks the shortest mix of code sets
    /// (runs of digits in set C, two to a character), which gives the widest bars a label can hold. The module width is
    /// whatever fits the label with its 10-module quiet zones, from <see cref="MinModuleWidth"/> to 20 mil; drawn as
    /// rectangles, the bars keep exact widths at any printer resolution.
    /// </summary>
    private sealed record Code128Shape(int Modules, IReadOnlyList<(int Start, int End)> Bars, float ModuleWidth, string? Problem)
    {
        private static readonly Dictionary<EncodeHintType, object> Hints = new()
        {
            [EncodeHintType.MARGIN] = 0,
            [EncodeHintType.CODE128_COMPACT] = true,
        };

        public static Code128Shape Create(string value)
        {
            // Printable ASCII only: extended characters need FNC4, which scanners type as different letters (or not at all).
            if (value.Any(ch => ch is < ' ' or > '~'))
            {
                return new Code128Shape(0, [], 0, "has characters Code 128 lacks");
            }

            var matrix = new Code128Writer().encode(value, BarcodeFormat.CODE_128, 0, 1, Hints);
            var modules = matrix.Width;
            var moduleWidth = Math.Min(MaxModuleWidth, BarsWidth / (modules + 2 * QuietZoneModules));
            if (moduleWidth < MinModuleWidth)
            {
                return new Code128Shape(modules, [], moduleWidth, "too long for Code 128");
            }

            var bars = new List<(int Start, int End)>();
            for (var column = 0; column < modules;)
            {
                if (!matrix[column, 0])
                {
                    column++;
                    continue;
                }

                var start = column;
                while (column < modules && matrix[column, 0])
                {
                    column++;
                }

                bars.Add((start, column));
            }

            return new Code128Shape(modules, bars, moduleWidth, null);
        }

        public void Draw(SKCanvas canvas, float center, float top, float height, SKPaint paint)
        {
            using var path = new SKPath();
            foreach (var (start, end) in Bars)
            {
                path.AddRect(new SKRect(start, 0, end, 1));
            }

            canvas.Save();
            canvas.Translate(center - Modules * ModuleWidth / 2, top);
            canvas.Scale(ModuleWidth, height);
            canvas.DrawPath(path, paint);
            canvas.Restore();
        }
    }

    /// <summary>The fonts and inks every label on a sheet shares.</summary>
    private sealed class LabelFonts : IDisposable
    {
        public SKFont Tag { get; } = LabelFont(EmbeddedFonts.Bold, 12);
        public SKFont Value { get; } = LabelFont(EmbeddedFonts.Bold, 10);
        public SKFont Serial { get; } = LabelFont(EmbeddedFonts.Regular, 8.5f);
        public SKFont Line { get; } = LabelFont(EmbeddedFonts.Regular, 7);
        public SKFont Small { get; } = LabelFont(EmbeddedFonts.Regular, 6.5f);
        public SKPaint Ink { get; } = new() { Color = SKColors.Black, IsAntialias = true };
        public SKPaint Muted { get; } = new() { Color = new SKColor(0x37, 0x41, 0x51), IsAntialias = true };
        public SKPaint Bars { get; } = new() { Color = SKColors.Black, IsAntialias = false, Style = SKPaintStyle.Fill };

        public void Dispose()
        {
            foreach (var disposable in new IDisposable[] { Tag, Value, Serial, Line, Small, Ink, Muted, Bars })
            {
                disposable.Dispose();
            }
        }
    }

    /// <summary>
    /// Shrinks text to fit its line (down to <see cref="MinTextSize"/>, still legible on a label printer), then cuts it
    /// with an ellipsis rather than run off the label. The code always holds the full value.
    /// </summary>
    private static void DrawFitted(SKCanvas canvas, string text, float x, float baseline, float maxWidth, SKFont font, SKPaint paint, bool centred = false)
    {
        var align = centred ? SKTextAlign.Center : SKTextAlign.Left;
        var width = font.MeasurePrinted(text);
        if (width <= maxWidth)
        {
            canvas.DrawPrinted(text, x, baseline, align, font, paint);
            return;
        }

        var minimum = Math.Min(font.Size, MinTextSize);
        using var smaller = LabelFont(font.Typeface, Math.Max(minimum, MathF.Floor(font.Size * maxWidth / width * 4) / 4));
        while (smaller.Size > minimum && smaller.MeasurePrinted(text) > maxWidth)
        {
            smaller.Size = Math.Max(minimum, smaller.Size - 0.25f);
        }

        var fitted = text;
        while (fitted.Length > 1 && smaller.MeasurePrinted(fitted) > maxWidth)
        {
            fitted = fitted[..^2] + "…";
        }

        canvas.DrawPrinted(fitted, x, baseline, align, smaller, paint);
    }

    // Unhinted, linearly scaled metrics: what is measured is what the PDF lays out, at any size.
    private static SKFont LabelFont(SKTypeface typeface, float size) =>
        new(typeface, size) { LinearMetrics = true, Subpixel = true, Hinting = SKFontHinting.None };
}

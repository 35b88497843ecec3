using QRCoder;
using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

public sealed record AssetLabel(string Serial, string? AssetTag, string? Model);

/// <summary>
/// Sheets of asset labels for Avery 5160 (and compatible 30-up address labels): US Letter, 3 × 10
/// labels of 2⅝" × 1". Each label has a QR code with the serial and asset tag, which the handheld
/// imagers schools already use read as text, and the same identifiers printed beside it.
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


    /// <summary>What the QR code says: <c>SN:5CD123;TAG:MV-0001</c>, or <c>SN:5CD123</c> for an untagged device.</summary>
    public static string QrPayload(string serial, string? assetTag) =>
        string.IsNullOrWhiteSpace(assetTag) ? $"SN:{serial}" : $"SN:{serial};TAG:{assetTag}";

    /// <summary>Where label <paramref name="index"/> (0-based, across pages) sits on its page: top-left corner in points.</summary>
    public static (int Page, SKPoint TopLeft) Position(int index)
    {
        var slot = index % LabelsPerPage;
        var column = slot % Columns;
        var row = slot / Columns;
        return (index / LabelsPerPage, new SKPoint(SideMargin + column * (LabelWidth + ColumnGap), TopMargin + row * LabelHeight));
    }

    public static byte[] Render(string lotNumber, IReadOnlyList<AssetLabel> labels, DateTimeOffset createdAt)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = $"Asset labels — lot {lotNumber}",
            Author = "K-12 Device Marketplace",
            Subject = $"{labels.Count} labels, Avery 5160 layout",
            Creation = createdAt.UtcDateTime,
        }))
        {
            using var tagFont = LabelFont(EmbeddedFonts.Bold, 12);
            using var serialFont = LabelFont(EmbeddedFonts.Regular, 8.5f);
            using var smallFont = LabelFont(EmbeddedFonts.Regular, 6.5f);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var muted = new SKPaint { Color = new SKColor(0x37, 0x41, 0x51), IsAntialias = true };
            using var qrInk = new SKPaint { Color = SKColors.Black, IsAntialias = false, Style = SKPaintStyle.Fill };
            var lotLine = $"Lot {lotNumber}";

            // Encoding is most of the work (QRCoder tries all eight masks), and each code is independent.
            var codes = new QrShape[labels.Count];
            Parallel.For(0, labels.Count, () => new QRCodeGenerator(), (i, _, generator) =>
            {
                codes[i] = QrShape.Create(generator, QrPayload(labels[i].Serial, labels[i].AssetTag));
                return generator;
            }, generator => generator.Dispose());

            for (var first = 0; first < labels.Count; first += LabelsPerPage)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                for (var i = first; i < Math.Min(first + LabelsPerPage, labels.Count); i++)
                {
                    var label = labels[i];
                    var (_, topLeft) = Position(i);
                    codes[i].Draw(canvas, topLeft.X + Inset, topLeft.Y + Inset, QrSize, qrInk);

                    var x = topLeft.X + TextLeft;
                    var y = topLeft.Y;
                    if (string.IsNullOrWhiteSpace(label.AssetTag))
                    {
                        // No tag yet: the serial is what identifies the device, so it gets the big line.
                        DrawFitted(canvas, label.Serial, x, y + 22, tagFont, ink);
                        DrawFitted(canvas, "Serial no. · no asset tag", x, y + 36, smallFont, muted);
                    }
                    else
                    {
                        DrawFitted(canvas, label.AssetTag, x, y + 22, tagFont, ink);
                        DrawFitted(canvas, $"S/N {label.Serial}", x, y + 36, serialFont, ink);
                    }

                    if (!string.IsNullOrWhiteSpace(label.Model))
                    {
                        DrawFitted(canvas, label.Model, x, y + 50, smallFont, muted);
                    }

                    DrawFitted(canvas, lotLine, x, y + 61, smallFont, muted);
                }

                document.EndPage();
            }

            document.Close();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The QR code as rectangles in module units: runs of dark modules in a row, merged with the same run
    /// in the rows below. Drawn as vectors, it stays sharp at any printer resolution, and integer
    /// coordinates keep a 5,000-label PDF small (about 3 MB). The symbol's 4-module quiet zone is left
    /// out to give the code more room on a 1" label; the label margin and the gap to the text (2–4
    /// modules) stand in for it, which handheld imagers and zbar read without trouble.
    /// </summary>
    private sealed record QrShape(int Modules, IReadOnlyList<SKRectI> Blocks)
    {
        // QRCoder puts a 4-module quiet zone around the symbol in its matrix.
        private const int QuietZone = 4;

        public static QrShape Create(QRCodeGenerator generator, string payload)
        {
            using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
            var matrix = data.ModuleMatrix;
            var modules = matrix.Count - 2 * QuietZone;
            var blocks = new List<SKRectI>();
            var open = new Dictionary<(int Start, int End), int>(); // run → index of the block it extends
            for (var row = 0; row < modules; row++)
            {
                var bits = matrix[row + QuietZone];
                var continued = new Dictionary<(int Start, int End), int>();
                var column = 0;
                while (column < modules)
                {
                    if (!bits[column + QuietZone])
                    {
                        column++;
                        continue;
                    }

                    var start = column;
                    while (column < modules && bits[column + QuietZone])
                    {
                        column++;
                    }

                    if (open.TryGetValue((start, column), out var index))
                    {
                        var block = blocks[index];
                        blocks[index] = new SKRectI(block.Left, block.Top, block.Right, row + 1);
                    }
                    else
                    {
                        index = blocks.Count;
                        blocks.Add(new SKRectI(start, row, column, row + 1));
                    }

                    continued[(start, column)] = index;
                }

                open = continued;
            }

            return new QrShape(modules, blocks);
        }

        public void Draw(SKCanvas canvas, float x, float y, float size, SKPaint paint)
        {
            using var path = new SKPath();
            foreach (var block in Blocks)
            {
                path.AddRect(block);
            }

            canvas.Save();
            canvas.Translate(x, y);
            canvas.Scale(size / Modules);
            canvas.DrawPath(path, paint);
            canvas.Restore();
        }
    }

    /// <summary>
    /// Shrinks text to fit beside the QR code (down to <see cref="MinTextSize"/>, still legible on a label
    /// printer), then cuts it with an ellipsis rather than run off the label. The QR code always holds the full values.
    /// </summary>
    private static void DrawFitted(SKCanvas canvas, string text, float x, float baseline, SKFont font, SKPaint paint)
    {
        var width = font.MeasureText(text);
        if (width <= TextWidth)
        {
            canvas.DrawText(text, x, baseline, font, paint);
            return;
        }

        var minimum = Math.Min(font.Size, MinTextSize);
        using var smaller = LabelFont(font.Typeface, Math.Max(minimum, MathF.Floor(font.Size * TextWidth / width * 4) / 4));
        while (smaller.Size > minimum && smaller.MeasureText(text) > TextWidth)
        {
            smaller.Size = Math.Max(minimum, smaller.Size - 0.25f);
        }

        var fitted = text;
        while (fitted.Length > 1 && smaller.MeasureText(fitted) > TextWidth)
        {
            fitted = fitted[..^2] + "…";
        }

        canvas.DrawText(fitted, x, baseline, smaller, paint);
    }

    // Unhinted, linearly scaled metrics: what is measured is what the PDF lays out, at any size.
    private static SKFont LabelFont(SKTypeface typeface, float size) =>
        new(typeface, size) { LinearMetrics = true, Subpixel = true, Hinting = SKFontHinting.None };
}

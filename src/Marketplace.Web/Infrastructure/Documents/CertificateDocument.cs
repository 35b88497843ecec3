using QRCoder;
using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

public sealed record CertificateSerial(string Serial, string? AssetTag, string Model, string Method, string Tool, string Technician, DateTimeOffset SanitizedAt);

public sealed record CertificateContent(
    string VerificationCode,
    Uri VerificationUrl,
    string LotNumber,
    string LotTitle,
    string District,
    string Processor,
    string ProcessorCertification,
    DateTimeOffset IssuedAt,
    IReadOnlyList<CertificateSerial> Serials);

/// <summary>
/// Renders the certificate of data destruction: a letter-size PDF listing every serial with its
/// NIST SP 800-88 method, plus a QR code that opens the public verification page.
/// </summary>
public static class CertificateDocument
{
    private const float PageWidth = 612;   // US Letter in points
    private const float PageHeight = 792;
    private const float Margin = 48;

    public static byte[] Render(CertificateContent content)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = $"Certificate of Data Destruction {content.VerificationCode}",
            Author = "K-12 Device Marketplace",
            Subject = $"Lot {content.LotNumber}",
            Creation = content.IssuedAt.UtcDateTime,
        }))
        {
            var typeface = EmbeddedFonts.Regular;
            var bold = EmbeddedFonts.Bold;
            using var title = new SKFont(bold, 20);
            using var heading = new SKFont(bold, 10);
            using var body = new SKFont(typeface, 10);
            using var small = new SKFont(typeface, 8);
            using var ink = new SKPaint { Color = new SKColor(0x1F, 0x29, 0x37), IsAntialias = true };
            using var muted = new SKPaint { Color = new SKColor(0x4B, 0x55, 0x63), IsAntialias = true };
            using var rule = new SKPaint { Color = new SKColor(0xD1, 0xD5, 0xDB), StrokeWidth = 0.75f };

            var rows = content.Serials;
            var index = 0;
            var page = 1;
            do
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                var y = Margin;
                if (page == 1)
                {
                    // The QR code and its link take the top right; the title block and the fields keep to the left of it,
                    // and the serial table starts below whichever ends lower.
                    const float qrSize = 110;
                    var qrLeft = PageWidth - Margin - qrSize;
                    var fieldsWidth = qrLeft - 16 - (Margin + LabelWidth);
                    canvas.DrawText(FitWidth("Certificate of Data Destruction", title, qrLeft - 16 - Margin), Margin, y + 16, title, ink);
                    y += 34;
                    // NIST SP 800-88 Rev. 2 (September 2025) superseded Rev. 1; its §4.6 and Appendix C define this certificate.
                    canvas.DrawText("Media sanitization performed in accordance with NIST SP 800-88 Rev. 2", Margin, y, body, muted);
                    y += 24;
                    DrawField(canvas, "Certificate", content.VerificationCode, fieldsWidth, ref y, heading, body, ink);
                    DrawField(canvas, "Issued", content.IssuedAt.UtcDateTime.ToString("MMMM d, yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture), fieldsWidth, ref y, heading, body, ink);
                    DrawField(canvas, "Lot", $"{content.LotNumber} — {content.LotTitle}", fieldsWidth, ref y, heading, body, ink);
                    DrawField(canvas, "Owner (district)", content.District, fieldsWidth, ref y, heading, body, ink);
                    DrawField(canvas, "Processor", $"{content.Processor} ({content.ProcessorCertification})", fieldsWidth, ref y, heading, body, ink);
                    DrawField(canvas, "Devices", rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), fieldsWidth, ref y, heading, body, ink);
                    var qrTop = Margin + 40;
                    DrawQr(canvas, content.VerificationUrl, qrLeft, qrTop, qrSize);
                    var linkWidth = PageWidth - 2 * Margin;
                    var link = FitWidth(content.VerificationUrl.ToString(), small, linkWidth);
                    DrawRightAligned(canvas, "Verify this certificate:", PageWidth - Margin, qrTop + qrSize + 10, small, muted);
                    DrawRightAligned(canvas, link, PageWidth - Margin, qrTop + qrSize + 21, small, muted);
                    y = Math.Max(y, qrTop + qrSize + 21) + 22;
                }

                float[] columns = [Margin, Margin + 124, Margin + 200, Margin + 320, Margin + 372, PageWidth - Margin];
                string[] headers = ["Serial", "Asset tag", "Model", "Method", "Sanitized / verified by"];
                for (var c = 0; c < headers.Length; c++)
                {
                    canvas.DrawText(headers[c], columns[c], y, heading, ink);
                }

                y += 6;
                canvas.DrawLine(Margin, y, PageWidth - Margin, y, rule);
                y += 14;
                while (index < rows.Count && y < PageHeight - Margin - 40)
                {
                    var row = rows[index++];
                    string[] cells = [row.Serial, row.AssetTag ?? "—", row.Model, row.Method, $"{row.SanitizedAt.UtcDateTime:yyyy-MM-dd} {row.Technician}"];
                    for (var c = 0; c < cells.Length; c++)
                    {
                        canvas.DrawText(FitWidth(cells[c], body, columns[c + 1] - columns[c] - 6), columns[c], y, body, ink);
                    }

                    y += 16;
                }

                canvas.DrawLine(Margin, PageHeight - Margin - 20, PageWidth - Margin, PageHeight - Margin - 20, rule);
                canvas.DrawText($"{content.VerificationCode} · page {page}", Margin, PageHeight - Margin, small, muted);
                document.EndPage();
                page++;
            }
            while (index < rows.Count);

            document.Close();
        }

        return stream.ToArray();
    }

    private const float LabelWidth = 110;

    private static void DrawField(SKCanvas canvas, string label, string value, float width, ref float y, SKFont labelFont, SKFont valueFont, SKPaint paint)
    {
        canvas.DrawText(label, Margin, y, labelFont, paint);
        canvas.DrawText(FitWidth(value, valueFont, width), Margin + LabelWidth, y, valueFont, paint);
        y += 18;
    }

    private static void DrawRightAligned(SKCanvas canvas, string text, float right, float y, SKFont font, SKPaint paint) =>
        canvas.DrawText(text, right - font.MeasureText(text), y, font, paint);

    private static void DrawQr(SKCanvas canvas, Uri url, float x, float y, float size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url.ToString(), QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(10);
        using var image = SKImage.FromEncodedData(png);
        canvas.DrawImage(image, new SKRect(x, y, x + size, y + size));
    }

    /// <summary>The text, shortened with an ellipsis until it fits the width in points (never over the next column).</summary>
    internal static string FitWidth(string value, SKFont font, float width)
    {
        if (font.MeasureText(value) <= width)
        {
            return value;
        }

        var length = value.Length;
        while (length > 1 && font.MeasureText(string.Concat(value.AsSpan(0, length), "…")) > width)
        {
            length--;
        }

        return string.Concat(value.AsSpan(0, length), "…");
    }
}

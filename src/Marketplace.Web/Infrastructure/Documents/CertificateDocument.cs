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
                    canvas.DrawText("Certificate of Data Destruction", Margin, y + 16, title, ink);
                    y += 34;
                    canvas.DrawText("Media sanitization performed in accordance with NIST SP 800-88 Rev. 1", Margin, y, body, muted);
                    y += 24;
                    DrawField(canvas, "Certificate", content.VerificationCode, ref y, heading, body, ink);
                    DrawField(canvas, "Issued", content.IssuedAt.UtcDateTime.ToString("MMMM d, yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture), ref y, heading, body, ink);
                    DrawField(canvas, "Lot", $"{content.LotNumber} — {content.LotTitle}", ref y, heading, body, ink);
                    DrawField(canvas, "Owner (district)", content.District, ref y, heading, body, ink);
                    DrawField(canvas, "Processor", $"{content.Processor} ({content.ProcessorCertification})", ref y, heading, body, ink);
                    DrawField(canvas, "Devices", rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ref y, heading, body, ink);
                    DrawQr(canvas, content.VerificationUrl, PageWidth - Margin - 110, Margin + 40, 110);
                    canvas.DrawText("Verify this certificate:", PageWidth - Margin - 110, Margin + 162, small, muted);
                    canvas.DrawText(content.VerificationUrl.ToString(), PageWidth - Margin - 190, Margin + 174, small, muted);
                    y += 16;
                }

                float[] columns = [Margin, Margin + 110, Margin + 200, Margin + 330, Margin + 400];
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
                    canvas.DrawText(row.Serial, columns[0], y, body, ink);
                    canvas.DrawText(row.AssetTag ?? "—", columns[1], y, body, ink);
                    canvas.DrawText(Fit(row.Model, 22), columns[2], y, body, ink);
                    canvas.DrawText(row.Method, columns[3], y, body, ink);
                    canvas.DrawText(Fit($"{row.SanitizedAt.UtcDateTime:yyyy-MM-dd} {row.Technician}", 28), columns[4], y, body, ink);
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

    private static void DrawField(SKCanvas canvas, string label, string value, ref float y, SKFont labelFont, SKFont valueFont, SKPaint paint)
    {
        canvas.DrawText(label, Margin, y, labelFont, paint);
        canvas.DrawText(Fit(value, 60), Margin + 110, y, valueFont, paint);
        y += 18;
    }

    private static void DrawQr(SKCanvas canvas, Uri url, float x, float y, float size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url.ToString(), QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(10);
        using var image = SKImage.FromEncodedData(png);
        canvas.DrawImage(image, new SKRect(x, y, x + size, y + size));
    }

    private static string Fit(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}

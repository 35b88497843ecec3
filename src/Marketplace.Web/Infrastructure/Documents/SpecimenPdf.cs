using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

/// <summary>A one-page PDF marked as a specimen: the file behind the demo organizations' documents.</summary>
public static class SpecimenPdf
{
    public static byte[] Render(string title, IEnumerable<string> lines)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = title, Author = "K-12 Device Marketplace (demo data)" }))
        {
            using var heading = new SKFont(EmbeddedFonts.Bold, 18);
            using var body = new SKFont(EmbeddedFonts.Regular, 11);
            using var ink = new SKPaint { Color = new SKColor(0x1F, 0x29, 0x37), IsAntialias = true };
            var canvas = document.BeginPage(612, 792);
            canvas.DrawPrinted(title, 48, 72, heading, ink);
            var y = 104f;
            foreach (var line in lines.Append("SPECIMEN - demo data, not a real document"))
            {
                canvas.DrawPrinted(line, 48, y, body, ink);
                y += 18;
            }

            document.EndPage();
            document.Close();
        }

        return stream.ToArray();
    }
}

using Marketplace.Web.Infrastructure.Documents;

namespace Marketplace.Tests.Infrastructure.Documents;

/// <summary>The certificate's first page is laid out so that nothing is printed over anything else.</summary>
public sealed class CertificateDocumentTests
{
    [Fact]
    public async Task A_long_lot_title_and_verification_link_stay_clear_of_the_qr_code_and_the_serial_table()
    {
        var content = new CertificateContent(
            "Q7RT2M9KXA",
            new Uri("https://devices.cedar-ridge-unified-school-district.example.org/verify/Q7RT2M9KXA"),
            "LOT-7F3A21",
            "2019–2020 Chromebook and Windows laptop refresh – Cedar Ridge High School, Middle School and the district office annex",
            "Cedar Ridge Unified School District",
            "GreenCycle ITAD",
            "R2v3 R2V3-2025-0417",
            new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero),
            [new CertificateSerial("5CD0142XJ7-LONGSERIAL-0001", "CR-HS-000123", "Lenovo 300e Chromebook 2nd Gen AST (82CE)", "Purge", "Blancco", "Priya Natarajan-Whitfield", DateTimeOffset.UtcNow)]);
        var folder = Directory.CreateTempSubdirectory("certificate-layout").FullName;
        var pdf = Path.Combine(folder, "certificate.pdf");
        await File.WriteAllBytesAsync(pdf, CertificateDocument.Render(content));

        var words = await PdfWord.OnPageAsync(pdf, 1);

        const double qrLeft = 612 - 48 - 110;
        var fields = words.Where(w => w.YMax < 48 + 40 + 110 && w.XMin < qrLeft).ToList();
        Assert.Contains(fields, w => w.Text.StartsWith("LOT-7F3A21", StringComparison.Ordinal));
        Assert.All(fields, w => Assert.True(w.XMax <= qrLeft, $"\"{w.Text}\" runs under the QR code (ends at {w.XMax:0.0} pt)"));
        var link = Assert.Single(words, w => w.Text.Contains("/verify/Q7RT2M9KXA", StringComparison.Ordinal));
        var tableHeader = Assert.Single(words, w => w.Text == "Serial");
        Assert.True(tableHeader.YMin > link.YMax, $"the table header (top {tableHeader.YMin:0.0}) is printed over the verification link (bottom {link.YMax:0.0})");
        Assert.All(words, w => Assert.True(w.XMax <= 612 - 48 + 0.5, $"\"{w.Text}\" runs past the right margin"));
        var row = words.Where(w => Math.Abs(w.YMin - words.First(x => x.Text.StartsWith("5CD0142XJ7", StringComparison.Ordinal)).YMin) < 1).OrderBy(w => w.XMin).ToList();
        Assert.All(row.Zip(row.Skip(1)), pair => Assert.True(pair.First.XMax <= pair.Second.XMin, $"\"{pair.First.Text}\" overlaps \"{pair.Second.Text}\""));
        Assert.Contains(words, w => w.Text == "Rev." );
        Assert.Contains("2", words.SkipWhile(w => w.Text != "Rev.").Skip(1).Select(w => w.Text).First());
    }
}

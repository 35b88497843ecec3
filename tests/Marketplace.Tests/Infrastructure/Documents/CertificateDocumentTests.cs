using Marketplace.Tests.Domain.Fulfillment;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Infrastructure.Documents;

namespace Marketplace.Tests.Infrastructure.Documents;

/// <summary>The certificate is laid out so that nothing is printed over anything else, on every page.</summary>
public sealed class CertificateDocumentTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);

    private static CertificateContent Content(int media) => new(
        "Q7RT2M9KXA",
        new Uri("https://devices.cedar-ridge-unified-school-district.example.org/verify/Q7RT2M9KXA"),
        "LOT-7F3A21",
        "2019–2020 Chromebook and Windows laptop refresh – Cedar Ridge High School, Middle School and the district office annex",
        "Cedar Ridge Unified School District",
        "GreenCycle ITAD",
        "R2v3 R2V3-2025-0417",
        At,
        media,
        media,
        [.. Enumerable.Range(0, media).Select(i => new CertificateMedium(
            $"5CD0142XJ7-LONGSERIAL-{i:D4}", $"CR-HS-{i:D6}", $"KLMBG2JETD-B041-LONG-MEDIUM-{i:D4}", "Emmc", "internal", "Samsung Electronics", "KLMBG2JETD-B041 64 GB eMMC 5.1",
            "Low", "Purge", "Block erase", "IEEE 2883-2022 §7.2.4 as stated by the technician", "Blancco Drive Eraser", "7.14.2",
            "Full read-back of every addressable sector", "Passed", Media.Performer with { Name = "Priya Natarajan-Whitfield" }, At,
            Media.Validator, At, "External reuse", "No", null))],
        [new CertificateQualityCheck("5CD0142XJ7-LONGSERIAL-0000", "KLMBG2JETD-B041-LONG-MEDIUM-0000", "Passed", Media.Validator, At)]);

    [Fact]
    public async Task A_long_lot_title_and_verification_link_stay_clear_of_the_qr_code_and_the_media_table()
    {
        var pdf = await WriteAsync(Content(1));

        var words = await PdfWord.OnPageAsync(pdf, 1);

        const double qrLeft = CertificateDocument.PageWidth - CertificateDocument.Margin - CertificateDocument.QrSize;
        var fields = words.Where(w => w.YMax < CertificateDocument.Margin + CertificateDocument.QrSize && w.XMin < qrLeft).ToList();
        Assert.Contains(fields, w => w.Text.StartsWith("LOT-7F3A21", StringComparison.Ordinal));
        Assert.All(fields, w => Assert.True(w.XMax <= qrLeft, $"\"{w.Text}\" runs under the QR code (ends at {w.XMax:0.0} pt)"));
        var link = Assert.Single(words, w => w.Text.Contains("/verify/Q7RT2M9KXA", StringComparison.Ordinal));
        var tableHeader = words.First(w => w.Text == "Medium");
        Assert.True(tableHeader.YMin > link.YMax, $"the table header (top {tableHeader.YMin:0.0}) is printed over the verification link (bottom {link.YMax:0.0})");
        Assert.Contains(words, w => w.Text == "Rev.");
        Assert.Contains("2", words.SkipWhile(w => w.Text != "Rev.").Skip(1).Select(w => w.Text).First());
    }

    [Fact]
    public async Task A_lot_of_many_media_runs_over_pages_with_the_header_repeated_and_no_word_over_another()
    {
        var pdf = await WriteAsync(Content(40));

        for (var page = 1; page <= 3; page++)
        {
            var words = await PdfWord.OnPageAsync(pdf, page);
            Assert.Contains(words, w => w.Text == "Destination");
            Assert.All(words, w => Assert.True(w.XMax <= CertificateDocument.PageWidth - CertificateDocument.Margin + 0.5, $"\"{w.Text}\" runs past the right margin on page {page}"));
            Assert.All(words, w => Assert.True(w.YMax <= CertificateDocument.PageHeight - CertificateDocument.Margin + 2, $"\"{w.Text}\" runs past the bottom margin on page {page}"));
            foreach (var line in words.GroupBy(w => Math.Round(w.YMin)))
            {
                var row = line.OrderBy(w => w.XMin).ToList();
                Assert.All(row.Zip(row.Skip(1)), pair => Assert.True(pair.First.XMax <= pair.Second.XMin + 0.1, $"\"{pair.First.Text}\" overlaps \"{pair.Second.Text}\" on page {page}"));
            }
        }

        var text = await ExternalTool.RunAsync("pdftotext", "-layout", pdf, "-");
        for (var i = 0; i < 40; i++)
        {
            Assert.Contains($"5CD0142XJ7-LONGSERIAL-{i:D4}", text);
        }

        Assert.Contains("Validated by", text);
        Assert.Contains("Verified by (quality control)", text);
    }

    [Fact]
    public async Task The_rules_between_the_media_rows_run_clear_of_every_word()
    {
        var pdf = await WriteAsync(Content(12));
        const int dpi = 144;
        await ExternalTool.RunAsync("pdftoppm", "-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "1", "-l", "1", pdf, Path.Combine(Path.GetDirectoryName(pdf)!, "page"));
        using var page = SkiaSharp.SKBitmap.Decode(Directory.GetFiles(Path.GetDirectoryName(pdf)!, "page*.png").Single());
        var words = await PdfWord.OnPageAsync(pdf, 1);

        // A rule is a pixel row inked across nearly the whole printable width; text never covers that much of a row.
        var scale = dpi / 72.0;
        var (left, right) = ((int)(CertificateDocument.Margin * scale) + 2, (int)((CertificateDocument.PageWidth - CertificateDocument.Margin) * scale) - 2);
        var rules = Enumerable.Range(0, page.Height)
            .Where(y => Enumerable.Range(left, right - left).Count(x => page.GetPixel(x, y).Red < 240) > 0.97 * (right - left))
            .Select(y => (y + 0.5) / scale)
            .ToList();
        var tableTop = words.First(w => w.Text == "Medium").YMin;
        var tableRules = rules.Where(y => y > tableTop).ToList();
        Assert.True(tableRules.Count >= 12, $"expected a rule under the header and under each of the 12 rows; found {tableRules.Count}");
        Assert.All(tableRules, y => Assert.DoesNotContain(words, w => w.YMin < y && y < w.YMax));
    }

    private static async Task<string> WriteAsync(CertificateContent content)
    {
        var folder = Directory.CreateTempSubdirectory("certificate-layout").FullName;
        var pdf = Path.Combine(folder, "certificate.pdf");
        await File.WriteAllBytesAsync(pdf, CertificateDocument.Render(content));
        return pdf;
    }
}

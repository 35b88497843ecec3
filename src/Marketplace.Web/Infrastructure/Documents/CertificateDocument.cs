using System.Globalization;
using Marketplace.Web.Domain.Fulfillment;
using QRCoder;
using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

/// <summary>One medium's row on the certificate: the Rev. 2 Appendix C fields, already worded for print.</summary>
public sealed record CertificateMedium(
    string Serial, string? PropertyNumber, string MediumSerial, string MediaType, string MediaSource, string Manufacturer, string Model,
    string? Confidentiality, string Method, string Technique, string? StandardFollowed, string Tool, string ToolVersion,
    string VerificationMethod, string VerificationResult, PersonOfRecord Performer, DateTimeOffset PerformedAt,
    PersonOfRecord Validator, DateTimeOffset ValidatedAt, string Destination, string DataBackedUp, string? BackupLocation)
{
    public static CertificateMedium Of(string serial, string? assetTag, SanitizationRecord r) => new(
        serial, assetTag, r.MediumSerial, r.MediaType.ToString(), r.MediaSource, r.Manufacturer, r.Model, r.Confidentiality,
        SanitizationRecord.Describe(r.Method), Words(r.Technique.ToString()), r.StandardFollowed, r.Tool, r.ToolVersion,
        r.VerificationMethod, r.VerificationResult.ToString(), r.Performer, r.RecordedAt,
        r.Validator ?? throw new InvalidOperationException("Only validated media are certified."), r.ValidatedAt!.Value,
        Words(r.Destination.ToString()), r.DataBackedUp.ToString(), r.BackupLocation);

    private static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}

public sealed record CertificateQualityCheck(string Serial, string MediumSerial, string Result, PersonOfRecord Checker, DateTimeOffset CheckedAt);

/// <param name="SerialCount">How many serials <paramref name="Media"/> covers; printed in the title block, above the table.</param>
/// <param name="MediaCount">How many rows <paramref name="Media"/> yields.</param>
/// <param name="Media">The rows in print order, read once while the table is drawn: a caller may stream them a page at a time.</param>
public sealed record CertificateContent(
    string VerificationCode,
    Uri VerificationUrl,
    string LotNumber,
    string LotTitle,
    string District,
    string Processor,
    string ProcessorCertification,
    DateTimeOffset IssuedAt,
    int SerialCount,
    int MediaCount,
    IEnumerable<CertificateMedium> Media,
    IReadOnlyList<CertificateQualityCheck> QualityChecks);

/// <summary>
/// Renders the certificate of data destruction after NIST SP 800-88 Rev. 2 (September 2025) §4.6 and its Appendix C
/// sample: landscape US Letter, one three-line row per storage medium across as many pages as needed (the header
/// repeated on each), then the R2v3 quality-control sample, signature blocks and the QR code of the public check.
/// </summary>
public static class CertificateDocument
{
    internal const float PageWidth = 792;   // US Letter, landscape, in points
    internal const float PageHeight = 612;
    internal const float Margin = 36;
    internal const float QrSize = 100;
    private const float Leading = 8.5f;
    private const float FooterSpace = 30;

    // Column widths sum to the printable width (720 pt); every cell is cut to its column so nothing overlaps.
    private static readonly float[] Widths = [124, 128, 108, 108, 92, 92, 68];
    private static readonly string[] Headers = ["Device / property no.", "Medium", "Method · technique", "Tool · verification", "Performed by", "Validated by", "Destination"];

    public static byte[] Render(CertificateContent content)
    {
        // Drawn into a temporary file, then read back into an array of its exact size: a 50,000-device certificate is ~14 MB,
        // which a MemoryStream would hold in a 16 MB array (after 8, 4, 2… MB ones) beside the copy it returns.
        using var stream = new FileStream(Path.Combine(Path.GetTempPath(), $"certificate-{Guid.NewGuid():N}.pdf"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = $"Certificate of Data Destruction {content.VerificationCode}",
            Author = "K-12 Device Marketplace",
            Subject = $"Lot {content.LotNumber}",
            Creation = content.IssuedAt.UtcDateTime,
        }))
        {
            using var pen = new Pen(document, content.VerificationCode);
            DrawTitleBlock(pen, content);
            var drawn = DrawMediaTable(pen, content.Media);
            if (drawn != content.MediaCount)
            {
                // The title block already stated the count: a certificate must not say one number and list another.
                throw new InvalidOperationException($"The certificate states {content.MediaCount} media but lists {drawn}.");
            }

            DrawQualityControl(pen, content.QualityChecks, content.MediaCount);
            DrawSignatures(pen);
            pen.Finish();
            document.Close();
        }

        var pdf = new byte[stream.Length];
        stream.Position = 0;
        stream.ReadExactly(pdf);
        return pdf;
    }

    private static void DrawTitleBlock(Pen pen, CertificateContent content)
    {
        // The QR code and its link take the top right; the title block and the fields keep to the left of it,
        // and the media table starts below whichever ends lower.
        var qrLeft = PageWidth - Margin - QrSize;
        var fieldsWidth = qrLeft - 16 - (Margin + LabelWidth);
        var canvas = pen.Canvas;
        var y = Margin;
        canvas.DrawPrinted(FitWidth("Certificate of Data Destruction", pen.Title, qrLeft - 16 - Margin), Margin, y + 16, pen.Title, pen.Ink);
        y += 32;
        // NIST SP 800-88 Rev. 2 (September 26, 2025) superseded Rev. 1; its §4.6 and Appendix C define this certificate.
        canvas.DrawPrinted(FitWidth("Media sanitization recorded per NIST SP 800-88 Rev. 2 §4.6 (Appendix C sample certificate); quality control per R2v3", pen.Body, qrLeft - 16 - Margin), Margin, y, pen.Body, pen.Muted);
        y += 20;
        var passed = content.QualityChecks.Count(c => c.Result == nameof(QualityCheckResult.Passed));
        DrawField(canvas, "Certificate", content.VerificationCode, fieldsWidth, ref y, pen.Heading, pen.Body, pen.Ink);
        DrawField(canvas, "Issued", content.IssuedAt.UtcDateTime.ToString("MMMM d, yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture), fieldsWidth, ref y, pen.Heading, pen.Body, pen.Ink);
        DrawField(canvas, "Lot", $"{content.LotNumber} — {content.LotTitle}", fieldsWidth, ref y, pen.Heading, pen.Body, pen.Ink);
        DrawField(canvas, "Owner (district)", content.District, fieldsWidth, ref y, pen.Heading, pen.Body, pen.Ink);
        DrawField(canvas, "Processor", $"{content.Processor} ({content.ProcessorCertification})", fieldsWidth, ref y, pen.Heading, pen.Body, pen.Ink);
        DrawField(canvas, "Devices", $"{content.SerialCount:N0} serials, {content.MediaCount:N0} storage media, each validated by a second person", fieldsWidth, ref y, pen.Heading, pen.Body, pen.Ink);
        DrawField(canvas, "Quality control", $"{passed:N0} of {content.QualityChecks.Count:N0} randomly sampled media re-verified and passed", fieldsWidth, ref y, pen.Heading, pen.Body, pen.Ink);
        var qrTop = Margin;
        DrawQr(canvas, content.VerificationUrl, qrLeft, qrTop, QrSize);
        // The link runs the full width below both the fields and the QR code, so a long address never meets a field.
        y = Math.Max(y, qrTop + QrSize + 12);
        var prompt = "Verify this certificate: ";
        canvas.DrawPrinted(prompt, Margin, y, pen.Small, pen.Muted);
        var promptWidth = pen.Small.MeasurePrinted(prompt);
        canvas.DrawPrinted(FitWidth(content.VerificationUrl.ToString(), pen.Small, PageWidth - 2 * Margin - promptWidth), Margin + promptWidth, y, pen.Small, pen.Muted);
        pen.Y = y + 22;
    }

    /// <summary>Draws one row per medium as it is read; returns how many were drawn.</summary>
    private static int DrawMediaTable(Pen pen, IEnumerable<CertificateMedium> media)
    {
        DrawTableHeader(pen);
        var drawn = 0;
        foreach (var m in media)
        {
            drawn++;
            // Serials are never cut short (the certificate is looked up by them): a long one wraps onto more lines.
            string[][] cells =
            [
                [.. Wrap(m.Serial, pen.Cell, Widths[0] - 4), $"Prop. {m.PropertyNumber ?? "—"}"],
                [$"{m.MediaType} · {m.MediaSource}" + (m.Confidentiality is null ? "" : $" · {m.Confidentiality}"), $"{m.Manufacturer} {m.Model}".Trim(), .. Wrap($"S/N {m.MediumSerial}", pen.Cell, Widths[1] - 4)],
                [m.Method, m.Technique, m.StandardFollowed ?? "standard: not stated"],
                [$"{m.Tool} {m.ToolVersion}".Trim(), m.VerificationMethod, $"Verification: {m.VerificationResult}"],
                Person(m.Performer, m.PerformedAt),
                Person(m.Validator, m.ValidatedAt),
                [m.Destination, $"Backup: {m.DataBackedUp}", m.BackupLocation ?? ""],
            ];
            if (!pen.Fits(cells.Max(c => c.Length) * Leading + 5))
            {
                pen.NewPage();
                DrawTableHeader(pen);
            }

            DrawRow(pen, cells, pen.Cell, pen.Ink);
            // Midway between this row's last descenders and the next row's capitals (each about 3 pt away): a rule
            // 4 pt above the next baseline ran through the next row's first line.
            pen.Canvas.DrawLine(Margin, pen.Y - Leading, PageWidth - Margin, pen.Y - Leading, pen.Rule);
        }

        return drawn;
    }

    /// <summary>The text in as many lines as it takes to fit the width, broken between characters.</summary>
    private static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        var rest = text;
        while (font.MeasurePrinted(rest) > width && rest.Length > 1)
        {
            var length = rest.Length - 1;
            while (length > 1 && font.MeasurePrinted(rest.AsSpan(0, length)) > width)
            {
                length--;
            }

            lines.Add(rest[..length]);
            rest = rest[length..];
        }

        lines.Add(rest);
        return lines;
    }

    private static string[] Person(PersonOfRecord person, DateTimeOffset at) =>
        [person.Name, person.Title, $"{at.UtcDateTime:yyyy-MM-dd} · {person.Location}", person.Contact];

    private static void DrawTableHeader(Pen pen)
    {
        var x = Margin;
        for (var c = 0; c < Headers.Length; c++)
        {
            pen.Canvas.DrawPrinted(FitWidth(Headers[c], pen.CellBold, Widths[c] - 4), x, pen.Y, pen.CellBold, pen.Ink);
            x += Widths[c];
        }

        pen.Y += 4;
        pen.Canvas.DrawLine(Margin, pen.Y, PageWidth - Margin, pen.Y, pen.Rule);
        pen.Y += Leading + 2;
    }

    private static void DrawRow(Pen pen, string[][] cells, SKFont font, SKPaint paint)
    {
        var x = Margin;
        for (var c = 0; c < cells.Length; c++)
        {
            for (var line = 0; line < cells[c].Length; line++)
            {
                pen.Canvas.DrawPrinted(FitWidth(cells[c][line], font, Widths[c] - 4), x, pen.Y + line * Leading, font, paint);
            }

            x += Widths[c];
        }

        pen.Y += cells.Max(c => c.Length) * Leading + 5;
    }

    private static void DrawQualityControl(Pen pen, IReadOnlyList<CertificateQualityCheck> checks, int media)
    {
        if (!pen.Fits(6 * Leading))
        {
            pen.NewPage();
        }

        pen.Y += 10;
        pen.Canvas.DrawPrinted($"Quality control (R2v3): {checks.Count:N0} of {media:N0} media drawn at random by the system and re-verified by a person other than the one who sanitized them", Margin, pen.Y, pen.Heading, pen.Ink);
        pen.Y += Leading + 6;
        float[] widths = [120, 160, 70, 250, 120];
        string[] headers = ["Device", "Medium", "Result", "Re-verified by", "Date"];
        void Header()
        {
            var x = Margin;
            for (var c = 0; c < headers.Length; c++)
            {
                pen.Canvas.DrawPrinted(headers[c], x, pen.Y, pen.CellBold, pen.Ink);
                x += widths[c];
            }

            pen.Y += Leading + 2;
        }

        Header();
        foreach (var check in checks)
        {
            if (!pen.Fits(Leading))
            {
                pen.NewPage();
                Header();
            }

            string[] cells = [check.Serial, check.MediumSerial, check.Result, $"{check.Checker.Name}, {check.Checker.Title} · {check.Checker.Location} · {check.Checker.Contact}", $"{check.CheckedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"];
            var x = Margin;
            for (var c = 0; c < cells.Length; c++)
            {
                pen.Canvas.DrawPrinted(FitWidth(cells[c], pen.Cell, widths[c] - 4), x, pen.Y, pen.Cell, pen.Ink);
                x += widths[c];
            }

            pen.Y += Leading + 1;
        }
    }

    private static void DrawSignatures(Pen pen)
    {
        const float blockHeight = 96;
        if (!pen.Fits(blockHeight + 12))
        {
            pen.NewPage();
        }

        pen.Y += 14;
        string[] roles = ["Performed by (sanitization)", "Verified by (quality control)", "Validated by"];
        var width = (PageWidth - 2 * Margin - 2 * 24) / 3;
        for (var i = 0; i < roles.Length; i++)
        {
            var x = Margin + i * (width + 24);
            var y = pen.Y;
            pen.Canvas.DrawPrinted(roles[i], x, y, pen.Heading, pen.Ink);
            foreach (var line in new[] { "Name", "Title", "Signature", "Date" })
            {
                y += 20;
                pen.Canvas.DrawLine(x + 50, y, x + width, y, pen.Rule);
                pen.Canvas.DrawPrinted(line, x, y - 2, pen.Small, pen.Muted);
            }
        }

        pen.Y += blockHeight;
        pen.Canvas.DrawPrinted(FitWidth("Each medium's performer and validator are named in the table above; the processor's responsible people sign for the lot.", pen.Small, PageWidth - 2 * Margin), Margin, pen.Y, pen.Small, pen.Muted);
    }

    /// <summary>The current page, its fonts and the running y position; starts a page with its footer on demand.</summary>
    private sealed class Pen : IDisposable
    {
        private readonly SKDocument _document;
        private readonly string _code;
        private int _page;

        public Pen(SKDocument document, string code)
        {
            _document = document;
            _code = code;
            Canvas = Begin();
        }

        public SKCanvas Canvas { get; private set; }
        public float Y { get; set; } = Margin;
        public SKFont Title { get; } = new(EmbeddedFonts.Bold, 18);
        public SKFont Heading { get; } = new(EmbeddedFonts.Bold, 9);
        public SKFont Body { get; } = new(EmbeddedFonts.Regular, 9);
        public SKFont Small { get; } = new(EmbeddedFonts.Regular, 8);
        public SKFont Cell { get; } = new(EmbeddedFonts.Regular, 7);
        public SKFont CellBold { get; } = new(EmbeddedFonts.Bold, 7);
        public SKPaint Ink { get; } = new() { Color = new SKColor(0x1F, 0x29, 0x37), IsAntialias = true };
        public SKPaint Muted { get; } = new() { Color = new SKColor(0x4B, 0x55, 0x63), IsAntialias = true };
        public SKPaint Rule { get; } = new() { Color = new SKColor(0xD1, 0xD5, 0xDB), StrokeWidth = 0.75f };

        public bool Fits(float height) => Y + height <= PageHeight - Margin - FooterSpace;

        public void NewPage()
        {
            EndPage();
            Canvas = Begin();
            Y = Margin + 8;
        }

        public void Finish() => EndPage();

        private SKCanvas Begin()
        {
            _page++;
            return _document.BeginPage(PageWidth, PageHeight);
        }

        private void EndPage()
        {
            Canvas.DrawLine(Margin, PageHeight - Margin - 14, PageWidth - Margin, PageHeight - Margin - 14, Rule);
            Canvas.DrawPrinted($"Certificate {_code} · page {_page}", Margin, PageHeight - Margin, Small, Muted);
            _document.EndPage();
        }

        public void Dispose()
        {
            foreach (var font in new[] { Title, Heading, Body, Small, Cell, CellBold })
            {
                font.Dispose();
            }

            Ink.Dispose();
            Muted.Dispose();
            Rule.Dispose();
        }
    }

    private const float LabelWidth = 110;

    private static void DrawField(SKCanvas canvas, string label, string value, float width, ref float y, SKFont labelFont, SKFont valueFont, SKPaint paint)
    {
        canvas.DrawPrinted(label, Margin, y, labelFont, paint);
        canvas.DrawPrinted(FitWidth(value, valueFont, width), Margin + LabelWidth, y, valueFont, paint);
        y += 18;
    }

    private static void DrawQr(SKCanvas canvas, Uri url, float x, float y, float size)
    {
        using var generator = new QRCodeGenerator();
        using var dark = new SKPaint { Color = SKColors.Black, IsAntialias = false };
        QrShape.Create(generator, url.ToString()).Draw(canvas, x, y, size, dark, quietZone: true);
    }

    /// <summary>The text, shortened with an ellipsis until it fits the width in points (never over the next column).</summary>
    internal static string FitWidth(string value, SKFont font, float width)
    {
        if (font.MeasurePrinted(value) <= width)
        {
            return value;
        }

        var length = value.Length;
        while (length > 1 && font.MeasurePrinted(string.Concat(value.AsSpan(0, length), "…")) > width)
        {
            length--;
        }

        return string.Concat(value.AsSpan(0, length), "…");
    }
}

using System.Globalization;
using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

/// <summary>One device line of a packing list.</summary>
public sealed record PackingListRow(string Serial, string? AssetTag, string Model, string? Box);

/// <summary>A model and how many of the lot's devices are that model.</summary>
public sealed record PackingListModel(string Model, int Devices);

public sealed record PackingListContent(
    string LotNumber, string LotTitle, string District, string Buyer, string? PurchaseOrder, int DeviceCount, string? Pickup, string? Address, string? HandOver,
    IReadOnlyList<PackingListModel> Models, IReadOnlyList<PackingListRow> Rows, DateTimeOffset GeneratedAt);

/// <summary>
/// The packing list that travels with a lot: purchase order, lot, counts by model, and every serial with its asset tag and the
/// box it was packed in at the hand-over. Letter size; the tables run across as many pages as they need, their column
/// headings repeated on each, and every page says which of how many it is. Laid out first, then drawn, so the page count is
/// known on the first page.
/// </summary>
public static class PackingListDocument
{
    private const float PageWidth = 612, PageHeight = 792, Margin = 48, LabelWidth = 120, RowHeight = 14, Bottom = PageHeight - Margin - 34;
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static byte[] Render(PackingListContent content)
    {
        using var title = new SKFont(EmbeddedFonts.Bold, 18);
        using var heading = new SKFont(EmbeddedFonts.Bold, 9.5f);
        using var body = new SKFont(EmbeddedFonts.Regular, 9.5f);
        using var small = new SKFont(EmbeddedFonts.Regular, 8);
        using var ink = new SKPaint { Color = new SKColor(0x1F, 0x29, 0x37), IsAntialias = true };
        using var muted = new SKPaint { Color = new SKColor(0x4B, 0x55, 0x63), IsAntialias = true };
        using var rule = new SKPaint { Color = new SKColor(0xD1, 0xD5, 0xDB), StrokeWidth = 0.75f };

        var layout = new Layout();
        var width = PageWidth - 2 * Margin;
        layout.Text($"Packing list — lot {content.LotNumber}", title, ink, Margin, width, 22);
        layout.Text(content.LotTitle, body, muted, Margin, width, 26);
        Field("District (from)", content.District);
        Field("Buyer (to)", content.Buyer);
        Field("Purchase order", content.PurchaseOrder ?? "—");
        Field("Devices", content.DeviceCount.ToString("N0", Us));
        Field("Pickup", content.Pickup ?? "Not confirmed yet");
        if (content.Address is not null)
        {
            Field("Pickup address", content.Address);
        }

        if (content.HandOver is not null)
        {
            Field("Hand-over", content.HandOver);
        }

        var boxes = content.Rows.Where(r => r.Box is not null).Select(r => r.Box).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        Field("Boxes recorded", boxes == 0 ? "None scanned into boxes" : boxes.ToString("N0", Us));

        layout.Gap(12);
        layout.Ensure(16 + RowHeight * 3);
        layout.Text("Devices by model", heading, ink, Margin, width, 16);
        float[] modelColumns = [Margin, PageWidth - Margin - 80];
        layout.Table(["Model", "Devices"], modelColumns, heading, ink, rule,
            content.Models.Select(m => (IReadOnlyList<string>)[m.Model, m.Devices.ToString("N0", Us)]).ToList(), body, ink, PageWidth - Margin);

        layout.Gap(12);
        layout.Ensure(16 + RowHeight * 3);
        layout.Text("Serials", heading, ink, Margin, width, 16);
        float[] columns = [Margin, Margin + 40, Margin + 170, Margin + 280, PageWidth - Margin - 70];
        layout.Table(["#", "Serial", "Asset tag", "Model", "Box"], columns, heading, ink, rule,
            content.Rows.Select((r, i) => (IReadOnlyList<string>)[(i + 1).ToString(Us), r.Serial, r.AssetTag ?? "—", r.Model, r.Box ?? "—"]).ToList(), body, ink,
            PageWidth - Margin);

        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = $"Packing list {content.LotNumber}",
            Author = "K-12 Device Marketplace",
            Subject = content.LotTitle,
            Creation = content.GeneratedAt.UtcDateTime,
        }))
        {
            var generated = content.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Us);
            for (var index = 0; index < layout.Pages.Count; index++)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                foreach (var draw in layout.Pages[index])
                {
                    draw(canvas);
                }

                canvas.DrawLine(Margin, PageHeight - Margin - 20, PageWidth - Margin, PageHeight - Margin - 20, rule);
                canvas.DrawPrinted($"Lot {content.LotNumber} · packing list generated {generated} · page {index + 1} of {layout.Pages.Count}", Margin, PageHeight - Margin, small, muted);
                document.EndPage();
            }

            document.Close();
        }

        return stream.ToArray();

        void Field(string label, string value)
        {
            layout.Ensure(17);
            var y = layout.Y;
            var shown = CertificateDocument.FitWidth(value, body, width - LabelWidth);
            layout.Draw(canvas =>
            {
                canvas.DrawPrinted(label, Margin, y, heading, ink);
                canvas.DrawPrinted(shown, Margin + LabelWidth, y, body, ink);
            });
            layout.Gap(17);
        }
    }

    /// <summary>Where the next line goes, and what each page draws; a line that would cross the bottom margin starts a new page.</summary>
    private sealed class Layout
    {
        public List<List<Action<SKCanvas>>> Pages { get; } = [[]];

        public float Y { get; private set; } = Margin + 16;

        public void Draw(Action<SKCanvas> draw) => Pages[^1].Add(draw);

        public void Gap(float height) => Y += height;

        /// <summary>Starts a new page when <paramref name="height"/> more would not fit; true when it did.</summary>
        public bool Ensure(float height)
        {
            if (Y + height <= Bottom)
            {
                return false;
            }

            Pages.Add([]);
            Y = Margin + 16;
            return true;
        }

        public void Text(string text, SKFont font, SKPaint paint, float x, float width, float advance)
        {
            Ensure(advance);
            var (y, shown) = (Y, CertificateDocument.FitWidth(text, font, width));
            Draw(canvas => canvas.DrawPrinted(shown, x, y, font, paint));
            Gap(advance);
        }

        /// <summary>Rows under column headings, repeated at the top of every page the table reaches; each cell cut to its column.</summary>
        public void Table(IReadOnlyList<string> headings, float[] columns, SKFont headingFont, SKPaint ink, SKPaint rule, IReadOnlyList<IReadOnlyList<string>> rows,
            SKFont font, SKPaint rowInk, float right)
        {
            Ensure(RowHeight * 3);
            Headings();
            foreach (var row in rows)
            {
                if (Ensure(RowHeight))
                {
                    Headings();
                }

                var y = Y;
                var cells = row.Select((cell, c) => CertificateDocument.FitWidth(cell, font, (c + 1 < columns.Length ? columns[c + 1] : right) - columns[c] - 6)).ToList();
                Draw(canvas =>
                {
                    for (var c = 0; c < cells.Count; c++)
                    {
                        canvas.DrawPrinted(cells[c], columns[c], y, font, rowInk);
                    }
                });
                Gap(RowHeight);
            }

            void Headings()
            {
                var y = Y;
                Draw(canvas =>
                {
                    for (var c = 0; c < headings.Count; c++)
                    {
                        canvas.DrawPrinted(headings[c], columns[c], y, headingFont, ink);
                    }

                    canvas.DrawLine(columns[0], y + 6, right, y + 6, rule);
                });
                Gap(RowHeight + 6);
            }
        }
    }
}

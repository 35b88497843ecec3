using System.Globalization;
using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

/// <param name="Serials">The serials in the box, printed under the item so the receiving desk checks each unit off.</param>
public sealed record PackingSlipLine(string Item, int Quantity, int WarrantyMonths, IReadOnlyList<string>? Serials = null);

/// <summary>Which of the order's shipments the slip travels in, and how.</summary>
public sealed record PackingSlipShipment(int Sequence, string Carrier, string TrackingNumber, DateTimeOffset ShippedAt);

/// <param name="Shipment">The shipment the slip is for; null for the whole order's slip.</param>
public sealed record PackingSlipContent(string OrderNumber, string? PurchaseOrder, string Seller, string Buyer, string ShipTo, DateTimeOffset PlacedAt,
    IReadOnlyList<PackingSlipLine> Lines, DateTimeOffset GeneratedAt, PackingSlipShipment? Shipment = null);

/// <summary>
/// The packing slip that ships in a storefront order's box: the order and the school's purchase order (which its receiving
/// desk matches the delivery to), who ships it to where, and each item with its quantity and warranty. No prices: the
/// slip travels with the goods. Letter size; lines run onto further pages as needed.
/// </summary>
public static class PackingSlipDocument
{
    private const float PageWidth = 612, PageHeight = 792, Margin = 48, RowHeight = 15, Bottom = PageHeight - Margin - 34;
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static byte[] Render(PackingSlipContent content)
    {
        using var title = new SKFont(EmbeddedFonts.Bold, 18);
        using var heading = new SKFont(EmbeddedFonts.Bold, 9.5f);
        using var body = new SKFont(EmbeddedFonts.Regular, 9.5f);
        using var small = new SKFont(EmbeddedFonts.Regular, 8);
        using var ink = new SKPaint { Color = new SKColor(0x1F, 0x29, 0x37), IsAntialias = true };
        using var muted = new SKPaint { Color = new SKColor(0x4B, 0x55, 0x63), IsAntialias = true };
        using var rule = new SKPaint { Color = new SKColor(0xD1, 0xD5, 0xDB), StrokeWidth = 0.75f };
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = $"Packing slip {content.OrderNumber}",
            Author = content.Seller,
            Creation = content.GeneratedAt.UtcDateTime,
        }))
        {
            var page = 0;
            var canvas = NewPage();
            var y = Margin + 18f;
            var width = PageWidth - 2 * Margin;
            canvas.DrawPrinted($"Packing slip — order {content.OrderNumber}", Margin, y, title, ink);
            y += 28;
            Field("Purchase order", content.PurchaseOrder ?? "—");
            Field("Order placed", content.PlacedAt.UtcDateTime.ToString("MMMM d, yyyy", Us));
            if (content.Shipment is { } shipment)
            {
                Field("Shipment", $"{shipment.Sequence}, shipped {shipment.ShippedAt.UtcDateTime.ToString("MMMM d, yyyy", Us)}");
                Field("Carrier", $"{shipment.Carrier} · tracking {shipment.TrackingNumber}");
            }

            Field("Shipped by", content.Seller);
            Field("Ordered by", content.Buyer);
            canvas.DrawPrinted("Ship to", Margin, y, heading, ink);
            foreach (var line in content.ShipTo.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).DefaultIfEmpty("—").Take(6))
            {
                canvas.DrawPrinted(CertificateDocument.FitWidth(line, body, width - 120), Margin + 120, y, body, ink);
                y += 14;
            }

            y += 14;
            float[] columns = [Margin, Margin + 50, PageWidth - Margin - 90];
            Headings();
            foreach (var line in content.Lines)
            {
                if (y + RowHeight > Bottom)
                {
                    canvas = NewPage();
                    y = Margin + 18;
                    Headings();
                }

                canvas.DrawPrinted(line.Quantity.ToString("N0", Us), columns[0], y, body, ink);
                canvas.DrawPrinted(CertificateDocument.FitWidth(line.Item, body, columns[2] - columns[1] - 8), columns[1], y, body, ink);
                canvas.DrawPrinted($"{line.WarrantyMonths} months", columns[2], y, body, ink);
                y += RowHeight;
                foreach (var serials in SerialRows(line.Serials ?? [], small, columns[2] - columns[1] - 8))
                {
                    if (y + RowHeight > Bottom)
                    {
                        canvas = NewPage();
                        y = Margin + 18;
                        Headings();
                    }

                    canvas.DrawPrinted(serials, columns[1], y, small, muted);
                    y += RowHeight - 3;
                }
            }

            y += 6;
            canvas.DrawPrinted($"{content.Lines.Sum(l => l.Quantity).ToString("N0", Us)} devices in total", Margin, y, heading, ink);
            document.EndPage();
            document.Close();

            void Field(string label, string value)
            {
                canvas.DrawPrinted(label, Margin, y, heading, ink);
                canvas.DrawPrinted(CertificateDocument.FitWidth(value, body, width - 120), Margin + 120, y, body, ink);
                y += 16;
            }

            void Headings()
            {
                canvas.DrawPrinted("Qty", columns[0], y, heading, ink);
                canvas.DrawPrinted("Item", columns[1], y, heading, ink);
                canvas.DrawPrinted("Warranty", columns[2], y, heading, ink);
                canvas.DrawLine(Margin, y + 6, PageWidth - Margin, y + 6, rule);
                y += RowHeight + 6;
            }

            SKCanvas NewPage()
            {
                if (page > 0)
                {
                    document.EndPage();
                }

                page++;
                var next = document.BeginPage(PageWidth, PageHeight);
                next.DrawLine(Margin, PageHeight - Margin - 20, PageWidth - Margin, PageHeight - Margin - 20, rule);
                next.DrawPrinted($"Order {content.OrderNumber}" + (content.PurchaseOrder is { } po ? $" · PO {po}" : "") + $" · page {page}", Margin, PageHeight - Margin, small, muted);
                return next;
            }
        }

        return stream.ToArray();
    }

    /// <summary>The serials as rows of text that fit the width, "Serials: " before the first.</summary>
    private static IEnumerable<string> SerialRows(IReadOnlyList<string> serials, SKFont font, float width)
    {
        var row = "Serials:";
        foreach (var serial in serials)
        {
            var longer = $"{row} {serial}";
            if (font.MeasurePrinted(longer) > width && row.Length > 0)
            {
                yield return row;
                row = serial;
            }
            else
            {
                row = row.Length == 0 ? serial : longer;
            }
        }

        if (serials.Count > 0)
        {
            yield return row;
        }
    }
}

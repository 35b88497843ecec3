using System.Globalization;
using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

/// <summary>One offer as the board reads it: who, when, how much (a quote, a sealed bid, or the price an auction bid made).</summary>
public sealed record SummaryOffer(DateTimeOffset At, string Bidder, decimal Amount, string? Note);

public sealed record SaleSummaryContent(
    string LotNumber, string LotTitle, string District, int Devices, string Mode, DateTimeOffset ListedAt, DateTimeOffset? ClosedAt, string? CloseNote,
    decimal EstimateLow, decimal EstimateHigh, int Bidders, IReadOnlyList<SummaryOffer> Offers, string? Winner, decimal? Price,
    decimal? BuyerPremium, decimal? DistrictProceeds, string Outcome, IReadOnlyList<string> Forfeits, DateTimeOffset GeneratedAt);

/// <summary>
/// The sale summary a district takes to its board: how the lot was offered, who competed, every offer, the winner and the
/// price against the lot's estimate. Letter-size PDF; the offers run onto further pages as needed.
/// </summary>
public static class SaleSummaryDocument
{
    private const float PageWidth = 612, PageHeight = 792, Margin = 48, LabelWidth = 130;
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static byte[] Render(SaleSummaryContent content)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = $"Sale summary {content.LotNumber}",
            Author = "K-12 Device Marketplace",
            Subject = content.LotTitle,
            Creation = content.GeneratedAt.UtcDateTime,
        }))
        {
            using var title = new SKFont(EmbeddedFonts.Bold, 18);
            using var heading = new SKFont(EmbeddedFonts.Bold, 10);
            using var body = new SKFont(EmbeddedFonts.Regular, 10);
            using var small = new SKFont(EmbeddedFonts.Regular, 8);
            using var ink = new SKPaint { Color = new SKColor(0x1F, 0x29, 0x37), IsAntialias = true };
            using var muted = new SKPaint { Color = new SKColor(0x4B, 0x55, 0x63), IsAntialias = true };
            using var rule = new SKPaint { Color = new SKColor(0xD1, 0xD5, 0xDB), StrokeWidth = 0.75f };
            var width = PageWidth - 2 * Margin - LabelWidth;

            var index = 0;
            var page = 1;
            do
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                var y = Margin + 16;
                if (page == 1)
                {
                    canvas.DrawPrinted(CertificateDocument.FitWidth($"Sale summary — lot {content.LotNumber}", title, PageWidth - 2 * Margin), Margin, y, title, ink);
                    y += 22;
                    canvas.DrawPrinted(CertificateDocument.FitWidth(content.LotTitle, body, PageWidth - 2 * Margin), Margin, y, body, muted);
                    y += 26;
                    Field("District", content.District);
                    Field("Devices", content.Devices.ToString("N0", Us));
                    Field("Sold by", content.Mode);
                    Field("Listed", content.ListedAt.UtcDateTime.ToString("MMMM d, yyyy HH:mm 'UTC'", Us));
                    if (content.ClosedAt is { } closed)
                    {
                        Field("Closed", closed.UtcDateTime.ToString("MMMM d, yyyy HH:mm 'UTC'", Us) + (content.CloseNote is null ? "" : $" ({content.CloseNote})"));
                    }

                    Field("Estimate", $"{content.EstimateLow.ToString("C0", Us)}–{content.EstimateHigh.ToString("C0", Us)}");
                    Field("Competing buyers", content.Bidders.ToString("N0", Us));
                    Field("Outcome", content.Outcome);
                    if (content.Winner is not null && content.Price is { } price)
                    {
                        Field("Winner", content.Winner);
                        Field("Price (hammer)", price.ToString("C", Us) + VersusEstimate(price, content.EstimateLow, content.EstimateHigh));
                        Field("Buyer's premium", content.BuyerPremium?.ToString("C", Us) ?? "—");
                        Field("District receives", content.DistrictProceeds?.ToString("C", Us) ?? "—");
                    }

                    if (content.Forfeits.Count > 0)
                    {
                        Field("Forfeited by", string.Join(", ", content.Forfeits));
                    }

                    y += 10;
                    canvas.DrawPrinted("Offers received", Margin, y, heading, ink);
                    y += 16;
                }

                float[] columns = [Margin, Margin + 130, Margin + 340, PageWidth - Margin];
                canvas.DrawPrinted("When (UTC)", columns[0], y, heading, ink);
                canvas.DrawPrinted("Buyer", columns[1], y, heading, ink);
                canvas.DrawPrinted("Amount", columns[2], y, heading, ink);
                y += 6;
                canvas.DrawLine(Margin, y, PageWidth - Margin, y, rule);
                y += 14;
                if (content.Offers.Count == 0)
                {
                    canvas.DrawPrinted("No offers were received.", Margin, y, body, muted);
                }

                while (index < content.Offers.Count && y < PageHeight - Margin - 40)
                {
                    var offer = content.Offers[index++];
                    canvas.DrawPrinted(offer.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Us), columns[0], y, body, ink);
                    canvas.DrawPrinted(CertificateDocument.FitWidth(offer.Bidder, body, columns[2] - columns[1] - 6), columns[1], y, body, ink);
                    canvas.DrawPrinted(CertificateDocument.FitWidth(offer.Amount.ToString("C", Us) + (offer.Note is null ? "" : $"  {offer.Note}"), body, columns[3] - columns[2]), columns[2], y, body, ink);
                    y += 16;
                }

                canvas.DrawLine(Margin, PageHeight - Margin - 20, PageWidth - Margin, PageHeight - Margin - 20, rule);
                canvas.DrawPrinted($"Lot {content.LotNumber} · generated {content.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Us)} · page {page}", Margin, PageHeight - Margin, small, muted);
                document.EndPage();
                page++;

                void Field(string label, string value)
                {
                    canvas.DrawPrinted(label, Margin, y, heading, ink);
                    canvas.DrawPrinted(CertificateDocument.FitWidth(value, body, width), Margin + LabelWidth, y, body, ink);
                    y += 17;
                }
            }
            while (index < content.Offers.Count);

            document.Close();
        }

        return stream.ToArray();
    }

    private static string VersusEstimate(decimal price, decimal low, decimal high) =>
        high <= 0 ? ""
        : price < low ? $" ({(1 - price / low):P0} below the estimate)"
        : price > high ? $" ({(price / high - 1):P0} above the estimate)"
        : " (within the estimate)";
}

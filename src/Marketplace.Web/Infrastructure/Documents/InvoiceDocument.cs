using System.Globalization;
using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

/// <summary>One line of an invoice: what was bought, how many, at what price.</summary>
public sealed record InvoiceLine(string Description, int Quantity, decimal UnitPrice)
{
    public decimal Amount => UnitPrice * Quantity;
}

/// <summary>The remit-to block: who is paid, where checks go and, when configured, the bank for ACH and wires.</summary>
public sealed record RemitTo(string PayeeName, IReadOnlyList<string> Address, string? BankName, string? RoutingNumber, string? AccountNumber, string? SwiftCode,
    string? Email);

public sealed record InvoiceContent(
    string Number, string Status, DateTimeOffset IssuedAt, DateOnly DueOn, int NetTermsDays, string? PurchaseOrder, string PaymentMethod,
    string BillTo, IReadOnlyList<string> BillToAddress, string? ShipTo, string Reference, IReadOnlyList<InvoiceLine> Lines, decimal Total, string Currency,
    RemitTo RemitTo, bool BankTransferRequired, decimal WireThreshold, string? Paid, DateTimeOffset GeneratedAt)
{
    /// <summary>Why no sales tax is charged (the buyer's exemption certificate), printed in full under the total.</summary>
    public string? TaxNote { get; init; }
}

/// <summary>
/// The invoice a buyer's business office pays from: number, issue and due dates, terms (net N), the purchase order, the
/// lines and total, and where to send the money, quoting the invoice number. Above the wire threshold the ACH/wire
/// instructions are the way to pay and the card is not offered. Letter size; lines run onto further pages as needed.
/// </summary>
public static class InvoiceDocument
{
    private const float PageWidth = 612, PageHeight = 792, Margin = 48, RowHeight = 15, Bottom = PageHeight - Margin - 34;
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static string Terms(int netTermsDays) => netTermsDays == 0 ? "Due on receipt" : $"Net {netTermsDays}";

    public static byte[] Render(InvoiceContent content)
    {
        using var title = new SKFont(EmbeddedFonts.Bold, 20);
        using var heading = new SKFont(EmbeddedFonts.Bold, 9.5f);
        using var body = new SKFont(EmbeddedFonts.Regular, 9.5f);
        using var small = new SKFont(EmbeddedFonts.Regular, 8);
        using var ink = new SKPaint { Color = new SKColor(0x1F, 0x29, 0x37), IsAntialias = true };
        using var muted = new SKPaint { Color = new SKColor(0x4B, 0x55, 0x63), IsAntialias = true };
        using var rule = new SKPaint { Color = new SKColor(0xD1, 0xD5, 0xDB), StrokeWidth = 0.75f };
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = $"Invoice {content.Number}",
            Author = content.RemitTo.PayeeName,
            Subject = content.Reference,
            Creation = content.GeneratedAt.UtcDateTime,
        }))
        {
            var page = 0;
            var canvas = NewPage();
            var y = Margin + 18f;
            var width = PageWidth - 2 * Margin;
            var half = width / 2;

            canvas.DrawPrinted("INVOICE", Margin, y, title, ink);
            canvas.DrawPrinted(Fit(content.RemitTo.PayeeName, heading, half), Margin + half, y - 6, heading, ink);
            y += 24;

            // Left: the invoice's facts; right: who is billed.
            var facts = new List<(string, string)>
            {
                ("Invoice number", content.Number),
                ("Issued", content.IssuedAt.UtcDateTime.ToString("MMMM d, yyyy", Us)),
                ("Terms", Terms(content.NetTermsDays)),
                ("Due date", content.DueOn.ToString("MMMM d, yyyy", Us)),
                ("Purchase order", content.PurchaseOrder ?? "—"),
                ("Payment method", content.PaymentMethod),
                ("Status", content.Status),
            };
            var top = y;
            foreach (var (label, value) in facts)
            {
                canvas.DrawPrinted(label, Margin, y, heading, muted);
                canvas.DrawPrinted(Fit(value, body, half - 100), Margin + 96, y, body, ink);
                y += 14;
            }

            var right = top;
            canvas.DrawPrinted("Bill to", Margin + half, right, heading, muted);
            right += 14;
            foreach (var line in new[] { content.BillTo }.Concat(content.BillToAddress))
            {
                canvas.DrawPrinted(Fit(line, body, half), Margin + half, right, body, ink);
                right += 13;
            }

            if (content.ShipTo is { } shipTo)
            {
                right += 6;
                canvas.DrawPrinted("Ship to", Margin + half, right, heading, muted);
                right += 14;
                foreach (var line in shipTo.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(4))
                {
                    canvas.DrawPrinted(Fit(line, body, half), Margin + half, right, body, ink);
                    right += 13;
                }
            }

            y = Math.Max(y, right) + 14;
            canvas.DrawPrinted(Fit(content.Reference, body, width), Margin, y, body, muted);
            y += 20;

            float[] columns = [Margin, PageWidth - Margin - 200, PageWidth - Margin - 130, PageWidth - Margin];
            Headings();
            foreach (var line in content.Lines)
            {
                if (y + RowHeight > Bottom - 40)
                {
                    canvas = NewPage();
                    y = Margin + 18;
                    Headings();
                }

                canvas.DrawPrinted(Fit(line.Description, body, columns[1] - columns[0] - 8), columns[0], y, body, ink);
                canvas.DrawPrinted(line.Quantity.ToString("N0", Us), columns[2] - 12, y, SKTextAlign.Right, body, ink);
                canvas.DrawPrinted(Money(line.UnitPrice), columns[2] + 60, y, SKTextAlign.Right, body, ink);
                canvas.DrawPrinted(Money(line.Amount), columns[3], y, SKTextAlign.Right, body, ink);
                y += RowHeight;
            }

            canvas.DrawLine(columns[2], y - 8, columns[3], y - 8, rule);
            y += 6;
            canvas.DrawPrinted($"Total due ({content.Currency})", columns[2] - 40, y, SKTextAlign.Right, heading, ink);
            canvas.DrawPrinted(Money(content.Total), columns[3], y, SKTextAlign.Right, heading, ink);
            y += 16;
            if (content.TaxNote is { } note)
            {
                canvas.DrawPrinted(Fit(note, body, width), Margin, y, body, ink);
                y += 16;
            }

            if (content.Paid is { } paid)
            {
                canvas.DrawPrinted(Fit(paid, body, width), Margin, y, body, ink);
                y += 16;
            }

            // Remit-to: on the first page it fits on, never split across two.
            var remit = RemitLines(content);
            if (y + 24 + remit.Count * 13 > Bottom)
            {
                canvas = NewPage();
                y = Margin + 18;
            }

            y += 10;
            canvas.DrawLine(Margin, y - 12, PageWidth - Margin, y - 12, rule);
            canvas.DrawPrinted(content.BankTransferRequired ? "Pay by ACH or wire (required for this amount)" : "Remit to", Margin, y, heading, ink);
            y += 15;
            foreach (var (text, strong) in remit)
            {
                canvas.DrawPrinted(Fit(text, body, width), Margin, y, strong ? heading : body, strong ? ink : muted);
                y += 13;
            }

            document.EndPage();
            document.Close();

            SKCanvas NewPage()
            {
                if (page > 0)
                {
                    document.EndPage();
                }

                page++;
                var next = document.BeginPage(PageWidth, PageHeight);
                next.DrawLine(Margin, PageHeight - Margin - 20, PageWidth - Margin, PageHeight - Margin - 20, rule);
                next.DrawPrinted($"Invoice {content.Number} · due {content.DueOn.ToString("MMMM d, yyyy", Us)} · page {page}", Margin, PageHeight - Margin, small, muted);
                return next;
            }

            void Headings()
            {
                canvas.DrawPrinted("Description", columns[0], y, heading, ink);
                canvas.DrawPrinted("Qty", columns[2] - 12, y, SKTextAlign.Right, heading, ink);
                canvas.DrawPrinted("Unit price", columns[2] + 60, y, SKTextAlign.Right, heading, ink);
                canvas.DrawPrinted("Amount", columns[3], y, SKTextAlign.Right, heading, ink);
                canvas.DrawLine(columns[0], y + 6, columns[3], y + 6, rule);
                y += RowHeight + 6;
            }
        }

        return stream.ToArray();

        string Money(decimal amount) => amount.ToString("N2", Us);
    }

    /// <summary>The remit-to lines; the bank lines when the bank is configured, otherwise who to ask for them.</summary>
    public static IReadOnlyList<(string Text, bool Strong)> RemitLines(InvoiceContent content)
    {
        var r = content.RemitTo;
        var lines = new List<(string, bool)>
        {
            ($"Quote invoice {content.Number}" + (content.PurchaseOrder is { } po ? $" and purchase order {po}" : "") + " with your payment.", true),
            ($"Payee: {r.PayeeName}", false),
        };
        if (r.Address.Count > 0)
        {
            lines.Add(($"Checks to: {string.Join(", ", r.Address)}", false));
        }

        if (r.RoutingNumber is not null && r.AccountNumber is not null)
        {
            lines.Add(($"ACH / wire: {r.BankName ?? "Bank"} · routing (ABA) {r.RoutingNumber} · account {r.AccountNumber}" + (r.SwiftCode is { } swift ? $" · SWIFT {swift}" : ""), false));
        }
        else
        {
            lines.Add(("ACH / wire: bank details are sent on request" + (r.Email is { } ask ? $" to {ask}" : "") + ".", false));
        }

        if (content.BankTransferRequired)
        {
            lines.Add(($"Invoices above {content.WireThreshold.ToString("N0", Us)} {content.Currency} are paid by ACH or wire; cards are not accepted for them.", false));
        }

        if (r.Email is { } email)
        {
            lines.Add(($"Remittance advice: {email}", false));
        }

        return lines;
    }

    private static string Fit(string value, SKFont font, float width) => CertificateDocument.FitWidth(value, font, width);
}

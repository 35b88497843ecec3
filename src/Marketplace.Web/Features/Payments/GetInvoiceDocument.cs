using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Documents;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Payments;

/// <summary>
/// The invoice as a PDF, for the organization that pays it and for platform finance: due date and terms, the purchase
/// order, the lines, and where to remit (with ACH/wire instructions above the wire threshold).
/// </summary>
public static class GetInvoiceDocument
{
    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.SchoolStaff, Roles.OrganizationAdmin, Roles.Finance, Roles.Admin)]
    public sealed record Query(Guid InvoiceId) : IQuery<Result>;

    public sealed record Result(byte[] Pdf, string FileName);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, IOptions<RemittanceOptions> remittance, IOptions<PaymentTermsOptions> terms)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // Platform finance and admins read every invoice; everyone else only those their organization pays.
            var invoices = user.IsInRole(Roles.Finance) || user.IsInRole(Roles.Admin) ? db.Invoices : db.InvoicesPayableBy(user);
            var invoice = await invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == query.InvoiceId, cancellationToken) ?? throw new NotFoundException("Invoice");
            var content = await ContentAsync(db, invoice, remittance.Value, terms.Value.WireThreshold, clock.Now, cancellationToken);
            return new Result(InvoiceDocument.Render(content), $"invoice-{invoice.Number}.pdf");
        }
    }

    public static async Task<InvoiceContent> ContentAsync(MarketplaceDb db, Invoice invoice, RemittanceOptions remittance, decimal wireThreshold, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var payer = await db.Organizations.AsNoTracking().Where(o => o.Id == invoice.PayerId)
            .Select(o => new { o.Name, o.Street, o.City, o.State, o.PostalCode }).SingleAsync(cancellationToken);
        var address = new List<string>();
        if (!string.IsNullOrWhiteSpace(payer.Street))
        {
            address.Add(payer.Street);
        }

        var cityLine = string.Join(" ", new[] { payer.City is null ? null : payer.City + ",", payer.State, payer.PostalCode }.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (cityLine.Length > 0)
        {
            address.Add(cityLine.TrimEnd(','));
        }

        List<InvoiceLine> lines;
        string? shipTo = null;
        string? taxNote = null;
        if (invoice.OrderId is { } orderId)
        {
            var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == orderId, cancellationToken);
            lines = [.. order.Lines.Select(l => new InvoiceLine($"{l.Title} ({l.WarrantyMonths}-month warranty)", l.Quantity, l.UnitPrice))];
            if (order.Shipping != 0)
            {
                lines.Add(new InvoiceLine("Shipping", 1, order.Shipping));
            }

            if (order.IsTaxExempt)
            {
                lines.Add(new InvoiceLine("Sales tax (exempt)", 1, 0m));
                taxNote = $"{Storefront.OrderTaxWords.For(order)}.";
            }
            else if (Storefront.OrderTaxWords.For(order) is { } tax)
            {
                lines.Add(new InvoiceLine(tax, 1, order.SalesTax));
            }

            shipTo = order.ShipTo;
        }
        else if (invoice.LotId is { } lotId
                 && await db.Sales.AsNoTracking().Where(s => s.LotId == lotId && s.BuyerId == invoice.PayerId && s.HammerPrice != null)
                     .Select(s => new { s.HammerPrice, s.BuyerPremium, s.BuyerPremiumRate }).SingleOrDefaultAsync(cancellationToken) is { } sale
                 && sale.HammerPrice + sale.BuyerPremium == invoice.Amount)
        {
            lines =
            [
                new InvoiceLine(invoice.Description.Split(", hammer")[0] + " — hammer price", 1, sale.HammerPrice!.Value),
                new InvoiceLine($"Buyer's premium ({sale.BuyerPremiumRate!.Value:P1})", 1, sale.BuyerPremium!.Value),
            ];
        }
        else
        {
            lines = [new InvoiceLine(invoice.Description, 1, invoice.Amount)];
        }

        var paid = invoice is { Status: InvoiceStatus.Paid, PaidAt: { } paidAt }
            ? $"Paid {(invoice.ReceivedOn ?? DateOnly.FromDateTime(paidAt.UtcDateTime)):MMMM d, yyyy} by {invoice.Method.InSentence()}, reference {invoice.PaymentReference}. Thank you."
            : null;
        var remitTo = new RemitTo(remittance.PayeeName, remittance.Address, Blank(remittance.BankName), Blank(remittance.RoutingNumber), Blank(remittance.AccountNumber),
            Blank(remittance.SwiftCode), Blank(remittance.RemittanceEmail));
        return new InvoiceContent(invoice.Number, invoice.Status.Words(), invoice.IssuedAt, invoice.DueOn, invoice.NetTermsDays, invoice.PurchaseOrderNumber,
            invoice.Method.Words(), payer.Name, address, shipTo, invoice.Description, lines, invoice.Amount, invoice.Currency, remitTo,
            invoice.RequiresBankTransfer(wireThreshold), wireThreshold, paid, now) { TaxNote = taxNote };

        static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}

using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// What makes a placed order owed: its invoice, the sale posting and the seller's notice. At checkout for most
/// orders; at approval for an order that waited for the school's approver.
/// </summary>
internal static class OrderInvoicing
{
    public static Invoice Issue(MarketplaceDb db, Outbox outbox, Order order, FeeSchedule fees, IClock clock, int netTermsDays)
    {
        var invoice = new Invoice
        {
            Number = ReferenceNumber.New("INV"),
            PayerId = order.BuyerId,
            OrderId = order.Id,
            Description = $"Order {order.Number}: {order.Lines.Sum(l => l.Quantity)} refurbished devices + shipping",
            Amount = order.Total,
            Method = order.PaymentMethod,
            PurchaseOrderNumber = order.PurchaseOrderNumber,
            IssuedAt = clock.Now,
            NetTermsDays = netTermsDays,
            DueOn = Invoice.DueDate(clock.Today, netTermsDays),
        };
        db.Invoices.Add(invoice);
        db.LedgerTransactions.Add(LedgerPostings.StorefrontSale(order, clock.Now, order.StorefrontCommission ?? fees.StorefrontCommissionFor(order.Subtotal)));
        outbox.Email(order.SellerId, $"New order {order.Number}",
            $"A school ordered {order.Lines.Sum(l => l.Quantity)} devices ({order.Total:C}). Payment: {order.PaymentMethod.Words()}.", Roles.RefurbisherBuyer);
        outbox.EmailWithInvoice(order.BuyerId, invoice.Id, $"Order {order.Number} confirmed: invoice {invoice.Number}", Confirmation(order, invoice),
            Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover);
        return invoice;
    }

    /// <summary>The buyer's confirmation: what was ordered at which prices, the totals with tax, where it ships and how it is paid.</summary>
    internal static string Confirmation(Order order, Invoice invoice)
    {
        var body = new System.Text.StringBuilder();
        body.AppendLine($"Thank you: order {order.Number} is confirmed. Its invoice {invoice.Number} is attached.");
        body.AppendLine();
        body.AppendLine("Items:");
        foreach (var line in order.Lines)
        {
            body.AppendLine($"  {line.Quantity} × {line.Title} at {line.UnitPrice:C} = {line.UnitPrice * line.Quantity:C} ({line.WarrantyMonths}-month warranty)");
        }

        body.AppendLine();
        body.AppendLine($"Subtotal: {order.Subtotal:C}");
        body.AppendLine($"Shipping: {order.Shipping:C}");
        if (OrderTaxWords.For(order) is { } tax)
        {
            body.AppendLine($"{tax}: {order.SalesTax:C}");
        }

        body.AppendLine($"Total: {order.Total:C}");
        body.AppendLine();
        body.AppendLine("Ship to:");
        body.AppendLine(order.ShipTo);
        body.AppendLine();
        body.Append(order.PaymentMethod == PaymentMethod.PurchaseOrder
            ? $"Purchase order: {order.PurchaseOrderNumber}. Invoice {invoice.Number} is due {invoice.DueOn:MMMM d, yyyy} ({Infrastructure.Documents.InvoiceDocument.Terms(invoice.NetTermsDays)})."
            : $"Payment: card{(order.PurchaseOrderNumber is { } po ? $" (purchase order {po})" : "")}. Pay it from the order's page if you have not yet.");
        return body.ToString();
    }
}

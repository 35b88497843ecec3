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
        return invoice;
    }
}

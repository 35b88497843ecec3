using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure.Payments;

namespace Marketplace.Web.Features.Storefront;

/// <summary>What changing an unpaid order (cancel it, pay it by purchase order instead) starts with.</summary>
internal static class UnpaidOrders
{
    /// <summary>The buyer's own order with its invoice, or "not found" for anyone else's.</summary>
    public static async Task<(Order Order, Invoice Invoice)> LoadWithInvoiceAsync(this MarketplaceDb db, ICurrentUser user, Guid orderId, bool withLines,
        CancellationToken cancellationToken)
    {
        var orders = withLines ? db.OrdersPlacedBy(user).Include(o => o.Lines) : db.OrdersPlacedBy(user);
        var order = await orders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken) ?? throw new NotFoundException("Order");
        return (order, await db.Invoices.SingleAsync(i => i.OrderId == order.Id, cancellationToken));
    }

    /// <summary>Closes the invoice's open card checkout so it cannot be paid afterwards; refuses when the buyer already paid through it.</summary>
    public static async Task CloseCardCheckoutAsync(this IPaymentProvider payments, Order order, Invoice invoice, string refusal, CancellationToken cancellationToken)
    {
        if (invoice.CheckoutSessionId is { } session && !await payments.CloseCardCheckoutAsync(session, cancellationToken))
        {
            throw new DomainException($"The card payment for order {order.Number} has already gone through{refusal}");
        }
    }
}

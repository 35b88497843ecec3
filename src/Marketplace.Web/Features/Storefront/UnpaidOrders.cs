using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure.Payments;

namespace Marketplace.Web.Features.Storefront;

/// <summary>What changing an unpaid order (cancel it, pay it by purchase order instead) starts with.</summary>
internal static class UnpaidOrders
{
    /// <summary>
    /// The buyer's own order with its invoice (none while it waits for the school's approver), or "not found"
    /// for anyone else's.
    /// </summary>
    public static async Task<(Order Order, Invoice? Invoice)> LoadWithInvoiceAsync(this MarketplaceDb db, ICurrentUser user, Guid orderId, bool withLines,
        CancellationToken cancellationToken)
    {
        // Shipments come along so an order that has started shipping refuses to be cancelled.
        IQueryable<Order> placed = db.OrdersPlacedBy(user).Include(o => o.Shipments);
        var orders = withLines ? placed.Include(o => o.Lines) : placed;
        var order = await orders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken) ?? throw new NotFoundException("Order");
        return (order, await db.Invoices.SingleOrDefaultAsync(i => i.OrderId == order.Id, cancellationToken));
    }

    /// <summary>Puts a cancelled or turned-down order's devices back on sale.</summary>
    public static async Task ReleaseStockAsync(this MarketplaceDb db, Order order, CancellationToken cancellationToken)
    {
        var listingIds = order.Lines.Select(l => l.ListingId).ToList();
        var listings = await db.Listings.Where(l => listingIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        foreach (var line in order.Lines)
        {
            listings[line.ListingId].Release(line.Quantity);
        }
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

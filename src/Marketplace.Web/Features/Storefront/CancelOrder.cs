using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// The buyer cancels an order that is not paid yet: its stock goes back on sale, its invoice is void, its
/// sale posting is reversed and any open card checkout is closed so it cannot be paid afterwards.
/// </summary>
public static class CancelOrder
{
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Command(Guid OrderId, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IPaymentProvider payments) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var (order, invoice) = await db.LoadWithInvoiceAsync(user, command.OrderId, withLines: true, cancellationToken);
            var wasInvoiced = !order.AwaitsApproval;
            order.Cancel();
            await db.ReleaseStockAsync(order, cancellationToken);
            if (!wasInvoiced || invoice is null)
            {
                // Withdrawn before the school's approver decided: the seller never heard of it and nothing was posted.
                return Unit.Value;
            }

            await payments.CloseCardCheckoutAsync(order, invoice, ", so it cannot be cancelled. It will show as paid in a moment.", cancellationToken);
            invoice.Void();

            var sale = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.OrderId == order.Id && t.Source == LedgerSource.StorefrontSale, cancellationToken);
            db.LedgerTransactions.Add(LedgerPostings.StorefrontOrderCancelled(order, sale, clock.Now));
            outbox.Email(order.SellerId, $"Order {order.Number} cancelled",
                $"The buyer cancelled order {order.Number} before paying. Its {order.Lines.Sum(l => l.Quantity)} device(s) are back in your available stock; do not ship it.", Roles.RefurbisherBuyer);
            return Unit.Value;
        }
    }
}

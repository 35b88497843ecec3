using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Settlement;

/// <summary>
/// Background, once a storefront order's payout is due (<see cref="OrderPayoutHold"/>: delivered, return window passed,
/// nothing open, invoice paid, W-9 on file): the seller's payable balance for the order in the ledger becomes its payout.
/// A card-paid order whose seller's connected account takes payouts is transferred at once, from the order's own charge;
/// otherwise finance approves it and confirms the bank reference, as for lots. One payout per order: a re-run finds it
/// and stops; the transfer carries an idempotency key from our ids.
/// </summary>
public static class ReleaseSellerFunds
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid OrderId) : ICommand;

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox, IPaymentProvider payments, ILogger<Handler> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await db.Payouts.AnyAsync(p => p.OrderId == command.OrderId, cancellationToken))
            {
                return Unit.Value;
            }

            var order = await db.Orders.AsNoTracking().Include(o => o.Shipments).SingleOrDefaultAsync(o => o.Id == command.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            var now = clock.Now;
            var facts = (await db.OrderPayoutFactsAsync([order.Id], order.SellerId, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken))[order.Id];
            if (OrderPayoutHold.Of(order, facts, now) is { } hold)
            {
                // The daily job asks again; the seller's sales page shows the same reason meanwhile.
                logger.LogInformation("Payout for order {Order} waits: {Reason}", order.Number, hold.Reason);
                return Unit.Value;
            }

            var amount = await db.RefurbisherPayableForOrderAsync(order.Id, order.SellerId, order.Currency, cancellationToken);
            if (!amount.IsPositive)
            {
                logger.LogInformation("No payout for order {Order}: nothing is owed ({Amount})", order.Number, amount);
                return Unit.Value;
            }

            var seller = await db.Organizations.SingleAsync(o => o.Id == order.SellerId, cancellationToken);
            var invoice = await db.Invoices.AsNoTracking().Where(i => i.OrderId == order.Id && i.Status == InvoiceStatus.Paid)
                .OrderByDescending(i => i.PaidAt).FirstAsync(cancellationToken);
            string? transferId = null;
            if (payments.AcceptsCards && seller.StripeAccountId is { } account && invoice is { Method: PaymentMethod.Card, StripeChargeId: { } chargeId })
            {
                // An account that cannot take payouts yet is paid through finance's queue instead: the refurbisher's money does not wait on Stripe's onboarding.
                if (await ConnectedAccountTransfer.BlockedBecauseAsync(payments, seller, account, now, cancellationToken) is null)
                {
                    if (await ConnectedAccountTransfer.NegativeBalanceAsync(payments, account, amount, cancellationToken) is { } negative)
                    {
                        logger.LogWarning("Payout for order {Order} to connected account {Account} waits: {Reason}", order.Number, account, negative);
                        return Unit.Value;
                    }

                    // A failure (Stripe's 5xx, a timeout) throws: nothing commits and the job runs again with the same key, so Stripe
                    // answers the retry of a transfer it did make with that transfer instead of a second one.
                    transferId = await payments.TransferAsync(new SellerTransfer(amount, account, $"order-payout-{order.Id}", invoice.TransferGroup(), chargeId),
                        cancellationToken);
                }
            }

            var payout = transferId is null
                ? Payout.ForApproval(PayoutFor.Order(order.Id), seller.Id, amount, PayoutMethod.Ach, now)
                : Payout.Transferred(PayoutFor.Order(order.Id), seller.Id, amount, transferId, now);
            db.Payouts.Add(payout);
            if (payout.IsSent)
            {
                db.LedgerTransactions.Add(LedgerPostings.PayoutTransferred(payout, order.Number, now));
                outbox.Email(seller.Id, $"Payout of {amount} for order {order.Number}",
                    $"Order {order.Number}'s return window has passed: {amount} was transferred to your Stripe connected account (transfer {transferId}).",
                    Roles.RefurbisherBuyer);
            }
            else
            {
                outbox.Email(seller.Id, $"Payout of {amount} for order {order.Number} released",
                    $"Order {order.Number}'s return window has passed and its funds are released: {amount} will be sent by ACH. You will get another notice when finance confirms the transfer.",
                    Roles.RefurbisherBuyer);
            }

            return Unit.Value;
        }
    }
}

using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Disputes;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Settlement;

/// <summary>
/// Background, once the lot is certified (escrow; or received, when it holds no data-bearing devices): the district's payable balance in the ledger — the
/// award's terms, whatever the fee schedule says today — becomes its payout. With a Stripe connected
/// account it is transferred at once; otherwise finance approves it and confirms the bank reference.
/// One payout per lot: a re-run finds it and stops; the transfer carries an idempotency key from our ids.
/// </summary>
public static class ReleaseDistrictFunds
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox, IPaymentProvider payments, LotFederalShare federalShare) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await db.Payouts.AnyAsync(p => p.LotId == command.LotId, cancellationToken))
            {
                return Unit.Value;
            }

            var settlement = await db.LotSettlements.SingleOrDefaultAsync(s => s.LotId == command.LotId, cancellationToken) ?? throw new NotFoundException("Lot");
            var progress = await db.ProgressOfAsync(command.LotId, cancellationToken);
            if (!progress.ProofComplete)
            {
                // Queued by the certificate while the reconciliation is still open (or the other way round): whichever settles
                // last queues this again, so waiting here is not a failure to retry.
                return Unit.Value;
            }

            var lot = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == command.LotId, cancellationToken);
            var district = await db.Organizations.SingleAsync(o => o.Id == settlement.DistrictId, cancellationToken);
            var amount = await db.DistrictPayableForLotAsync(lot.Id, settlement.Currency, cancellationToken);
            var now = clock.Now;
            string? transferId = null;
            var held = settlement.Status == SettlementStatus.Held;
            // Whatever the method: money sent to the district before the admin decides would have to be clawed back.
            if (held && await db.OpenDisputeNumberAsync(lot.Id, null, cancellationToken) is { } dispute)
            {
                Hold(settlement, lot, district, DisputeQueries.HoldReason(dispute), now);
                return Unit.Value;
            }

            if (held && payments.AcceptsCards && district.StripeAccountId is { } account)
            {
                if (await TransferHeldBecauseAsync(lot.Id, district, account, amount, cancellationToken) is { } reason)
                {
                    Hold(settlement, lot, district, reason, now);
                    return Unit.Value;
                }

                var invoice = await db.Invoices.AsNoTracking().Where(i => i.LotId == lot.Id && i.Status == InvoiceStatus.Paid)
                    .OrderByDescending(i => i.PaidAt).FirstOrDefaultAsync(cancellationToken);
                // A failure (Stripe's 5xx, a timeout, a rate limit) throws: nothing commits and the job runs again with the same
                // idempotency key, so Stripe answers a retry of a transfer it did make with that transfer instead of a second one.
                transferId = await payments.TransferAsync(new SellerTransfer(amount, account, $"payout-{lot.Id}",
                    invoice?.TransferGroup() ?? $"lot-{lot.Id}", invoice?.Method == PaymentMethod.Card ? invoice.StripeChargeId : null), cancellationToken);
            }
            else if (held && !amount.IsPositive)
            {
                Hold(settlement, lot, district, $"nothing is owed for lot {lot.Number} any more ({amount}): refunds took its proceeds", now);
                return Unit.Value;
            }

            var payout = transferId is null
                ? Payout.ForApproval(lot.Id, district.Id, amount, PayoutMethod.Ach, now)
                : Payout.Transferred(lot.Id, district.Id, amount, transferId, now);
            settlement.Release(payout, progress.ProofComplete, now);
            db.Payouts.Add(payout);
            if (payout.IsSent)
            {
                db.LedgerTransactions.Add(LedgerPostings.PayoutTransferred(payout, lot.Number, now));
            }

            var statement = payout.IsSent
                ? $"Lot {lot.Number} is settled. {amount} was transferred to your connected account (transfer {transferId})."
                : $"Lot {lot.Number} is {(progress.NeedsProof ? "certified" : "received")} and its funds are released: {amount} will be sent by ACH. You will get another notice when finance confirms the transfer.";
            if (await db.LotReconciliations.Where(r => r.LotId == lot.Id && r.AgreedAdjustment > 0).Select(r => r.AgreedAdjustment).SingleOrDefaultAsync(cancellationToken) is { } adjustment)
            {
                statement += $"\nThis is your proceeds less the receiving adjustment of {adjustment:C} settled in the lot's reconciliation.";
            }

            // On what the district actually receives, shared among the devices in proportion to their guide value.
            if (await federalShare.ForLotAsync(lot.Id, district.Id, amount.Amount, cancellationToken) is { Count: > 0 } shares)
            {
                statement += "\n\n" + FederalShare.Statement(shares);
            }

            if (lot.BoardApprovalReference is { } approval)
            {
                statement += $"\nBoard approval: {approval}.";
            }

            outbox.Email(district.Id, $"Payout of {amount} for lot {lot.Number}", statement, Roles.DistrictApprover);
            return Unit.Value;
        }

        /// <summary>
        /// Why a Stripe transfer to the district cannot go now: the connected account cannot receive payouts (asked of Stripe
        /// when it never reported), its balance is negative (a transfer would only pay off Stripe's debit), the buyer's
        /// payment is disputed, or nothing is owed.
        /// </summary>
        private async Task<string?> TransferHeldBecauseAsync(Guid lotId, Organization district, string account, Money amount, CancellationToken cancellationToken)
        {
            if (await ConnectedAccountTransfer.BlockedBecauseAsync(payments, district, account, clock.Now, cancellationToken) is { } blocked)
            {
                return blocked;
            }

            if (await db.Invoices.AnyAsync(i => i.LotId == lotId && i.DisputeId != null && i.DisputeStatus != "won" && i.DisputeStatus != "lost", cancellationToken))
            {
                return "the buyer's card payment is disputed; the funds wait until Stripe closes the dispute";
            }

            if (!amount.IsPositive)
            {
                return $"nothing is owed for this lot any more ({amount}): refunds took its proceeds";
            }

            return await ConnectedAccountTransfer.NegativeBalanceAsync(payments, account, amount, cancellationToken);
        }

        private void Hold(LotSettlement settlement, Lot lot, Organization district, string reason, DateTimeOffset now)
        {
            var repeated = settlement.HoldReason == reason;
            settlement.Hold(reason, now);
            if (!repeated)
            {
                outbox.Email(district.Id, $"Payout for lot {lot.Number} is on hold",
                    $"Lot {lot.Number} is ready to be paid out, but the payout waits: {reason}. It goes out as soon as this is resolved.", Roles.DistrictApprover);
            }
        }
    }
}

using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
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
            var district = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == settlement.DistrictId, cancellationToken);
            var amount = await db.DistrictPayableForLotAsync(lot.Id, settlement.Currency, cancellationToken);
            var now = clock.Now;

            var transferId = progress.ProofComplete && settlement.Status == SettlementStatus.Held
                ? await payments.TransferAsync(amount, district.StripeAccountId, $"payout-{lot.Id}", cancellationToken)
                : null;
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
    }
}

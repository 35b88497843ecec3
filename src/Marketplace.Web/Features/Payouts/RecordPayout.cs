using FluentValidation;
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

namespace Marketplace.Web.Features.Payouts;

/// <summary>
/// Background: releases the district's proceeds once the lot is received and certified (escrow).
/// One payout per lot: a re-run finds it and stops; the Stripe transfer carries an idempotency key.
/// </summary>
public static class RecordPayout
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox, IPaymentProvider payments, LotValuation valuation) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await db.Payouts.AnyAsync(p => p.LotId == command.LotId, cancellationToken))
            {
                return Unit.Value;
            }

            var lot = await db.LoadLotAsync(command.LotId, cancellationToken);
            var now = clock.Now;
            lot.Settle(now);
            var fees = await db.FeeSchedules.SingleAsync(cancellationToken);
            var amount = fees.ForLot(lot.HammerPrice!.Value).DistrictProceeds;
            var district = await db.Organizations.SingleAsync(o => o.Id == lot.DistrictId, cancellationToken);
            var transferId = await payments.TransferAsync(amount, lot.Currency, district.StripeAccountId, $"payout-{lot.Id}", cancellationToken);
            var payout = Payout.Record(lot.Id, district.Id, amount, transferId is null ? PayoutMethod.Ach : PayoutMethod.StripeTransfer, transferId, now);
            db.Payouts.Add(payout);
            db.LedgerTransactions.Add(LedgerPostings.DistrictPayout(lot, payout, now));
            var value = await valuation.ValueAsync(lot.Id, cancellationToken);
            var statement = transferId is null
                ? $"Lot {lot.Number} is settled. {amount:C} will be sent by ACH; finance confirms the transfer reference."
                : $"Lot {lot.Number} is settled. {amount:C} was transferred to your connected account (transfer {transferId}).";
            if (value.FederalShareApplies)
            {
                statement += $"\n\nFederal share notice (2 CFR 200.313(e)): this lot holds {value.FederalDevices} federally funded device(s) with an estimated " +
                             $"fair market value of {value.FederalEquipmentValue:C0}. The awarding agency is entitled to its share of these proceeds; account for it in your grant records.";
            }

            if (lot.BoardApprovalReference is { } approval)
            {
                statement += $"\nBoard approval: {approval}.";
            }

            outbox.Email(district.Id, $"Payout of {amount:C} for lot {lot.Number}", statement);
            return Unit.Value;
        }
    }
}

/// <summary>Finance confirms that an ACH or check payout left the bank.</summary>
public static class ConfirmPayoutSent
{
    [AllowedRoles(Roles.Finance)]
    public sealed record Command(Guid PayoutId, string Reference) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reference).NotEmpty().WithMessage("Enter the ACH trace or check number.").MaximumLength(128);
    }

    public sealed class Handler(MarketplaceDb db, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var payout = await db.Payouts.SingleOrDefaultAsync(p => p.Id == command.PayoutId, cancellationToken) ?? throw new NotFoundException("Payout");
            payout.ConfirmSent(command.Reference, clock.Now);
            return Unit.Value;
        }
    }
}

using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Infrastructure.Inbox;

namespace Marketplace.Web.Features.Settlement;

/// <summary>Finance confirms the bank sent an approved payout (ACH trace or check number): cash leaves, and a lot's settlement is settled.</summary>
public static class ConfirmPayout
{
    [AllowedRoles(Roles.Finance)]
    /// <returns>What follows for the payee, as a sentence for finance ("The lot is settled.").</returns>
    public sealed record Command(Guid PayoutId, string Reference, string? IdempotencyKey = null) : ICommand<string>, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reference).NotEmpty().WithMessage("Enter the ACH trace or check number.").MaximumLength(128);
    }

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var payout = await db.Payouts.SingleOrDefaultAsync(p => p.Id == command.PayoutId, cancellationToken) ?? throw new NotFoundException("Payout");
            var now = clock.Now;
            payout.ConfirmSent(command.Reference, now);
            var number = await db.NumberPaidForAsync(payout, cancellationToken);
            db.LedgerTransactions.Add(LedgerPostings.PayoutConfirmed(payout, number, now));
            if (payout.LotId is { } lotId)
            {
                var settlement = await db.LotSettlements.SingleAsync(s => s.LotId == lotId, cancellationToken);
                settlement.Settle(payout);
                outbox.Email(payout.PayeeId, $"Payout of {payout.Total} for lot {number} sent",
                    $"The payout of {payout.Total} for lot {number} was sent by {payout.Method.Words()} (reference {payout.Reference}). The lot is settled.");
                return "The lot is settled.";
            }

            outbox.Email(payout.PayeeId, $"Payout of {payout.Total} for order {number} sent",
                $"The payout of {payout.Total} for storefront order {number} was sent by {payout.Method.Words()} (reference {payout.Reference}).",
                Roles.RefurbisherBuyer);
            return $"The refurbisher is told that order {number} is paid.";
        }
    }
}

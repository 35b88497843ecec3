using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Sales;

/// <summary>The bidder offered a forfeited lot takes it at the offered price, or declines so the district can go on.</summary>
public static class RespondToOffer
{
    [AllowedRoles(Roles.RefurbisherBuyer, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId, bool Take) : ICommand, IRetryOnConflict, IReadsRightsFirst;

    public sealed class Handler(MarketplaceDb db, ActingOrganization acting, ICurrentUser user, IClock clock, Outbox outbox, SaleAwards awards) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var rights = await acting.RightsAsync(cancellationToken);
            if (!await db.LotsOpenForQuotes(user).AnyAsync(l => l.Id == command.LotId, cancellationToken))
            {
                throw new NotFoundException("Offer");
            }

            var sale = (await db.LoadSaleAsync(command.LotId, cancellationToken))!;
            var lot = await db.Lots.SingleAsync(l => l.Id == sale.LotId, cancellationToken);
            if (command.Take)
            {
                var fees = await db.CurrentFeeScheduleAsync(cancellationToken);
                sale.TakeOffer(rights, fees, clock.Now);
                await awards.RecordAsync(sale, lot, $"You took the district's offer at {sale.HammerPrice:C}.", cancellationToken);
            }
            else
            {
                sale.DeclineOffer(clock.Now, rights.OrganizationId);
                outbox.Email(sale.DistrictId, $"Lot {lot.Number}: the offer was declined",
                    $"The bidder you offered lot {lot.Number} ({lot.Title}) to declined. Offer it to the next bidder, or relist it.", Roles.DistrictApprover);
            }

            return Unit.Value;
        }
    }
}

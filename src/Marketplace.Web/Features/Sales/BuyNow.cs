using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Infrastructure.Inbox;

namespace Marketplace.Web.Features.Sales;

/// <summary>
/// A refurbisher takes a lot at its buy-now price: the sale ends at once and the award follows. Racing a bid or another
/// buy-now, exactly one wins on the sale's version token; the other is run again and told the sale is over.
/// </summary>
public static class BuyNow
{
    [AllowedRoles(Roles.RefurbisherBuyer, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId, string? IdempotencyKey = null) : ICommand<decimal>, IIdempotentCommand, IRetryOnConflict, IReadsRightsFirst;

    public sealed class Handler(MarketplaceDb db, ActingOrganization acting, IClock clock, SaleAwards awards) : ICommandHandler<Command, decimal>
    {
        public async ValueTask<decimal> Handle(Command command, CancellationToken cancellationToken)
        {
            var rights = await acting.RightsAsync(cancellationToken);
            var sale = await db.LoadSaleAsync(command.LotId, cancellationToken) ?? throw new NotFoundException("Listed lot");
            if (sale.Status != SaleStatus.Open)
            {
                throw sale.NoLongerOpen(rights.OrganizationId);
            }
            var lot = await db.Lots.SingleAsync(l => l.Id == sale.LotId, cancellationToken);
            var fees = await db.CurrentFeeScheduleAsync(cancellationToken);
            sale.BuyNow(rights, fees, clock.Now);
            await awards.RecordAsync(sale, lot, $"You bought it now at {sale.HammerPrice:C}.", cancellationToken);
            return sale.HammerPrice!.Value;
        }
    }
}

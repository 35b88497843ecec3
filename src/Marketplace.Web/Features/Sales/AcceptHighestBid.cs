using Marketplace.Web.Features.Lots;

namespace Marketplace.Web.Features.Sales;

/// <summary>An auction or sealed-bid sale closed below the reserve: the district takes the highest bid anyway.</summary>
public static class AcceptHighestBid
{
    [AllowedRoles(Roles.DistrictApprover)]
    public sealed record Command(Guid LotId) : ICommand<decimal>, IRetryOnConflict;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, SaleAwards awards) : ICommandHandler<Command, decimal>
    {
        public async ValueTask<decimal> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            var sale = await db.LoadSaleAsync(lot.Id, cancellationToken) ?? throw new DomainException("This lot has no sale.");
            var fees = await db.CurrentFeeScheduleAsync(cancellationToken);
            var (_, price) = sale.AcceptHighestBid(fees, clock.Now);
            await awards.RecordAsync(sale, lot, $"Bidding closed below the district's reserve, and the district accepted your bid of {price:C}.", cancellationToken);
            return price;
        }
    }
}

using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Sales;

/// <summary>After a forfeit, the district offers the lot to the next-highest bidder at that bidder's own highest bid.</summary>
public static class OfferToNextBidder
{
    [AllowedRoles(Roles.DistrictApprover)]
    public sealed record Command(Guid LotId) : ICommand, IRetryOnConflict;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            var sale = await db.LoadSaleAsync(lot.Id, cancellationToken) ?? throw new DomainException("This lot has no sale.");
            var (bidder, price) = sale.OfferToNextBidder(clock.Now);
            outbox.Email(bidder, $"Lot {lot.Number} is offered to you",
                $"The winner of lot {lot.Number} ({lot.Title}) did not pay, and the district offers it to you at your highest bid, {price:C}. " +
                $"Take it or decline by {sale.OfferExpiresAt:MMMM d, yyyy h:mm tt} UTC.\n{configuration.PageUrl($"/market/lots/{lot.Id}")}",
                Roles.RefurbisherBuyer);
            return Unit.Value;
        }
    }
}

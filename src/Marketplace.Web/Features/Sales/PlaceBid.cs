using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Sales;

/// <summary>
/// A refurbisher bids on a sealed-bid sale (replacing its earlier bid) or an auction (a maximum the system bids up to).
/// Bids on one auction race: the sale's version token lets one save at a time and the others run again against the
/// state that won (<see cref="IRetryOnConflict"/>), so no accepted bid is lost and none is priced on a stale state.
/// </summary>
public static class PlaceBid
{
    [AllowedRoles(Roles.RefurbisherBuyer, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId, decimal Amount) : ICommand<Result>, IRetryOnConflict, IReadsRightsFirst;

    /// <param name="Leading">Whether the bidder leads after the bid (an auction); null for a sealed bid.</param>
    public sealed record Result(SaleMode Mode, decimal Amount, bool? Leading, decimal? CurrentPrice, DateTimeOffset? ClosesAt, bool Extended, bool ReserveMet);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Amount).GreaterThan(0).WithMessage("Bid: enter an amount greater than $0.00.")
            .LessThan(100_000_000).WithMessage("Bid: that amount is too large.");
    }

    public sealed class Handler(MarketplaceDb db, ActingOrganization acting, IClock clock, Outbox outbox) : ICommandHandler<Command, Result>
    {
        // The auction's state (price, leader, hidden maximum) lives on the sale: only the bidder's own standing bids are
        // read with it, which a sealed bid replaces (the sale counts those of its current round). Reading every bid per
        // bid would make a busy auction quadratic. Compiled once: it runs inside the write gate, once per bid.
        private static readonly Func<MarketplaceDb, Guid, Guid, CancellationToken, Task<Sale?>> SaleWithOwnBids = EF.CompileAsyncQuery(
            (MarketplaceDb db, Guid lotId, Guid bidder, CancellationToken cancellationToken) => db.Sales
                .Include(s => s.Bids.Where(b => b.BidderId == bidder && !b.Replaced))
                .SingleOrDefault(s => s.LotId == lotId));

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var rights = await acting.RightsAsync(cancellationToken);
            var bidder = rights.OrganizationId;
            var sale = await SaleWithOwnBids(db, command.LotId, bidder, cancellationToken) ?? throw new NotFoundException("Listed lot");
            if (sale.Status != SaleStatus.Open)
            {
                // Only its bidders learn how a sale they are not in ended; to anyone else it is simply no longer listed.
                var bidBefore = await db.Bids.AnyAsync(b => b.SaleId == sale.Id && b.BidderId == bidder, cancellationToken);
                throw bidBefore ? new DomainException(sale.IsAwarded ? "Bidding is over: the lot was awarded." : "Bidding is over.") : new NotFoundException("Listed lot");
            }

            var now = clock.Now;
            var closedBefore = sale.ClosesAt;
            var leaderBefore = sale.LeaderId;
            var bid = sale.PlaceBid(rights, command.Amount, now);
            var extended = sale.ClosesAt > closedBefore;

            if (sale.Mode == SaleMode.Auction && leaderBefore is { } outbid && outbid != bidder && sale.LeaderId == bidder)
            {
                await NotifyOutbid.QueueAsync(db, outbox, sale.Id, outbid, now, cancellationToken);
            }

            return new Result(sale.Mode, bid.Amount, sale.Mode == SaleMode.Auction ? sale.LeaderId == bidder : null, sale.CurrentPrice, sale.ClosesAt, extended, sale.ReserveMet);
        }
    }
}

using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Sales;

/// <summary>A refurbisher takes its open quote back; the district is told, and the quote can no longer be accepted.</summary>
public static class WithdrawQuote
{
    [AllowedRoles(Roles.RefurbisherBuyer, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId) : ICommand, IRetryOnConflict;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var sale = await db.Sales.Include(s => s.Quotes).SingleOrDefaultAsync(s => s.LotId == command.LotId && s.Status == SaleStatus.Open, cancellationToken)
                       ?? throw new NotFoundException("Listed lot");
            var quote = sale.WithdrawQuote(organizationId);
            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == sale.LotId).Select(l => new { l.Number, l.Title }).SingleAsync(cancellationToken);
            var name = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync(cancellationToken);
            outbox.Email(sale.DistrictId, $"A quote on lot {lot.Number} was withdrawn",
                $"{name} withdrew its quote of {quote.Amount:C} for lot {lot.Number} ({lot.Title}).", Roles.DistrictApprover);
            return Unit.Value;
        }
    }
}

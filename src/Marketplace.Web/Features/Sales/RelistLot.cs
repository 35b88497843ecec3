using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Sales;

/// <summary>An unsold or forfeited lot goes back on the market, in the same mode or another; earlier rounds stay on record.</summary>
public static class RelistLot
{
    [AllowedRoles(Roles.DistrictApprover)]
    public sealed record Command(Guid LotId, SaleTerms Terms) : ICommand, IRetryOnConflict;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Terms).NotNull().SetValidator(new SaleTermsValidator());
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            await db.RequireTradeAsync(user, clock, "list a lot", cancellationToken);
            var sale = await db.LoadSaleAsync(lot.Id, cancellationToken) ?? throw new DomainException("This lot has no sale to relist.");
            sale.Relist(command.Terms, clock.Now);
            if (sale.ClosesAt is { } closes)
            {
                outbox.Enqueue(new CloseSale.Command(sale.Id), closes);
            }

            return Unit.Value;
        }
    }
}

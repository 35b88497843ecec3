using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Jobs;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Infrastructure.Inbox;

namespace Marketplace.Web.Features.Lots;

/// <summary>
/// The district lists a draft lot: the manifest is checked against the funding rules and a sale opens in the mode the
/// district chose (request for quotes by default); a sale with a close has its close queued in the outbox.
/// </summary>
public static class SubmitLot
{
    /// <summary>How many restricted serials the refusal names before "and N more".</summary>
    private const int SerialsNamed = 20;

    [AllowedRoles(Roles.DistrictApprover)]
    public sealed record Command(Guid LotId, string? IdempotencyKey = null, SaleTerms? Terms = null) : ICommand, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => When(c => c.Terms is not null, () => RuleFor(c => c.Terms!).SetValidator(new SaleTermsValidator()));
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, ManifestValuation valuation, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            await db.RequireTradeAsync(user, clock, "list a lot", cancellationToken);
            var devices = db.Devices.Where(d => d.LotId == lot.Id);
            // Asked of the devices as they are now, not of the stored summary: these decide who may quote and whether the lot may be sold.
            var (restricted, serials) = await valuation.ERateRestrictedAsync(lot.Id, SerialsNamed, cancellationToken);
            var check = new SubmissionCheck(
                await devices.CountAsync(cancellationToken),
                await devices.AnyAsync(d => d.Category != DeviceCategory.Other, cancellationToken),
                restricted,
                serials);
            var sale = lot.Submit(check, command.Terms ?? SaleTerms.RequestForQuotes, clock.Now);
            db.Sales.Add(sale);
            if (sale.ClosesAt is { } closes)
            {
                outbox.Enqueue(new CloseSale.Command(sale.Id), closes);
            }

            return Unit.Value;
        }
    }
}

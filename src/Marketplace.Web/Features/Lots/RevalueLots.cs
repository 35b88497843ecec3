using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

/// <summary>
/// Background: recomputes stored manifest summaries — of every lot still open to buyers after the price
/// guide or the device-model table changed, or (at start-up) of lots that were never valued.
/// </summary>
public static class RevalueLots
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(bool OnlyNeverValued = false) : ICommand<int>;

    public sealed class Handler(MarketplaceDb db, ManifestValuation valuation) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var lots = command.OnlyNeverValued
                ? db.Lots.Where(l => l.Manifest.ValuedAt == null)
                : db.Lots.Where(l => l.Status == ListingStatus.Draft || l.Status == ListingStatus.Listed);
            var revalued = 0;
            foreach (var lot in await lots.ToListAsync(cancellationToken))
            {
                lot.Revalue(await valuation.SummarizeAsync(lot.Id, cancellationToken));
                revalued++;
            }

            return revalued;
        }
    }
}

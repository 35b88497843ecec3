using Marketplace.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

/// <summary>Handlers say which lots' manifests they changed; the summary of each is recomputed before the command commits.</summary>
public sealed class ManifestChanges
{
    private readonly HashSet<Guid> _lots = [];

    public void Changed(Guid lotId) => _lots.Add(lotId);

    internal IReadOnlyList<Guid> Take()
    {
        var lots = _lots.ToList();
        _lots.Clear();
        return lots;
    }
}

/// <summary>
/// Inside the command's transaction, after its handler: flushes the handler's changes so the valuation
/// queries see them, and stores each changed lot's new <see cref="Domain.Lots.ManifestSummary"/> — so the
/// summary commits (or rolls back) with the change that caused it. The lot's <see cref="Domain.Lots.ManifestGroup"/> rows
/// (what the marketplace filters on) are replaced in the same transaction.
/// </summary>
public sealed class ManifestRevaluationBehavior<TMessage, TResponse>(MarketplaceDb db, ManifestChanges changes, ManifestValuation valuation)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        var lots = changes.Take();
        if (lots.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var lotId in lots)
            {
                var lot = await db.Lots.FindAsync([lotId], cancellationToken) ?? throw new Domain.NotFoundException("Lot");
                var (summary, groups) = await valuation.SummarizeWithGroupsAsync(lotId, cancellationToken);
                lot.Revalue(summary);
                await db.ManifestGroups.Where(g => g.LotId == lotId).ExecuteDeleteAsync(cancellationToken);
                db.ManifestGroups.AddRange(groups);
            }
        }

        return response;
    }
}

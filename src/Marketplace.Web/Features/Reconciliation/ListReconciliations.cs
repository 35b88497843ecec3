using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Reconciliation;

/// <summary>The admins' queue: disputed reconciliations first (oldest first), then those awaiting a district, then settled ones.</summary>
public static class ListReconciliations
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Admin)]
    public sealed record Query(int Page = 1) : IQuery<PageOf<ReconciliationRow>>;

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, PageOf<ReconciliationRow>>
    {
        public async ValueTask<PageOf<ReconciliationRow>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.LotReconciliations.AsNoTracking()
                .OrderBy(r => r.Status == ReconciliationStatus.Disputed ? 0 : r.Status == ReconciliationStatus.AwaitingDistrict ? 1 : 2)
                .ThenBy(r => r.CreatedAt)
                .Select(r => new ReconciliationRow(r.LotId,
                    db.Lots.Where(l => l.Id == r.LotId).Select(l => l.Number).First(),
                    db.Organizations.Where(o => o.Id == r.DistrictId).Select(o => o.Name).First(),
                    db.Organizations.Where(o => o.Id == r.BuyerId).Select(o => o.Name).First(),
                    r.Status, r.CreatedAt, r.DeviceCount, r.ReceivedCount, r.Lines.Count, r.ProposedAdjustment, r.AgreedAdjustment))
                .ToPageAsync(query.Page, PageSize, cancellationToken);
    }
}

public sealed record ReconciliationRow(Guid LotId, string LotNumber, string District, string Buyer, ReconciliationStatus Status, DateTimeOffset CreatedAt,
    int Devices, int Received, int Discrepancies, decimal Proposed, decimal? Agreed);

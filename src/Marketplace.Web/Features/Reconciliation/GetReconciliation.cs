using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Reconciliation;

/// <summary>
/// A lot's receiving reconciliation as its district, its buyer or a platform admin reads it: the counts, the proposed and
/// agreed adjustment, the dispute and its resolution, and the discrepancies a page at a time (a lot of 5,000 devices that
/// lost a pallet has hundreds), optionally of one kind.
/// </summary>
public static class GetReconciliation
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.SchoolStaff, Roles.Admin)]
    public sealed record Query(Guid LotId, int Page = 1, DiscrepancyKind? Kind = null) : IQuery<ReconciliationSheet>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, ReconciliationSheet>
    {
        public async ValueTask<ReconciliationSheet> Handle(Query query, CancellationToken cancellationToken)
        {
            var reconciliation = await db.ReconciliationsVisibleTo(user).AsNoTracking().SingleOrDefaultAsync(r => r.LotId == query.LotId, cancellationToken);
            if (reconciliation is null)
            {
                // A party's lot that is not received yet has no reconciliation; anyone else's lot is not found.
                throw await db.LotsOfPartiesOrPlatform(user).AnyAsync(l => l.Id == query.LotId, cancellationToken)
                    ? new DomainException("The lot is reconciled when the buyer finishes receiving it; it has not yet.")
                    : new NotFoundException("Lot");
            }

            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == reconciliation.LotId).Select(l => new { l.Number, l.Title }).SingleAsync(cancellationToken);
            var names = await db.Organizations.AsNoTracking().Where(o => o.Id == reconciliation.DistrictId || o.Id == reconciliation.BuyerId)
                .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var lines = db.ReconciliationLines.AsNoTracking().Where(l => l.ReconciliationId == reconciliation.Id);
            var counts = await lines.GroupBy(l => l.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var page = await (query.Kind is { } kind ? lines.Where(l => l.Kind == kind) : lines)
                .OrderBy(l => l.Kind).ThenBy(l => l.Serial)
                .ToPageAsync(query.Page, PageSize, cancellationToken);
            var organizationId = user.IsPlatformStaff() ? Guid.Empty : user.RequireOrganization();
            var viewer = organizationId == reconciliation.DistrictId ? ReconciliationViewer.District
                : organizationId == reconciliation.BuyerId ? ReconciliationViewer.Buyer
                : ReconciliationViewer.Platform;
            return new ReconciliationSheet(reconciliation, lot.Number, lot.Title, names[reconciliation.DistrictId], names[reconciliation.BuyerId], viewer,
                Enum.GetValues<DiscrepancyKind>().ToDictionary(k => k, k => counts.GetValueOrDefault(k)), page, query.Kind);
        }
    }
}

public enum ReconciliationViewer { District, Buyer, Platform }

public sealed record ReconciliationSheet(LotReconciliation Reconciliation, string LotNumber, string LotTitle, string District, string Buyer, ReconciliationViewer Viewer,
    IReadOnlyDictionary<DiscrepancyKind, int> Counts, PageOf<ReconciliationLine> Lines, DiscrepancyKind? Kind)
{
    public Guid LotId => Reconciliation.LotId;

    /// <summary>Where this viewer reads the reconciliation (and where its pager links).</summary>
    public string Url => Viewer switch
    {
        ReconciliationViewer.District => $"/lots/{LotId}/reconciliation",
        ReconciliationViewer.Buyer => $"/purchases/{LotId}/reconciliation",
        _ => $"/admin/reconciliations/{LotId}",
    };

    public string LotUrl => Viewer switch
    {
        ReconciliationViewer.District => $"/lots/{LotId}",
        ReconciliationViewer.Buyer => $"/purchases/{LotId}",
        _ => "/admin/reconciliations",
    };

    public int Discrepancies => Counts.Values.Sum();

    public static string KindWords(DiscrepancyKind kind) => kind switch
    {
        DiscrepancyKind.Missing => "Missing",
        DiscrepancyKind.Extra => "Extra",
        DiscrepancyKind.LowerGrade => "Lower grade",
        _ => "Different model",
    };

    public static string StatusWords(ReconciliationStatus status) => status switch
    {
        ReconciliationStatus.Matched => "Matched",
        ReconciliationStatus.AwaitingDistrict => "Awaiting the district",
        ReconciliationStatus.Approved => "Approved",
        ReconciliationStatus.Disputed => "Disputed",
        _ => "Resolved",
    };
}

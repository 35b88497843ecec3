using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Lots;

/// <summary>
/// The district's trail of one of its lots and the lot's devices, whoever acted: its own staff, the buyer receiving and
/// sanitizing, finance, background jobs. Read-only; only the owning district sees it, and other organizations' client
/// addresses are left out.
/// </summary>
public static class ListLotActivity
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(Guid LotId, int Page = 1) : IQuery<Result>;

    public sealed record Result(Guid LotId, string Number, string Title, PageOf<AuditEntry> Entries);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var lot = await db.LotsOwnedBy(user).Where(l => l.Id == query.LotId).Select(l => new { l.Number, l.Title }).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Lot");
            var entries = await db.AuditTrailOfOwnLot(user, query.LotId).Newest(db).ToPageAsync(query.Page, AuditEntries.PageSize, cancellationToken);

            // The district learns who took each step, not where the buyer's people connect from: that stays with their organization.
            var organizationId = user.RequireOrganization();
            entries = entries with { Rows = [.. entries.Rows.Select(e => e.OrganizationId == organizationId ? e : e with { ClientAddress = null })] };
            return new Result(query.LotId, lot.Number, lot.Title, entries);
        }
    }
}

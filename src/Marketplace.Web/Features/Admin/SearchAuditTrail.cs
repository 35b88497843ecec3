using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Admin;

/// <summary>Platform admins search and filter the whole audit trail, newest first. Read-only.</summary>
public static class SearchAuditTrail
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query(AuditSearch Filter, int Page = 1) : IQuery<Result>;

    public sealed record Organization(Guid Id, string Name);

    public sealed record Result(AuditSearch Filter, IReadOnlyList<Organization> Organizations, PageOf<AuditEntry> Entries);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizations = await db.Organizations.OrderBy(o => o.Name).Select(o => new Organization(o.Id, o.Name)).ToListAsync(cancellationToken);
            var records = await query.Filter.ApplyAsync(db, cancellationToken);
            return new Result(query.Filter, organizations, await records.Newest(db).ToPageAsync(query.Page, AuditEntries.PageSize, cancellationToken));
        }
    }
}

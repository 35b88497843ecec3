namespace Marketplace.Web.Features.Admin;

public static class ListOrganizations
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Organization Organization, int Users);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var counts = await db.Users.GroupBy(u => u.OrganizationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
            var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync(cancellationToken);
            return organizations.Select(o => new Row(o, counts.GetValueOrDefault(o.Id))).ToList();
        }
    }
}

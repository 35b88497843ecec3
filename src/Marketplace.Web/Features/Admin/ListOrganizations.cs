using AutoMapper;
using AutoMapper.QueryableExtensions;

namespace Marketplace.Web.Features.Admin;

public static class ListOrganizations
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IQuery<IReadOnlyList<OrganizationRow>>;

    public sealed class Handler(MarketplaceDb db, IMapper mapper) : IQueryHandler<Query, IReadOnlyList<OrganizationRow>>
    {
        public async ValueTask<IReadOnlyList<OrganizationRow>> Handle(Query query, CancellationToken cancellationToken)
        {
            var counts = await db.Users.GroupBy(u => u.OrganizationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
            var organizations = await db.Organizations.OrderBy(o => o.Kind).ThenBy(o => o.Name).ProjectTo<OrganizationRow>(mapper.ConfigurationProvider).ToListAsync(cancellationToken);
            return organizations.Select(o => o with { Users = counts.GetValueOrDefault(o.Id) }).ToList();
        }
    }
}

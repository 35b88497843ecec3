using Marketplace.Web.Domain.People;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Admin;

/// <summary>Everyone with an account, across organizations: searched by name, e-mail or organization, filtered by status and two-factor.</summary>
public static class ListUsers
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Admin)]
    public sealed record Query(string? Q = null, string? Status = null, string? TwoFactor = null, int Page = 1) : IQuery<UsersPage>;

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, UsersPage>
    {
        public async ValueTask<UsersPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var users = from u in db.Users.AsNoTracking()
                        join o in db.Organizations.AsNoTracking() on u.OrganizationId equals o.Id
                        select new { User = u, Organization = o.Name, o.Kind };
            if (query.Q?.Trim() is { Length: > 0 } q)
            {
                var pattern = LikePattern.Containing(q);
                users = users.Where(x => EF.Functions.Like(x.User.DisplayName, pattern, LikePattern.Escape) || EF.Functions.Like(x.User.Email!, pattern, LikePattern.Escape)
                                         || EF.Functions.Like(x.Organization, pattern, LikePattern.Escape));
            }

            users = query.Status switch
            {
                "active" => users.Where(x => x.User.DeactivatedAt == null),
                "deactivated" => users.Where(x => x.User.DeactivatedAt != null),
                _ => users,
            };
            users = query.TwoFactor switch
            {
                "on" => users.Where(x => x.User.TwoFactorEnabled),
                "off" => users.Where(x => !x.User.TwoFactorEnabled),
                _ => users,
            };

            var page = await users.OrderBy(x => x.Organization).ThenBy(x => x.User.DisplayName)
                .Select(x => new { x.User.Id, x.User.DisplayName, x.User.Email, x.Organization, x.Kind, x.User.TwoFactorEnabled, x.User.DeactivatedAt, x.User.LastSignInAt })
                .ToPageAsync(query.Page, PageSize, cancellationToken);
            var roles = await db.RolesOfAsync([.. page.Rows.Select(r => r.Id)], cancellationToken);
            var rows = page.Rows.Select(r => new UserRow(r.Id, r.DisplayName, r.Email ?? "", r.Organization, r.Kind, [.. DutyGrants.InOrder(roles.GetValueOrDefault(r.Id) ?? [])],
                r.TwoFactorEnabled, r.DeactivatedAt, r.LastSignInAt)).ToList();
            return new UsersPage(new UserSearch(query.Q, query.Status, query.TwoFactor), new PageOf<UserRow>(rows, page.Page, page.Pages, page.Total, page.PageSize));
        }
    }
}

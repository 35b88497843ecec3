using Marketplace.Web.Domain;

namespace Marketplace.Web.Data;

/// <summary>Reads about people that several pages share: the duties of a page of users, the admins an organization has left.</summary>
public static class PeopleQueries
{
    /// <summary>Each user's Identity roles (duties and organization admin), in one query for the whole page.</summary>
    public static async Task<Dictionary<Guid, List<string>>> RolesOfAsync(this MarketplaceDb db, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var pairs = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where userIds.Contains(userRole.UserId)
                           select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => g.Select(p => p.Name!).ToList());
    }

    /// <summary>How many active organization admins the organization has besides <paramref name="except"/>.</summary>
    public static Task<int> OtherActiveAdminsAsync(this MarketplaceDb db, Guid organizationId, Guid except, CancellationToken cancellationToken) =>
        db.Users.CountAsync(u => u.OrganizationId == organizationId && u.Id != except && u.DeactivatedAt == null
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.OrganizationAdmin)), cancellationToken);
}

using Marketplace.Web.Domain.People;

namespace Marketplace.Web.Features.Admin;

/// <summary>One account, as a platform admin sees it before deactivating or reactivating it.</summary>
public static class GetUserAccount
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query(Guid UserId) : IQuery<UserAccountPage>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, UserAccountPage>
    {
        public async ValueTask<UserAccountPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var found = await (from account in db.Users.AsNoTracking()
                               join o in db.Organizations.AsNoTracking() on account.OrganizationId equals o.Id
                               where account.Id == query.UserId
                               select new { User = account, Organization = o.Name, o.Kind }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("That account");
            var roles = (await db.RolesOfAsync([found.User.Id], cancellationToken)).GetValueOrDefault(found.User.Id) ?? [];
            var u = found.User;
            return new UserAccountPage(
                new UserRow(u.Id, u.DisplayName, u.Email ?? "", found.Organization, found.Kind, [.. DutyGrants.InOrder(roles)], u.TwoFactorEnabled, u.DeactivatedAt, u.LastSignInAt),
                u.DeactivatedBy, u.DeactivationReason, u.DeactivatedByPlatform, u.Id == user.UserId);
        }
    }
}

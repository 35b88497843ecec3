using Marketplace.Web.Domain.People;

namespace Marketplace.Web.Features.Organizations;

/// <summary>One member of the admin's own organization, with what may be changed about them.</summary>
public static class GetMember
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Query(Guid UserId) : IQuery<MemberPage>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, MemberPage>
    {
        public async ValueTask<MemberPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var member = await db.PeopleOf(user).AsNoTracking().SingleOrDefaultAsync(u => u.Id == query.UserId, cancellationToken)
                ?? throw new NotFoundException("That person");
            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == member.OrganizationId, cancellationToken);
            var roles = (await db.RolesOfAsync([member.Id], cancellationToken)).GetValueOrDefault(member.Id) ?? [];
            var row = new MemberRow(member.Id, member.DisplayName, member.Email ?? "", [.. DutyGrants.InOrder(roles)], member.TwoFactorEnabled, member.DeactivatedAt, member.LastSignInAt);
            var lastAdmin = row.IsAdmin && row.Active && await db.OtherActiveAdminsAsync(member.OrganizationId, member.Id, cancellationToken) == 0;
            return new MemberPage(row, organization.Name, DutyGrants.GrantableIn(organization.Kind), member.Id == user.UserId, lastAdmin,
                member.DeactivatedBy, member.DeactivationReason, member.DeactivatedByPlatform);
        }
    }
}

namespace Marketplace.Web.Features.Organizations;

public static class GetOrganizationSettings
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(string Name, OrganizationKind Kind, decimal? OrderApprovalLimit, int Approvers);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
            var approvers = await db.Users.CountAsync(u => u.OrganizationId == organizationId
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.SchoolApprover)), cancellationToken);
            return new Result(organization.Name, organization.Kind, organization.OrderApprovalLimit, approvers);
        }
    }
}

using Marketplace.Web.Domain.People;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The people page: the organization's members with their duties, and its invitations still open (waiting or expired).</summary>
public static class ListPeople
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Query : IQuery<PeoplePage>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, IOptions<AccountOptions> options) : IQueryHandler<Query, PeoplePage>
    {
        public async ValueTask<PeoplePage> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
            var people = await db.PeopleOf(user).AsNoTracking().OrderBy(u => u.DeactivatedAt != null).ThenBy(u => u.DisplayName)
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.TwoFactorEnabled, u.DeactivatedAt, u.LastSignInAt })
                .ToListAsync(cancellationToken);
            var roles = await db.RolesOfAsync([.. people.Select(p => p.Id)], cancellationToken);
            var members = people.Select(p => new MemberRow(p.Id, p.DisplayName, p.Email ?? "", [.. DutyGrants.InOrder(roles.GetValueOrDefault(p.Id) ?? [])],
                p.TwoFactorEnabled, p.DeactivatedAt, p.LastSignInAt)).ToList();

            var now = clock.Now;
            var invitations = (await db.InvitationsOf(user).AsNoTracking().Where(i => i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken))
                .OrderByDescending(i => i.CreatedAt)
                .Select(i => new InvitationRow(i.Id, i.Email, [.. DutyGrants.InOrder(i.Duties)], i.InvitedByName, i.CreatedAt, i.SentAt, i.TimesSent, i.ExpiresAt, i.StateAt(now)))
                .ToList();
            return new PeoplePage(organization.Name, organization.Kind, DutyGrants.GrantableIn(organization.Kind), members, invitations,
                options.Value.InvitationLifetime, user.UserId);
        }
    }
}

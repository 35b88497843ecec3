using Marketplace.Web.Domain.People;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The invitation a link opens, for whoever holds the link (the link is the proof); null when no invitation has that link.</summary>
public static class GetInvitation
{
    [AllowedRoles(Anonymous = true)]
    public sealed record Query(string Token) : IQuery<InvitationView?>;

    public sealed class Handler(MarketplaceDb db, IClock clock) : IQueryHandler<Query, InvitationView?>
    {
        public async ValueTask<InvitationView?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(query.Token) || query.Token.Length > 100)
            {
                return null;
            }

            var hash = InvitationTokens.Hash(query.Token);
            var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
            if (invitation is null)
            {
                return null;
            }

            var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == invitation.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
            var state = invitation.StateAt(clock.Now);
            return new InvitationView(query.Token, state, invitation.Why(state), organization, invitation.Email, [.. DutyGrants.InOrder(invitation.Duties)],
                invitation.InvitedByName, invitation.InvitedByEmail, invitation.ExpiresAt);
        }
    }
}

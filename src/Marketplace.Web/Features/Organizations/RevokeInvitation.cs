namespace Marketplace.Web.Features.Organizations;

/// <summary>Withdraws an invitation: its link then opens a page saying so.</summary>
public static class RevokeInvitation
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Command(Guid InvitationId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = await db.InvitationsOf(user).SingleOrDefaultAsync(i => i.Id == command.InvitationId, cancellationToken)
                ?? throw new NotFoundException("That invitation");
            invitation.Revoke(user.Name, clock.Now);
            return Unit.Value;
        }
    }
}

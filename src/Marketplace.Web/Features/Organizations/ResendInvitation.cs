using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Organizations;

/// <summary>Sends an invitation again, expired or not: the new e-mail carries a new link, and the link sent before stops working.</summary>
public static class ResendInvitation
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Command(Guid InvitationId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, Outbox outbox, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = await db.InvitationsOf(user).SingleOrDefaultAsync(i => i.Id == command.InvitationId, cancellationToken)
                ?? throw new NotFoundException("That invitation");
            if (!invitation.CanBeSent)
            {
                throw new DomainException(invitation.Why(invitation.StateAt(clock.Now)));
            }

            outbox.Enqueue(new SendInvitation.Command(invitation.Id));
            return Unit.Value;
        }
    }
}

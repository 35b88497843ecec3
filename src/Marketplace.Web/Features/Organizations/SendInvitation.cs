using Marketplace.Web.Domain.People;
using Marketplace.Web.Features.Notifications;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// The outbox job that e-mails an invitation: makes the link's token now, stores only its hash (the previous link, if any,
/// stops working) and sends it through <see cref="SendLinkEmail"/>, whose logged copy leaves the link out. If this
/// transaction fails after the e-mail left, the stored hash is not the e-mailed one: that link says it is not valid and the
/// retry sends a working one.
/// </summary>
public static class SendInvitation
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid InvitationId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ISender sender, IClock clock, IConfiguration configuration, IOptions<AccountOptions> options) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == command.InvitationId, cancellationToken);
            if (invitation is not { CanBeSent: true })
            {
                // Revoked or accepted while the e-mail waited: nothing to send.
                return Unit.Value;
            }

            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == invitation.OrganizationId, cancellationToken);
            var (token, hash) = InvitationTokens.New();
            invitation.Issue(hash, clock.Now, options.Value.InvitationLifetime);
            var duties = string.Join(Environment.NewLine, DutyGrants.InOrder(invitation.Duties).Select(d => $"  - {Roles.Describe(d)}"));
            var secondFactor = DutyGrants.RequireTwoFactor(invitation.Duties)
                ? $"{Environment.NewLine}These duties sign in with a second factor: after choosing your password you will set up an authenticator app on your phone.{Environment.NewLine}"
                : "";
            var body = $"""
                Hello,

                {invitation.InvitedByName} invited you to join {organization.Name} on the K-12 Device Marketplace, with these duties:
                {duties}
                {secondFactor}
                Accept the invitation and choose your password here:

                {SendLinkEmail.LinkPlaceholder}

                The link works once and expires on {invitation.ExpiresAt:MMMM d, yyyy} (UTC). If it has expired, ask {invitation.InvitedByName} ({invitation.InvitedByEmail}) to send it again.
                Not expecting this? Ignore this e-mail: no account is made until the link is used.
                """;
            await sender.Send(new SendLinkEmail.Command(invitation.Email, $"{invitation.InvitedByName} invited you to {organization.Name} on the K-12 Device Marketplace", body,
                SendLinkEmail.LinkTo(configuration, $"/invitations/{token}")), cancellationToken);
            return Unit.Value;
        }
    }
}

using Marketplace.Web.Domain.People;
using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// An organization admin invites someone by e-mail with the duties chosen. The e-mail with the link leaves from the outbox
/// (<see cref="SendInvitation"/>), which makes the link; an address that already has an account is refused here.
/// </summary>
public static class InvitePerson
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Command(string Email, IReadOnlyList<string> Duties) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the e-mail address of the person to invite.")
                .MaximumLength(256).WithMessage("That e-mail address is too long.")
                .EmailAddress().WithMessage("Enter a valid e-mail address.");
            RuleFor(c => c.Duties).NotEmpty().WithMessage("Choose at least one duty for the person.");
            RuleForEach(c => c.Duties).Must(d => Roles.All.Contains(d)).WithMessage((_, d) => $"\"{Infrastructure.Web.Refusal.Shown(d)}\" is not a duty.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, UserManager<AppUser> users, Outbox outbox, IClock clock, IOptions<AccountOptions> options)
        : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId, cancellationToken);
            if (DutyGrants.Refusal(organization.Kind, [.. command.Duties], user.IsInRole(Roles.Admin)) is { } refusal)
            {
                throw new DomainException(refusal);
            }

            var email = command.Email.Trim();
            if (await users.FindByEmailAsync(email) is { } existing)
            {
                throw new DomainException(existing.OrganizationId == organizationId
                    ? $"{email} is already a member of {organization.Name}: change their duties on their page."
                    : $"{email} already has an account with another organization on the marketplace. A person belongs to one organization: invite another address, or ask them to use the account they have.");
            }

            var normalized = users.NormalizeEmail(email);
            var now = clock.Now;
            var open = await db.InvitationsOf(user).Where(i => i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null)
                .Select(i => new { i.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
            if (open is not null)
            {
                throw new DomainException($"{email} was already invited on {open.CreatedAt:MMMM d}: send that invitation again, or revoke it, below.");
            }

            var inviter = await users.FindByIdAsync(user.UserId.ToString()) ?? throw new NotFoundException("Your account");
            var invitation = Invitation.Create(organizationId, email, normalized, command.Duties.ToList(), inviter.Id, inviter.DisplayName, inviter.Email ?? "", now,
                options.Value.InvitationLifetime);
            db.Invitations.Add(invitation);
            outbox.Enqueue(new SendInvitation.Command(invitation.Id));
            return invitation.Id;
        }
    }
}

using Marketplace.Web.Domain.People;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// The person holding an invitation's link chooses a name and password: the account is made in the inviting organization
/// with the invited duties, its e-mail confirmed (the link reached that mailbox), and the link is used up.
/// </summary>
public static class AcceptInvitation
{
    public const string NotValid = "This link is not a valid invitation. Check that the whole link was copied from the e-mail, or ask the person who invited you to send it again.";

    [AllowedRoles(Anonymous = true)]
    public sealed record Command(string Token, string Name, string Password, string ConfirmPassword) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Token).NotEmpty().WithMessage(NotValid).MaximumLength(100).WithMessage(NotValid);
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter your name as colleagues know it.").MaximumLength(200).WithMessage("Keep your name under 200 characters.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a password.").MaximumLength(256);
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords differ: type the same password twice.");
        }
    }

    public sealed class Handler(MarketplaceDb db, UserManager<AppUser> users, IClock clock) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var hash = InvitationTokens.Hash(command.Token);
            var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken) ?? throw new DomainException(NotValid);
            var now = clock.Now;
            if (invitation.StateAt(now) is var state and not InvitationState.Waiting)
            {
                throw new DomainException($"{invitation.Why(state)} Ask {invitation.InvitedByName} ({invitation.InvitedByEmail}) for a new invitation.");
            }

            if (await users.FindByEmailAsync(invitation.Email) is not null)
            {
                throw new DomainException($"{invitation.Email} already has an account: sign in with it, or use \"Forgot your password?\" on the sign-in page.");
            }

            var account = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = invitation.Email,
                Email = invitation.Email,
                // The link was opened from the e-mail sent to this address.
                EmailConfirmed = true,
                DisplayName = command.Name.Trim(),
                OrganizationId = invitation.OrganizationId,
            };
            // Accepted first: if another acceptance of the same link committed meanwhile, saving the account conflicts on the invitation's version.
            invitation.Accept(account.Id, now);
            Check(await users.CreateAsync(account, command.Password));
            Check(await users.AddToRolesAsync(account, invitation.Duties.Where(d => Roles.All.Contains(d))));
            return account.Id;
        }

        private static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
            {
                throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }
    }
}

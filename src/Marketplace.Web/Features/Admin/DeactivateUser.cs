using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Admin;

/// <summary>
/// A platform admin deactivates any account, with a reason: as an organization admin's deactivation, its sessions end at
/// their next request and it cannot sign in; only platform admins reactivate it.
/// </summary>
public static class DeactivateUser
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid UserId, string Reason) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Give the reason: the organization's admins and the person see it.")
            .MaximumLength(500).WithMessage("Keep the reason under 500 characters.");
    }

    public sealed class Handler(UserManager<AppUser> users, ICurrentUser user, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await users.FindByIdAsync(command.UserId.ToString()) ?? throw new NotFoundException("That account");
            if (account.Id == user.UserId)
            {
                throw new DomainException("You cannot deactivate your own account here: ask another platform admin.");
            }

            account.Deactivate(clock.Now, $"{user.Name} (marketplace staff)", command.Reason, byPlatform: true);
            Organizations.DeactivateMember.EndSessions(await users.UpdateSecurityStampAsync(account));
            return Unit.Value;
        }
    }
}

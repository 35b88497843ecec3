using Marketplace.Web.Domain.People;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Account;

/// <summary>Turns two-factor sign-in off, for people whose duties do not require it. The key stays, so turning it on again works with the same app entry.</summary>
public static class DisableTwoFactor
{
    [AllowedRoles(Roles.AnyMember)]
    public sealed record Command : ICommand;

    public sealed class Handler(UserManager<AppUser> users, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await users.FindByIdAsync(user.UserId.ToString()) ?? throw new NotFoundException("Your account");
            if (!await users.GetTwoFactorEnabledAsync(account))
            {
                throw new DomainException("Two-factor sign-in is already off.");
            }

            var roles = await users.GetRolesAsync(account);
            if (DutyGrants.RequireTwoFactor(roles))
            {
                var requiring = DutyGrants.Names(roles.Where(r => Roles.RequireTwoFactor.Contains(r)));
                throw new DomainException($"Your duties ({requiring}) require two-factor sign-in, so it stays on.");
            }

            EnableTwoFactor.Check(await users.SetTwoFactorEnabledAsync(account, false));
            return Unit.Value;
        }
    }
}

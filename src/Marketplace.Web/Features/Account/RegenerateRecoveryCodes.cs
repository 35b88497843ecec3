using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Account;

/// <summary>Ten new recovery codes, shown once; the previous ones stop working.</summary>
public static class RegenerateRecoveryCodes
{
    [AllowedRoles(Roles.AnyMember)]
    public sealed record Command : ICommand<IReadOnlyList<string>>;

    public sealed class Handler(UserManager<AppUser> users, ICurrentUser user) : ICommandHandler<Command, IReadOnlyList<string>>
    {
        public async ValueTask<IReadOnlyList<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await users.FindByIdAsync(user.UserId.ToString()) ?? throw new NotFoundException("Your account");
            if (!await users.GetTwoFactorEnabledAsync(account))
            {
                throw new DomainException("Turn two-factor sign-in on first: recovery codes stand in for its codes.");
            }

            return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(account, EnableTwoFactor.RecoveryCodeCount) ?? []];
        }
    }
}

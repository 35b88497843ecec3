using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Account;

/// <summary>
/// The set-up page's key: the one the person already has (so an app entry they added on an earlier visit keeps working), or
/// a new random one the first time. Two-factor stays off until <see cref="EnableTwoFactor"/> checks a code made from it.
/// </summary>
public static class PrepareAuthenticator
{
    [AllowedRoles(Roles.AnyMember)]
    public sealed record Command : ICommand<Result>;

    public sealed record Result(string Key, string OtpAuthUri);

    public sealed class Handler(UserManager<AppUser> users, IUserStore<AppUser> store, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await users.FindByIdAsync(user.UserId.ToString()) ?? throw new NotFoundException("Your account");
            if (await users.GetTwoFactorEnabledAsync(account))
            {
                throw new DomainException("Two-factor sign-in is already on.");
            }

            var key = await Authenticator.EnsureKeyAsync(users, store, account, cancellationToken);
            return new Result(key, Authenticator.OtpAuthUri(account.Email ?? account.UserName ?? "", key));
        }
    }
}

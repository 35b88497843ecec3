using Marketplace.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Account;

/// <summary>
/// Turns two-factor sign-in on once the person proves their app makes the right codes, and returns ten recovery codes to
/// show once. Wrong codes are counted like wrong sign-in codes (<see cref="TwoFactorThrottle"/>). Turning it on changes the
/// security stamp: the page that sent this refreshes its own cookie, other browsers sign in again.
/// </summary>
public static class EnableTwoFactor
{
    public const int RecoveryCodeCount = 10;

    [AllowedRoles(Roles.AnyMember)]
    public sealed record Command(string Code) : ICommand<IReadOnlyList<string>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the 6-digit code your authenticator app shows.").MaximumLength(20);
    }

    public sealed class Handler(UserManager<AppUser> users, ICurrentUser user, TwoFactorThrottle throttle, IHttpContextAccessor http)
        : ICommandHandler<Command, IReadOnlyList<string>>
    {
        public async ValueTask<IReadOnlyList<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await users.FindByIdAsync(user.UserId.ToString()) ?? throw new NotFoundException("Your account");
            if (await users.GetTwoFactorEnabledAsync(account))
            {
                throw new DomainException("Two-factor sign-in is already on.");
            }

            if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(account)))
            {
                throw new DomainException("Open the two-factor set-up page first: it gives you the key to add to your app.");
            }

            var client = http.HttpContext is { } context ? RateLimits.ClientKey(context) : "unknown";
            if (throttle.IsBlocked(account.Id, client))
            {
                throw new DomainException(throttle.BlockedMessage);
            }

            if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, Authenticator.Digits(command.Code)))
            {
                throttle.Failed(account.Id, client);
                throw new DomainException("That code does not match. Enter the code your app shows now (it changes every 30 seconds); if it still fails, check the time on your phone.");
            }

            throttle.Succeeded(account.Id, client);
            Check(await users.SetTwoFactorEnabledAsync(account, true));
            return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount) ?? []];
        }
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

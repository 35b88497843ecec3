using Marketplace.Web.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Account;

/// <summary>
/// The outbox job behind "Forgot your password?": makes Identity's reset token now (it is signed with the user's security
/// stamp, so it stops working once the password changes, and it expires after <see cref="AccountOptions.PasswordResetLinkLifetime"/>)
/// and e-mails the link. Neither the outbox row nor the e-mail log holds the token.
/// </summary>
public static class SendPasswordReset
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid UserId) : ICommand;

    public sealed class Handler(UserManager<AppUser> users, ISender sender, IConfiguration configuration, IOptions<AccountOptions> options) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(command.UserId.ToString());
            if (user is not { IsActive: true, Email: { Length: > 0 } email })
            {
                // Deactivated since the request: the e-mail would only lead to a refusal.
                return Unit.Value;
            }

            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = SendLinkEmail.LinkTo(configuration, $"/account/reset-password?id={user.Id}&token={Uri.EscapeDataString(token)}");
            var lifetime = options.Value.PasswordResetLinkLifetime;
            var body = $"""
                Hello {user.DisplayName},

                Someone asked to reset the password of your K-12 Device Marketplace account ({email}). If it was you, choose a new password here:

                {SendLinkEmail.LinkPlaceholder}

                The link works once and expires in {Duration(lifetime)}. Choosing a new password signs your account out everywhere else.
                If you did not ask, ignore this e-mail: your password stays as it is.
                """;
            await sender.Send(new SendLinkEmail.Command(email, "Reset your K-12 Device Marketplace password", body, link), cancellationToken);
            return Unit.Value;
        }

        private static string Duration(TimeSpan lifetime) =>
            lifetime.TotalHours >= 1 && lifetime.TotalHours == Math.Floor(lifetime.TotalHours)
                ? $"{lifetime.TotalHours:0} hour{(lifetime.TotalHours == 1 ? "" : "s")}"
                : $"{Math.Ceiling(lifetime.TotalMinutes):0} minutes";
    }
}

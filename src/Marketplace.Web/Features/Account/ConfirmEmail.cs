using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Account;

/// <summary>
/// The link in a confirmation e-mail: proves the address reaches its owner. Signs nobody in: the person signs in
/// afterwards with their password, so a forwarded or scanned link confirms and does nothing more. The first
/// confirmation of an applicant tells the platform admins that an application waits for review.
/// </summary>
public static class ConfirmEmail
{
    public enum Outcome { Confirmed, AlreadyConfirmed, Invalid }

    [AllowedRoles(Anonymous = true)]
    public sealed record Command(Guid UserId, string Token) : ICommand<Outcome>;

    public sealed class Handler(MarketplaceDb db, UserManager<AppUser> users, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
            if (user is null || string.IsNullOrEmpty(command.Token))
            {
                return Outcome.Invalid;
            }

            if (user.EmailConfirmed)
            {
                return Outcome.AlreadyConfirmed;
            }

            // Checked without UserManager.ConfirmEmailAsync, which saves by itself: the transaction behavior saves.
            if (!await users.VerifyUserTokenAsync(user, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<AppUser>.ConfirmEmailTokenPurpose, command.Token))
            {
                return Outcome.Invalid;
            }

            user.EmailConfirmed = true;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();

            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == user.OrganizationId, cancellationToken);
            var platform = await db.Organizations.Where(o => o.Kind == OrganizationKind.Platform).Select(o => o.Id).FirstOrDefaultAsync(cancellationToken);
            if (organization.Status == OrganizationStatus.Applied && platform != Guid.Empty)
            {
                outbox.Email(platform, $"New application to review: {organization.Name}",
                    $"{user.DisplayName} confirmed their e-mail address for {organization.Name} ({organization.Kind.Words().ToLowerInvariant()}, {organization.City}, {organization.State}). "
                    + $"Review the application and its documents at {configuration.PageUrl($"/admin/organizations/{organization.Id}")}", Roles.Admin);
            }

            return Outcome.Confirmed;
        }
    }
}

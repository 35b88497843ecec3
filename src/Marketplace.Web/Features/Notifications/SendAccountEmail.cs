using Marketplace.Web.Infrastructure.Email;
using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Notifications;

/// <summary>What an account e-mail's link does, and so which ASP.NET Core Identity token it carries.</summary>
public enum AccountLink
{
    /// <summary>No link.</summary>
    None,

    /// <summary>Confirms the e-mail address (Identity's e-mail confirmation token).</summary>
    ConfirmEmail,

    /// <summary>Sets a new password (Identity's password reset token).</summary>
    ResetPassword,
}

/// <summary>
/// E-mails ONE person about their own account (confirm the address, reset the password, someone tried to sign up with
/// it), unlike <see cref="SendEmail"/>, which writes to an organization's people. Runs from the outbox, never inside a
/// page request.
/// <para>
/// A link that signs something (an Identity token) is made here, when the message is sent: the outbox row holds no usable
/// token, and a token is as fresh as the e-mail that carries it. The delivered message (SMTP, or the pickup folder's .eml)
/// carries the link; the copy logged in <c>EmailMessages</c> (listed to admins at /admin/emails) carries
/// <see cref="RedactedToken"/> in its place, so nobody with the log can act as the person.
/// </para>
/// </summary>
public static class SendAccountEmail
{
    /// <summary>Where the link goes in <see cref="Command.Body"/>.</summary>
    public const string LinkPlaceholder = "{link}";

    /// <summary>What the logged copy shows instead of the token.</summary>
    public const string RedactedToken = "[removed from the log]";

    /// <param name="UserId">The person written to, at the address their account has when the message is sent.</param>
    /// <param name="Body">Plain text; with a link, <see cref="LinkPlaceholder"/> marks where it goes.</param>
    /// <param name="Link">Which token the link carries.</param>
    /// <param name="LinkPath">The app's page the link opens ("/account/confirm-email"); the user's id and the token are added as <c>user</c> and <c>token</c>.</param>
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid UserId, string Subject, string Body, AccountLink Link = AccountLink.None, string? LinkPath = null) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.LinkPath).NotEmpty().Must(p => p!.StartsWith('/') && !p.StartsWith("//", StringComparison.Ordinal))
                .When(c => c.Link != AccountLink.None).WithMessage("A link needs the path of one of the app's pages.");
            RuleFor(c => c.Body).Must(b => b.Contains(LinkPlaceholder, StringComparison.Ordinal))
                .When(c => c.Link != AccountLink.None).WithMessage($"A body with a link marks where it goes with {LinkPlaceholder}.");
        }
    }

    public sealed class Handler(MarketplaceDb db, UserManager<AppUser> users, IEmailSender sender, IClock clock, IConfiguration configuration) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
            if (user?.Email is not { Length: > 0 } to)
            {
                // The account was removed (or has no address) since the message was queued: there is nobody to write to.
                return Unit.Value;
            }

            var delivered = command.Body;
            var logged = command.Body;
            if (command.Link != AccountLink.None)
            {
                var token = command.Link switch
                {
                    AccountLink.ConfirmEmail => await users.GenerateEmailConfirmationTokenAsync(user),
                    AccountLink.ResetPassword => await users.GeneratePasswordResetTokenAsync(user),
                    _ => throw new ArgumentOutOfRangeException(nameof(command), command.Link, "Unknown account link."),
                };
                delivered = delivered.Replace(LinkPlaceholder, Link(command.LinkPath!, user.Id, Uri.EscapeDataString(token)), StringComparison.Ordinal);
                logged = logged.Replace(LinkPlaceholder, Link(command.LinkPath!, user.Id, RedactedToken), StringComparison.Ordinal);
            }

            var via = await sender.SendAsync(to, command.Subject, delivered, cancellationToken);
            db.EmailMessages.Add(new EmailMessage { To = to, Subject = command.Subject, Body = logged, SentAt = clock.Now, DeliveredVia = via.Truncate(400) });
            return Unit.Value;
        }

        // The query is written out, not parsed by Uri: Uri.ToString() would unescape the token's %2B and %2F.
        private string Link(string path, Guid userId, string token) => $"{new Uri(PublicUrl(), path).AbsoluteUri}?user={userId}&token={token}";

        private Uri PublicUrl() => new(configuration["App:PublicUrl"] is { Length: > 0 } url ? url : "http://localhost:5000");
    }
}

public static class OutboxAccountEmailExtensions
{
    /// <summary>Queues an e-mail to one person about their account; with a link, its token is made when the message is sent.</summary>
    public static void EmailAccount(this Outbox outbox, Guid userId, string subject, string body, AccountLink link = AccountLink.None, string? linkPath = null) =>
        outbox.Enqueue(new SendAccountEmail.Command(userId, subject, body, link, linkPath));
}

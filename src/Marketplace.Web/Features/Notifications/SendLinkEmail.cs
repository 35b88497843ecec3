using System.Text.Json.Serialization;
using Marketplace.Web.Infrastructure.Email;

namespace Marketplace.Web.Features.Notifications;

/// <summary>
/// E-mails one address a message whose link opens an account (an invitation, a password reset) made by the job that sends it.
/// (<see cref="SendAccountEmail"/> instead queues a message to an existing account and makes its Identity token when sent.) The delivered message (SMTP,
/// or the .eml file in the pickup folder) carries the link; the copy kept in the e-mail log that admins read at
/// <c>/admin/emails</c> says where it was and not what it was, so reading the log opens nobody's account.
/// </summary>
/// <remarks>
/// Sent by the outbox job that makes the link (<c>SendInvitation</c>, <c>SendPasswordReset</c>), in its transaction, never
/// queued itself: an outbox row is stored in the database. <see cref="Command.Link"/> is left out when a command is
/// serialized, so a queued copy would arrive without its link and be refused rather than store it.
/// </remarks>
public static class SendLinkEmail
{
    /// <summary>Where the body shows the link.</summary>
    public const string LinkPlaceholder = "{link}";

    /// <summary>An address on this site as the e-mail's reader reaches it (<c>App:PublicUrl</c>).</summary>
    public static string LinkTo(IConfiguration configuration, string pathAndQuery) =>
        new Uri(new Uri(configuration["App:PublicUrl"] is { Length: > 0 } url ? url : "http://localhost:5000"), pathAndQuery).AbsoluteUri;

    public const string LoggedInsteadOfLink = "[link removed from this copy: only the message delivered to the recipient carries it]";

    [AllowedRoles(Roles.System)]
    public sealed record Command(string To, string Subject, string Body, [property: JsonIgnore] string Link = "") : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.To).NotEmpty().MaximumLength(320);
            RuleFor(c => c.Subject).NotEmpty().MaximumLength(300);
            RuleFor(c => c.Body).Must(b => b.Contains(LinkPlaceholder, StringComparison.Ordinal))
                .WithMessage($"The body must show the link where it says {LinkPlaceholder}.");
            RuleFor(c => c.Link).NotEmpty().WithMessage("An account e-mail carries a link: send it from the job that made the link, never through the outbox.");
        }
    }

    public sealed class Handler(MarketplaceDb db, IEmailSender sender, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var via = await sender.SendAsync(command.To, command.Subject, command.Body.Replace(LinkPlaceholder, command.Link, StringComparison.Ordinal), cancellationToken);
            db.EmailMessages.Add(new EmailMessage
            {
                To = command.To,
                Subject = command.Subject,
                Body = command.Body.Replace(LinkPlaceholder, LoggedInsteadOfLink, StringComparison.Ordinal),
                SentAt = clock.Now,
                DeliveredVia = via.Truncate(400),
            });
            return Unit.Value;
        }
    }
}

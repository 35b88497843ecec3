using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Email;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Notifications;

/// <summary>
/// E-mails the people of an organization whose duties the message concerns (<see cref="Command.Duties"/>), or all of
/// them when it names none or nobody holds those duties, so no message is lost to an empty audience. Runs from the
/// outbox, never inside a page request.
/// </summary>
public static class SendEmail
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid OrganizationId, string Subject, string Body, IReadOnlyList<string>? Duties = null) : ICommand;

    public sealed class Handler(MarketplaceDb db, IEmailSender sender, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            // Deactivated people no longer hear about the organization's business.
            var members = db.Users.Where(u => u.OrganizationId == command.OrganizationId && u.Email != null && u.DeactivatedAt == null);
            var recipients = new List<string>();
            if (command.Duties is { Count: > 0 } duties)
            {
                recipients = await members
                    .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && duties.Contains(r.Name!))))
                    .OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(cancellationToken);
            }

            if (recipients.Count == 0)
            {
                recipients = await members.OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(cancellationToken);
            }
            foreach (var to in recipients)
            {
                var via = await sender.SendAsync(to, command.Subject, command.Body, cancellationToken);
                db.EmailMessages.Add(new EmailMessage { To = to, Subject = command.Subject, Body = command.Body, SentAt = clock.Now, DeliveredVia = via.Truncate(400) });
            }

            return Unit.Value;
        }
    }
}

public static class OutboxEmailExtensions
{
    /// <summary>Queues an e-mail to the organization's people holding any of <paramref name="duties"/> (everyone when none are named).</summary>
    public static void Email(this Outbox outbox, Guid organizationId, string subject, string body, params string[] duties) =>
        outbox.Enqueue(new SendEmail.Command(organizationId, subject, body, duties.Length == 0 ? null : duties));
}

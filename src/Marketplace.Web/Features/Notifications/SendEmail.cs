using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Email;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Notifications;

/// <summary>E-mails every user of an organization. Runs from the outbox, never inside a page request.</summary>
public static class SendEmail
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid OrganizationId, string Subject, string Body) : ICommand;

    public sealed class Handler(MarketplaceDb db, IEmailSender sender, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var recipients = await db.Users
                .Where(u => u.OrganizationId == command.OrganizationId && u.Email != null)
                .Select(u => u.Email!)
                .ToListAsync(cancellationToken);
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
    public static void Email(this Outbox outbox, Guid organizationId, string subject, string body) =>
        outbox.Enqueue(new SendEmail.Command(organizationId, subject, body));
}

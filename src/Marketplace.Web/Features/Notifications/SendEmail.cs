using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Email;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Infrastructure.Documents;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Notifications;

/// <summary>
/// E-mails the people of an organization whose duties the message concerns (<see cref="Command.Duties"/>), or all of
/// them when it names none or nobody holds those duties, so no message is lost to an empty audience. Runs from the
/// outbox, never inside a page request. An attachment is named by reference (<see cref="EmailAttachment"/>) and made when the
/// message is sent, so no document sits in the outbox table and the copy sent is the record as it is then.
/// </summary>
public static class SendEmail
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid OrganizationId, string Subject, string Body, IReadOnlyList<string>? Duties = null, EmailAttachment? Attachment = null) : ICommand;

    public sealed class Handler(MarketplaceDb db, IEmailSender sender, IClock clock, IOptions<RemittanceOptions> remittance, IOptions<PaymentTermsOptions> terms)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            IReadOnlyList<EmailFile> files = command.Attachment is { } attachment ? [await RenderAsync(attachment, command.OrganizationId, cancellationToken)] : [];

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
                var via = await sender.SendAsync(to, command.Subject, command.Body, files, cancellationToken);
                var logged = files.Count == 0 ? command.Body : $"{command.Body}\n\n[Attached: {string.Join(", ", files.Select(f => f.FileName))}]";
                db.EmailMessages.Add(new EmailMessage { To = to, Subject = command.Subject, Body = logged, SentAt = clock.Now, DeliveredVia = via.Truncate(400) });
            }

            return Unit.Value;
        }

        /// <summary>
        /// Makes the attached document. An organization's e-mail carries only its own records: an invoice goes to the
        /// organization that pays it, or the message is not sent at all (the row fails and shows on the outbox page).
        /// </summary>
        private async Task<EmailFile> RenderAsync(EmailAttachment attachment, Guid organizationId, CancellationToken cancellationToken)
        {
            switch (attachment.Kind)
            {
                case EmailAttachment.Invoice:
                    var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == attachment.Id, cancellationToken)
                                  ?? throw new InvalidOperationException($"Invoice {attachment.Id} to attach does not exist.");
                    if (invoice.PayerId != organizationId)
                    {
                        throw new InvalidOperationException($"Invoice {invoice.Number} is not {organizationId}'s to receive: it is attached only to its payer's e-mail.");
                    }

                    var content = await Payments.GetInvoiceDocument.ContentAsync(db, invoice, remittance.Value, terms.Value.WireThreshold, clock.Now, cancellationToken);
                    return new EmailFile($"invoice-{invoice.Number}.pdf", "application/pdf", InvoiceDocument.Render(content));
                default:
                    throw new InvalidOperationException($"No e-mail attachment of kind \"{attachment.Kind}\".");
            }
        }
    }
}

/// <summary>A document to attach, by kind and id: made when the e-mail is sent.</summary>
public sealed record EmailAttachment(string Kind, Guid Id)
{
    /// <summary>An invoice's PDF (<see cref="InvoiceDocument"/>), attached only to e-mails to the organization that pays it.</summary>
    public const string Invoice = "invoice";
}

public static class OutboxEmailExtensions
{
    /// <summary>Queues an e-mail to the organization's people holding any of <paramref name="duties"/> (everyone when none are named).</summary>
    public static void Email(this Outbox outbox, Guid organizationId, string subject, string body, params string[] duties) =>
        outbox.Enqueue(new SendEmail.Command(organizationId, subject, body, duties.Length == 0 ? null : duties));

    /// <summary>Queues an e-mail to the people of the organization that pays <paramref name="invoiceId"/>, with the invoice's PDF attached.</summary>
    public static void EmailWithInvoice(this Outbox outbox, Guid payerId, Guid invoiceId, string subject, string body, params string[] duties) =>
        outbox.Enqueue(new SendEmail.Command(payerId, subject, body, duties.Length == 0 ? null : duties, new EmailAttachment(EmailAttachment.Invoice, invoiceId)));
}

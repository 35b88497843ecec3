using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Email;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Infrastructure.Documents;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Jobs;
using Mediator;
using MimeKit;
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
    public sealed record Command(Guid OrganizationId, string Subject, string Body, IReadOnlyList<string>? Duties = null, EmailAttachment? Attachment = null)
        : ICommand, IPreparedBeforeTransaction;

    /// <summary>
    /// The letters one command queued (<see cref="OutboxEmailExtensions.Email"/>: a hand-over tells the district and the buyer),
    /// sent by one job rather than one job per organization: their messages are delivered together (over one SMTP
    /// connection) and logged in one transaction. As with one organization's several recipients, a delivery that fails
    /// part-way fails the job, whose retry sends every letter of it again: a rare duplicate, never a lost message.
    /// </summary>
    [AllowedRoles(Roles.System)]
    public sealed record Letters(IReadOnlyList<Command> Items) : ICommand, IPreparedBeforeTransaction;

    /// <summary>The messages of one letter, one per recipient, ready to deliver.</summary>
    internal sealed record Composed(IReadOnlyList<string> Recipients, IReadOnlyList<MimeMessage> Messages, string Logged);

    /// <summary>
    /// Composes the messages before the transaction (recipients read, each message built and encoded) and stages them with
    /// the sender (<see cref="IEmailSender.Stage"/>: the pickup folder writes their files), so the command holds SQLite's write
    /// lock only to deliver them and record that it did. The handler reads the recipients again inside its transaction and
    /// composes anew if they changed meanwhile. A message with an attachment is composed inside: the document is made from
    /// the record as it is when the message is sent. What was staged and not delivered (a run that found its row completed
    /// by another, recipients that changed, a failure) is dropped with the command's scope.
    /// </summary>
    public sealed class Draft(MarketplaceDb db, IEmailSender sender) : IPreparation<Command>, IPreparation<Letters>, IDisposable
    {
        private readonly Prepared<Command, Composed> _prepared = new();

        internal Composed? For(Command letter, IReadOnlyList<string> recipients) =>
            _prepared.For(letter) is { } composed && composed.Recipients.SequenceEqual(recipients, StringComparer.Ordinal) ? composed : null;

        public ValueTask PrepareAsync(Command command, CancellationToken cancellationToken) => PrepareAsync([command], cancellationToken);

        public ValueTask PrepareAsync(Letters command, CancellationToken cancellationToken) => PrepareAsync(command.Items, cancellationToken);

        private async ValueTask PrepareAsync(IReadOnlyList<Command> letters, CancellationToken cancellationToken)
        {
            foreach (var letter in letters.Where(l => l.Attachment is null && !_prepared.Has(l)))
            {
                var composed = Compose(sender, letter, await RecipientsAsync(db, letter, cancellationToken), []);
                _prepared.Keep(letter, composed);
                sender.Stage(composed.Messages);
            }
        }

        public void Dispose()
        {
            foreach (var composed in _prepared.All)
            {
                sender.Unstage(composed.Messages);
            }
        }
    }

    public sealed class Handler(Postman postman) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await postman.SendAsync([command], cancellationToken);
            return Unit.Value;
        }
    }

    public sealed class LettersHandler(Postman postman) : ICommandHandler<Letters>
    {
        public async ValueTask<Unit> Handle(Letters command, CancellationToken cancellationToken)
        {
            await postman.SendAsync(command.Items, cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>Sends letters inside the command's transaction: recipients read again, messages delivered in order, each logged.</summary>
    public sealed class Postman(MarketplaceDb db, IEmailSender sender, IClock clock, IOptions<RemittanceOptions> remittance, IOptions<PaymentTermsOptions> terms, Draft draft)
    {
        internal async Task SendAsync(IReadOnlyList<Command> letters, CancellationToken cancellationToken)
        {
            var messages = new List<MimeMessage>();
            var logged = new List<(string To, string Subject, string Body)>();
            foreach (var letter in letters)
            {
                var recipients = await RecipientsAsync(db, letter, cancellationToken);
                var composed = draft.For(letter, recipients)
                    ?? Compose(sender, letter, recipients, letter.Attachment is { } attachment ? [await RenderAsync(attachment, letter.OrganizationId, cancellationToken)] : []);
                messages.AddRange(composed.Messages);
                logged.AddRange(recipients.Select(to => (to, letter.Subject, composed.Logged)));
            }

            var delivered = await sender.DeliverAsync(messages, cancellationToken);
            for (var i = 0; i < logged.Count; i++)
            {
                db.EmailMessages.Add(new EmailMessage { To = logged[i].To, Subject = logged[i].Subject, Body = logged[i].Body, SentAt = clock.Now, DeliveredVia = delivered[i].Truncate(400) });
            }
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

    /// <summary>
    /// The people of the organization holding any of the command's duties, or all of them when it names none or nobody holds
    /// those duties; deactivated people no longer hear about the organization's business. One query either way: every member,
    /// with each role they hold. The duties are matched here rather than in SQL: a list parameter in the query (an IN list)
    /// makes EF Core generate its SQL again on every run, which cost more than the query itself inside the e-mail job's
    /// write turn.
    /// </summary>
    private static async Task<IReadOnlyList<string>> RecipientsAsync(MarketplaceDb db, Command command, CancellationToken cancellationToken)
    {
        var people = new List<(string Email, bool Holds)>();
        await foreach (var member in MembersWithRoles(db, command.OrganizationId).WithCancellation(cancellationToken))
        {
            var holds = member.Role is { } role && command.Duties is { } duties && duties.Contains(role, StringComparer.Ordinal);
            if (people.Count > 0 && people[^1].Email == member.Email)
            {
                people[^1] = (member.Email, people[^1].Holds || holds);
            }
            else
            {
                people.Add((member.Email, holds));
            }
        }

        var holders = people.Where(p => p.Holds).Select(p => p.Email).ToList();
        return holders.Count > 0 ? holders : [.. people.Select(p => p.Email)];
    }

    internal sealed record MemberRole(string Email, string? Role);

    /// <summary>
    /// Every active member with an e-mail address, once per role held (once with none when holding none), by address.
    /// Compiled once (EF.CompileAsyncQuery): an e-mail job reads it before its transaction and again inside its write
    /// turn, and building the query's expression tree cost more than running it.
    /// </summary>
    private static readonly Func<MarketplaceDb, Guid, IAsyncEnumerable<MemberRole>> MembersWithRoles = EF.CompileAsyncQuery(
        (MarketplaceDb db, Guid organizationId) =>
            from u in db.Users.AsNoTracking()
            where u.OrganizationId == organizationId && u.Email != null && u.DeactivatedAt == null
            join ur in db.UserRoles on u.Id equals ur.UserId into memberships
            from ur in memberships.DefaultIfEmpty()
            join r in db.Roles on ur!.RoleId equals r.Id into roles
            from r in roles.DefaultIfEmpty()
            orderby u.Email, u.Id
            select new MemberRole(u.Email!, r!.Name));

    private static Composed Compose(IEmailSender sender, Command command, IReadOnlyList<string> recipients, IReadOnlyList<EmailFile> files) => new(
        recipients,
        [.. recipients.Select(to => sender.Compose(to, command.Subject, command.Body, files))],
        files.Count == 0 ? command.Body : $"{command.Body}\n\n[Attached: {string.Join(", ", files.Select(f => f.FileName))}]");
}

/// <summary>A document to attach, by kind and id: made when the e-mail is sent.</summary>
public sealed record EmailAttachment(string Kind, Guid Id)
{
    /// <summary>An invoice's PDF (<see cref="InvoiceDocument"/>), attached only to e-mails to the organization that pays it.</summary>
    public const string Invoice = "invoice";
}

public static class OutboxEmailExtensions
{
    /// <summary>
    /// Queues an e-mail to the organization's people holding any of <paramref name="duties"/> (everyone when none are named).
    /// The e-mails one command queues are sent by one job (<see cref="SendEmail.Letters"/>).
    /// </summary>
    public static void Email(this Outbox outbox, Guid organizationId, string subject, string body, params string[] duties) =>
        outbox.Letter(new SendEmail.Command(organizationId, subject, body, duties.Length == 0 ? null : duties));

    /// <summary>Queues an e-mail to the people of the organization that pays <paramref name="invoiceId"/>, with the invoice's PDF attached.</summary>
    public static void EmailWithInvoice(this Outbox outbox, Guid payerId, Guid invoiceId, string subject, string body, params string[] duties) =>
        outbox.Letter(new SendEmail.Command(payerId, subject, body, duties.Length == 0 ? null : duties, new EmailAttachment(EmailAttachment.Invoice, invoiceId)));

    private static void Letter(this Outbox outbox, SendEmail.Command letter) =>
        outbox.Gather<SendEmail.Letters>(letters => new SendEmail.Letters([.. letters?.Items ?? [], letter]));
}

/// <summary>The notifications area's services beyond its handlers and validators.</summary>
public static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<SendEmail.Draft>();
        services.AddScoped<IPreparation<SendEmail.Command>>(sp => sp.GetRequiredService<SendEmail.Draft>());
        services.AddScoped<IPreparation<SendEmail.Letters>>(sp => sp.GetRequiredService<SendEmail.Draft>());
        services.AddScoped<SendEmail.Postman>();
        return services;
    }
}

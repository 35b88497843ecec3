using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Payments;

/// <summary>
/// Daily (a Hangfire recurring job): invoices on net terms (a purchase order on record, not a card) that are still open are
/// reminded 7 days before, on, and 7 days after their due date. Each reminder is a row with a unique key per invoice and
/// kind, written with its e-mail in one transaction: a re-run, or a run that overlaps another, sends nothing twice.
/// </summary>
public static class SendInvoiceReminders
{
    [AllowedRoles(Roles.System)]
    public sealed record Command : ICommand<int>;

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var today = clock.Today;
            // Only invoices whose due date puts one of the three reminders in its window today.
            var latest = today.AddDays(InvoiceReminder.DaysAround);
            var earliest = today.AddDays(-2 * InvoiceReminder.DaysAround + 1);
            var candidates = await db.Invoices
                .Where(i => i.Status == InvoiceStatus.Open && i.Method != PaymentMethod.Card && i.PurchaseOrderNumber != null && i.DueOn <= latest && i.DueOn >= earliest)
                .Select(i => new { Invoice = i, Sent = db.InvoiceReminders.Where(r => r.InvoiceId == i.Id).Select(r => r.Kind).ToList() })
                .ToListAsync(cancellationToken);
            var sent = 0;
            foreach (var candidate in candidates)
            {
                var invoice = candidate.Invoice;
                if (InvoiceReminder.DueOn(invoice.DueOn, today) is not { } kind || candidate.Sent.Contains(kind))
                {
                    continue;
                }

                db.InvoiceReminders.Add(new InvoiceReminder { InvoiceId = invoice.Id, Kind = kind, SentAt = clock.Now });
                var (subject, opening) = kind switch
                {
                    InvoiceReminderKind.WeekBefore => ($"Payment reminder: invoice {invoice.Number} is due {invoice.DueOn:MMMM d}",
                        $"Invoice {invoice.Number} for {invoice.Amount:C} is due in {invoice.DueOn.DayNumber - today.DayNumber} days, on {invoice.DueOn:MMMM d, yyyy}."),
                    InvoiceReminderKind.DueToday => ($"Payment reminder: invoice {invoice.Number} is due today",
                        $"Invoice {invoice.Number} for {invoice.Amount:C} is due today, {invoice.DueOn:MMMM d, yyyy}."),
                    _ => ($"Overdue payment reminder: invoice {invoice.Number} was due {invoice.DueOn:MMMM d}",
                        $"Invoice {invoice.Number} for {invoice.Amount:C} was due on {invoice.DueOn:MMMM d, yyyy} and is {today.DayNumber - invoice.DueOn.DayNumber} days overdue."),
                };
                outbox.Email(invoice.PayerId, subject,
                    $"{opening}\nPurchase order {invoice.PurchaseOrderNumber}. Pay by ACH, wire or check to the remit-to details on the invoice, quoting {invoice.Number}. " +
                    $"If you have already paid, thank you: finance records the payment when it arrives.\n{configuration.PageUrl($"/invoices/{invoice.Id}/invoice.pdf")}",
                    Roles.OrganizationAdmin, Roles.RefurbisherBuyer, Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover);
                sent++;
            }

            return sent;
        }
    }
}

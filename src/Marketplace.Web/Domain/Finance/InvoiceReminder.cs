namespace Marketplace.Web.Domain.Finance;

/// <summary>The three payment reminders of an invoice on net terms, by their day relative to the due date.</summary>
public enum InvoiceReminderKind { WeekBefore, DueToday, WeekOverdue }

/// <summary>
/// A payment reminder sent for an invoice: one row per invoice and kind (a unique key), written in the same transaction as
/// the e-mail's outbox row, so a job that runs again, or twice at once, never reminds twice.
/// </summary>
public sealed class InvoiceReminder
{
    public const int DaysAround = 7;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid InvoiceId { get; init; }
    public InvoiceReminderKind Kind { get; init; }
    public DateTimeOffset SentAt { get; init; }

    /// <summary>
    /// The reminder an open invoice is due on <paramref name="today"/>, if any: 7 days before the due date, on it, and 7 days
    /// after. A job that missed a day catches up: each reminder is due from its day until the next one's (the week-before
    /// one until the due date, the due-date one for a week, the overdue one for a week), so the latest one due is sent and a skipped one is not sent late.
    /// </summary>
    public static InvoiceReminderKind? DueOn(DateOnly dueOn, DateOnly today) =>
        today >= dueOn.AddDays(2 * DaysAround) ? null
        : today >= dueOn.AddDays(DaysAround) ? InvoiceReminderKind.WeekOverdue
        : today >= dueOn ? InvoiceReminderKind.DueToday
        : today >= dueOn.AddDays(-DaysAround) ? InvoiceReminderKind.WeekBefore
        : null;
}

using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;

namespace Marketplace.Tests.Domain.Finance;

/// <summary>Net terms, due dates, bank receipts and the wire threshold of an invoice.</summary>
public sealed class NetTermsTests
{
    private static readonly DateTimeOffset Issued = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    private static Invoice OpenInvoice(decimal amount = 1320m, int netTerms = 30) => new()
    {
        Number = "INV-7K3F9Q", Description = "Lot", Amount = amount, IssuedAt = Issued, NetTermsDays = netTerms,
        DueOn = Invoice.DueDate(DateOnly.FromDateTime(Issued.UtcDateTime), netTerms),
    };

    [Theory]
    [InlineData(30, "2026-04-01")]
    [InlineData(45, "2026-04-16")]
    [InlineData(0, "2026-03-02")]
    public void The_due_date_is_the_issue_date_plus_the_buyers_net_terms(int days, string due) =>
        Assert.Equal(DateOnly.Parse(due), Invoice.DueDate(new DateOnly(2026, 3, 2), days));

    [Fact]
    public void A_buyer_is_on_net_30_until_finance_agrees_other_terms()
    {
        var school = new Organization { Name = "Lakeside Elementary", Kind = OrganizationKind.School };
        Assert.Equal(30, school.NetTermsDays);

        school.SetNetTerms(45);

        Assert.Equal(45, school.NetTermsDays);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(121)]
    public void Net_terms_outside_0_to_120_days_are_refused(int days)
    {
        var school = new Organization { Name = "Lakeside Elementary", Kind = OrganizationKind.School };

        var refused = Assert.Throws<DomainException>(() => school.SetNetTerms(days));

        Assert.Equal("Net terms must be between 0 (due on receipt) and 120 days.", refused.Message);
        Assert.Equal(30, school.NetTermsDays);
    }

    [Fact]
    public void An_invoice_is_overdue_the_day_after_its_due_date_while_it_is_open()
    {
        var invoice = OpenInvoice();

        Assert.False(invoice.IsOverdue(new DateOnly(2026, 4, 1)));
        Assert.True(invoice.IsOverdue(new DateOnly(2026, 4, 2)));
        invoice.MarkPaid(PaymentMethod.Check, "CHK-1", Issued.AddDays(40));
        Assert.False(invoice.IsOverdue(new DateOnly(2026, 4, 2)));
    }

    [Fact]
    public void A_wire_receipt_records_the_amount_the_day_and_the_bank_reference()
    {
        var invoice = OpenInvoice(48_500m);

        invoice.RecordReceipt(PaymentMethod.Wire, 48_500m, new DateOnly(2026, 3, 20), " FED-REF 20260320-77 ", Issued.AddDays(19));

        Assert.Equal((InvoiceStatus.Paid, PaymentMethod.Wire, 48_500m, new DateOnly(2026, 3, 20), "FED-REF 20260320-77"),
            (invoice.Status, invoice.Method, invoice.AmountReceived, invoice.ReceivedOn, invoice.PaymentReference));
    }

    [Theory]
    [InlineData(48_000, "2026-03-20", "The amount received (48,000.00 USD) does not match invoice INV-7K3F9Q (48,500.00 USD)")]
    [InlineData(48_500, "2026-03-22", "The date received cannot be in the future.")]
    [InlineData(48_500, "2026-03-01", "The date received cannot be before the invoice was issued (March 2, 2026).")]
    public void A_receipt_that_does_not_match_the_invoice_is_refused_and_leaves_it_open(int amount, string day, string message)
    {
        var invoice = OpenInvoice(48_500m);

        var refused = Assert.Throws<DomainException>(() =>
            invoice.RecordReceipt(PaymentMethod.Wire, amount, DateOnly.Parse(day), "FED-1", new DateTimeOffset(2026, 3, 21, 12, 0, 0, TimeSpan.Zero)));

        Assert.StartsWith(message, refused.Message);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Null(invoice.AmountReceived);
    }

    [Theory]
    [InlineData(25_000, false)]
    [InlineData(25_000.01, true)]
    public void Above_the_wire_threshold_an_invoice_is_paid_by_bank_transfer(decimal amount, bool bank) =>
        Assert.Equal(bank, OpenInvoice(amount).RequiresBankTransfer(25_000m));

    [Theory]
    [InlineData("2026-03-24", null)]
    [InlineData("2026-03-25", InvoiceReminderKind.WeekBefore)]
    [InlineData("2026-03-31", InvoiceReminderKind.WeekBefore)]
    [InlineData("2026-04-01", InvoiceReminderKind.DueToday)]
    [InlineData("2026-04-07", InvoiceReminderKind.DueToday)]
    [InlineData("2026-04-08", InvoiceReminderKind.WeekOverdue)]
    [InlineData("2026-04-14", InvoiceReminderKind.WeekOverdue)]
    [InlineData("2026-04-15", null)]
    public void Reminders_fall_due_7_days_before_on_and_7_days_after_the_due_date(string today, InvoiceReminderKind? expected) =>
        Assert.Equal(expected, InvoiceReminder.DueOn(new DateOnly(2026, 4, 1), DateOnly.Parse(today)));
}

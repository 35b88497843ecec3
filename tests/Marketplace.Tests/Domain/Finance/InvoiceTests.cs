using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;

namespace Marketplace.Tests.Domain.Finance;

public sealed class InvoiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Marking_an_invoice_paid_records_how_and_when()
    {
        var invoice = new Invoice { Number = "INV-7K3F9Q", Description = "Lot", Amount = 1320m };

        invoice.MarkPaid(PaymentMethod.Ach, " ACH-20260302-001 ", Now);

        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(PaymentMethod.Ach, invoice.Method);
        Assert.Equal("ACH-20260302-001", invoice.PaymentReference);
        Assert.Equal(Now, invoice.PaidAt);
    }

    [Fact]
    public void An_invoice_cannot_be_marked_paid_twice()
    {
        var invoice = new Invoice { Number = "INV-7K3F9Q", Description = "Lot", Amount = 1320m };
        invoice.MarkPaid(PaymentMethod.Ach, "ACH-1", Now);

        var refused = Assert.Throws<DomainException>(() => invoice.MarkPaid(PaymentMethod.Check, "CHK-2", Now.AddDays(1)));

        Assert.Contains("not open", refused.Message);
        Assert.Equal("ACH-1", invoice.PaymentReference);
        Assert.Equal(Now, invoice.PaidAt);
    }
}

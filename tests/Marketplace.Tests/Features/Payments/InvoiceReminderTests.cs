using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Payments;

/// <summary>The reminder job against a clock the test moves: 7 days before, on and 7 days after the due date, each once.</summary>
public sealed class InvoiceReminderTests : IAsyncLifetime
{
    private static readonly Uri OrdersUrl = new("http://marketplace.test/store/orders/");
    private readonly ClockedMarketplaceFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Each_reminder_is_sent_once_on_its_day_and_a_rerun_sends_nothing_new()
    {
        var issued = new DateOnly(2026, 9, 1);
        _app.Clock.MoveTo(issued);
        var invoice = await PurchaseOrderInvoiceAsync();
        Assert.Equal(issued.AddDays(30), invoice.DueOn);

        // Counted as each run queues them, by the rows new to the run: completed outbox rows older than 14 days (by the moved
        // clock) are pruned, possibly while the run is under way, so a count before and after would miss a run's row.
        var emails = 0;
        Task<List<Guid>> RemindersQueued() =>
            _app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Payload.Contains(invoice.Number) && m.Payload.Contains("reminder")).Select(m => m.Id).ToListAsync());
        async Task<int> RunOn(DateOnly day)
        {
            _app.Clock.MoveTo(day);
            var before = (await RemindersQueued()).ToHashSet();
            var sent = await _app.SendAsSystemAsync(new SendInvoiceReminders.Command());
            emails += (await RemindersQueued()).Count(id => !before.Contains(id));
            return sent;
        }

        Assert.Equal(0, await RunOn(invoice.DueOn.AddDays(-8)));
        Assert.Equal(1, await RunOn(invoice.DueOn.AddDays(-7)));
        Assert.Equal(0, await RunOn(invoice.DueOn.AddDays(-7)));
        Assert.Equal(0, await RunOn(invoice.DueOn.AddDays(-1)));
        Assert.Equal(1, await RunOn(invoice.DueOn));
        Assert.Equal(0, await RunOn(invoice.DueOn));
        Assert.Equal(1, await RunOn(invoice.DueOn.AddDays(7)));
        Assert.Equal(0, await RunOn(invoice.DueOn.AddDays(8)));

        var kinds = await _app.WithDbAsync(db => db.InvoiceReminders.Where(r => r.InvoiceId == invoice.Id).OrderBy(r => r.SentAt).Select(r => r.Kind).ToListAsync());
        Assert.Equal([InvoiceReminderKind.WeekBefore, InvoiceReminderKind.DueToday, InvoiceReminderKind.WeekOverdue], kinds);
        Assert.Equal(3, emails);
    }

    [Fact]
    public async Task A_paid_invoice_is_not_reminded()
    {
        _app.Clock.MoveTo(new DateOnly(2026, 9, 1));
        var invoice = await PurchaseOrderInvoiceAsync();
        await _app.SendAsAsync(LotJourneys.Finance, new MarkInvoicePaid.Command(invoice.Id, PaymentMethod.Check, "CHK-5521"));

        _app.Clock.MoveTo(invoice.DueOn);
        await _app.SendAsSystemAsync(new SendInvoiceReminders.Command());

        Assert.False(await _app.WithDbAsync(db => db.InvoiceReminders.AnyAsync(r => r.InvoiceId == invoice.Id)));
    }

    [Fact]
    public async Task The_due_date_follows_the_buyers_net_terms_when_the_invoice_is_issued()
    {
        _app.Clock.MoveTo(new DateOnly(2026, 9, 1));
        var school = await _app.WithDbAsync(db => db.Organizations.Where(o => o.Name == "Lakeside Elementary School").Select(o => o.Id).SingleAsync());
        await _app.SendAsAsync(LotJourneys.Finance, new Marketplace.Web.Features.Finance.SetNetTerms.Command(school, 45));

        var invoice = await PurchaseOrderInvoiceAsync();

        Assert.Equal((45, new DateOnly(2026, 10, 16)), (invoice.NetTermsDays, invoice.DueOn));
        await _app.SendAsAsync(LotJourneys.Finance, new Marketplace.Web.Features.Finance.SetNetTerms.Command(school, 30));
        Assert.Equal(new DateOnly(2026, 10, 16), await _app.WithDbAsync(db => db.Invoices.Where(i => i.Id == invoice.Id).Select(i => i.DueOn).SingleAsync()));
    }

    private async Task<Invoice> PurchaseOrderInvoiceAsync()
    {
        var listingId = await _app.SendAsAsync(LotJourneys.Refurbisher, StockListings.Command($"HP Chromebook 11 G9 {Guid.NewGuid():N}"[..28], null,
            DeviceCategory.Chromebook, CosmeticGrade.A, 150m, 1, 12));
        await _app.SendAsAsync("school@demo.k12", new AddToCart.Command(listingId, 1));
        var placed = await _app.SendAsAsync("school@demo.k12", new Checkout.Command(PaymentMethod.PurchaseOrder, "PO-LES-7001", await _app.SiteOfAsync("school@demo.k12"), OrdersUrl));
        var invoiceId = Assert.Single(placed.InvoiceIds);
        return await _app.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId));
    }
}

using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Finance;

/// <summary>Finance's invoice and payout lists page through thousands of rows instead of stopping at a limit.</summary>
public sealed partial class FinanceListPagingTests : IAsyncLifetime
{
    private const int Invoices = 620;
    private const int Payouts = 130;
    private readonly MarketplaceFactory _factory = new();

    public async ValueTask InitializeAsync() =>
        await _factory.WithDbAsync(async db =>
        {
            var school = await db.Organizations.SingleAsync(o => o.Name == "Lakeside Elementary School");
            var district = await db.Organizations.SingleAsync(o => o.Name == "Maple Valley School District");
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < Invoices; i++)
            {
                db.Invoices.Add(new Invoice
                {
                    Number = $"INV-PAGE-{i:D4}", PayerId = school.Id, Description = $"Order {i}", Amount = 100m + i,
                    IssuedAt = start.AddHours(i), DueOn = new DateOnly(2026, 3, 1),
                });
            }

            for (var i = 0; i < Payouts; i++)
            {
                // One payout per lot, as the escrow allows.
                var lot = new Marketplace.Web.Domain.Lots.Lot { Number = $"LOT-PAGE-{i:D3}", Title = "Paging", DistrictId = district.Id, CreatedAt = start };
                db.Lots.Add(lot);
                db.Payouts.Add(Payout.ForApproval(lot.Id, district.Id, new Money(10m + i, "USD"), PayoutMethod.Ach, start.AddHours(i)));
            }

            await db.SaveChangesAsync();
        });

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Every_open_invoice_can_be_reached_page_by_page_newest_first()
    {
        var finance = await BrowserClient.SignInAsync(_factory, "finance@demo.k12");

        var first = await finance.GetPageAsync("/finance/invoices");
        var last = await finance.GetPageAsync("/finance/invoices?status=Open&page=13");
        var beyond = await finance.GetPageAsync("/finance/invoices?status=Open&page=99");

        Assert.Contains($"Showing 1–50 of {Invoices:N0} invoices", first);
        Assert.Contains($"INV-PAGE-{Invoices - 1:D4}", first);
        Assert.Contains("href=\"/finance/invoices?status=Open&amp;page=2\"", first);
        Assert.Contains($"Showing 601–{Invoices:N0} of {Invoices:N0} invoices", last);
        Assert.Contains("INV-PAGE-0000", last);
        Assert.Equal(20, InvoiceNumber().Matches(last).Count);
        Assert.Contains($"Showing 601–{Invoices:N0}", beyond);
    }

    [Fact]
    public async Task Every_payout_can_be_reached_page_by_page()
    {
        var finance = await BrowserClient.SignInAsync(_factory, "finance@demo.k12");

        var third = await finance.GetPageAsync("/finance/payouts?page=3");

        Assert.Contains($"Showing 101–{Payouts} of {Payouts} payouts", third);
        Assert.Equal(Payouts - 100, ApproveButton().Matches(third).Count);
    }

    [GeneratedRegex(">INV-PAGE-\\d{4}<")]
    private static partial Regex InvoiceNumber();

    [GeneratedRegex("Approve and send the payout")]
    private static partial Regex ApproveButton();
}

using System.Net;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Storefront;

/// <summary>Returns (RMA) and warranty claims, from the school's request to the refund, with the clock moved for the deadlines.</summary>
public sealed class ReturnsTests(ClockedMarketplaceFactory app) : IClassFixture<ClockedMarketplaceFactory>
{
    [Fact]
    public async Task A_school_returns_a_unit_the_seller_approves_and_refunds_part_of_it_and_the_ledger_balances()
    {
        app.Clock.MoveTo(DateOnly.FromDateTime(DateTime.UtcNow));
        var sale = await DeliveredOrderAsync(price: 180m, serials: ["RMA-SN-001", "RMA-SN-002"]);

        var requested = WebUtility.HtmlDecode(await sale.School.SubmitAsync($"/store/orders/{sale.OrderId}", $"/store/orders/{sale.OrderId}/returns", new()
        {
            ["OrderLineId"] = sale.LineId.ToString(), ["Kind"] = nameof(ReturnKind.Return), ["Quantity"] = "1", ["Serials"] = "RMA-SN-002",
            ["Reason"] = nameof(ReturnReason.DoesNotWork), ["Details"] = "Screen stays black.",
        }));
        var request = await app.WithDbAsync(db => db.ReturnRequests.AsNoTracking().SingleAsync(r => r.OrderId == sale.OrderId));
        Assert.Contains("Request sent. The seller answers within 3 business days.", requested);
        Assert.Contains(request.Number, requested);
        Assert.Equal(("RMA-SN-002", 1, ReturnStatus.Requested), (request.Serials, request.Quantity, request.Status));
        var toSeller = await app.WaitForAsync(sale.SellerEmail, $"Return {request.Number} on order {sale.Number}");
        Assert.Contains($"1 × {sale.Title} at $180.00 = $180.00", toSeller.TextBody);
        Assert.Contains("Serials: RMA-SN-002", toSeller.TextBody);
        Assert.Contains("Reason: Does not work — Screen stays black.", toSeller.TextBody);
        Assert.Contains(request.Number, await sale.School.GetPageAsync("/store/returns"));

        await sale.Seller.SubmitAsync($"/store/returns/{request.Id}", $"/store/returns/{request.Id}/answer", new()
        {
            ["approve"] = "true", ["text"] = "Ship to Refurb Co., 12 Dock Rd, Reno NV. Write the RMA number on the box.",
        });
        Assert.Contains("12 Dock Rd, Reno NV", (await app.WaitForAsync(sale.SchoolEmail, $"Return {request.Number} approved")).TextBody);

        var tooMuch = await sale.Seller.PostFormAsync($"/store/returns/{request.Id}", $"/store/returns/{request.Id}/resolve", new() { ["outcome"] = "Refund", ["refundAmount"] = "180.01" });
        Assert.Equal($"A refund for {request.Number} is between $0.01 and $180.00, what was paid for the unit.", await sale.Seller.RefusalAsync(tooMuch));

        await sale.Seller.SubmitAsync($"/store/returns/{request.Id}", $"/store/returns/{request.Id}/resolve", new() { ["outcome"] = "Refund", ["refundAmount"] = "150.00" });

        var resolved = await app.WaitForAsync(sale.SchoolEmail, $"Return {request.Number} resolved: refund");
        Assert.Contains("$150.00 is credited on invoice", resolved.TextBody);
        var (invoice, postings) = await app.WithDbAsync(async db => (
            await db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId == sale.OrderId),
            await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).Where(t => t.OrderId == sale.OrderId).ToListAsync()));
        Assert.Equal(150m, invoice.RefundedAmount);
        var entries = postings.SelectMany(t => t.Entries).ToList();
        Assert.All(postings, t => Assert.Equal(t.Entries.Sum(e => e.Debit), t.Entries.Sum(e => e.Credit)));
        decimal Balance(LedgerAccount account) => entries.Where(e => e.Account == account).Sum(e => e.Debit - e.Credit);
        Assert.Equal(2 * 180m + 25m - 150m, Balance(LedgerAccount.BuyerReceivable));
        var credit = Assert.Single(postings, t => t.Source == LedgerSource.Refund);
        var sellerShare = credit.Entries.Single(e => e.Account == LedgerAccount.RefurbisherPayable).Debit;
        Assert.Equal(150m, sellerShare + credit.Entries.Where(e => e.Account == LedgerAccount.Refunds).Sum(e => e.Debit));
        Assert.InRange(sellerShare, 130m, 150m);

        var invoiceId = invoice.Id;
        await app.SendAsAsync(LotJourneys.Finance, new Marketplace.Web.Features.Payments.MarkInvoicePaid.Command(invoiceId, PaymentMethod.Ach, "ACH-RMA-1"));
        var afterPayment = await app.WithDbAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.Account == LedgerAccount.BuyerReceivable
            && db.LedgerTransactions.Any(t => t.Id == e.TransactionId && t.OrderId == sale.OrderId)).ToListAsync());
        Assert.Equal(0m, afterPayment.Sum(e => e.Debit - e.Credit));

        var again = await sale.Seller.PostFormAsync($"/store/returns/{request.Id}", $"/store/returns/{request.Id}/resolve", new() { ["outcome"] = "Refund", ["refundAmount"] = "10" });
        Assert.Equal($"{request.Number} is already resolved.", await sale.Seller.RefusalAsync(again));
        Assert.Single(await app.WithDbAsync(db => db.LedgerTransactions.Where(t => t.OrderId == sale.OrderId && t.Source == LedgerSource.Refund).ToListAsync()));
    }

    [Fact]
    public async Task A_return_credited_on_a_taxed_purchase_order_gives_back_its_share_of_the_sales_tax_and_the_ledger_balances()
    {
        app.Clock.MoveTo(DateOnly.FromDateTime(DateTime.UtcNow));
        var sale = await DeliveredOrderAsync(price: 180m, serials: ["TAX-RMA-1", "TAX-RMA-2"], buyer: OrganizationKind.District);
        var order = await app.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == sale.OrderId));
        // Washington's 6.5% on devices and shipping: (360.00 + 25.00) × 6.5% = 25.025 → 25.03, total 410.03.
        Assert.Equal((25.03m, 410.03m), (order.SalesTax, order.Total));
        var requestId = await app.SendAsAsync(sale.SchoolEmail, new RequestReturn.Command(sale.OrderId, sale.LineId, ReturnKind.Return, 1, "TAX-RMA-1",
            ReturnReason.DoesNotWork, "No power."));
        await app.SendAsAsync(sale.SellerEmail, new AnswerReturn.Command(requestId, true, "Ship it back to our dock."));

        await app.SendAsAsync(sale.SellerEmail, new ResolveReturn.Command(requestId, ReturnOutcome.Refund, 150m));

        var postings = await app.WithDbAsync(db => db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).Where(t => t.OrderId == sale.OrderId).ToListAsync());
        Assert.All(postings, t => Assert.Equal(t.Entries.Sum(e => e.Debit), t.Entries.Sum(e => e.Credit)));
        var credit = Assert.Single(postings, t => t.Source == LedgerSource.Refund);
        // 150 × 25.03 / 410.03 = 9.1566… → 9.16 of tax given back; the seller and the platform share the rest as before.
        Assert.Equal(9.16m, credit.Entries.Single(e => e.Account == LedgerAccount.SalesTaxPayable).Debit);
        var proceeds = postings.Single(t => t.Source == LedgerSource.StorefrontSale).Entries.Single(e => e.Account == LedgerAccount.RefurbisherPayable).Credit;
        Assert.Equal(decimal.Round(150m * proceeds / 410.03m, 2, MidpointRounding.AwayFromZero), credit.Entries.Single(e => e.Account == LedgerAccount.RefurbisherPayable).Debit);
        Assert.Equal(150m, credit.Entries.Single(e => e.Account == LedgerAccount.BuyerReceivable).Credit);
        Assert.Equal(25.03m - 9.16m, postings.SelectMany(t => t.Entries).Where(e => e.Account == LedgerAccount.SalesTaxPayable).Sum(e => e.Credit - e.Debit));
    }

    [Fact]
    public async Task A_returned_taxed_unit_is_refundable_with_its_sales_tax_and_its_full_refund_gives_that_tax_back()
    {
        app.Clock.MoveTo(DateOnly.FromDateTime(DateTime.UtcNow));
        var sale = await DeliveredOrderAsync(price: 180m, serials: ["TAX-FULL-1", "TAX-FULL-2"], buyer: OrganizationKind.District);
        var requestId = await app.SendAsAsync(sale.SchoolEmail, new RequestReturn.Command(sale.OrderId, sale.LineId, ReturnKind.Return, 1, "TAX-FULL-1",
            ReturnReason.DoesNotWork, "No power."));
        await app.SendAsAsync(sale.SellerEmail, new AnswerReturn.Command(requestId, true, "Ship it back to our dock."));
        var request = await app.WithDbAsync(db => db.ReturnRequests.AsNoTracking().SingleAsync(r => r.Id == requestId));
        // Washington's 6.5% on the unit: 180.00 × 6.5% = 11.70, refundable with its price.
        Assert.Equal((11.70m, 191.70m), (request.SalesTaxOnUnits, request.MaxRefund));

        var tooMuch = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(sale.SellerEmail, new ResolveReturn.Command(requestId, ReturnOutcome.Refund, 191.71m)));
        Assert.Equal($"A refund for {request.Number} is between $0.01 and $191.70, what was paid for the unit with its sales tax ($11.70).", tooMuch.Message);
        await app.SendAsAsync(sale.SellerEmail, new ResolveReturn.Command(requestId, ReturnOutcome.Refund, 191.70m));

        var credit = await app.WithDbAsync(db => db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).SingleAsync(t => t.OrderId == sale.OrderId && t.Source == LedgerSource.Refund));
        Assert.Equal(credit.Entries.Sum(e => e.Debit), credit.Entries.Sum(e => e.Credit));
        // 191.70 × 25.03 / 410.03 = 11.7020… → 11.70: the unit's own tax, given back whole.
        Assert.Equal(11.70m, credit.Entries.Single(e => e.Account == LedgerAccount.SalesTaxPayable).Debit);
    }

    [Fact]
    public async Task When_the_seller_is_silent_for_three_business_days_the_admin_decides_from_its_queue()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        app.Clock.MoveTo(today);
        try
        {
            var sale = await DeliveredOrderAsync(price: 99m, serials: ["SILENT-SN-1"]);
            var returnId = await app.SendAsAsync(sale.SchoolEmail, new RequestReturn.Command(sale.OrderId, sale.LineId, ReturnKind.Return, 1, "SILENT-SN-1",
                ReturnReason.NotAsDescribed, "Grade C, sold as A."));
            var number = await app.WithDbAsync(db => db.ReturnRequests.Where(r => r.Id == returnId).Select(r => r.Number).SingleAsync());
            var admin = await BrowserClient.SignInAsync(app, "admin@demo.k12");
            Assert.DoesNotContain(number, await admin.GetPageAsync("/admin/returns"));
            var early = await admin.PostFormAsync($"/store/returns/{returnId}", $"/store/returns/{returnId}/answer", new() { ["approve"] = "true", ["text"] = "Send it back." });
            Assert.Contains("the marketplace decides only after that", await admin.RefusalAsync(early));

            app.Clock.MoveTo(today.AddDays(7));
            Assert.Contains(number, await admin.GetPageAsync("/admin/returns"));
            await admin.SubmitAsync($"/store/returns/{returnId}", $"/store/returns/{returnId}/answer", new() { ["approve"] = "true", ["text"] = "Send it back to the seller's dock." });

            var approved = await app.WaitForAsync(sale.SchoolEmail, $"Return {number} approved");
            Assert.Contains("The marketplace (the seller did not answer in time) approved", approved.TextBody);
            await app.WaitForAsync(sale.SellerEmail, $"Return {number} approved");
            var decided = await app.WithDbAsync(db => db.ReturnRequests.AsNoTracking().SingleAsync(r => r.Id == returnId));
            Assert.Equal((ReturnStatus.Approved, true), (decided.Status, decided.DecidedByPlatform));
            Assert.DoesNotContain(number, await admin.GetPageAsync("/admin/returns"));
        }
        finally
        {
            app.Clock.MoveTo(today);
        }
    }

    [Fact]
    public async Task A_warranty_claim_after_the_warranty_months_is_refused_with_the_date_it_ended()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        app.Clock.MoveTo(today);
        try
        {
            var sale = await DeliveredOrderAsync(price: 120m, serials: ["WARRANTY-SN-1"], warrantyMonths: 6);
            app.Clock.MoveTo(today.AddMonths(6).AddDays(1));

            var refused = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(sale.SchoolEmail, new RequestReturn.Command(sale.OrderId, sale.LineId,
                ReturnKind.WarrantyClaim, 1, "WARRANTY-SN-1", ReturnReason.DoesNotWork, null)));

            Assert.Equal($"The 6-month warranty of {sale.Title} ended on {today.AddMonths(6):MMMM d, yyyy}: this unit is out of warranty.", refused.Message);
            Assert.Equal(0, await app.WithDbAsync(db => db.ReturnRequests.CountAsync(r => r.OrderId == sale.OrderId)));
        }
        finally
        {
            app.Clock.MoveTo(today);
        }
    }

    internal sealed record Sale(BrowserClient Seller, string SellerEmail, BrowserClient School, string SchoolEmail, Guid OrderId, Guid LineId, string Number, string Title);

    /// <summary>A purchase-order order of a school of its own from a refurbisher of its own, shipped with the serials and delivered today.</summary>
    private Task<Sale> DeliveredOrderAsync(decimal price, string[] serials, int warrantyMonths = 12, OrganizationKind buyer = OrganizationKind.School) =>
        DeliveredOrderAsync(app, price, serials, warrantyMonths, buyer);

    /// <param name="buyer">A school holds a tax-exempt certificate; a district of its own has none, so its order is taxed at Washington's rate.</param>
    internal static async Task<Sale> DeliveredOrderAsync(ClockedMarketplaceFactory app, decimal price, string[] serials, int warrantyMonths = 12,
        OrganizationKind buyer = OrganizationKind.School)
    {
        var (sellerEmail, _) = await app.AddCertifiedRefurbisherAsync($"Returns Refurbisher {Guid.NewGuid():N}");
        var title = $"Lenovo 100e Gen 4 {Guid.NewGuid():N}"[..26];
        var listingId = await app.SendAsAsync(sellerEmail, StockListings.Command(title, "Refurbished.", DeviceCategory.Chromebook, CosmeticGrade.A, price, 20, warrantyMonths));
        var schoolEmail = await app.AddOrganizationWithUserAsync($"{(buyer == OrganizationKind.School ? "Cedar Heights Middle" : "Pine Hollow SD")} {Guid.NewGuid():N}", buyer);
        await app.SendAsAsync(schoolEmail, new AddToCart.Command(listingId, serials.Length));
        var placed = await app.SendAsAsync(schoolEmail, new Checkout.Command(PaymentMethod.PurchaseOrder, "PO-RMA-2026-1", await app.SiteOfAsync(schoolEmail)));
        var orderId = Assert.Single(placed.OrderIds);
        var (lineId, number) = await app.WithDbAsync(async db =>
            (await db.OrderLines.Where(l => l.OrderId == orderId).Select(l => l.Id).SingleAsync(), await db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync()));
        var shipmentId = await app.SendAsAsync(sellerEmail, new RecordShipment.Command(orderId, Carrier.Usps, null, "9400100000000000000001",
            [new RecordShipment.Line(lineId, serials.Length, string.Join('\n', serials))]));
        await app.SendAsAsync(sellerEmail, new MarkShipmentDelivered.Command(orderId, shipmentId, DateOnly.FromDateTime(app.Clock.Now.UtcDateTime)));
        return new Sale(await BrowserClient.SignInAsync(app, sellerEmail), sellerEmail, await BrowserClient.SignInAsync(app, schoolEmail), schoolEmail, orderId, lineId, number, title);
    }
}

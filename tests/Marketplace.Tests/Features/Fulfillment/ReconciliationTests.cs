using System.Net;
using Marketplace.Tests.Domain.Fulfillment;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Fulfillment;
using Marketplace.Web.Features.Reconciliation;
using Marketplace.Web.Features.Sanitization;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Fulfillment;

/// <summary>
/// Receiving and reconciliation through the app: the buyer scans what arrived (with the grade it arrived in), finishes
/// receiving, and the district approves or disputes what differs; the escrow waits for both the reconciliation and the
/// certificate, and the agreed adjustment reaches the ledger and the payout.
/// </summary>
public sealed class ReconciliationTests(FulfillmentApp app) : IClassFixture<FulfillmentApp>
{
    private const string Admin = "admin@demo.k12";

    [Fact]
    public async Task A_missing_serial_and_a_lower_grade_hold_the_payout_until_the_district_approves_the_adjustment_from_the_price_guide()
    {
        var lot = await app.InTransitLotAsync(hammer: 1200m, devices: 4);
        var (asDeclared, lowerGrade, missing) = (lot.Serials.Take(2).ToList(), lot.Serials[2], lot.Serials[3]);
        await app.ScanInAsync(lot.Id, asDeclared);
        await app.ScanInAsync(lot.Id, [lowerGrade], CosmeticGrade.D);
        await app.SendAsAsync(LotJourneys.Refurbisher, new RecordScan.Command(lot.Id, "NOT-FROM-MAPLE-1", Model: "Surface Go"));

        await app.SendAsAsync(LotJourneys.Refurbisher, new MarkReceived.Command(lot.Id));

        var proceeds = (await TermsAsync(lot.Id)).DistrictProceeds;
        var reconciliation = await ReconciliationAsync(lot.Id);
        Assert.Equal((ReconciliationStatus.AwaitingDistrict, 4, 3), (reconciliation.Status, reconciliation.DeviceCount, reconciliation.ReceivedCount));
        // Four alike devices carry a quarter of the proceeds each; grade D is worth 0.30 / 0.80 of the declared grade B.
        var share = decimal.Round(proceeds / 4, 2, MidpointRounding.AwayFromZero);
        var fall = decimal.Round(proceeds / 4 * (1 - 0.30m / 0.80m), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(
            [(DiscrepancyKind.Missing, missing, share), (DiscrepancyKind.Extra, "NOT-FROM-MAPLE-1", 0m), (DiscrepancyKind.LowerGrade, lowerGrade, fall)],
            reconciliation.Lines.OrderBy(l => l.Kind).Select(l => (l.Kind, l.Serial, l.Adjustment)));
        Assert.Equal(share + fall, reconciliation.ProposedAdjustment);
        var fulfillment = await app.WithDbAsync(db => db.LotFulfillments.AsNoTracking().SingleAsync(f => f.LotId == lot.Id));
        Assert.Equal((1, 3), (fulfillment.MissingCount, fulfillment.DevicesToSanitize));

        // The district's page asks for a decision; receiving scans are closed.
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var lotPage = WebUtility.HtmlDecode(await district.GetPageAsync(lot.LotUrl));
        Assert.Contains("Review the reconciliation", lotPage);
        var sheet = WebUtility.HtmlDecode(await district.GetPageAsync($"{lot.LotUrl}/reconciliation"));
        Assert.Contains("Awaiting the district", sheet);
        Assert.Contains("Grade B declared, D received", sheet);
        Assert.Contains("Not in the manifest (received as Surface Go)", sheet);
        var buyerPage = WebUtility.HtmlDecode(await (await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher)).GetPageAsync(lot.PurchaseUrl));
        Assert.Contains("Reported missing at receiving", buyerPage);
        var closed = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(LotJourneys.Refurbisher, new RecordScan.Command(lot.Id, missing)));
        Assert.Contains("Receiving is finished", closed.Message);

        // The missing serial cannot be sanitized; the three received are, and their certificate covers them alone.
        var refused = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, missing, Media.Emmc(missing))));
        Assert.Contains("reported missing", refused.Message);
        await app.SanitizeEverySerialAsync(lot.Id, lot.Serials.Take(3));
        var certificate = await MarketplaceFactory.EventuallyAsync(
            () => app.WithDbAsync(db => db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.LotId == lot.Id)), "the certificate");
        Assert.Equal(3, certificate.DeviceCount);
        Assert.True((await app.QueryAsAsync(LotJourneys.District, new VerifyCertificate.Query(certificate.VerificationCode, lowerGrade)))!.SerialCovered);
        Assert.False((await app.QueryAsAsync(LotJourneys.District, new VerifyCertificate.Query(certificate.VerificationCode, missing)))!.SerialCovered);

        // Certified but not reconciled: the release job finds the condition unmet and prepares nothing.
        await MarketplaceFactory.EventuallyAsync(async () => await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m =>
            m.Type.EndsWith("ReleaseDistrictFunds+Command") && m.Payload.Contains(lot.Id.ToString()) && m.CompletedAt != null)) ? (object)true : null, "the release job to run");
        Assert.False(await app.WithDbAsync(db => db.Payouts.AnyAsync(p => p.LotId == lot.Id)));

        var approved = WebUtility.HtmlDecode(await district.SubmitAsync($"{lot.LotUrl}/reconciliation", $"{lot.LotUrl}/reconciliation/approve"));
        Assert.Contains("Reconciliation approved.", approved);

        var payout = await app.PayoutAsync(lot.Id);
        Assert.Equal(proceeds - share - fall, payout.Amount);
        var posting = await app.WithDbAsync(db => db.LedgerTransactions.AsNoTracking().Include(t => t.Entries)
            .SingleAsync(t => t.LotId == lot.Id && t.Source == LedgerSource.ReceivingAdjustment));
        Assert.Equal(posting.Entries.Sum(e => e.Debit), posting.Entries.Sum(e => e.Credit));
        Assert.Equal(share + fall, posting.Entries.Single(e => e.Account == LedgerAccount.DistrictPayable).Debit);
        Assert.True(posting.Entries.Single(e => e.Account == LedgerAccount.BuyerCredits).Credit >= share + fall);
    }

    [Fact]
    public async Task A_disputed_reconciliation_waits_for_an_admin_who_settles_it_with_the_amount_that_stands()
    {
        var lot = await app.InTransitLotAsync(hammer: 900m, devices: 3);
        await app.ScanInAsync(lot.Id, lot.Serials.Take(2));
        await app.SendAsAsync(LotJourneys.Refurbisher, new MarkReceived.Command(lot.Id));
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var page = $"{lot.LotUrl}/reconciliation";

        var noReason = await district.RefusalAsync(await district.PostFormAsync(page, $"{page}/dispute", new() { ["reason"] = " " }));
        Assert.Contains("Say why you dispute", noReason);
        var disputed = WebUtility.HtmlDecode(await district.SubmitAsync(page, $"{page}/dispute",
            new() { ["reason"] = $"{lot.Serials[2]} was on the truck: the driver signed for 3 devices (seal S-1001)." }));
        Assert.Contains("Dispute opened.", disputed);
        Assert.Contains("Disputed", disputed);
        Assert.Equal(ReconciliationStatus.Disputed, (await ReconciliationAsync(lot.Id)).Status);

        var admin = await BrowserClient.SignInAsync(app, Admin);
        var queue = WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/reconciliations"));
        Assert.Contains(lot.Number, queue);
        var resolved = WebUtility.HtmlDecode(await admin.SubmitAsync($"/admin/reconciliations/{lot.Id}", $"/admin/reconciliations/{lot.Id}/resolve",
            new() { ["adjustment"] = "40.00", ["note"] = "The seal log shows three devices loaded; the buyer carries half the loss." }));

        Assert.Contains("Dispute resolved.", resolved);
        var reconciliation = await ReconciliationAsync(lot.Id);
        Assert.Equal((ReconciliationStatus.Resolved, 40.00m, "Sam Adeyemi"), (reconciliation.Status, reconciliation.AgreedAdjustment, reconciliation.ResolvedBy));
        var payable = await app.WithDbAsync(db => db.DistrictPayableForLotAsync(lot.Id, "USD", CancellationToken.None));
        Assert.Equal((await TermsAsync(lot.Id)).DistrictProceeds - 40.00m, payable.Amount);
        // The buyer reads the outcome on its side.
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        Assert.Contains("the buyer carries half the loss", WebUtility.HtmlDecode(await buyer.GetPageAsync($"{lot.PurchaseUrl}/reconciliation")));
    }

    [Fact]
    public async Task Receiving_cannot_finish_with_nothing_scanned_and_a_lot_received_as_declared_is_matched_at_once()
    {
        var lot = await app.InTransitLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var empty = await buyer.RefusalAsync(await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/received", []));
        Assert.Contains("Scan the devices in", empty);

        var scanPage = WebUtility.HtmlDecode(await buyer.GetPageAsync($"{lot.PurchaseUrl}/scan"));
        Assert.Contains("Grade as received", scanPage);
        await app.ScanInAsync(lot.Id, lot.Serials);
        var received = WebUtility.HtmlDecode(await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/received"));

        Assert.Contains("Receiving reconciliation: everything arrived as declared.", received);
        var reconciliation = await ReconciliationAsync(lot.Id);
        Assert.Equal((ReconciliationStatus.Matched, 0m, 0), (reconciliation.Status, reconciliation.AgreedAdjustment, reconciliation.Lines.Count));
        Assert.Equal(LotStage.Received, await app.StageAsync(lot.Id));
    }

    [Fact]
    public async Task A_device_received_as_another_model_is_a_discrepancy_and_the_scan_is_kept_in_its_history()
    {
        var lot = await app.InTransitLotAsync(devices: 2);
        await app.ScanInAsync(lot.Id, lot.Serials.Take(1));
        await app.SendAsAsync(LotJourneys.Refurbisher, new RecordScan.Command(lot.Id, lot.Serials[1], Grade: CosmeticGrade.C, Model: "Chromebook 3110"));

        await app.SendAsAsync(LotJourneys.Refurbisher, new MarkReceived.Command(lot.Id));

        var line = Assert.Single((await ReconciliationAsync(lot.Id)).Lines);
        Assert.Equal((DiscrepancyKind.DifferentModel, lot.Serials[1], "Chromebook 3110", CosmeticGrade.C), (line.Kind, line.Serial, line.ReceivedModel, line.ReceivedGrade));
        Assert.Equal("Chromebook 3100 declared, Chromebook 3110 received in grade C", line.Description);
        var note = await app.WithDbAsync(db => db.CustodyEvents.Where(e => e.LotId == lot.Id && e.Kind == CustodyEventKind.Scanned && e.Stage == ScanStage.Receiving
            && db.Devices.Any(d => d.Id == e.DeviceId && d.Serial == lot.Serials[1])).Select(e => e.Note).SingleAsync());
        Assert.EndsWith("received in grade C as Chromebook 3110", note);
    }

    private Task<LotReconciliation> ReconciliationAsync(Guid lotId) =>
        app.WithDbAsync(db => db.LotReconciliations.AsNoTracking().Include(r => r.Lines).SingleAsync(r => r.LotId == lotId));

    private Task<SettlementTerms> TermsAsync(Guid lotId) =>
        app.WithDbAsync(async db => (await db.Sales.AsNoTracking().SingleAsync(s => s.LotId == lotId)).Terms!);
}

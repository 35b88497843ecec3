using Marketplace.Tests.Domain.Fulfillment;
using Marketplace.Web.Data;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Fulfillment;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Features.Sanitization;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Infrastructure;

/// <summary>A lot of the demo district sold to the demo refurbisher, with serials of its own.</summary>
public sealed record SoldLot(Guid Id, string Number, IReadOnlyList<string> Serials, Guid InvoiceId)
{
    /// <summary>The district's page of the lot.</summary>
    public string LotUrl => $"/lots/{Id}";

    /// <summary>The buyer's page of the lot.</summary>
    public string PurchaseUrl => $"/purchases/{Id}";
}

/// <summary>
/// Walks lots to a stage through the app's own commands, sent as the demo users would send them. Unlike
/// <see cref="DemoLots"/>, which writes rows directly, the award takes the fee schedule as it is at that
/// moment and every lot gets serials no other open lot holds, so tests sharing one app never collide.
/// </summary>
public static class LotJourneys
{
    public const string District = "district@demo.k12";
    public const string Refurbisher = "refurbisher@demo.k12";
    public const string Finance = "finance@demo.k12";

    public static async Task<SoldLot> AwardedLotAsync(this MarketplaceFactory factory, decimal hammer = 1200m, int devices = 3)
    {
        var batch = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var serials = Enumerable.Range(1, devices).Select(i => $"5CD{batch}{i:00}").ToList();
        var lotId = await factory.SendAsAsync(District, new CreateLot.Command($"Chromebook refresh {batch}", null, "Maple Valley MS, 22670 SE 231st St, Maple Valley, WA"));
        foreach (var (serial, index) in serials.Select((s, i) => (s, i)))
        {
            await factory.SendAsAsync(District, new AddDevice.Command(lotId, serial, $"MV-{batch}-{index + 1}", DeviceCategory.Chromebook, "Dell", "Chromebook 3100",
                CosmeticGrade.B, FunctionalStatus.Working));
        }

        await factory.SendAsAsync(District, new SubmitLot.Command(lotId));
        await factory.SendAsAsync(Refurbisher, new SubmitQuote.Command(lotId, hammer, null));
        var quoteId = await factory.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).SelectMany(s => s.Quotes).Select(q => q.Id).SingleAsync());
        await factory.SendAsAsync(District, new AcceptQuote.Command(lotId, quoteId));
        var (number, invoiceId) = await factory.WithDbAsync(async db => (
            await db.Lots.Where(l => l.Id == lotId).Select(l => l.Number).SingleAsync(),
            await db.Invoices.Where(i => i.LotId == lotId).Select(i => i.Id).SingleAsync()));
        return new SoldLot(lotId, number, serials, invoiceId);
    }

    /// <summary>Awarded, then paid by purchase order and marked paid by finance: the fulfillment opens.</summary>
    public static async Task<SoldLot> PaidLotAsync(this MarketplaceFactory factory, decimal hammer = 1200m, int devices = 3) =>
        await factory.PayAsync(await factory.AwardedLotAsync(hammer, devices));

    public static async Task<SoldLot> PickupScheduledLotAsync(this MarketplaceFactory factory, decimal hammer = 1200m, int devices = 3) =>
        await factory.SchedulePickupAsync(await factory.PaidLotAsync(hammer, devices));

    public static async Task<SoldLot> InTransitLotAsync(this MarketplaceFactory factory, decimal hammer = 1200m, int devices = 3) =>
        await factory.PickUpAsync(await factory.PickupScheduledLotAsync(hammer, devices));

    public static async Task<SoldLot> ReceivedLotAsync(this MarketplaceFactory factory, decimal hammer = 1200m, int devices = 3) =>
        await factory.ReceiveAsync(await factory.InTransitLotAsync(hammer, devices));

    /// <summary>The buyer pays the awarded lot's invoice by purchase order and finance records the money.</summary>
    public static async Task<SoldLot> PayAsync(this MarketplaceFactory factory, SoldLot lot)
    {
        await factory.SendAsAsync(Refurbisher, new PayByPurchaseOrder.Command(lot.InvoiceId, $"PO-{lot.Number}"));
        await factory.SendAsAsync(Finance, new MarkInvoicePaid.Command(lot.InvoiceId, PaymentMethod.Ach, $"ACH-{lot.Number}"));
        return lot;
    }

    /// <summary>The buyer proposes 8–10 am a week ahead and the district confirms it, with the dock, the contact and 2 boxes.</summary>
    public static async Task<SoldLot> SchedulePickupAsync(this MarketplaceFactory factory, SoldLot lot)
    {
        await factory.ProposeWindowAsync(lot, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7));
        var window = await factory.WithDbAsync(db => db.PickupWindowProposals.Where(w => db.LotFulfillments.Any(f => f.Id == w.FulfillmentId && f.LotId == lot.Id)
            && w.Status == PickupWindowStatus.Proposed).OrderByDescending(w => w.ProposedAt).Select(w => w.Id).FirstAsync());
        await factory.SendAsAsync(District, new ConfirmPickupWindow.Command(lot.Id, window, "Loading dock B", "Dana Whitfield, 425-555-0100", 2, null));
        return lot;
    }

    /// <summary>The buyer proposes <paramref name="day"/> and the district confirms it.</summary>
    public static async Task<SoldLot> SchedulePickupLaterAsync(this MarketplaceFactory factory, SoldLot lot, DateOnly day)
    {
        await factory.ProposeWindowAsync(lot, day);
        var window = await factory.WithDbAsync(db => db.PickupWindowProposals.Where(w => db.LotFulfillments.Any(f => f.Id == w.FulfillmentId && f.LotId == lot.Id)
            && w.Status == PickupWindowStatus.Proposed && w.Date == day).Select(w => w.Id).FirstAsync());
        await factory.SendAsAsync(District, new ConfirmPickupWindow.Command(lot.Id, window, "Loading dock B", "Dana Whitfield, 425-555-0100", 2, null));
        return lot;
    }

    public static Task<int> ProposeWindowAsync(this MarketplaceFactory factory, SoldLot lot, DateOnly day, int startsAt = 8) =>
        factory.SendAsAsync(Refurbisher, new ProposePickupWindows.Command(lot.Id, [new ProposedWindow(day, new TimeOnly(startsAt, 0), new TimeOnly(startsAt + 2, 0))]));

    /// <summary>The hand-over at the dock, recorded by the buyer's technician: the lot is in transit.</summary>
    public static async Task<SoldLot> PickUpAsync(this MarketplaceFactory factory, SoldLot lot)
    {
        await factory.SendAsAsync(Refurbisher, new RecordHandOver.Command(lot.Id, "Dana Whitfield", "Sam Ortiz", "S-1001", 2));
        return lot;
    }

    /// <summary>The buyer scans every serial in at receiving, as declared, and finishes receiving: the lot reconciles as matched.</summary>
    public static async Task<SoldLot> ReceiveAsync(this MarketplaceFactory factory, SoldLot lot)
    {
        await factory.ScanInAsync(lot.Id, lot.Serials);
        await factory.SendAsAsync(Refurbisher, new MarkReceived.Command(lot.Id));
        return lot;
    }

    /// <summary>Receiving scans of <paramref name="serials"/> by the buyer (<paramref name="grade"/>: as received; null, as declared).</summary>
    public static async Task ScanInAsync(this MarketplaceFactory factory, Guid lotId, IEnumerable<string> serials, CosmeticGrade? grade = null, string buyer = Refurbisher)
    {
        foreach (var serial in serials)
        {
            await factory.SendAsAsync(buyer, new RecordScan.Command(lotId, serial, Grade: grade));
        }
    }

    /// <summary>The demo refurbisher's second technician: validates and re-checks what the first one sanitized.</summary>
    public const string SecondTechnician = "technician@demo.k12";

    /// <summary>
    /// Records one medium per serial (performed by the demo refurbisher), has the second technician accept each, waits
    /// for the system to draw the quality-control sample and passes it: the certificate job then runs, and releases the funds.
    /// </summary>
    public static Task SanitizeEverySerialAsync(this MarketplaceFactory factory, SoldLot lot) => factory.SanitizeEverySerialAsync(lot.Id, lot.Serials);

    public static async Task SanitizeEverySerialAsync(this MarketplaceFactory factory, Guid lotId, IEnumerable<string> serials)
    {
        var records = new List<Guid>();
        foreach (var serial in serials)
        {
            records.Add(await factory.SendAsAsync(Refurbisher, new RecordSanitization.Command(lotId, serial, Media.Emmc(serial))));
        }

        foreach (var record in records)
        {
            await factory.SendAsAsync(SecondTechnician, new ValidateSanitization.Command(lotId, record, ValidationDecision.Accept, null, Media.Validator));
        }

        await factory.PassQualityControlAsync(lotId);
    }

    /// <summary>
    /// The same as <see cref="SanitizeEverySerialAsync(MarketplaceFactory, SoldLot)"/> through the buyer's lot page: the
    /// demo refurbisher scans each serial's medium, the second technician accepts each record and passes each sampled medium.
    /// </summary>
    public static async Task SanitizeThroughThePageAsync(this MarketplaceFactory factory, Guid lotId, IEnumerable<string> serials)
    {
        var purchaseUrl = $"/purchases/{lotId}";
        var refurbisher = await BrowserClient.SignInAsync(factory, Refurbisher);
        foreach (var serial in serials)
        {
            await refurbisher.SubmitAsync(purchaseUrl, $"{purchaseUrl}/sanitization", Features.Sanitization.RecordSanitizationTests.Form(serial, $"EMMC-{serial}"));
        }

        var technician = await BrowserClient.SignInAsync(factory, SecondTechnician);
        var person = new Dictionary<string, string> { ["Name"] = Media.Validator.Name, ["Title"] = Media.Validator.Title, ["Location"] = Media.Validator.Location, ["Contact"] = Media.Validator.Contact };
        var records = await factory.WithDbAsync(db => db.SanitizationRecords.Where(r => r.LotId == lotId).Select(r => r.Id).ToListAsync());
        foreach (var record in records)
        {
            await technician.SubmitAsync(purchaseUrl, $"{purchaseUrl}/validation/{record}", new(person) { ["decision"] = nameof(ValidationDecision.Accept) });
        }

        var checks = await MarketplaceFactory.EventuallyAsync(
            async () => await factory.WithDbAsync(db => db.QualityChecks.AsNoTracking().Where(c => c.LotId == lotId).ToListAsync()) is { Count: > 0 } drawn ? drawn : null,
            "the quality-control sample to be drawn");
        foreach (var check in checks)
        {
            await technician.SubmitAsync(purchaseUrl, $"{purchaseUrl}/quality-checks/{check.Id}", new(person) { ["passed"] = "true" });
        }
    }

    /// <summary>Waits for the sample the system draws once every medium is accepted, and passes every check in it as the second technician.</summary>
    public static async Task<List<QualityCheck>> PassQualityControlAsync(this MarketplaceFactory factory, Guid lotId)
    {
        var checks = await MarketplaceFactory.EventuallyAsync(
            async () => await factory.WithDbAsync(db => db.QualityChecks.AsNoTracking().Where(c => c.LotId == lotId).ToListAsync()) is { Count: > 0 } drawn ? drawn : null,
            "the quality-control sample to be drawn");
        foreach (var check in checks.Where(c => c.Result == QualityCheckResult.Pending))
        {
            await factory.SendAsAsync(SecondTechnician, new RecordQualityCheck.Command(lotId, check.Id, true, null, Media.Validator));
        }

        return checks;
    }

    /// <summary>Waits for the certificate and release jobs to prepare the lot's payout for finance.</summary>
    public static Task<Payout> PayoutAsync(this MarketplaceFactory factory, Guid lotId) =>
        MarketplaceFactory.EventuallyAsync(
            () => factory.WithDbAsync(db => db.Payouts.AsNoTracking().FirstOrDefaultAsync(p => p.LotId == lotId)),
            "the certificate and payout jobs");

    public static Task<LotStage> StageAsync(this MarketplaceFactory factory, Guid lotId) =>
        factory.WithDbAsync(async db => (await db.ProgressOfAsync(lotId, CancellationToken.None)).Stage);
}

using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Fulfillment;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Features.Sanitization;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.E2E.Infrastructure;

/// <summary>
/// Lots a journey starts from, brought there by the commands the earlier journeys click: a district's lot sold to the
/// demo refurbisher by quote and paid by purchase order, and the same lot carried on through pickup, receiving and
/// certified data destruction.
/// </summary>
public static class LotBackdoor
{
    private const string District = "district@demo.k12", Refurbisher = "refurbisher@demo.k12", Technician = "technician@demo.k12";

    private static readonly PersonOfRecord Performer = new("Priya Natarajan", "ITAD technician", "Tacoma, WA", "techs@greencycle.example");
    private static readonly PersonOfRecord Validator = new("Ken Okafor", "Quality lead", "Tacoma, WA", "quality@greencycle.example");

    /// <summary>A lot of <paramref name="count"/> devices (grade B) sold to the demo refurbisher by quote and paid by purchase order.</summary>
    public static async Task<(Guid Id, string[] Serials)> PaidLotAsync(this MarketplaceServer server, string manufacturer = "Dell", string model = "Chromebook 3100",
        int count = 4, decimal price = 640m)
    {
        var batch = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var serials = Enumerable.Range(1, count).Select(i => $"FJ{batch}{i:00}").ToArray();
        var lotId = await server.SendAsAsync(District, new CreateLot.Command($"Library Chromebooks {batch}", null, "Loading dock B, 22225 SE 231st St, Maple Valley, WA 98038"));
        foreach (var serial in serials)
        {
            await server.SendAsAsync(District, new AddDevice.Command(lotId, serial, null, DeviceCategory.Chromebook, manufacturer, model, CosmeticGrade.B, FunctionalStatus.Working));
        }

        await server.SendAsAsync(District, new SubmitLot.Command(lotId));
        await server.SendAsAsync(Refurbisher, new SubmitQuote.Command(lotId, price, null));
        var quoteId = await server.QueryAsync(db => db.Sales.Where(s => s.LotId == lotId).SelectMany(s => s.Quotes).Select(q => q.Id).SingleAsync());
        await server.SendAsAsync(District, new AcceptQuote.Command(lotId, quoteId));
        var (number, invoiceId) = await server.QueryAsync(async db => (
            await db.Lots.Where(l => l.Id == lotId).Select(l => l.Number).SingleAsync(),
            await db.Invoices.Where(i => i.LotId == lotId).Select(i => i.Id).SingleAsync()));
        await server.SendAsAsync(Refurbisher, new PayByPurchaseOrder.Command(invoiceId, $"PO-{number}"));
        await server.SendAsAsync("finance@demo.k12", new MarkInvoicePaid.Command(invoiceId, PaymentMethod.Ach, $"ACH-{number}"));
        return (lotId, serials);
    }

    /// <summary>
    /// A paid lot picked up, received in full, its media recorded from the erasure report and accepted by a second person,
    /// its quality-control sample passed, and its certificate issued by the background job.
    /// </summary>
    public static async Task<(Guid Id, string[] Serials)> CertifiedLotAsync(this MarketplaceServer server, string manufacturer, string model, int count)
    {
        var (lotId, serials) = await server.PaidLotAsync(manufacturer, model, count);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await server.SendAsAsync(Refurbisher, new ProposePickupWindows.Command(lotId, [new ProposedWindow(today.AddDays(1), new TimeOnly(9, 0), new TimeOnly(11, 0))]));
        var window = await server.QueryAsync(db => db.PickupWindowProposals
            .Where(w => db.LotFulfillments.Any(f => f.Id == w.FulfillmentId && f.LotId == lotId) && w.Status == PickupWindowStatus.Proposed).Select(w => w.Id).SingleAsync());
        await server.SendAsAsync(District, new ConfirmPickupWindow.Command(lotId, window, "Loading dock B", "Dana Whitfield, (425) 555-0142", 1, null));
        await server.SendAsAsync(Technician, new RecordHandOver.Command(lotId, "Dana Whitfield", "Ken Okafor", null, 1));
        foreach (var serial in serials)
        {
            await server.SendAsAsync(Technician, new RecordScan.Command(lotId, serial, "1"));
        }

        await server.SendAsAsync(Technician, new MarkReceived.Command(lotId));
        var defaults = new MediumReport("", "", "", MediaType.Emmc, "internal", null, SanitizationMethod.Purge, SanitizationTechnique.BlockErase,
            null, "", "", "full read-back", VerificationResult.Passed, MediaDestination.ExternalReuse, DataBackedUp.No, null, Performer);
        await server.SendAsAsync(Refurbisher, new UploadErasureReport.Command(lotId, "blancco-report.csv", ErasureReport(serials), defaults));
        await server.SendAsAsync(Technician, new AcceptAwaitingRecords.Command(lotId, DateTimeOffset.UtcNow, Validator));
        foreach (var check in await WaitForAsync(server, db => db.QualityChecks.Where(c => c.LotId == lotId && c.Result == QualityCheckResult.Pending).Select(c => c.Id).ToListAsync(),
                     drawn => drawn.Count > 0, "the quality-control sample"))
        {
            await server.SendAsAsync(Technician, new RecordQualityCheck.Command(lotId, check, true, null, Validator));
        }

        await WaitForAsync(server, db => db.Certificates.AnyAsync(c => c.LotId == lotId), issued => issued, "the certificate");
        return (lotId, serials);
    }

    /// <summary>The erasure report a Blancco export would give for <paramref name="serials"/>, one eMMC each, in the tool's own words.</summary>
    public static byte[] ErasureReport(IEnumerable<string> serials) => System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n",
        new[] { "System serial,Disk serial,Disk vendor,Disk model,Disk type,Source,Erasure method,Erasure technique,Product name,Product version,Verification,Erasure status,Disposition,Technician,Technician title,Location,Technician email" }
            .Concat(serials.Select(serial =>
                $"{serial},EMMC-{serial},SanDisk,DA4064,eMMC,internal,NIST 800-88 Purge,Block erase,Blancco Drive Eraser,7.14.1,Full verification,Successful,Resale,Priya Natarajan,ITAD technician,\"Tacoma, WA\",techs@greencycle.example"))) + "\r\n");

    /// <summary>What a background job leaves, read until it is there (a job's state, never a fixed wait).</summary>
    private static async Task<T> WaitForAsync<T>(MarketplaceServer server, Func<Marketplace.Web.Data.MarketplaceDb, Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var value = await server.QueryAsync(read);
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The background jobs did not produce {what} in 2 minutes.");
            }

            await Task.Delay(200);
        }
    }
}

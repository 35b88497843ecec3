using System.Globalization;
using Marketplace.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E;

/// <summary>
/// From a paid lot to its verified certificate, as the people at both docks do it: the buyer proposes a pickup window and
/// the district confirms it, the district scans the devices out at its dock, the buyer's technician scans them in — one
/// lost on the way, one arrived scratched — and finishes receiving; the district approves the reconciliation, the lot's
/// media are recorded, a second person validates them and passes the quality-control re-checks, and anyone verifies the
/// certificate on the public page by serial.
/// </summary>
public sealed class FulfillmentJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string District = "district@demo.k12", Refurbisher = "refurbisher@demo.k12", Technician = "technician@demo.k12";

    [Fact(Timeout = 300_000)]
    public async Task A_paid_lot_is_scanned_out_and_in_reconciled_with_one_device_missing_and_one_scratched_sanitized_and_verified_by_serial()
    {
        fixture.RequireBrowser();
        var checkpoints = new Checkpoints(output, "fulfillment-journey");
        var (lotId, serials) = await fixture.Server.PaidLotAsync();
        var (asDeclared, scratched, lost) = (serials[..2], serials[2], serials[3]);
        var lotUrl = $"/lots/{lotId}";
        var purchaseUrl = $"/purchases/{lotId}";
        await using var district = await UserSession.OpenAsync(fixture, checkpoints);
        await using var buyer = await UserSession.OpenAsync(fixture, checkpoints);
        await using var technician = await UserSession.OpenAsync(fixture, checkpoints);

        // 1. Pickup: the buyer proposes a window a week ahead, the district confirms it with the dock and contact.
        await buyer.SignInAsync(Refurbisher);
        await buyer.Page.GotoAsync(purchaseUrl);
        await buyer.FillAsync("Window 1: day", DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await buyer.FillAsync("Window 1: from", "09:00");
        await buyer.FillAsync("Window 1: to", "11:00");
        await buyer.ClickButtonAsync("Propose windows");
        await buyer.ExpectFlashAsync("1 pickup window proposed");

        await district.SignInAsync(District);
        await district.Page.GotoAsync(lotUrl);
        await district.FillAsync("Dock, door or room", "Loading dock B");
        await district.FillAsync("On-site contact", "Dana Whitfield, (425) 555-0142");
        await district.FillAsync("Boxes or pallets", "1");
        await district.ClickButtonAsync("Confirm pickup window");
        await district.ExpectFlashAsync("Pickup confirmed for");
        await district.StepAsync(1, "pickup-confirmed");

        // 2. The district scans all four devices out at its dock, then records the hand-over.
        await district.ScanAsync($"{lotUrl}/scan", serials, serials.Length);
        await district.AuditAsync("hand-over scan page (all scanned)");
        await district.Page.GotoAsync(lotUrl);
        await district.FillAsync("Released by (district)", "Dana Whitfield");
        await district.FillAsync("Collected by (driver or technician)", "Ken Okafor");
        await district.FillAsync("Seal numbers (optional)", "S-2207");
        await district.ClickButtonAsync("Record hand-over");
        await district.ExpectFlashAsync("Hand-over recorded");
        await district.StepAsync(2, "scanned-out-and-handed-over");

        // 3. At the buyer's facility the technician scans what arrived: two as declared, one in grade D; one never arrived.
        await technician.SignInAsync(Technician);
        await technician.ScanAsync($"{purchaseUrl}/scan", asDeclared, 2);
        await technician.ScanAsync($"{purchaseUrl}/scan", [scratched], 3, grade: "D");
        await Expect(technician.Page.Locator("#count-missing")).ToHaveTextAsync("1");
        await technician.AuditAsync("receiving scan page (one missing)");
        await technician.Page.GotoAsync(purchaseUrl);
        await technician.ClickButtonAsync("Finish receiving");
        Assert.Contains("The 1 not scanned are reported missing", technician.LastDialog);
        await technician.ExpectFlashAsync("Receiving finished and reconciled");
        await Expect(technician.Page.GetByTestId("reconciliation-summary")).ToContainTextAsync("2 discrepancies");
        await technician.StepAsync(3, "received-with-discrepancies");

        // 4. The district reviews the reconciliation the price guide proposed, and approves it.
        await district.Page.GotoAsync(lotUrl);
        await district.ClickLinkAsync("Review the reconciliation");
        await Expect(district.Page.GetByTestId("reconciliation-status")).ToHaveTextAsync("Awaiting the district");
        await Expect(district.Page.GetByTestId("count-missing")).ToHaveTextAsync("1");
        await Expect(district.Page.GetByTestId("count-lowergrade")).ToHaveTextAsync("1");
        await Expect(district.Page.GetByTestId("discrepancies")).ToContainTextAsync(lost);
        await Expect(district.Page.GetByTestId("discrepancies")).ToContainTextAsync("Grade B declared, D received");
        var adjustment = (await district.Page.GetByTestId("proposed-adjustment").InnerTextAsync()).Trim();
        await district.AuditAsync("reconciliation (awaiting the district)");
        await district.ClickButtonAsync("Approve the reconciliation");
        Assert.StartsWith("Approve the adjustment of $", district.LastDialog);
        await district.ExpectFlashAsync("Reconciliation approved.");
        await Expect(district.Page.GetByTestId("reconciliation-status")).ToHaveTextAsync("Approved");
        await district.StepAsync(4, "reconciliation-approved");

        // 5. The buyer uploads the erasure tool's report for the three devices received; the technician, a second person,
        // validates the records and passes the quality-control re-checks the system draws.
        await buyer.Page.GotoAsync(purchaseUrl);
        await buyer.Page.GetByLabel("Erasure report file", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "blancco-report.csv",
            MimeType = "text/csv",
            Buffer = LotBackdoor.ErasureReport([.. asDeclared, scratched]),
        });
        await buyer.ClickButtonAsync("Upload and record the media");
        await buyer.ExpectFlashAsync("3 media recorded (3 new, 0 updated) from blancco-report.csv");
        await buyer.AuditAsync("purchase (erasure report uploaded)");
        await technician.Page.GotoAsync(purchaseUrl);
        await technician.ValidateAndPassQualityControlAsync("Ken Okafor", 3);
        await technician.ReloadUntilVisibleAsync(
            technician.Page.GetByRole(AriaRole.Link, new() { Name = "Download certificate (PDF)" }), "certificate from the background job");
        await technician.StepAsync(5, "sanitized-validated-certified");

        // 6. Anyone checks a serial against the certificate: the scratched one is covered, the lost one is not.
        await district.Page.GotoAsync(lotUrl);
        var certificate = district.Page.GetByRole(AriaRole.Region, new() { Name = "Certificate of data destruction" });
        await district.ReloadUntilVisibleAsync(certificate, "certificate section");
        await Expect(certificate).ToContainTextAsync("3 of 4 serials were sanitized per NIST SP 800-88; the one reported missing at receiving is not covered.");
        var code = (await certificate.Locator(".mono").InnerTextAsync()).Trim();
        await using (var stranger = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await stranger.Page.GotoAsync($"/verify/{code}");
            await stranger.Page.GetByLabel("Serial number", new() { Exact = true }).FillAsync(scratched.ToLowerInvariant());
            await stranger.ClickButtonAsync("Check serial");
            await Expect(stranger.Page.GetByTestId("serial-answer")).ToContainTextAsync($"Serial {scratched} is covered by certificate {code}");
            await stranger.AuditAsync("verify (serial covered)");
            await stranger.Page.GetByLabel("Serial number", new() { Exact = true }).FillAsync(lost);
            await stranger.ClickButtonAsync("Check serial");
            await Expect(stranger.Page.GetByTestId("serial-answer")).ToContainTextAsync($"Serial {lost} is not covered");
            await stranger.StepAsync(6, "verified-by-serial");
        }

        // The escrow released the district's proceeds less the approved adjustment, as the district's Money card shows;
        // waiting for it also leaves no job of this journey running when the next one starts.
        var payout = district.Page.GetByTestId("payout");
        await district.ReloadUntilVisibleAsync(payout, "the payout released after the certificate and the reconciliation");
        await Expect(district.Page.GetByTestId("receiving-adjustment")).ToHaveTextAsync($"−{adjustment}");
        var net = (await district.Page.GetByTestId("district-receives-after-adjustment").InnerTextAsync()).Trim();
        await Expect(payout).ToContainTextAsync($"Payout: {net}");
        await district.AuditAsync("lot details (certified, paid out less the adjustment)");
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E.Infrastructure;

/// <summary>
/// Proof of data destruction on the buyer's lot page, as technicians do it: one medium recorded per serial (the form keeps
/// everything but the two serials between scans), then a second person accepts each record and passes the re-checks of
/// the quality-control sample the system draws.
/// </summary>
public static class SanitizationSteps
{
    public static async Task RecordOneMediumEachAsync(this UserSession technician, IEnumerable<string> serials, string performer)
    {
        var page = technician.Page;
        await page.Locator("#Tool").FillAsync("Google ChromeOS recovery image + powerwash");
        await page.Locator("#VerificationMethod").FillAsync("Full read-back of the eMMC");
        await page.Locator("#PerformerName").FillAsync(performer);
        await page.Locator("#PerformerTitle").FillAsync("ITAD technician");
        await page.Locator("#PerformerLocation").FillAsync("Tacoma, WA");
        await page.Locator("#PerformerContact").FillAsync("techs@greencycle.example");
        foreach (var serial in serials)
        {
            await page.Locator("#Serial").FillAsync(serial);
            await page.Locator("#MediumSerial").FillAsync($"EMMC-{serial}");
            await technician.ClickButtonAsync("Record medium");
            await technician.ExpectFlashAsync($"of {serial} recorded");
        }
    }

    /// <summary>As <paramref name="validator"/> (not the performer): accepts every record, then passes the sample's re-checks once drawn.</summary>
    public static async Task ValidateAndPassQualityControlAsync(this UserSession session, string validator, int records)
    {
        var page = session.Page;
        await session.AuditAsync("purchase (records awaiting validation)");
        for (var i = 0; i < records; i++)
        {
            await FillValidatorAsync(page, validator);
            await page.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).First.ClickAsync();
            await session.ExpectFlashAsync("Record accepted.");
        }

        var pass = page.GetByRole(AriaRole.Button, new() { Name = "Pass", Exact = true });
        await session.ReloadUntilVisibleAsync(pass.First, "the quality-control sample the system draws");
        while (await pass.CountAsync() > 0)
        {
            await FillValidatorAsync(page, validator);
            await pass.First.ClickAsync();
            await session.ExpectFlashAsync("Re-check passed.");
        }
    }

    private static async Task FillValidatorAsync(IPage page, string validator)
    {
        await page.Locator("#validator-name").FillAsync(validator);
        await page.Locator("#validator-title").FillAsync("Quality lead");
        await page.Locator("#validator-location").FillAsync("Tacoma, WA");
        await page.Locator("#validator-contact").FillAsync("quality@greencycle.example");
        await Expect(page.Locator("#validator-name")).ToHaveValueAsync(validator);
    }
}

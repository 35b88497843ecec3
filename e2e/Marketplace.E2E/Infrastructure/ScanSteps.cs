using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E.Infrastructure;

/// <summary>
/// The scan page as a barcode scanner uses it: a value typed into the focused field and Enter, one after another. Each
/// scan is posted by the page's script; the step waits for the running count to reach what it expects, never for time.
/// </summary>
public static class ScanSteps
{
    /// <summary>
    /// On the scan page at <paramref name="scanUrl"/>, scans <paramref name="values"/> (at receiving, in
    /// <paramref name="grade"/> when given: "As declared" otherwise) and waits until the page counts
    /// <paramref name="scannedAfter"/> devices scanned.
    /// </summary>
    public static async Task ScanAsync(this UserSession session, string scanUrl, IEnumerable<string> values, int scannedAfter, string? grade = null)
    {
        var page = session.Page;
        if (!page.Url.EndsWith(scanUrl, StringComparison.Ordinal))
        {
            await page.GotoAsync(scanUrl);
        }

        if (grade is not null)
        {
            await page.GetByLabel("Grade as received", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = grade });
        }

        var input = page.GetByLabel("Serial or asset tag", new() { Exact = true });
        foreach (var value in values)
        {
            await input.FillAsync(value);
            await input.PressAsync("Enter");
            // The script answers each scan in the status line before the next is typed, as a person watching the screen would.
            await Expect(page.Locator("#scan-status")).ToContainTextAsync(value, new() { IgnoreCase = true });
        }

        await Expect(page.Locator("#count-scanned")).ToHaveTextAsync(scannedAfter.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
    }
}

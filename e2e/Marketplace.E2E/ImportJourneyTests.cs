using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E;

/// <summary>
/// A district IT director brings a real inventory sheet: uploads it, fixes the one column the app
/// could not guess, watches the background check and import run, and reads the instant estimate.
/// </summary>
public sealed class ImportJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const int Rows = 30_000;

    [Fact(Timeout = 300_000)]
    public async Task A_district_uploads_a_sheet_corrects_the_mapping_watches_the_progress_and_sees_the_estimate()
    {
        fixture.RequireBrowser();
        var checkpoints = new Checkpoints(output, "import");
        await using var district = await UserSession.OpenAsync(fixture, checkpoints);
        await district.SignInAsync("district@demo.k12");
        await district.ClickLinkAsync("New lot");
        await district.FillAsync("Title", "Spring 2026 retirement – all campuses");
        await district.ClickButtonAsync("Create lot");
        await district.ExpectFlashAsync("Lot created");

        await district.Page.GetByLabel("Manifest (CSV or .xlsx)").SetInputFilesAsync(new FilePayload
        {
            Name = "spring-retirement.csv",
            MimeType = "text/csv",
            Buffer = Sheet(),
        });
        await district.ClickButtonAsync("Upload and map columns");
        await Expect(district.Page.GetByRole(AriaRole.Heading, new() { Name = "Match the columns of spring-retirement.csv" })).ToBeVisibleAsync();
        await district.AuditAsync("import mapping");
        var serial = district.Page.GetByLabel("Serial number (required)");
        await Expect(serial).ToHaveValueAsync("");
        await serial.SelectOptionAsync(new SelectOptionValue { Label = "A · Device Serial #" });
        await Expect(district.Page.GetByLabel("Model", new() { Exact = true })).ToHaveValueAsync("2");
        await district.StepAsync(1, "mapping-corrected");

        await district.ClickButtonAsync("Check all rows");
        await Expect(district.Page.GetByTestId("valid-rows")).ToHaveTextAsync(Rows.ToString("N0", CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
        await Expect(district.Page.GetByTestId("issue-count")).ToHaveTextAsync("0");
        await district.AuditAsync("import checked");
        await district.StepAsync(2, "rows-checked");

        // The page polls /imports/{id}/progress and reloads itself when the work is done. Hold those polls while the
        // in-progress page is audited (so it cannot navigate under the audit), and read each answer on its way back.
        var seen = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var auditDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await district.Page.RouteAsync("**/imports/*/progress", async route =>
        {
            await auditDone.Task;
            try
            {
                var response = await route.FetchAsync();
                using (var state = System.Text.Json.JsonDocument.Parse(await response.TextAsync()))
                {
                    seen.Enqueue(state.RootElement.GetProperty("percent").GetInt32());
                }

                await route.FulfillAsync(new() { Response = response });
            }
            catch (PlaywrightException)
            {
                // The page reloaded (the import finished) while this poll was in flight: nobody waits for its answer.
            }
        });

        await district.ClickButtonAsync($"Import all {Rows.ToString("N0", CultureInfo.InvariantCulture)} devices");
        var bar = district.Page.GetByRole(AriaRole.Progressbar);
        await Expect(bar).ToBeVisibleAsync();
        await district.StepAsync(3, "import-progress");
        await district.AuditAsync("import in progress");
        auditDone.SetResult();

        await Expect(district.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{Rows.ToString("N0", CultureInfo.InvariantCulture)} devices imported" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await district.Page.UnrouteAllAsync();
        output.WriteLine($"progress values seen: {string.Join(", ", seen)}");
        await district.AuditAsync("import completed");
        await district.StepAsync(4, "import-complete");

        await district.ClickLinkAsync("Back to the lot");
        var estimate = district.Page.GetByTestId("estimate");
        await Expect(estimate).ToHaveTextAsync(new Regex(@"^\$[\d,]+ – \$[\d,]+$"));
        await Expect(district.Page.GetByText($"Showing 1–50 of {Rows.ToString("N0", CultureInfo.InvariantCulture)}")).ToBeVisibleAsync();
        await district.AuditAsync("lot with imported devices");
        await district.StepAsync(5, "estimate");
        checkpoints.AssertAccessible();
    }

    /// <summary>A home-made inventory sheet whose serial column header no synonym matches.</summary>
    private static byte[] Sheet()
    {
        string[] models = ["Dell Chromebook 3100", "HP Chromebook 11 G8 EE", "Lenovo 300e Chromebook 2nd Gen", "Dell Chromebook 3110"];
        string[] grades = ["A", "B", "B", "C", "D"];
        var text = new StringBuilder("Device Serial #,Tag,Model Name,Condition,Funding,Purchased\r\n");
        for (var i = 0; i < Rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"MV{i:D6}Q,T-{i:D6},{models[i % models.Length]},{grades[i % grades.Length]},Local,2019-08-{1 + i % 28:D2}\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

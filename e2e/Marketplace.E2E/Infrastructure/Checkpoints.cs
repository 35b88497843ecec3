using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Marketplace.E2E.Infrastructure;

/// <summary>
/// What a test leaves behind for people: a full-page screenshot per step, and an axe-core audit of
/// every distinct page it passed through. Serious and critical findings fail the test at the end,
/// after the whole journey has been audited.
/// </summary>
public sealed class Checkpoints(ITestOutputHelper output, string journey)
{
    private readonly HashSet<string> audited = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> blocking = [];
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

    public string Folder { get; } = CreateFolder(journey);

    public IReadOnlyList<string> BlockingViolations => blocking;

    private static string CreateFolder(string journey)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", journey);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(folder, "pages"));
        return folder;
    }

    public async Task StepAsync(IPage page, int step, string name)
    {
        var file = Path.Combine(Folder, $"{step:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        output.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s  step {step:00} {name}: {page.Url}");
    }

    /// <summary>Audits the page once per distinct name (a page in a different state deserves its own name).</summary>
    public async Task AuditAsync(IPage page, string name)
    {
        if (!audited.Add(name))
        {
            return;
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, "pages", $"{Slug(name)}.png"), FullPage = true });
        var result = await page.RunAxe();
        foreach (var violation in result.Violations)
        {
            var targets = string.Join(" | ", violation.Nodes.Select(n => n.Target?.ToString()));
            var line = $"[{name}] {violation.Id} ({violation.Impact}): {violation.Help} → {targets}";
            if (violation.Impact is "serious" or "critical")
            {
                blocking.Add(line);
                output.WriteLine("AXE " + line);
            }
            else
            {
                output.WriteLine("axe (not blocking) " + line);
            }
        }
    }

    public void AssertAccessible()
    {
        output.WriteLine($"axe audited {audited.Count} pages: {string.Join(", ", audited)}");
        Assert.True(blocking.Count == 0, $"axe found {blocking.Count} serious/critical violation(s):\n{string.Join("\n", blocking)}");
    }

    private static string Slug(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
}

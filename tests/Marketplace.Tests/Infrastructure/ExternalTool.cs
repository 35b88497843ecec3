using System.Diagnostics;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Runs a command-line tool installed on the machine (pdftotext, pdfinfo, pdftoppm, zbarimg) and returns
/// its standard output. Without the tool the test is skipped with the command that installs it, unless
/// E2E_REQUIRED=1 (as in CI), where a missing tool is a failure.
/// </summary>
public static class ExternalTool
{
    public static async Task<string> RunAsync(string fileName, params string[] arguments)
    {
        var path = Resolve(fileName);
        if (path is null)
        {
            var hint = $"{Path.GetFileName(fileName)} is not installed: sudo apt-get install -y poppler-utils zbar-tools";
            if (Environment.GetEnvironmentVariable("E2E_REQUIRED") == "1")
            {
                throw new InvalidOperationException($"E2E_REQUIRED=1 but {hint}");
            }

            Assert.Skip(hint);
        }

        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{path} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }

    private static string? Resolve(string fileName)
    {
        if (Path.IsPathRooted(fileName))
        {
            return File.Exists(fileName) ? fileName : Resolve(Path.GetFileName(fileName));
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, fileName))
            .FirstOrDefault(File.Exists);
    }
}

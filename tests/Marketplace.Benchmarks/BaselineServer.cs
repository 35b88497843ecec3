namespace Marketplace.Benchmarks;

/// <summary>The in-run baseline for startup: a bare ASP.NET Core app answering one page, on the same runtime.</summary>
internal static class BaselineServer
{
    public const string Argument = "--baseline-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", () => Results.Content("<!DOCTYPE html><title>baseline</title><p>ok</p>", "text/html"));
        await app.RunAsync();
        return 0;
    }
}

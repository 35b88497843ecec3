namespace Marketplace.Benchmarks;

/// <summary>One scenario per argument; each prints a last line: RESULT {json}.</summary>
internal static class Benchmarks
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "startup" => await StartupScenario.RunAsync(),
        "import" => await ImportScenario.RunAsync(),
        "sanitize" => await SanitizeScenario.RunAsync(),
        "erasure-report" => await ErasureReportScenario.RunAsync(),
        "scan" => await ScanScenario.RunAsync(),
        "bids" => await BidsScenario.RunAsync(),
        "market" => await MarketScenario.RunAsync(),
        "pipeline" => await PipelineScenario.RunAsync(),
        "finance" => await FinanceScenario.RunAsync(),
        "catalog" => await CatalogScenario.RunAsync(),
        BaselineServer.Argument => await BaselineServer.RunAsync(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Marketplace.Benchmarks -- <scenario>");
        Console.Error.WriteLine("scenarios: startup, import, sanitize, erasure-report, scan, bids, market, pipeline, finance, catalog");
        return 2;
    }
}

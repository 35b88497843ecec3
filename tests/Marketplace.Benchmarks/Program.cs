using Marketplace.Benchmarks;

// One scenario per argument; each prints a last line: RESULT {json}.
var scenario = args.FirstOrDefault() ?? "";
return scenario switch
{
    "startup" => await StartupScenario.RunAsync(),
    BaselineServer.Argument => await BaselineServer.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Marketplace.Benchmarks -- <scenario>");
    Console.Error.WriteLine("scenarios: startup");
    return 2;
}

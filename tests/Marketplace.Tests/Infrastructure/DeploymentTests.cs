using System.Diagnostics;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Marketplace.Tests.Infrastructure;

/// <summary>docker-compose.yml configures the app only through settings the app really reads.</summary>
public sealed class DeploymentTests
{
    private static readonly HashSet<string> HostSettings = ["ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT"];

    [Fact]
    public void Every_app_environment_variable_in_the_compose_file_is_a_setting_the_app_reads()
    {
        var known = AppSettingKeys();
        var services = LoadCompose()["services"] as YamlMappingNode ?? throw new InvalidOperationException("no services");
        var appServices = services.Children.Where(s => Flatten((YamlMappingNode)s.Value).Contains("build")).ToList();
        Assert.Equal(["web", "worker"], appServices.Select(s => s.Key.ToString()).Order());

        foreach (var (name, node) in appServices)
        {
            var environment = (YamlMappingNode)((YamlMappingNode)node)["environment"];
            var variables = Flatten(environment).ToList();
            Assert.Contains("Database__Provider", variables);
            Assert.Contains("ConnectionStrings__Marketplace", variables);
            Assert.Contains("App__Role", variables);
            foreach (var variable in variables.Where(v => !HostSettings.Contains(v)))
            {
                var key = variable.Replace("__", ":");
                Assert.True(known.Contains(key), $"service {name}: {variable} maps to '{key}', which appsettings.json does not declare and the app does not read");
            }
        }
    }

    [Fact]
    public void Docker_compose_accepts_the_file()
    {
        var tool = new[] { "/usr/bin/docker-compose", "/usr/local/bin/docker-compose" }.FirstOrDefault(File.Exists);
        if (tool is null)
        {
            Assert.Skip("docker-compose is not installed (apt-get install -y docker-compose); the structural test above still ran.");
        }

        var start = new ProcessStartInfo(tool, ["-f", MigrationTests.RepositoryFile("docker-compose.yml"), "config", "-q"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment = { ["MSSQL_SA_PASSWORD"] = "Compose-check-1" },
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit(60_000);
        Assert.True(process.ExitCode == 0, errors);
    }

    private static YamlMappingNode LoadCompose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(MigrationTests.RepositoryFile("docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    /// <summary>Keys of an environment mapping, following YAML merge keys (&lt;&lt;: *app-env).</summary>
    private static IEnumerable<string> Flatten(YamlMappingNode node)
    {
        foreach (var (key, value) in node.Children)
        {
            if (key.ToString() == "<<" && value is YamlMappingNode merged)
            {
                foreach (var inner in Flatten(merged))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return key.ToString();
            }
        }
    }

    private static HashSet<string> AppSettingKeys()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MigrationTests.RepositoryFile("src/Marketplace.Web/appsettings.json")));
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Walk(document.RootElement, "");
        return keys;

        void Walk(JsonElement element, string prefix)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                keys.Add(prefix);
                return;
            }

            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}");
            }
        }
    }
}

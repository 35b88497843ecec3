using System.Net;
using System.Text.Json;

namespace Marketplace.Tests.Infrastructure;

public sealed class EndpointTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Health_reports_the_database_and_the_process_role()
    {
        var response = await BrowserClient.Anonymous(_factory).Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("all", json.RootElement.GetProperty("role").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task The_job_dashboard_is_for_admins_only()
    {
        var anonymous = await BrowserClient.Anonymous(_factory).Http.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var finance = await BrowserClient.SignInAsync(_factory, "finance@demo.k12");
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.Http.GetAsync("/admin/jobs")).StatusCode);

        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");
        var page = await admin.GetPageAsync("/admin/jobs");
        Assert.Contains("Background jobs", page);
    }

    [Fact]
    public async Task Errors_show_a_friendly_page_without_a_stack_trace()
    {
        var missing = await BrowserClient.Anonymous(_factory).Http.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var body = await missing.Content.ReadAsStringAsync();
        Assert.Contains("We couldn't find that page", WebUtility.HtmlDecode(body));
        Assert.DoesNotContain("   at ", body);
    }
}

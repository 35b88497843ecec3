using System.Net;
using Marketplace.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Infrastructure.Web;

/// <summary>The app behind one configured proxy (10.0.0.2), as a load balancer would front it.</summary>
public sealed class ProxiedApp : LoggedMarketplaceFactory
{
    public const string Proxy = "10.0.0.2";

    public ProxiedApp() => Settings["ForwardedHeaders:KnownProxies"] = Proxy;
}

public sealed class WebHygieneTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    private const string Host = "http://marketplace.test";

    [Fact]
    public async Task Pages_carry_a_content_security_policy_that_allows_no_inline_script_or_style()
    {
        var response = await app.From("198.51.100.7", Host).Http.GetAsync("/");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("style-src 'self';", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }

    [Fact]
    public async Task HSTS_is_sent_over_HTTPS_and_not_over_plain_HTTP()
    {
        var secure = await app.From("198.51.100.7", "https://marketplace.test").Http.GetAsync("/");
        var plain = await app.From("198.51.100.7", Host).Http.GetAsync("/");

        Assert.Equal("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task X_Forwarded_Proto_is_believed_from_the_configured_proxy_only()
    {
        var fromProxy = await GetWithForwardedHeadersAsync(ProxiedApp.Proxy);
        var fromStranger = await GetWithForwardedHeadersAsync("203.0.113.9");

        Assert.True(fromProxy.Headers.Contains("Strict-Transport-Security"), "the proxy says the browser used HTTPS");
        Assert.False(fromStranger.Headers.Contains("Strict-Transport-Security"), "a client's own X-Forwarded-Proto is not believed");
    }

    [Fact]
    public void The_server_does_not_name_itself()
    {
        // The in-process test server writes no Server header at all; what Kestrel would send is its option.
        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.False(kestrel.AddServerHeader);
    }

    [Fact]
    public async Task Manifest_and_certificate_downloads_are_not_stored_by_browsers_or_proxies()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        await app.SanitizeEverySerialAsync(lot);
        await MarketplaceFactory.EventuallyAsync(() => app.WithDbAsync(async db => await db.Certificates.AnyAsync(c => c.LotId == lot.Id) ? "issued" : null), "the certificate");
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        foreach (var download in new[] { "manifest.csv", "manifest.xlsx", "certificate.pdf" })
        {
            var response = await district.Http.GetAsync($"{lot.LotUrl}/{download}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{download} should be sent with Cache-Control: no-store");
        }
    }

    private async Task<HttpResponseMessage> GetWithForwardedHeadersAsync(string from)
    {
        var client = app.From(from, Host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.30");
        return await client.Http.SendAsync(request);
    }
}

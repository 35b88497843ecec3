using System.Net;

namespace Marketplace.Tests.Infrastructure.Web;

/// <summary>The app on a real Kestrel socket: what the in-process test server cannot show (the Server header, Kestrel's body limit).</summary>
public sealed class KestrelApp : LoggedMarketplaceFactory
{
    public KestrelApp()
    {
        UseKestrel(0);
        StartServer();
        Address = CreateClient().BaseAddress!;
    }

    public Uri Address { get; }

    public async Task<BrowserClient> SignInAsync(string email)
    {
        var browser = new BrowserClient(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = Address });
        var response = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }
}

public sealed class KestrelTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    [Fact]
    public async Task Responses_do_not_name_the_server()
    {
        using var client = new HttpClient { BaseAddress = app.Address };

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_answered_413_with_the_limit_before_the_body_is_sent()
    {
        var district = await app.SignInAsync(LotJourneys.District);
        var lotUrl = (await district.PostFormAsync("/lots/new", "/lots/new", new() { ["Title"] = "Spring returns" })).Headers.Location!.OriginalString;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await district.TokenAsync(lotUrl)), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[60 * 1024 * 1024]), "file", "inventory.csv" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{lotUrl}/imports") { Content = form };
        // What browsers and HTTP clients that care do for large bodies: wait for the server's go-ahead.
        request.Headers.ExpectContinue = true;
        request.Headers.Referrer = new Uri(app.Address, lotUrl);

        var response = await district.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The upload (60 MB) is larger than this form accepts (51 MB at most).", await UnreadableRequestTests.TextAsync(response));
        app.AssertNoFailures();
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// An HTTP client that behaves like a person's browser session: keeps cookies, reads the anti-forgery
/// token from the page it came from and posts forms with it. Redirects are followed by hand so tests
/// can assert where a form sends the user.
/// </summary>
public sealed partial class BrowserClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static async Task<BrowserClient> SignInAsync(MarketplaceFactory factory, string email, string password = Marketplace.Web.Data.DemoData.DefaultPassword)
    {
        var client = new BrowserClient(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var response = await client.PostFormAsync("/account/login", "/account/login", new() { ["Email"] = email, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public static BrowserClient Anonymous(MarketplaceFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<string> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GET {url} returned {(int)response.StatusCode}", null, response.StatusCode);
        }

        return body;
    }

    /// <summary>Loads <paramref name="pageUrl"/> for its anti-forgery token, then posts the form to <paramref name="action"/>.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string pageUrl, string action, Dictionary<string, string> fields) =>
        PostPairsAsync(pageUrl, action, fields);

    /// <summary>Like <see cref="PostFormAsync"/>, for forms that repeat a field (ticked checkboxes).</summary>
    public async Task<HttpResponseMessage> PostPairsAsync(string pageUrl, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await TokenAsync(pageUrl);
        return await SendAsync(pageUrl, action, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
    }

    /// <summary>Posts a file as a browser's multipart form would, with the anti-forgery token of <paramref name="pageUrl"/>.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string pageUrl, string action, string field, string fileName, byte[] content)
    {
        var token = await TokenAsync(pageUrl);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), field, fileName },
        };
        return await SendAsync(pageUrl, action, form);
    }

    /// <summary>The anti-forgery token of this user's session, as the form on <paramref name="pageUrl"/> carries it.</summary>
    public async Task<string> TokenAsync(string pageUrl)
    {
        var token = TokenPattern().Match(await GetPageAsync(pageUrl));
        return token.Success
            ? WebUtility.HtmlDecode(token.Groups[1].Value)
            : throw new InvalidOperationException($"{pageUrl} has no anti-forgery token.");
    }

    private async Task<HttpResponseMessage> SendAsync(string pageUrl, string action, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = content };
        request.Headers.Referrer = new Uri(Http.BaseAddress!, pageUrl);
        return await Http.SendAsync(request);
    }

    /// <summary>Posts a form and follows its redirect, returning the page the user lands on.</summary>
    public async Task<string> SubmitAsync(string pageUrl, string action, Dictionary<string, string>? fields = null)
    {
        var response = await PostFormAsync(pageUrl, action, fields ?? []);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
        {
            throw new HttpRequestException($"POST {action} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
        }

        return await GetPageAsync(response.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

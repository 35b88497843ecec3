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

    /// <summary>
    /// Signs in through the sign-in page as a person would, with the second step when the app asks for it: a code computed
    /// from <paramref name="authenticatorSecret"/> (the demo users' shared key unless told otherwise) by the tests' own TOTP.
    /// </summary>
    public static async Task<BrowserClient> SignInAsync(MarketplaceFactory factory, string email, string password = Marketplace.Web.Data.DemoData.DefaultPassword,
        string authenticatorSecret = Marketplace.Web.Data.DemoData.DemoAuthenticatorSecret)
    {
        var client = Anonymous(factory);
        var response = await client.SignInAsync(email, password, authenticatorSecret);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.StartsWith(SecondStep, StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return client;
    }

    /// <summary>Where the sign-in page sends someone whose account asks for a code.</summary>
    public const string SecondStep = "/account/two-factor/sign-in";

    /// <summary>
    /// Posts the sign-in form in this session and, when the app answers with the second step and a key is given, posts
    /// the current code. Returns the last answer (a redirect to where the person lands, or the page with its refusal).
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password = Marketplace.Web.Data.DemoData.DefaultPassword,
        string? authenticatorSecret = Marketplace.Web.Data.DemoData.DemoAuthenticatorSecret)
    {
        var response = await PostFormAsync("/account/login", "/account/login", new() { ["Email"] = email, ["Password"] = password });
        if (authenticatorSecret is null || response.StatusCode != HttpStatusCode.Redirect
            || response.Headers.Location?.OriginalString.StartsWith(SecondStep, StringComparison.Ordinal) != true)
        {
            return response;
        }

        var step = response.Headers.Location.OriginalString;
        var fields = new Dictionary<string, string> { ["Code"] = Totp.Now(authenticatorSecret) };
        if (step.Contains('?', StringComparison.Ordinal)
            && Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(step[step.IndexOf('?', StringComparison.Ordinal)..]).TryGetValue("returnUrl", out var returnUrl))
        {
            fields["ReturnUrl"] = returnUrl.ToString();
        }

        return await PostFormAsync(step, SecondStep, fields);
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
    public Task<HttpResponseMessage> PostFileAsync(string pageUrl, string action, string field, string fileName, byte[] content,
        Dictionary<string, string>? fields = null) =>
        PostFilesAsync(pageUrl, action, field, [(fileName, content)], fields);

    /// <summary>Posts several files under one field, as a browser's <c>&lt;input type="file" multiple&gt;</c> does.</summary>
    public async Task<HttpResponseMessage> PostFilesAsync(string pageUrl, string action, string field, IEnumerable<(string FileName, byte[] Content)> files,
        Dictionary<string, string>? fields = null)
    {
        var token = await TokenAsync(pageUrl);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (fileName, content) in files)
        {
            form.Add(new ByteArrayContent(content), field, fileName);
        }

        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

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

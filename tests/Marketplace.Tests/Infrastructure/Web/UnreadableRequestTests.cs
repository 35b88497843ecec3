using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Infrastructure.Web;

/// <summary>Posts no browser sends: each is refused with a 4xx and its reason, never a 500 or an unhandled-exception log line.</summary>
public sealed partial class UnreadableRequestTests(LoggedMarketplaceFactory app) : IClassFixture<LoggedMarketplaceFactory>
{
    [Fact]
    public async Task A_NUL_character_in_a_form_field_is_refused_with_400_naming_the_field_and_nothing_is_saved()
    {
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var response = await district.PostFormAsync("/lots/new", "/lots/new", new() { ["Title"] = "Spare\0Chromebooks" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Title: the value contains a NUL character (U+0000), which no field accepts", await TextAsync(response));
        Assert.False(await app.WithDbAsync(db => db.Lots.AnyAsync(l => l.Title.StartsWith("Spare"))));
        app.AssertNoFailures();
    }

    [Fact]
    public async Task A_multipart_upload_with_a_malformed_file_name_is_refused_with_400()
    {
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var lotUrl = await NewLotAsync(district);
        var token = await district.TokenAsync(lotUrl);
        const string boundary = "b0undary";
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n" +
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"inventory.csv\r\nContent-Type: text/csv\r\n\r\nSerial\nMVH-0001\n\r\n--{boundary}--\r\n"));
        body.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");

        var response = await PostAsync(district, lotUrl, $"{lotUrl}/imports", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form could not be read", await TextAsync(response));
        app.AssertNoFailures();
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_refused_with_413_saying_the_limit()
    {
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var lotUrl = await NewLotAsync(district);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await district.TokenAsync(lotUrl)), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[60 * 1024 * 1024]), "file", "inventory.csv" },
        };

        var response = await PostAsync(district, lotUrl, $"{lotUrl}/imports", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The upload (60 MB) is larger than this form accepts (51 MB at most).", await TextAsync(response));
        app.AssertNoFailures();
    }

    [Fact]
    public async Task A_refused_post_whose_referer_would_redirect_off_site_goes_back_to_the_home_page()
    {
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var token = await district.TokenAsync("/lots/new");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/lots/new")
        {
            Content = new FormUrlEncodedContent([new("Title", ""), new("__RequestVerificationToken", token)]),
        };
        request.Headers.TryAddWithoutValidation("Referer", "http://localhost//evil.example/x");

        var response = await district.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        app.AssertNoFailures();
    }

    private static async Task<string> NewLotAsync(BrowserClient district)
    {
        var created = await district.PostFormAsync("/lots/new", "/lots/new", new() { ["Title"] = "Spring returns" });
        return created.Headers.Location!.OriginalString;
    }

    private static async Task<HttpResponseMessage> PostAsync(BrowserClient user, string pageUrl, string action, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = content };
        request.Headers.Referrer = new Uri(user.Http.BaseAddress!, pageUrl);
        return await user.Http.SendAsync(request);
    }

    /// <summary>The page's text, as a person reads it.</summary>
    internal static async Task<string> TextAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(await response.Content.ReadAsStringAsync(), " "), " "));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;

namespace Marketplace.Tests.Features.Account;

/// <summary>
/// The app with small limits, counted per client address; each test signs in from addresses of its own (the in-process
/// server takes the address from the test), so no test spends another's allowance and nothing depends on time passing.
/// </summary>
public sealed class SignInLimitsApp : LoggedMarketplaceFactory
{
    public const int PostsPerClient = 10;
    public const int FailuresPerClient = 9;

    public SignInLimitsApp()
    {
        Settings["RateLimits:SignIn:PermitLimit"] = PostsPerClient.ToString();
        Settings["RateLimits:SignIn:Window"] = "01:00:00";
        Settings["RateLimits:Webhooks:PermitLimit"] = PostsPerClient.ToString();
        Settings["RateLimits:Webhooks:Window"] = "01:00:00";
        Settings["RateLimits:FailedSignIns:Window"] = "01:00:00";
        Settings["RateLimits:FailedSignIns:PerAccountAndClient"] = "5";
        Settings["RateLimits:FailedSignIns:PerClient"] = FailuresPerClient.ToString();
        Settings["Stripe:WebhookSecret"] = "whsec_limits";
    }
}

public sealed partial class SignInAbuseTests(SignInLimitsApp app) : IClassFixture<SignInLimitsApp>
{
    private const string NoMatch = "That e-mail and password do not match an account.";
    private const string Blocked = "Too many failed sign-ins for this e-mail address from your network. Wait 60 minutes and try again.";

    [Fact]
    public async Task Eight_wrong_passwords_from_a_stranger_do_not_lock_the_district_out()
    {
        var stranger = app.From("203.0.113.10");
        var answers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await SignInAsync(stranger, LotJourneys.District, $"Guess-number-{i}!"));
        }

        var district = await app.From("198.51.100.20").PostFormAsync("/account/login", "/account/login",
            new() { ["Email"] = LotJourneys.District, ["Password"] = DemoData.DefaultPassword });

        // The fifth failure from this client for this address is the last: it already says so.
        Assert.Equal([.. Enumerable.Repeat(NoMatch, 4), .. Enumerable.Repeat(Blocked, 4)], answers);
        // The right password still passes: the district's approver is asked for the second factor, not refused.
        Assert.Equal(HttpStatusCode.Redirect, district.StatusCode);
        Assert.Equal(BrowserClient.SecondStep, district.Headers.Location!.OriginalString);
        app.AssertNoFailures();
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answers_as_a_real_one_and_never_the_word_locked()
    {
        var (real, unknown) = (app.From("203.0.113.11"), app.From("203.0.113.12"));
        var (realAnswers, unknownAnswers) = (new List<string>(), new List<string>());
        for (var i = 0; i < 9; i++)
        {
            realAnswers.Add(await SignInAsync(real, "district2@demo.k12", $"Guess-number-{i}!"));
            unknownAnswers.Add(await SignInAsync(unknown, "nobody@demo.k12", $"Guess-number-{i}!"));
        }

        Assert.Equal(realAnswers, unknownAnswers);
        Assert.DoesNotContain(realAnswers, a => a.Contains("lock", StringComparison.OrdinalIgnoreCase));
        app.AssertNoFailures();
    }

    [Fact]
    public async Task A_client_that_fails_against_many_addresses_is_refused_even_with_the_right_password_of_another()
    {
        var sprayer = app.From("203.0.113.13");
        for (var i = 0; i < SignInLimitsApp.FailuresPerClient; i++)
        {
            Assert.Equal(i + 1 < SignInLimitsApp.FailuresPerClient ? NoMatch : Blocked, await SignInAsync(sprayer, $"teacher{i}@demo.k12", "Summer2026!"));
        }

        Assert.Equal(Blocked, await SignInAsync(sprayer, "school@demo.k12", DemoData.DefaultPassword));
        app.AssertNoFailures();
    }

    [Fact]
    public async Task Sign_in_posts_beyond_the_per_client_limit_get_429_while_other_clients_sign_in()
    {
        var hammer = app.From("203.0.113.14");
        for (var i = 0; i < SignInLimitsApp.PostsPerClient; i++)
        {
            await SignInAsync(hammer, $"bot{i}@demo.k12", "x");
        }

        var refused = await hammer.PostFormAsync("/account/login", "/account/login", new() { ["Email"] = "bot@demo.k12", ["Password"] = "x" });
        var other = await app.From("203.0.113.15").PostFormAsync("/account/login", "/account/login", new() { ["Email"] = "school@demo.k12", ["Password"] = DemoData.DefaultPassword });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a refused client is told when to come back");
        Assert.Contains("Too many attempts from your network.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        app.AssertNoFailures();
    }

    [Fact]
    public async Task A_client_cannot_escape_the_limit_by_naming_other_addresses_in_X_Forwarded_For()
    {
        var spoofer = app.From("203.0.113.17");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= SignInLimitsApp.PostsPerClient; i++)
        {
            spoofer.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
            spoofer.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            statuses.Add((await spoofer.PostFormAsync("/account/login", "/account/login", new() { ["Email"] = $"spoof{i}@demo.k12", ["Password"] = "x" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        app.AssertNoFailures();
    }

    [Fact]
    public async Task Stripe_webhook_posts_beyond_the_per_client_limit_get_429()
    {
        var sender = app.From("203.0.113.16");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= SignInLimitsApp.PostsPerClient; i++)
        {
            statuses.Add((await sender.Http.PostAsync("/webhooks/stripe", new StringContent("{}"))).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.BadRequest, SignInLimitsApp.PostsPerClient), HttpStatusCode.TooManyRequests], statuses);
        app.AssertNoFailures();
    }

    /// <summary>Posts the sign-in form with a wrong (or right) password and returns what the page says.</summary>
    private static async Task<string> SignInAsync(BrowserClient client, string email, string password)
    {
        var response = await client.PostFormAsync("/account/login", "/account/login", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = ErrorPattern().Match(await response.Content.ReadAsStringAsync());
        Assert.True(message.Success, "the sign-in page should say why");
        return WebUtility.HtmlDecode(message.Groups[1].Value);
    }

    [GeneratedRegex("<li>(.*?)</li>")]
    private static partial Regex ErrorPattern();
}

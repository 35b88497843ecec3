using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Account;

/// <summary>Two-factor sign-in with an authenticator app, with codes made by the tests' own TOTP from the key the set-up page shows.</summary>
public sealed partial class TwoFactorTests : IAsyncLifetime
{
    private readonly LoggedMarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task An_approver_without_two_factor_reaches_nothing_but_its_set_up_until_it_is_on()
    {
        var email = await _factory.AddMemberAsync("district@demo.k12", "Ana Park", Roles.DistrictApprover);
        var approver = BrowserClient.Anonymous(_factory);

        var signedIn = await approver.SignInAsync(email, authenticatorSecret: null);

        Assert.Equal("/dashboard", signedIn.Headers.Location?.OriginalString);
        foreach (var url in new[] { "/dashboard", "/lots", "/store", "/organization/people", "/account/two-factor/recovery-codes/../../../lots" })
        {
            var response = await approver.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/account/two-factor", $"{url}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        var post = await approver.PostFormAsync("/account/two-factor", "/lots/new", new() { ["Title"] = "Before two-factor" });
        Assert.Equal("/account/two-factor", post.Headers.Location?.OriginalString);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Lots.CountAsync(l => l.Title == "Before two-factor")));

        var setup = WebUtility.HtmlDecode(await approver.GetPageAsync("/account/two-factor"));
        Assert.Contains("Your duties (Approver) require two-factor sign-in", setup);
        Assert.Contains("<img class=\"qr-code\" src=\"data:image/png;base64,", setup);
        Assert.Contains("otpauth://totp/K-12%20Device%20Marketplace:", setup);
        Assert.Contains("autocomplete=\"one-time-code\"", setup);

        var signedOut = await approver.PostFormAsync("/account/two-factor", "/account/logout", []);
        Assert.Equal("/", signedOut.Headers.Location?.OriginalString);
        (await approver.GetAsync("/lots")).AssertSentToSignIn();
        _factory.AssertNoFailures();
    }

    [Fact]
    public async Task Set_up_turns_it_on_with_a_code_from_the_key_shown_and_then_a_code_or_a_recovery_code_used_once_signs_in()
    {
        var email = await _factory.AddMemberAsync("school@demo.k12", "Paul Nguyen", Roles.SchoolApprover);
        var approver = BrowserClient.Anonymous(_factory);
        await approver.SignInAsync(email, authenticatorSecret: null);
        var key = KeyOn(await approver.GetPageAsync("/account/two-factor"));

        var wrong = WebUtility.HtmlDecode(await approver.SubmitAsync("/account/two-factor", "/account/two-factor/enable", new() { ["code"] = WrongCode(key) }));
        Assert.Contains("That code does not match.", wrong);
        Assert.Equal(key, KeyOn(wrong));

        var codesPage = WebUtility.HtmlDecode(await approver.SubmitAsync("/account/two-factor", "/account/two-factor/enable", new() { ["code"] = Totp.Now(key) }));
        var codes = RecoveryCode().Matches(codesPage).Select(m => m.Value).Distinct().ToList();

        Assert.Contains("Two-factor sign-in is on.", codesPage);
        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await approver.GetAsync("/store/orders")).StatusCode);
        // Shown once: reloading the page does not show them again.
        Assert.Equal("/account/two-factor", (await approver.GetAsync("/account/two-factor/recovery-codes")).Headers.Location?.OriginalString);

        var download = await approver.PostFormAsync("/account/two-factor", "/account/two-factor/recovery-codes/download", new() { ["codes"] = string.Join(' ', codes) });
        Assert.Equal("text/plain", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("k12-marketplace-recovery-codes.txt", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.All(codes, c => Assert.Contains(c, download.Content.ReadAsStringAsync().Result));

        // A password alone is no longer enough: the second step asks for a code, and never offers to remember an approver's browser.
        var stepOne = await BrowserClient.Anonymous(_factory).SignInAsync(email, authenticatorSecret: null);
        Assert.Equal(BrowserClient.SecondStep, stepOne.Headers.Location?.OriginalString);
        var withCode = BrowserClient.Anonymous(_factory);
        var landed = await withCode.SignInAsync(email, authenticatorSecret: key);
        Assert.Equal("/dashboard", landed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await withCode.GetAsync("/store/orders")).StatusCode);
        var secondStep = BrowserClient.Anonymous(_factory);
        await secondStep.SignInAsync(email, authenticatorSecret: null);
        Assert.DoesNotContain("Remember this browser", await secondStep.GetPageAsync(BrowserClient.SecondStep));

        var first = await RecoverAsync(email, codes[0]);
        var reused = await RecoverAsync(email, codes[0]);
        var second = await RecoverAsync(email, codes[1].ToLowerInvariant());

        Assert.Equal("/dashboard", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("That recovery code does not match, or it was already used", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()));
        Assert.Equal("/dashboard", second.Headers.Location?.OriginalString);
        Assert.Contains("8 of 10 recovery codes left", WebUtility.HtmlDecode(await withCode.GetPageAsync("/account/two-factor")));

        // Required by the duties: it cannot be turned off.
        var off = WebUtility.HtmlDecode(await withCode.SubmitAsync("/account/two-factor", "/account/two-factor/disable"));
        Assert.Contains("Your duties (Approver) require two-factor sign-in, so it stays on.", off);
        _factory.AssertNoFailures();
    }

    [Fact]
    public async Task Wrong_codes_are_counted_per_account_and_client_and_then_even_the_right_code_waits()
    {
        var guesser = _factory.From("203.0.113.40");
        await guesser.SignInAsync("district2@demo.k12", authenticatorSecret: null);
        var wrong = WrongCode(DemoData.DemoAuthenticatorSecret);
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(ErrorOn(await guesser.PostFormAsync(BrowserClient.SecondStep, BrowserClient.SecondStep, new() { ["Code"] = wrong })));
        }

        var right = await guesser.PostFormAsync(BrowserClient.SecondStep, BrowserClient.SecondStep, new() { ["Code"] = Totp.Now(DemoData.DemoAuthenticatorSecret) });
        var recovery = await guesser.PostFormAsync("/account/two-factor/recovery", "/account/two-factor/recovery", new() { ["RecoveryCode"] = "BCDFG-HJKMN" });
        var elsewhere = await _factory.From("198.51.100.41").SignInAsync("district2@demo.k12");

        Assert.Equal([.. Enumerable.Repeat("That code does not match. Enter the code your app shows now.", 4), "Too many wrong codes. Wait 15 minutes and try again."], answers);
        Assert.Equal("Too many wrong codes. Wait 15 minutes and try again.", ErrorOn(right));
        Assert.Equal("Too many wrong codes. Wait 15 minutes and try again.", ErrorOn(recovery));
        Assert.Equal("/dashboard", elsewhere.Headers.Location?.OriginalString);
        // Never Identity's lockout: the password step still opens for the account from anywhere.
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == "district2@demo.k12").Select(u => u.AccessFailedCount).SingleAsync()));
        _factory.AssertNoFailures();
    }

    [Fact]
    public async Task Someone_whose_duties_do_not_require_it_may_turn_it_on_remember_the_browser_and_turn_it_off_until_an_approver_duty_requires_it()
    {
        var email = await _factory.AddMemberAsync("school@demo.k12", "Kim Lee", Roles.SchoolBuyer);
        var buyer = BrowserClient.Anonymous(_factory);
        await buyer.SignInAsync(email, authenticatorSecret: null);
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync("/store/cart")).StatusCode);
        var setup = WebUtility.HtmlDecode(await buyer.GetPageAsync("/account/two-factor"));
        Assert.Contains("Optional for you", setup);
        var key = KeyOn(setup);
        await buyer.SubmitAsync("/account/two-factor", "/account/two-factor/enable", new() { ["code"] = Totp.Now(key) });

        var browser = BrowserClient.Anonymous(_factory);
        await browser.SignInAsync(email, authenticatorSecret: null);
        Assert.Contains("Remember this browser", await browser.GetPageAsync(BrowserClient.SecondStep));
        var remembered = await browser.PostFormAsync(BrowserClient.SecondStep, BrowserClient.SecondStep, new() { ["Code"] = Totp.Now(key), ["RememberDevice"] = "true" });
        await browser.PostFormAsync("/store", "/account/logout", []);
        var again = await browser.SignInAsync(email, authenticatorSecret: null);

        Assert.Equal("/dashboard", remembered.Headers.Location?.OriginalString);
        Assert.Equal("/dashboard", again.Headers.Location?.OriginalString);

        var off = WebUtility.HtmlDecode(await browser.SubmitAsync("/account/two-factor", "/account/two-factor/disable"));
        Assert.Contains("Two-factor sign-in is off.", off);
        Assert.Equal("/dashboard", (await BrowserClient.Anonymous(_factory).SignInAsync(email, authenticatorSecret: null)).Headers.Location?.OriginalString);

        // On again: turning it off forgot the browser. Remembered again, then an approver's duty: a remembered browser no longer skips the code.
        await browser.SubmitAsync("/account/two-factor", "/account/two-factor/enable", new() { ["code"] = Totp.Now(key) });
        await browser.PostFormAsync("/store", "/account/logout", []);
        Assert.Equal(BrowserClient.SecondStep, (await browser.SignInAsync(email, authenticatorSecret: null)).Headers.Location?.OriginalString);
        await browser.PostFormAsync(BrowserClient.SecondStep, BrowserClient.SecondStep, new() { ["Code"] = Totp.Now(key), ["RememberDevice"] = "true" });
        await browser.PostFormAsync("/store", "/account/logout", []);
        Assert.Equal("/dashboard", (await browser.SignInAsync(email, authenticatorSecret: null)).Headers.Location?.OriginalString);
        await _factory.SendAsAsync("school@demo.k12", new Marketplace.Web.Features.Organizations.ChangeDuties.Command(await _factory.IdOfAsync(email), [Roles.SchoolApprover]));
        await browser.PostFormAsync("/store", "/account/logout", []);

        Assert.Equal(BrowserClient.SecondStep, (await browser.SignInAsync(email, authenticatorSecret: null)).Headers.Location?.OriginalString);
        _factory.AssertNoFailures();
    }

    [Fact]
    public async Task The_demo_users_whose_duties_require_it_have_it_on_with_the_demo_key_and_the_others_sign_in_with_a_password()
    {
        var enabled = await _factory.WithDbAsync(db => db.Users.Where(u => u.Email!.EndsWith("@demo.k12")).OrderBy(u => u.Email)
            .Select(u => new { u.Email, u.TwoFactorEnabled }).ToListAsync());

        Assert.Equal(["admin@demo.k12", "district2@demo.k12", "district@demo.k12", "finance@demo.k12", "principal@demo.k12"],
            enabled.Where(u => u.TwoFactorEnabled).Select(u => u.Email!).ToArray());
        foreach (var email in enabled.Where(u => u.TwoFactorEnabled).Select(u => u.Email!))
        {
            Assert.Equal("/dashboard", (await BrowserClient.Anonymous(_factory).SignInAsync(email)).Headers.Location?.OriginalString);
        }

        foreach (var email in enabled.Where(u => !u.TwoFactorEnabled).Select(u => u.Email!))
        {
            Assert.Equal("/dashboard", (await BrowserClient.Anonymous(_factory).SignInAsync(email, authenticatorSecret: null)).Headers.Location?.OriginalString);
        }
    }

    private async Task<HttpResponseMessage> RecoverAsync(string email, string code)
    {
        var browser = BrowserClient.Anonymous(_factory);
        await browser.SignInAsync(email, authenticatorSecret: null);
        return await browser.PostFormAsync("/account/two-factor/recovery", "/account/two-factor/recovery", new() { ["RecoveryCode"] = code });
    }

    /// <summary>The key the set-up page shows, spaces taken out, as a person types it into an app.</summary>
    private static string KeyOn(string page) => SharedKey().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>A code that is none of the five the app accepts now (two 30-second steps either side).</summary>
    private static string WrongCode(string key)
    {
        var accepted = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !accepted.Contains(c));
    }

    private static string ErrorOn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = ValidationError().Match(response.Content.ReadAsStringAsync().Result);
        Assert.True(match.Success, "the page should say why");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<code class=\"fs-5 shared-key\">([A-Z2-7 ]+)</code>")]
    private static partial Regex SharedKey();

    [GeneratedRegex(@"\b[2-9B-Y]{5}-[2-9B-Y]{5}\b")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("<li>(.*?)</li>")]
    private static partial Regex ValidationError();
}

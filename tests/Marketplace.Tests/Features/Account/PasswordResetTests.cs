using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Account;
using Marketplace.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Account;

/// <summary>"Forgot your password?": a link by e-mail that works once, signs the account out everywhere else, and tells no one which addresses exist.</summary>
public sealed class PasswordResetTests : IAsyncLifetime
{
    private const string NewPassword = "Fresh-start-2026!";
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_link_from_the_delivered_email_sets_a_new_password_once_and_ends_the_accounts_other_sessions()
    {
        var email = await _factory.AddMemberAsync("district@demo.k12", "Nora Quinn", Roles.DistrictInventory);
        var elsewhere = await BrowserClient.SignInAsync(_factory, email);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/lots")).StatusCode);

        var visitor = BrowserClient.Anonymous(_factory);
        var sent = WebUtility.HtmlDecode(await visitor.SubmitAsync("/account/forgot-password", "/account/forgot-password", new() { ["Email"] = email }));
        var message = await _factory.WaitForAsync(email, "Reset your K-12 Device Marketplace password");
        var link = Mailbox.LinkIn(message);
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);

        Assert.Contains($"If an account uses <strong>{email}</strong>, a link to choose a new password is on its way", sent);
        Assert.StartsWith("/account/reset-password?id=", link, StringComparison.Ordinal);
        var (logged, payloads) = await _factory.WithDbAsync(async db => (
            await db.EmailMessages.AsNoTracking().SingleAsync(m => m.To == email),
            await db.OutboxMessages.AsNoTracking().Select(m => m.Payload).ToListAsync()));
        Assert.Contains(SendLinkEmail.LoggedInsteadOfLink, logged.Body);
        Assert.DoesNotContain(token, logged.Body);
        Assert.DoesNotContain(payloads, p => p.Contains(token, StringComparison.Ordinal));

        var form = WebUtility.HtmlDecode(await visitor.GetPageAsync(link));
        var done = WebUtility.HtmlDecode(await visitor.SubmitAsync(link, "/account/reset-password",
            new() { ["id"] = Query(link, "id"), ["token"] = token, ["password"] = NewPassword, ["confirmPassword"] = NewPassword }));

        Assert.Contains($"For <strong>{email}</strong>", form);
        Assert.Contains("Your password was changed", done);
        (await elsewhere.GetAsync("/lots")).AssertSentToSignIn();
        Assert.Contains(AccountController.NoMatch, WebUtility.HtmlDecode(await (await BrowserClient.Anonymous(_factory).SignInAsync(email)).Content.ReadAsStringAsync()));
        var again = await BrowserClient.SignInAsync(_factory, email, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/lots")).StatusCode);

        // Used once: the link's page says so, and its token is refused.
        Assert.Contains("This link no longer works", WebUtility.HtmlDecode(await BrowserClient.Anonymous(_factory).GetPageAsync(link)));
        var replay = BrowserClient.Anonymous(_factory);
        var refused = WebUtility.HtmlDecode(await replay.SubmitAsync("/account/forgot-password", "/account/reset-password",
            new() { ["id"] = Query(link, "id"), ["token"] = token, ["password"] = "Another-pass-2026!", ["confirmPassword"] = "Another-pass-2026!" }));
        Assert.Contains(ResetPassword.LinkClosed, refused);
    }

    [Fact]
    public async Task The_form_answers_the_same_for_an_address_without_an_account_and_sends_it_nothing()
    {
        var known = WebUtility.HtmlDecode(await BrowserClient.Anonymous(_factory).SubmitAsync("/account/forgot-password", "/account/forgot-password", new() { ["Email"] = "inventory@demo.k12" }));
        var unknown = WebUtility.HtmlDecode(await BrowserClient.Anonymous(_factory).SubmitAsync("/account/forgot-password", "/account/forgot-password", new() { ["Email"] = "nobody@demo.k12" }));
        await _factory.WaitForAsync("inventory@demo.k12", "Reset your");

        Assert.Equal(known.Replace("inventory@demo.k12", "ADDRESS", StringComparison.Ordinal).Replace(Tokenless(known), "", StringComparison.Ordinal),
            unknown.Replace("nobody@demo.k12", "ADDRESS", StringComparison.Ordinal).Replace(Tokenless(unknown), "", StringComparison.Ordinal));
        Assert.Empty(Mailbox.Delivered(_factory, "nobody@demo.k12", ""));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.EmailMessages.CountAsync(m => m.To == "nobody@demo.k12")));
    }

    [Fact]
    public async Task A_new_password_must_follow_the_password_rules_and_be_typed_twice_alike()
    {
        var email = await _factory.AddMemberAsync("school@demo.k12", "Ivy Chen", Roles.SchoolBuyer);
        await BrowserClient.Anonymous(_factory).SubmitAsync("/account/forgot-password", "/account/forgot-password", new() { ["Email"] = email });
        var link = Mailbox.LinkIn(await _factory.WaitForAsync(email, "Reset your"));
        var token = Uri.UnescapeDataString(Query(link, "token"));
        var visitor = BrowserClient.Anonymous(_factory);

        var weak = WebUtility.HtmlDecode(await visitor.SubmitAsync(link, "/account/reset-password", new() { ["id"] = Query(link, "id"), ["token"] = token, ["password"] = "short", ["confirmPassword"] = "short" }));
        var differ = WebUtility.HtmlDecode(await visitor.SubmitAsync(link, "/account/reset-password", new() { ["id"] = Query(link, "id"), ["token"] = token, ["password"] = NewPassword, ["confirmPassword"] = NewPassword + "x" }));

        Assert.Contains("Passwords must be at least 12 characters.", weak);
        Assert.Contains("The two passwords differ", differ);
        // Refusals keep the link usable for the right password.
        Assert.Contains("Choose a new password", weak);
        await visitor.SubmitAsync(link, "/account/reset-password", new() { ["id"] = Query(link, "id"), ["token"] = token, ["password"] = NewPassword, ["confirmPassword"] = NewPassword });
        await BrowserClient.SignInAsync(_factory, email, NewPassword);
    }

    [Fact]
    public async Task A_deactivated_account_gets_no_reset_email()
    {
        var email = await _factory.AddMemberAsync("school@demo.k12", "Omar Haddad", Roles.SchoolBuyer);
        var id = await _factory.IdOfAsync(email);
        await _factory.SendAsAsync("school@demo.k12", new Marketplace.Web.Features.Organizations.DeactivateMember.Command(id, "Left"));

        await BrowserClient.Anonymous(_factory).SubmitAsync("/account/forgot-password", "/account/forgot-password", new() { ["Email"] = email });
        await BrowserClient.Anonymous(_factory).SubmitAsync("/account/forgot-password", "/account/forgot-password", new() { ["Email"] = "inventory@demo.k12" });
        await _factory.WaitForAsync("inventory@demo.k12", "Reset your");

        Assert.Empty(Mailbox.Delivered(_factory, email, ""));
    }

    private static string Query(string link, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link[link.IndexOf('?', StringComparison.Ordinal)..])[name].ToString();

    /// <summary>The anti-forgery token rendered into the page, different on every render.</summary>
    private static string Tokenless(string page)
    {
        var match = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        return match.Success ? match.Groups[1].Value : "\u0000";
    }
}

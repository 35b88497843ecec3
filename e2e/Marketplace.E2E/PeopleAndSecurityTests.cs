using System.Text.RegularExpressions;
using Marketplace.E2E.Infrastructure;
using Marketplace.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E;

/// <summary>
/// A refurbisher's admin invites a technician, who accepts from the link in the delivered e-mail, turns on two-factor sign-in
/// with the key the page shows and signs in with it; the admin and the platform see the new account. Every page is audited.
/// </summary>
public sealed partial class PeopleAndSecurityTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Password = "Technician-2026!";

    [Fact(Timeout = 240_000)]
    public async Task An_invited_technician_joins_turns_on_two_factor_and_signs_in_with_it()
    {
        fixture.RequireBrowser();
        var checkpoints = new Checkpoints(output, "people-and-security");
        var invitee = $"kai.{Guid.NewGuid():N}@greencycle.test";

        await using var admin = await UserSession.OpenAsync(fixture, checkpoints);
        await admin.SignInAsync("refurbisher@demo.k12");
        await admin.ClickButtonAsync("Organization");
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).ClickAsync();
        await Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Name = "People", Level = 1 })).ToBeVisibleAsync();
        await admin.AuditAsync("people");
        await admin.FillAsync("E-mail", invitee);
        await admin.Page.GetByLabel("Technician (pickup, receiving, sanitization)").CheckAsync();
        await admin.ClickButtonAsync("Send invitation");
        await admin.ExpectFlashAsync($"An invitation is on its way to {invitee}");
        await admin.AuditAsync("people (invitation waiting)");
        await admin.StepAsync(1, "invited");

        await using var technician = await UserSession.OpenAsync(fixture, checkpoints);
        await technician.Page.GotoAsync(await Mailbox.LinkAsync(fixture.Server, invitee, InvitationLink()));
        await Expect(technician.Page.GetByRole(AriaRole.Heading, new() { Name = "Join GreenCycle ITAD" })).ToBeVisibleAsync();
        await technician.AuditAsync("invitation");
        await technician.FillAsync("Your name", "Kai Brennan");
        await technician.FillAsync("Choose a password", Password);
        await technician.FillAsync("The same password again", Password);
        await technician.ClickButtonAsync("Accept and make my account");
        await technician.ExpectFlashAsync("Welcome, Kai Brennan.");
        await Expect(technician.Page).ToHaveURLAsync(new Regex("/market$"));
        await technician.StepAsync(2, "accepted");

        await technician.Page.Locator("header .dropdown-toggle[title]").ClickAsync();
        await technician.Page.GetByRole(AriaRole.Link, new() { Name = "Two-factor sign-in", Exact = true }).ClickAsync();
        await technician.AuditAsync("two-factor set-up");
        await Expect(technician.Page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("QR code") })).ToBeVisibleAsync();
        var key = (await technician.Page.Locator("code.shared-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await technician.FillAsync("6-digit code", Totp.Now(key));
        await technician.ClickButtonAsync("Turn on two-factor sign-in");
        await Expect(technician.Page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" })).ToBeVisibleAsync();
        await Expect(technician.Page.Locator("ul.recovery-codes li")).ToHaveCountAsync(10);
        await technician.AuditAsync("recovery codes");
        await technician.StepAsync(3, "two-factor on");
        await technician.ClickLinkAsync("I have saved them");
        await technician.ClickButtonAsync("Sign out");
        await technician.SignInAsync(invitee, Password, key);
        await Expect(technician.Page).ToHaveURLAsync(new Regex("/market$"));
        await technician.Page.GotoAsync("/account/two-factor");
        await technician.AuditAsync("two-factor (on)");

        await admin.Page.ReloadAsync();
        await admin.ClickLinkAsync("Kai Brennan");
        await Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Kai Brennan" })).ToBeVisibleAsync();
        await admin.AuditAsync("member");

        await using (var platform = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await platform.SignInAsync("admin@demo.k12");
            await platform.Page.GotoAsync("/admin/users");
            await platform.AuditAsync("admin users");
            await platform.FillAsync("Name, e-mail or organization", "Kai Brennan");
            await platform.ClickButtonAsync("Search");
            await platform.ClickLinkAsync("Kai Brennan");
            await Expect(platform.Page.GetByText("Technician", new() { Exact = true })).ToBeVisibleAsync();
            await platform.AuditAsync("admin user");
        }

        await using (var visitor = await UserSession.OpenAsync(fixture, checkpoints))
        {
            await visitor.Page.GotoAsync("/account/login");
            await visitor.ClickLinkAsync("Forgot your password?");
            await visitor.AuditAsync("forgot password");
            await visitor.FillAsync("E-mail", invitee);
            await visitor.ClickButtonAsync("E-mail me a link");
            await Expect(visitor.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "a link to choose a new password is on its way" })).ToBeVisibleAsync();
            await visitor.AuditAsync("forgot password (sent)");
        }

        checkpoints.AssertAccessible();
    }

    [GeneratedRegex(@"https?://\S+/invitations/[A-Za-z0-9_-]+")]
    internal static partial Regex InvitationLink();
}

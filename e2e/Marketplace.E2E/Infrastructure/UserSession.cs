using Marketplace.Web.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.E2E.Infrastructure;

/// <summary>One person at their own browser: their own cookies, one tab.</summary>
public sealed class UserSession(IBrowserContext context, IPage page, Checkpoints checkpoints) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>The question of the last confirmation dialog the page asked; the person always answers yes.</summary>
    public string? LastDialog { get; private set; }

    public static async Task<UserSession> OpenAsync(BrowserFixture fixture, Checkpoints checkpoints)
    {
        var context = await fixture.NewContextAsync();
        var session = new UserSession(context, await context.NewPageAsync(), checkpoints);
        session.Page.Dialog += async (_, dialog) =>
        {
            session.LastDialog = dialog.Message;
            await dialog.AcceptAsync();
        };
        return session;
    }

    /// <summary>
    /// Signs in through the login form and lands on the role's start page. When the app asks for the second step, types the
    /// current code of <paramref name="authenticatorSecret"/> (the demo users' key unless told otherwise), made by the tests' own TOTP.
    /// </summary>
    public async Task SignInAsync(string email, string password = DemoData.DefaultPassword, string authenticatorSecret = DemoData.DemoAuthenticatorSecret)
    {
        await Page.GotoAsync("/account/login");
        await AuditAsync("login");
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var signOut = Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        var code = Page.GetByLabel("Authentication code");
        await Expect(signOut.Or(code)).ToBeVisibleAsync();
        if (await code.IsVisibleAsync())
        {
            await AuditAsync("two-factor sign-in");
            await code.FillAsync(Marketplace.Tests.Infrastructure.Totp.Now(authenticatorSecret));
            await Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        }

        await Expect(signOut).ToBeVisibleAsync();
    }

    public Task AuditAsync(string name) => checkpoints.AuditAsync(Page, name);

    public Task StepAsync(int step, string name) => checkpoints.StepAsync(Page, step, name);

    public Task ClickButtonAsync(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    public Task ClickLinkAsync(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

    /// <summary>Follows a link in the site's main navigation bar.</summary>
    public Task NavigateAsync(string name) =>
        Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

    public Task FillAsync(string label, string value) => Page.GetByLabel(label, new() { Exact = true }).FillAsync(value);

    public Task SelectAsync(string label, string option) =>
        Page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = option });

    /// <summary>The red "That didn't work" message a refused form comes back with.</summary>
    public async Task ExpectErrorAsync(string text) =>
        await Expect(Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = text })).ToBeVisibleAsync();

    public async Task ExpectFlashAsync(string text) =>
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = text })).ToBeVisibleAsync();

    /// <summary>
    /// Reloads as a person waiting on background work would, until something shows: each page load is given
    /// a second to show it before the next reload, so the wait ends on the state, not on a timer.
    /// </summary>
    public async Task ReloadUntilVisibleAsync(ILocator locator, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                await Expect(locator).ToBeVisibleAsync(new() { Timeout = 1_000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                await Page.ReloadAsync();
            }
            catch (PlaywrightException e)
            {
                throw new TimeoutException($"After {seconds} s of reloading {Page.Url}, still no {what}.", e);
            }
        }
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}

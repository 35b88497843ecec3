using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Marketplace.Web.Domain.People;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Features.Account;

public sealed class TwoFactorSignInForm
{
    [Required(ErrorMessage = "Enter the 6-digit code your authenticator app shows.")]
    [StringLength(20, ErrorMessage = "Enter the 6-digit code your authenticator app shows.")]
    [Display(Name = "Authentication code")]
    public string Code { get; set; } = "";

    [Display(Name = "Remember this browser for 14 days")]
    public bool RememberDevice { get; set; }

    public string? ReturnUrl { get; set; }

    /// <summary>Set by the page: never for people whose duties require the second factor at every sign-in.</summary>
    public bool RememberOffered { get; set; }
}

public sealed class RecoveryCodeSignInForm
{
    [Required(ErrorMessage = "Enter one of your recovery codes.")]
    [StringLength(40, ErrorMessage = "Enter one of your recovery codes.")]
    [Display(Name = "Recovery code")]
    public string RecoveryCode { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

public sealed record TwoFactorPage(GetTwoFactorStatus.Result Status, string? Key, string? OtpAuthUri, string? QrCode);

/// <summary>
/// Two-factor sign-in with an authenticator app: the account page that sets it up (or turns it off, or renews recovery
/// codes) and the second step of signing in, with a code or a recovery code.
/// </summary>
[Route("account/two-factor")]
public sealed partial class TwoFactorController(ISender sender, SignInManager<AppUser> signIn, TwoFactorThrottle throttle) : MarketplaceController(sender)
{
    private const string RecoveryCodesKey = "recovery-codes";

    [HttpGet("")]
    [Authorize]
    public async Task<IActionResult> Index()
    {
        var status = await Sender.Send(new GetTwoFactorStatus.Query(), Aborted);
        if (status.Enabled)
        {
            return View("TwoFactor", new TwoFactorPage(status, null, null, null));
        }

        var setup = await Sender.Send(new PrepareAuthenticator.Command(), Aborted);
        return View("TwoFactor", new TwoFactorPage(status, Authenticator.Grouped(setup.Key), setup.OtpAuthUri, Authenticator.QrCodeDataUri(setup.OtpAuthUri)));
    }

    [HttpPost("enable")]
    [Authorize]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> Enable(string? code)
    {
        var codes = await Sender.Send(new EnableTwoFactor.Command(code ?? ""), Aborted);
        await RefreshOwnCookieAsync();
        TempData[RecoveryCodesKey] = string.Join(' ', codes);
        Success("Two-factor sign-in is on. From now on you sign in with your password and a code from your app.");
        return Redirect("/account/two-factor/recovery-codes");
    }

    [HttpPost("disable")]
    [Authorize]
    public async Task<IActionResult> Disable()
    {
        await Sender.Send(new DisableTwoFactor.Command(), Aborted);
        await RefreshOwnCookieAsync();
        Success("Two-factor sign-in is off. You sign in with your password alone.");
        return Redirect("/account/two-factor");
    }

    [HttpPost("recovery-codes")]
    [Authorize]
    public async Task<IActionResult> RegenerateRecoveryCodes()
    {
        var codes = await Sender.Send(new RegenerateRecoveryCodes.Command(), Aborted);
        TempData[RecoveryCodesKey] = string.Join(' ', codes);
        Success("New recovery codes made. The ones you had before no longer work.");
        return Redirect("/account/two-factor/recovery-codes");
    }

    /// <summary>The codes just made, shown once: they travel to this page in the (encrypted) temp-data cookie, read and dropped here.</summary>
    [HttpGet("recovery-codes")]
    [Authorize]
    public IActionResult RecoveryCodes()
    {
        if (TempData[RecoveryCodesKey] is not string codes)
        {
            return Redirect("/account/two-factor");
        }

        return View("RecoveryCodes", codes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The codes on the page as a text file: the page posts back what it shows, nothing is read from the account.</summary>
    [HttpPost("recovery-codes/download")]
    [Authorize]
    public IActionResult DownloadRecoveryCodes(string? codes)
    {
        var list = (codes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (list.Length is 0 or > EnableTwoFactor.RecoveryCodeCount || !list.All(c => RecoveryCodeShape().IsMatch(c)))
        {
            throw new DomainException("Those are not recovery codes. Make new ones on the two-factor page.");
        }

        var text = $"K-12 Device Marketplace recovery codes for {User.Identity?.Name}\r\nEach code signs you in once when your authenticator app is not at hand.\r\n\r\n{string.Join("\r\n", list)}\r\n";
        return File(System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", "k12-marketplace-recovery-codes.txt");
    }

    [HttpGet("sign-in")]
    [AllowAnonymous]
    public async Task<IActionResult> SignIn(string? returnUrl)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return StartAgain();
        }

        return View("TwoFactorSignIn", new TwoFactorSignInForm { ReturnUrl = returnUrl, RememberOffered = await RememberOfferedAsync(user) });
    }

    [HttpPost("sign-in")]
    [AllowAnonymous]
    [HandlesModelErrors]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> SignIn(TwoFactorSignInForm form)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return StartAgain();
        }

        form.RememberOffered = await RememberOfferedAsync(user);
        if (!ModelState.IsValid)
        {
            return View("TwoFactorSignIn", form);
        }

        var client = RateLimits.ClientKey(HttpContext);
        if (throttle.IsBlocked(user.Id, client))
        {
            ModelState.AddModelError("", throttle.BlockedMessage);
            return View("TwoFactorSignIn", form);
        }

        // Checked here first and counted by the throttle: Identity's own sign-in counts a wrong code towards its lockout,
        // which this app does not use (see SignInThrottle), and would then refuse the right password too.
        var code = Authenticator.Digits(form.Code);
        if (!await signIn.UserManager.VerifyTwoFactorTokenAsync(user, signIn.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            throttle.Failed(user.Id, client);
            ModelState.AddModelError("", throttle.IsBlocked(user.Id, client) ? throttle.BlockedMessage : "That code does not match. Enter the code your app shows now.");
            return View("TwoFactorSignIn", form);
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: form.RememberOffered && form.RememberDevice);
        return await FinishAsync(result, user, client, form.ReturnUrl, "TwoFactorSignIn", form);
    }

    [HttpGet("recovery")]
    [AllowAnonymous]
    public async Task<IActionResult> Recovery(string? returnUrl) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? StartAgain() : View("RecoveryCodeSignIn", new RecoveryCodeSignInForm { ReturnUrl = returnUrl });

    [HttpPost("recovery")]
    [AllowAnonymous]
    [HandlesModelErrors]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> Recovery(RecoveryCodeSignInForm form)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return StartAgain();
        }

        if (!ModelState.IsValid)
        {
            return View("RecoveryCodeSignIn", form);
        }

        var client = RateLimits.ClientKey(HttpContext);
        if (throttle.IsBlocked(user.Id, client))
        {
            ModelState.AddModelError("", throttle.BlockedMessage);
            return View("RecoveryCodeSignIn", form);
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(form.RecoveryCode.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant());
        if (!result.Succeeded && !result.IsNotAllowed)
        {
            throttle.Failed(user.Id, client);
            ModelState.AddModelError("", throttle.IsBlocked(user.Id, client) ? throttle.BlockedMessage : "That recovery code does not match, or it was already used: each works once.");
            return View("RecoveryCodeSignIn", form);
        }

        return await FinishAsync(result, user, client, form.ReturnUrl, "RecoveryCodeSignIn", form);
    }

    private async Task<IActionResult> FinishAsync(Microsoft.AspNetCore.Identity.SignInResult result, AppUser user, string client, string? returnUrl, string view, object form)
    {
        if (result.Succeeded)
        {
            throttle.Succeeded(user.Id, client);
            // The sign-in is complete only now; the audit trail records it here, as the sign-in page does for password-only accounts.
            // Not the request's abort token: a client that hangs up now still leaves its record.
            await Sender.Send(new RecordSignIn.Command(SessionEvent.SignedIn, user.Email ?? ""), CancellationToken.None);
            return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : Redirect("/dashboard");
        }

        ModelState.AddModelError("", result.IsNotAllowed ? AccountController.Deactivated(user) : "The sign-in could not be completed. Sign in again.");
        return View(view, form);
    }

    private async Task<bool> RememberOfferedAsync(AppUser user) => !DutyGrants.RequireTwoFactor(await signIn.UserManager.GetRolesAsync(user));

    private IActionResult StartAgain()
    {
        TempData[Flash.Error] = "Your sign-in took too long or was not started here. Sign in again with your e-mail and password.";
        return Redirect("/account/login");
    }

    /// <summary>The command changed this person's security stamp: a new cookie, or the next request would sign them out.</summary>
    private async Task RefreshOwnCookieAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{6,20}$")]
    private static partial Regex RecoveryCodeShape();
}

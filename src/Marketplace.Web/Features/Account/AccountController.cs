using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Features.Account;

public sealed class LoginForm
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

[Route("account")]
public sealed class AccountController(SignInManager<AppUser> signIn, SignInThrottle throttle, ISender sender) : Controller
{
    /// <summary>One answer for every refused sign-in, known address or not, so the page never tells which addresses exist.</summary>
    public const string NoMatch = "That e-mail and password do not match an account.";

    /// <summary>Shown only to someone who typed the right password for an account whose address is not confirmed yet.</summary>
    public const string NotConfirmed = "Confirm your e-mail address before you sign in: follow the link in the e-mail we sent when you signed up.";

    /// <summary>ViewData key: the unconfirmed address the sign-in page offers to send the link to again.</summary>
    public const string UnconfirmedEmail = "unconfirmed-email";

    [HttpGet("login")]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [AllowAnonymous]
    [HandlesModelErrors]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var email = form.Email.Trim();
        var client = RateLimits.ClientKey(HttpContext);
        if (throttle.IsBlocked(email, client))
        {
            // Refused before the password is checked: a guesser learns nothing more, right password or not.
            await AuditAsync(SessionEvent.SignInBlocked, email);
            ModelState.AddModelError("", throttle.BlockedMessage);
            return View(form);
        }

        var user = await signIn.UserManager.FindByEmailAsync(email);
        if (user is { IsActive: false } && await signIn.UserManager.CheckPasswordAsync(user, form.Password))
        {
            // Said only to someone who knows the password: a guesser still reads NoMatch, so deactivated accounts cannot be listed.
            throttle.Succeeded(email, client);
            ModelState.AddModelError("", Deactivated(user));
            return View(form);
        }

        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            throttle.Succeeded(email, client);
            await AuditAsync(SessionEvent.SignedIn, email);
            return Url.IsLocalUrl(form.ReturnUrl) ? LocalRedirect(form.ReturnUrl) : Redirect("/dashboard");
        }

        // Identity refuses an unconfirmed account before it checks the password: say so only to whoever knows the password.
        if (result.IsNotAllowed && await IsUnconfirmedWithThisPasswordAsync(email, form.Password))
        {
            throttle.Succeeded(email, client);
            ViewData[UnconfirmedEmail] = email;
            ModelState.AddModelError("", NotConfirmed);
            return View(form);
        }

        if (result.RequiresTwoFactor)
        {
            // The password was right; the code is counted on the next page (TwoFactorThrottle).
            throttle.Succeeded(email, client);
            return Redirect(Url.IsLocalUrl(form.ReturnUrl) ? $"/account/two-factor/sign-in?returnUrl={Uri.EscapeDataString(form.ReturnUrl)}" : "/account/two-factor/sign-in");
        }

        // Locked (by an administrator) or not allowed reads like a wrong password: the same words as an unknown address.
        throttle.Failed(email, client);
        await AuditAsync(SessionEvent.SignInFailed, email);
        ModelState.AddModelError("", throttle.IsBlocked(email, client) ? throttle.BlockedMessage : NoMatch);
        return View(form);
    }

    private async Task<bool> IsUnconfirmedWithThisPasswordAsync(string email, string password) =>
        await signIn.UserManager.FindByEmailAsync(email) is { EmailConfirmed: false } user && await signIn.UserManager.CheckPasswordAsync(user, password);

    [HttpPost("logout")]
    [Authorize]
    public async Task<IActionResult> Logout()
    {
        // Recorded while the request still carries the person who signs out.
        await AuditAsync(SessionEvent.SignedOut, User.Identity?.Name ?? "");
        await signIn.SignOutAsync();
        return Redirect("/");
    }

    [HttpGet("denied")]
    public IActionResult Denied() => View();

    // Not the request's abort token: a client that hangs up once its password was checked still leaves its record.
    private Task AuditAsync(SessionEvent session, string email) => sender.Send(new RecordSignIn.Command(session, email), CancellationToken.None).AsTask();

    /// <summary>What a deactivated person is told once they have proved the password (or the second factor).</summary>
    public static string Deactivated(AppUser user) =>
        $"This account was deactivated on {user.DeactivatedAt:MMMM d, yyyy}{(user.DeactivatedBy is { } by ? $" by {by}" : "")}. "
        + (user.DeactivatedByPlatform ? "Ask the marketplace's staff to reactivate it." : "Ask your organization's admin to reactivate it.");
}

using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Web;
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
public sealed class AccountController(SignInManager<AppUser> signIn, SignInThrottle throttle) : Controller
{
    /// <summary>One answer for every refused sign-in, known address or not, so the page never tells which addresses exist.</summary>
    public const string NoMatch = "That e-mail and password do not match an account.";

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
            return Url.IsLocalUrl(form.ReturnUrl) ? LocalRedirect(form.ReturnUrl) : Redirect("/dashboard");
        }

        if (result.RequiresTwoFactor)
        {
            // The password was right; the code is counted on the next page (TwoFactorThrottle).
            throttle.Succeeded(email, client);
            return Redirect(Url.IsLocalUrl(form.ReturnUrl) ? $"/account/two-factor/sign-in?returnUrl={Uri.EscapeDataString(form.ReturnUrl)}" : "/account/two-factor/sign-in");
        }

        // Locked (by an administrator) or not allowed reads like a wrong password: the same words as an unknown address.
        throttle.Failed(email, client);
        ModelState.AddModelError("", throttle.IsBlocked(email, client) ? throttle.BlockedMessage : NoMatch);
        return View(form);
    }

    [HttpPost("logout")]
    [Authorize]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }

    [HttpGet("denied")]
    public IActionResult Denied() => View();

    /// <summary>What a deactivated person is told once they have proved the password (or the second factor).</summary>
    public static string Deactivated(AppUser user) =>
        $"This account was deactivated on {user.DeactivatedAt:MMMM d, yyyy}{(user.DeactivatedBy is { } by ? $" by {by}" : "")}. "
        + (user.DeactivatedByPlatform ? "Ask the marketplace's staff to reactivate it." : "Ask your organization's admin to reactivate it.");
}

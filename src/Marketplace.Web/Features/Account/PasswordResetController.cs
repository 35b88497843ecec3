using System.ComponentModel.DataAnnotations;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Features.Account;

public sealed class ForgotPasswordForm
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(256, ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";
}

public sealed record ResetPasswordPage(Guid UserId, string Token, string Email);

/// <summary>Password reset by e-mail: ask for a link, follow it, choose a new password.</summary>
[Route("account")]
[AllowAnonymous]
public sealed class PasswordResetController(ISender sender) : MarketplaceController(sender)
{
    private const string SentTo = "reset-sent-to";

    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword()
    {
        ViewData[SentTo] = TempData[SentTo] as string;
        return View(new ForgotPasswordForm());
    }

    [HttpPost("forgot-password")]
    [HandlesModelErrors]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        await Sender.Send(new RequestPasswordReset.Command(form.Email), Aborted);
        // The same answer whether or not an account uses the address.
        TempData[SentTo] = form.Email.Trim();
        return Redirect("/account/forgot-password");
    }

    [HttpGet("reset-password")]
    public async Task<IActionResult> ResetPassword(Guid? id, string? token)
    {
        var link = await Sender.Send(new CheckPasswordResetLink.Query(id, token), Aborted);
        return link.Usable ? View(new ResetPasswordPage(id!.Value, token!, link.Email ?? "")) : View("ResetLinkClosed");
    }

    [HttpPost("reset-password")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> ResetPassword(Guid id, string? token, string? password, string? confirmPassword)
    {
        await Sender.Send(new ResetPassword.Command(id, token ?? "", password ?? "", confirmPassword ?? ""), Aborted);
        Success("Your password was changed, and your account was signed out everywhere else. Sign in with the new password.");
        return Redirect("/account/login");
    }
}

using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Features.Account;

/// <summary>Confirming the e-mail address a sign-up gave, and sending the link again.</summary>
[AllowAnonymous]
[Route("account/confirm-email")]
public sealed class EmailConfirmationController(ISender sender) : MarketplaceController(sender)
{
    /// <summary>What anyone asking for a new link is told, whether or not the address has an account waiting.</summary>
    public const string LinkSentAgain =
        "If that address belongs to an account waiting for confirmation, a new link is on its way. Check your inbox (and spam folder), follow the link, then sign in.";

    /// <summary>The link in the e-mail. Opening it confirms the address and signs nobody in.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Confirm(Guid user, string? token)
    {
        var outcome = user == Guid.Empty || string.IsNullOrEmpty(token) || token.Length > 2048
            ? ConfirmEmail.Outcome.Invalid
            : await Sender.Send(new ConfirmEmail.Command(user, token), Aborted);
        return View("EmailConfirmed", outcome);
    }

    [HttpPost("resend")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> Resend(string? email)
    {
        await Sender.Send(new ResendConfirmation.Command(email ?? ""), Aborted);
        Success(LinkSentAgain);
        return Redirect("/account/login");
    }
}

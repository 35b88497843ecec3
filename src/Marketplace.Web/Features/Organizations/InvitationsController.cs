using Marketplace.Web.Domain.People;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The page an invitation's link opens: accept with a name and password, or read why the link no longer works.</summary>
[Route("invitations")]
[AllowAnonymous]
public sealed class InvitationsController(ISender sender, SignInManager<AppUser> signIn) : MarketplaceController(sender)
{
    [HttpGet("{token}")]
    public async Task<IActionResult> Show(string token)
    {
        var invitation = await Sender.Send(new GetInvitation.Query(token), Aborted);
        if (invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("InvitationClosed", null);
        }

        return invitation.State == InvitationState.Waiting ? View("Invitation", invitation) : View("InvitationClosed", invitation);
    }

    [HttpPost("{token}")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> Accept(string token, string? name, string? password, string? confirmPassword)
    {
        var userId = await Sender.Send(new AcceptInvitation.Command(token, name ?? "", password ?? "", confirmPassword ?? ""), Aborted);
        var user = await signIn.UserManager.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException("Your new account");
        // The password was just chosen: this is the first step of signing in. Duties that need a second factor take the
        // person to its set-up page next (TwoFactorSetupGate).
        await signIn.SignInAsync(user, isPersistent: false);
        Success($"Welcome, {user.DisplayName}. Your account is ready.");
        return Redirect("/dashboard");
    }
}

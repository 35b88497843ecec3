using System.Security.Claims;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Shared;

/// <summary>Controllers are thin: each action sends one command or query and picks a view or redirect.</summary>
public abstract class MarketplaceController(ISender sender) : Controller
{
    protected ISender Sender { get; } = sender;

    /// <summary>Cancelled when the browser goes away: commands and queries stop with it instead of running on for nobody.</summary>
    protected CancellationToken Aborted => HttpContext.RequestAborted;

    protected void Success(string message) => TempData[Flash.Success] = message;

    /// <summary>
    /// The idempotency key the posted form carried (rendered by _IdempotencyKey), scoped to the signed-in user:
    /// a double-click or a resubmit of the same form then does nothing the second time.
    /// </summary>
    protected string? FormIdempotencyKey() =>
        Request.HasFormContentType && Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            ? IdempotencyKeys.ForUser(userId, Request.Form[IdempotencyKeys.FormField].ToString())
            : null;
}

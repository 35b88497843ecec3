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
}

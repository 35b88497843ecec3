using Marketplace.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Shared;

/// <summary>Controllers are thin: each action sends one command or query and picks a view or redirect.</summary>
public abstract class MarketplaceController(ISender sender) : Controller
{
    protected ISender Sender { get; } = sender;

    protected void Success(string message) => TempData[Flash.Success] = message;
}

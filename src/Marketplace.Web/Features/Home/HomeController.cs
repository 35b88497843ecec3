using Marketplace.Web.Domain;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Home;

public sealed class HomeController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("/")]
    public IActionResult Index() => View();

    [HttpGet("/how-it-works")]
    public IActionResult HowItWorks() => View();

    /// <summary>Each role lands on the page where its work starts.</summary>
    [HttpGet("/dashboard")]
    public IActionResult Dashboard() => User switch
    {
        var u when u.IsInRole(Roles.DistrictStaff) => RedirectToAction("Index", "Lots"),
        var u when u.IsInRole(Roles.RefurbisherStaff) => RedirectToAction("Index", "Market"),
        var u when u.IsInRole(Roles.SchoolBuyer) => RedirectToAction("Index", "Store"),
        var u when u.IsInRole(Roles.Finance) => RedirectToAction("Index", "Finance"),
        var u when u.IsInRole(Roles.Admin) => RedirectToAction("Index", "Admin"),
        _ => RedirectToAction("Login", "Account"),
    };

    // Any method: the status-code page re-executes the failed request, POSTs included.
    [Route("/error")]
    [Route("/error/{status:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error(int? status)
    {
        var code = status ?? 500;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
        {
            HttpContext.RequestServices.GetRequiredService<ILogger<HomeController>>().LogError(failure.Error, "Unhandled error on {Path}", failure.Path);
        }

        Response.StatusCode = code;
        return View("Error", code);
    }
}

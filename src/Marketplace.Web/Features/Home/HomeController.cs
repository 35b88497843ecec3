using Marketplace.Web.Domain;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Web;
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
        var u when u.IsInRole(Roles.SchoolStaff) => RedirectToAction("Index", "Store"),
        var u when u.IsInRole(Roles.Finance) => RedirectToAction("Index", "Finance"),
        var u when u.IsInRole(Roles.Admin) => RedirectToAction("Index", "Admin"),
        _ => RedirectToAction("Login", "Account"),
    };

    // Any method: the status-code page re-executes the failed request, POSTs included. The status comes from the route,
    // not from model binding: the form of the failed post may be what failed, and binding it again would fail again.
    [Route("/error")]
    [Route("/error/{status:int}")]
    [IgnoreAntiforgeryToken]
    [HandlesModelErrors]
    public IActionResult Error()
    {
        var code = int.TryParse(RouteData.Values["status"]?.ToString(), out var status) ? status : 500;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
        {
            HttpContext.RequestServices.GetRequiredService<ILogger<HomeController>>().LogError(failure.Error, "Unhandled error on {Path}", failure.Path);
        }

        Response.StatusCode = code;
        return View("Error", new ErrorPage(code, HttpContext.Items[Refusal.MessageItem] as string));
    }
}

/// <param name="Message">Why the request was refused, when the app decided it (a form too large to read, too many sign-ins).</param>
public sealed record ErrorPage(int Status, string? Message);

using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The organization's own rules, kept by its admin.</summary>
[Authorize(Roles = Roles.OrganizationAdmin)]
[Route("organization/settings")]
public sealed class OrganizationSettingsController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var settings = await Sender.Send(new GetOrganizationSettings.Query(), Aborted);
        ViewData[StripeAccountKey] = await Sender.Send(new Payments.GetStripeAccountStatus.Query(), Aborted);
        return View("Settings", settings);
    }

    /// <summary>The organization's Stripe connected account status, for the settings page's payouts card.</summary>
    public const string StripeAccountKey = "StripeAccount";

    [HttpPost("approval-limit")]
    public async Task<IActionResult> ApprovalLimit(decimal? limit)
    {
        await Sender.Send(new SetOrderApprovalLimit.Command(limit), Aborted);
        Success(limit is { } set ? $"Orders above {set:C} now wait for an approver." : "Orders no longer need an approver.");
        return RedirectToAction(nameof(Index));
    }
}

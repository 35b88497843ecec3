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
    public async Task<IActionResult> Index() => View("Settings", await Sender.Send(new GetOrganizationSettings.Query(), Aborted));

    [HttpPost("approval-limit")]
    public async Task<IActionResult> ApprovalLimit(decimal? limit)
    {
        await Sender.Send(new SetOrderApprovalLimit.Command(limit), Aborted);
        Success(limit is { } set ? $"Orders above {set:C} now wait for an approver." : "Orders no longer need an approver.");
        return RedirectToAction(nameof(Index));
    }
}

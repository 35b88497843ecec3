using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The organization's audit trail, for its admins.</summary>
[Authorize(Roles = Roles.OrganizationAdmin)]
[Route("organization/activity")]
public sealed class OrganizationActivityController(ISender sender) : MarketplaceController(sender)
{
    // [FromQuery]: "action" is also the name of MVC's route value, which would otherwise be bound instead.
    [HttpGet("")]
    public async Task<IActionResult> Activity([FromQuery] Guid? person, [FromQuery] string? action, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, int page = 1) =>
        View(await Sender.Send(new ListOrganizationActivity.Query(person, action, from, to, page), Aborted));
}

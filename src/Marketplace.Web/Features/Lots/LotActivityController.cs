using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Lots;

/// <summary>The lot's audit trail, linked from the lot page: who did what to the lot and its devices.</summary>
[Authorize(Roles = Roles.DistrictStaff)]
[Route("lots/{id:guid}/activity")]
public sealed class LotActivityController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Activity(Guid id, int page = 1) => View(await Sender.Send(new ListLotActivity.Query(id, page), Aborted));
}

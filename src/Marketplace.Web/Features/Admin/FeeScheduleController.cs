using Marketplace.Web.Domain;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Admin;

/// <summary>The platform's fee schedule: the version in force, a form that saves the next one, and the history.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/fees")]
public sealed class FeeScheduleController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Fees(int page = 1) => View(await Sender.Send(new ListFeeSchedules.Query(page), Aborted));

    [HttpPost("")]
    public async Task<IActionResult> Save(decimal? buyerPremiumPercent, decimal? sellerCommissionPercent, decimal? storefrontCommissionPercent,
        decimal? minimumBuyerPremium, decimal? minimumSellerCommission, decimal? minimumStorefrontCommission, string? reason)
    {
        var version = await Sender.Send(new SaveFeeSchedule.Command(buyerPremiumPercent, sellerCommissionPercent, storefrontCommissionPercent,
            minimumBuyerPremium, minimumSellerCommission, minimumStorefrontCommission, reason, FormIdempotencyKey()), Aborted);
        Success($"Fee schedule version {version} saved: it applies to sales from now on; earlier sales keep their terms.");
        return RedirectToAction(nameof(Fees));
    }
}

using Marketplace.Web.Domain;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Admin;

/// <summary>The platform's sales tax table: each state's rate in force, a form that sets the next one, and the history.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/tax-rates")]
public sealed class SalesTaxRatesController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> TaxRates(int page = 1) => View(await Sender.Send(new ListSalesTaxRates.Query(page), Aborted));

    [HttpPost("")]
    public async Task<IActionResult> Save(string? state, decimal? ratePercent, bool taxesShipping, DateOnly? effectiveOn, string? reason)
    {
        await Sender.Send(new SaveSalesTaxRate.Command(state, ratePercent, taxesShipping, effectiveOn, reason, FormIdempotencyKey()), Aborted);
        Success($"{state?.Trim().ToUpperInvariant()}: {ratePercent:0.####}% from {effectiveOn:MMMM d, yyyy}. Orders placed before keep the rate they were taxed at.");
        return RedirectToAction(nameof(TaxRates));
    }
}

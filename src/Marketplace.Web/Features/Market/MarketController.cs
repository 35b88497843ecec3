using Marketplace.Web.Domain;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Market;

public sealed record QuoteForm(decimal Amount, string? Note);

/// <summary>Refurbishers: listed lots and quotes.</summary>
[Authorize(Roles = Roles.RefurbisherStaff)]
[Route("market")]
public sealed class MarketController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, int won = 1) =>
        View(await Sender.Send(new ListListedLots.Query(MarketFilter.From(Request.Query), page, won), Aborted));

    [HttpGet("lots/{id:guid}")]
    public async Task<IActionResult> Lot(Guid id, [FromQuery] Lots.DeviceFilter filter) => View(await Sender.Send(new GetListedLot.Query(id, filter), Aborted));

    [HttpPost("lots/{id:guid}/quote")]
    public async Task<IActionResult> Quote(Guid id, QuoteForm form)
    {
        await Sender.Send(new SubmitQuote.Command(id, form.Amount, form.Note), Aborted);
        Success($"Your quote of {form.Amount:C} was sent to the district. It is valid for {Domain.Sales.Sale.DefaultQuoteValidityDays} days.");
        return RedirectToAction(nameof(Lot), new { id });
    }
}

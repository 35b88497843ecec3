using Marketplace.Web.Domain;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Market;

public sealed record QuoteForm(decimal Amount, string? Note, bool PerDevice = false, int ValidDays = Domain.Sales.Sale.DefaultQuoteValidityDays);

public sealed record BidForm(decimal Amount);

/// <summary>Refurbishers: listed lots and quotes.</summary>
[Authorize(Roles = Roles.RefurbisherStaff + "," + Roles.SchoolStaff)]
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
        await Sender.Send(new SubmitQuote.Command(id, form.Amount, form.Note, form.PerDevice, form.ValidDays), Aborted);
        Success($"Your quote of {form.Amount:C}{(form.PerDevice ? " a device" : "")} was sent to the district. It is valid for {form.ValidDays} days.");
        return RedirectToAction(nameof(Lot), new { id });
    }

    [HttpPost("lots/{id:guid}/quote/withdraw")]
    public async Task<IActionResult> WithdrawQuote(Guid id)
    {
        await Sender.Send(new Sales.WithdrawQuote.Command(id), Aborted);
        Success("Your quote was withdrawn; the district is told. You may quote again while the lot is listed.");
        return RedirectToAction(nameof(Lot), new { id });
    }

    [HttpPost("lots/{id:guid}/bid")]
    public async Task<IActionResult> Bid(Guid id, BidForm form)
    {
        var result = await Sender.Send(new PlaceBid.Command(id, form.Amount), Aborted);
        Success(result switch
        {
            { Mode: Domain.Sales.SaleMode.SealedBid } => $"Your sealed bid of {result.Amount:C} is in. You may replace it until the close; nobody sees it before then.",
            { Leading: true } => $"You are the leading bidder at {result.CurrentPrice:C}; the system bids for you up to {result.Amount:C}."
                                 + (result.ReserveMet ? "" : " The reserve is not met yet.") + (result.Extended ? $" The late bid moved the close to {result.ClosesAt:h:mm:ss tt} UTC." : ""),
            _ => $"Your maximum of {result.Amount:C} was accepted, but an earlier maximum is higher: the price is now {result.CurrentPrice:C}. Bid again to lead.",
        });
        return RedirectToAction(nameof(Lot), new { id });
    }

    [HttpPost("lots/{id:guid}/buy-now")]
    public async Task<IActionResult> BuyNow(Guid id)
    {
        var price = await Sender.Send(new Sales.BuyNow.Command(id, FormIdempotencyKey()), Aborted);
        Success($"You bought the lot at {price:C}. Pay by card or record your purchase order within {Domain.Sales.Sale.DefaultPaymentBusinessDays} business days.");
        return Redirect($"/purchases/{id}");
    }

    [HttpPost("lots/{id:guid}/offer")]
    public async Task<IActionResult> Offer(Guid id, bool take)
    {
        await Sender.Send(new RespondToOffer.Command(id, take), Aborted);
        if (take)
        {
            Success("You took the offer. Pay by card or record your purchase order to complete the purchase.");
            return Redirect($"/purchases/{id}");
        }

        Success("You declined the offer; the district is told.");
        return RedirectToAction(nameof(Index));
    }
}

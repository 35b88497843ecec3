using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Features.Sanitization;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Lots;

public sealed record NewLotForm(string Title = "", string? Description = null, string? PickupAddress = null);

public sealed record DeviceForm(string Serial, string? AssetTag, DeviceCategory Category, string? Manufacturer, string Model, CosmeticGrade Grade,
    FunctionalStatus Functional, DateOnly? PurchaseDate = null, FundingSource FundingSource = FundingSource.Unknown);

public sealed record BulkDeviceForm(Guid[]? DeviceIds, bool AllMatching, string? Operation, DeviceFilter? Filter,
    CosmeticGrade? SetGrade, DeviceCategory? SetCategory, DeclaredSanitization? SetSanitization, FundingSource? SetFunding);

/// <summary>District staff: their lots from draft to payout.</summary>
[Authorize(Roles = Roles.DistrictStaff)]
[Route("lots")]
public sealed class LotsController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? serial)
    {
        ViewData["Serial"] = serial;
        ViewData["Matches"] = string.IsNullOrWhiteSpace(serial) ? null : await Sender.Send(new FindDevice.Query(serial), Aborted);
        return View(await Sender.Send(new ListDistrictLots.Query(), Aborted));
    }

    [HttpGet("new")]
    public IActionResult Create() => View(new NewLotForm());

    [HttpPost("new")]
    public async Task<IActionResult> Create(NewLotForm form)
    {
        var id = await Sender.Send(new CreateLot.Command(form.Title ?? "", form.Description, form.PickupAddress), Aborted);
        Success("Lot created. Add its devices, then submit it for quotes.");
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, [FromQuery] DeviceFilter filter) => View(await Sender.Send(new GetLotDetails.Query(id, filter), Aborted));

    [HttpPost("{id:guid}/devices/bulk")]
    public async Task<IActionResult> BulkDevices(Guid id, BulkDeviceForm form)
    {
        var remove = form.Operation == "remove";
        var changed = await Sender.Send(new BulkEditDevices.Command(id, form.DeviceIds ?? [], form.AllMatching, form.Filter ?? new DeviceFilter(), remove,
            form.SetGrade, form.SetCategory, form.SetSanitization, form.SetFunding), Aborted);
        Success(remove ? $"Removed {changed:N0} device(s) from the lot." : $"Updated {changed:N0} device(s).");
        return Redirect($"/lots/{id}{(form.Filter ?? new DeviceFilter()).ToQuery(page: 0)}#devices");
    }

    [HttpPost("{id:guid}/funding-award")]
    public async Task<IActionResult> AssignFundingAward(Guid id, Guid? awardId, string? model)
    {
        var linked = await Sender.Send(new AssignFundingAward.Command(id, awardId, model), Aborted);
        Success($"Linked {linked:N0} federally funded device(s) to the award.");
        return Redirect($"/lots/{id}#federal-share");
    }

    [HttpPost("{id:guid}/board-approval")]
    public async Task<IActionResult> BoardApproval(Guid id, string? reference)
    {
        await Sender.Send(new RecordBoardApproval.Command(id, reference), Aborted);
        Success(string.IsNullOrWhiteSpace(reference) ? "Board approval reference cleared." : $"Board approval {reference.Trim()} recorded.");
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:guid}/devices")]
    public async Task<IActionResult> AddDevice(Guid id, DeviceForm form)
    {
        await Sender.Send(new AddDevice.Command(id, form.Serial ?? "", form.AssetTag, form.Category, form.Manufacturer, form.Model ?? "", form.Grade, form.Functional,
            form.PurchaseDate, form.FundingSource), Aborted);
        Success($"Added serial {form.Serial?.Trim()}.");
        return Redirect(Url.Action(nameof(Details), new { id }) + "#devices");
    }

    /// <summary>Where the device is and who touched it: its chain of custody.</summary>
    [HttpGet("{id:guid}/devices/{deviceId:guid}")]
    public async Task<IActionResult> Device(Guid id, Guid deviceId) => View(await Sender.Send(new GetDeviceHistory.Query(id, deviceId), Aborted));

    [HttpGet("{id:guid}/devices/{deviceId:guid}/edit")]
    public async Task<IActionResult> EditDevice(Guid id, Guid deviceId) =>
        View(await Sender.Send(new GetDeviceForEdit.Query(id, deviceId), Aborted));

    [HttpPost("{id:guid}/devices/{deviceId:guid}/edit")]
    public async Task<IActionResult> EditDevice(Guid id, Guid deviceId, DeviceDetails details)
    {
        await Sender.Send(new EditDevice.Command(id, deviceId, details), Aborted);
        Success("Device updated.");
        return Redirect(Url.Action(nameof(Details), new { id }) + "#devices");
    }

    [HttpPost("{id:guid}/devices/{deviceId:guid}/remove")]
    public async Task<IActionResult> RemoveDevice(Guid id, Guid deviceId)
    {
        await Sender.Send(new RemoveDevice.Command(id, deviceId), Aborted);
        Success("Device removed from the lot.");
        return Redirect(Url.Action(nameof(Details), new { id }) + "#devices");
    }

    [HttpPost("{id:guid}/submit")]
    public async Task<IActionResult> Submit(Guid id, Sales.SaleForm form)
    {
        await Sender.Send(new SubmitLot.Command(id, FormIdempotencyKey(), form.ToTerms()), Aborted);
        Success(Listed(form.Mode));
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:guid}/relist")]
    public async Task<IActionResult> Relist(Guid id, Sales.SaleForm form)
    {
        await Sender.Send(new Sales.RelistLot.Command(id, form.ToTerms()), Aborted);
        Success(Listed(form.Mode));
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:guid}/accept-highest-bid")]
    public async Task<IActionResult> AcceptHighestBid(Guid id)
    {
        var price = await Sender.Send(new Sales.AcceptHighestBid.Command(id), Aborted);
        Success($"You accepted the highest bid, {price:C}. The buyer is invoiced.");
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:guid}/offer-next-bidder")]
    public async Task<IActionResult> OfferToNextBidder(Guid id)
    {
        await Sender.Send(new Sales.OfferToNextBidder.Command(id), Aborted);
        Success($"The lot is offered to the next-highest bidder, who has {Domain.Sales.Sale.OfferDays} days to take it.");
        return RedirectToAction(nameof(Details), new { id });
    }

    private static string Listed(Domain.Sales.SaleMode mode) => mode switch
    {
        Domain.Sales.SaleMode.SealedBid => "The lot is listed for sealed bids. Amounts stay sealed until the close.",
        Domain.Sales.SaleMode.Auction => "The lot is listed at auction.",
        Domain.Sales.SaleMode.BuyNow => "The lot is listed at its buy-now price.",
        _ => "The lot is listed. Certified refurbishers can now send quotes.",
    };

    [HttpPost("{id:guid}/withdraw")]
    public async Task<IActionResult> Withdraw(Guid id)
    {
        await Sender.Send(new WithdrawLot.Command(id), Aborted);
        Success("The lot was withdrawn.");
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:guid}/quotes/{quoteId:guid}/accept")]
    public async Task<IActionResult> AcceptQuote(Guid id, Guid quoteId)
    {
        await Sender.Send(new AcceptQuote.Command(id, quoteId, FormIdempotencyKey()), Aborted);
        Success("Quote accepted. The buyer has been invoiced; once they pay, they propose pickup windows for you to confirm.");
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:guid}/quotes/{quoteId:guid}/decline")]
    public async Task<IActionResult> DeclineQuote(Guid id, Guid quoteId, string? reason)
    {
        await Sender.Send(new DeclineQuote.Command(id, quoteId, reason), Aborted);
        Success("Quote declined. The refurbisher has been told and may send a new quote.");
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("certificates.zip")]
    public async Task<IActionResult> Certificates(DateOnly from, DateOnly to)
    {
        var archive = await Sender.Send(new ExportCertificates.Query(from, to), Aborted);
        return File(archive.Archive, "application/zip", archive.FileName);
    }

    [HttpGet("{id:guid}/certificate.pdf")]
    public async Task<IActionResult> Certificate(Guid id)
    {
        var (code, pdf) = await Sender.Send(new GetCertificatePdf.Query(id), Aborted);
        return File(pdf, "application/pdf", $"certificate-{code}.pdf");
    }
}

using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Images;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Features.Storefront;

/// <summary>The return request form as posted from the school's order page.</summary>
public sealed record ReturnForm(Guid OrderLineId, ReturnKind Kind = ReturnKind.Return, int Quantity = 1, string? Serials = null,
    ReturnReason Reason = ReturnReason.DoesNotWork, string? Details = null);

/// <summary>Returns (RMA) and warranty claims: the school asks, the seller answers and resolves, the admin decides for a silent seller.</summary>
[Authorize]
public sealed class ReturnsController(ISender sender) : MarketplaceController(sender)
{
    // Room for the most photos at the size limit plus the multipart envelope; bigger requests are refused before they are read.
    private const long ReturnUploadLimit = ReturnPhoto.MaxPerRequest * ReturnPhoto.MaxBytes + 1024 * 1024;

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpPost("store/orders/{id:guid}/returns")]
    [RequestSizeLimit(ReturnUploadLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = ReturnUploadLimit)]
    public async Task<IActionResult> RequestReturn(Guid id, ReturnForm form, List<IFormFile>? photos)
    {
        var chosen = (photos ?? []).Where(p => p.Length > 0 || !string.IsNullOrEmpty(p.FileName)).ToList();
        if (chosen.Count > ReturnPhoto.MaxPerRequest)
        {
            // Refused before a byte of them is copied.
            throw new DomainException($"Attach at most {ReturnPhoto.MaxPerRequest} photos to a request; {chosen.Count} were chosen.");
        }

        var uploads = new List<PhotoUpload>(chosen.Count);
        foreach (var photo in chosen)
        {
            uploads.Add(await PhotoUpload.FromFormAsync(photo, Aborted));
        }

        var returnId = await Sender.Send(new RequestReturn.Command(id, form.OrderLineId, form.Kind, form.Quantity, form.Serials, form.Reason, form.Details,
            FormIdempotencyKey(), uploads), Aborted);
        Success("Request sent. The seller answers within 3 business days.");
        return RedirectToAction(nameof(Return), new { id = returnId });
    }

    [Authorize(Roles = Roles.SchoolStaff + "," + Roles.DistrictStaff + "," + Roles.RefurbisherStaff)]
    [HttpGet("store/returns")]
    public async Task<IActionResult> Returns(int page = 1) => View(await Sender.Send(new ListReturns.Query(page), Aborted));

    [Authorize(Roles = Roles.Admin)]
    [HttpGet("admin/returns")]
    public async Task<IActionResult> OverdueReturns(int page = 1) => View("Returns", await Sender.Send(new ListReturns.Query(page, OverdueOnly: true), Aborted));

    [HttpGet("store/returns/{id:guid}")]
    public async Task<IActionResult> Return(Guid id) => View(await Sender.Send(new GetReturn.Query(id), Aborted));

    [HttpGet("store/returns/{id:guid}/photos/{photoId:guid}")]
    public Task<IActionResult> Photo(Guid id, Guid photoId) => PhotoFile(id, photoId, thumbnail: false);

    [HttpGet("store/returns/{id:guid}/photos/{photoId:guid}/thumbnail")]
    public Task<IActionResult> Thumbnail(Guid id, Guid photoId) => PhotoFile(id, photoId, thumbnail: true);

    [Authorize(Roles = Roles.RefurbisherStaff + "," + Roles.Admin)]
    [HttpPost("store/returns/{id:guid}/answer")]
    public async Task<IActionResult> Answer(Guid id, bool approve, string? text)
    {
        await Sender.Send(new AnswerReturn.Command(id, approve, text ?? "", FormIdempotencyKey()), Aborted);
        Success(approve ? "Approved. The school has the return instructions." : "Declined. The school is told why.");
        return RedirectToAction(nameof(Return), new { id });
    }

    [Authorize(Roles = Roles.RefurbisherStaff + "," + Roles.Admin)]
    [HttpPost("store/returns/{id:guid}/resolve")]
    public async Task<IActionResult> Resolve(Guid id, ReturnOutcome outcome, decimal? refundAmount)
    {
        await Sender.Send(new ResolveReturn.Command(id, outcome, refundAmount, FormIdempotencyKey()), Aborted);
        Success("Resolved. Both sides are told.");
        return RedirectToAction(nameof(Return), new { id });
    }

    private async Task<IActionResult> PhotoFile(Guid id, Guid photoId, bool thumbnail)
    {
        var file = await Sender.Send(new GetReturnPhotoFile.Query(id, photoId, thumbnail), Aborted);
        // Private to the return's parties, and a photo id never gets new content.
        Response.Headers[HeaderNames.CacheControl] = "private, max-age=3600";
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return File(file.Content, file.ContentType);
    }
}

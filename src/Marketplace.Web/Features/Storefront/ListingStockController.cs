using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Images;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Features.Storefront;

/// <summary>The stock-from-a-lot form as posted: the chosen serials (or every device matching the filter) and what the refurbisher sets for them.</summary>
public sealed record StockForm(string[]? Serials = null, bool AllMatching = false, string? Model = null, CosmeticGrade? FilterGrade = null,
    CosmeticGrade Grade = CosmeticGrade.A, FunctionalStatus Functional = FunctionalStatus.Working, int? BatteryHealthPercent = null, int WarrantyMonths = 12,
    decimal Price = 0, int? Tier1MinQuantity = null, decimal? Tier1Price = null, int? Tier2MinQuantity = null, decimal? Tier2Price = null)
{
    public StockFromLot.Command ToCommand(Guid lotId) => new(lotId, Serials ?? [], AllMatching, Model, FilterGrade, Grade, Functional, BatteryHealthPercent,
        WarrantyMonths, Price, Tier1MinQuantity, Tier1Price, Tier2MinQuantity, Tier2Price);
}

/// <summary>The bulk-upload page, and the upload it follows when that one asked for columns or had problems.</summary>
public sealed record ListingUploadPage(UploadListings.Result? Previous);

/// <summary>Refurbishers: stock from bought lots, bulk uploads and photos of their listings.</summary>
[Authorize(Roles = Roles.RefurbisherStaff)]
[Route("listings")]
public sealed class ListingStockController(ISender sender) : MarketplaceController(sender)
{
    private const long PhotoUploadLimit = ListingPhoto.MaxBytes + 1024 * 1024;
    private const long ListingsUploadLimit = UploadListings.MaxBytes + 1024 * 1024;

    [HttpGet("from-lot")]
    public async Task<IActionResult> Sources() => View("StockSources", await Sender.Send(new GetStockSources.Query(), Aborted));

    [HttpGet("from-lot/{lotId:guid}")]
    public async Task<IActionResult> FromLot(Guid lotId, string? model = null, CosmeticGrade? grade = null, int page = 1) =>
        View("StockFromLot", await Sender.Send(new GetLotStockChoices.Query(lotId, string.IsNullOrWhiteSpace(model) ? null : model, grade, page), Aborted));

    [HttpPost("from-lot/{lotId:guid}")]
    public async Task<IActionResult> FromLot(Guid lotId, StockForm form)
    {
        var result = await Sender.Send(form.ToCommand(lotId), Aborted);
        Success($"{result.Units:N0} devices stocked: " + string.Join("; ", result.Listings.Select(l => $"{l.Units:N0} on \"{l.Title}\"{(l.IsNew ? " (new listing)" : "")}")) + ".");
        return RedirectToAction(nameof(FromLot), new { lotId });
    }

    [HttpGet("upload")]
    public IActionResult Upload() => View("UploadListings", new ListingUploadPage(null));

    [HttpGet("upload/template.csv")]
    public IActionResult Template() => File(UploadListings.Template(), "text/csv", "listings-template.csv");

    [HttpPost("upload")]
    [RequestSizeLimit(ListingsUploadLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = ListingsUploadLimit)]
    public async Task<IActionResult> Upload(IFormFile? file, [FromForm(Name = "map")] Dictionary<string, string?>? map)
    {
        if (file is null)
        {
            throw new DomainException("Choose the file of listings (CSV or .xlsx) to upload.");
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, Aborted);
        var result = await Sender.Send(new UploadListings.Command(file.FileName, content.ToArray(), map is { Count: > 0 } ? map.ToDictionary(m => m.Key, m => m.Value ?? "") : null), Aborted);
        if (!result.Recorded)
        {
            // The file cannot travel through a redirect: the page with its problems or its columns to map answers the post.
            return View("UploadListings", new ListingUploadPage(result));
        }

        Success($"{result.Summary}.");
        return Redirect("/listings");
    }

    [HttpGet("{id:guid}/photos")]
    public async Task<IActionResult> Photos(Guid id) => View("ListingPhotos", await Sender.Send(new GetListingPhotos.Query(id), Aborted));

    [HttpPost("{id:guid}/photos")]
    [RequestSizeLimit(PhotoUploadLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = PhotoUploadLimit)]
    public async Task<IActionResult> UploadPhoto(Guid id, IFormFile? photo, string? altText)
    {
        var upload = await PhotoUpload.FromFormAsync(photo, Aborted);
        await Sender.Send(new UploadListingPhoto.Command(id, upload.FileName, upload.Content, altText ?? ""), Aborted);
        Success($"Added photo {upload.StoredFileName}.");
        return Redirect($"/listings/{id}/photos");
    }

    [HttpPost("{id:guid}/photos/{photoId:guid}/remove")]
    public async Task<IActionResult> RemovePhoto(Guid id, Guid photoId)
    {
        await Sender.Send(new RemoveListingPhoto.Command(id, photoId), Aborted);
        Success("Photo removed.");
        return Redirect($"/listings/{id}/photos");
    }
}

/// <summary>Public: a listing's photos and thumbnails, for the product page and the catalog's cards.</summary>
public sealed class ListingPhotoFilesController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("/store/listings/{id:guid}/photos/{photoId:guid}")]
    public Task<IActionResult> Photo(Guid id, Guid photoId) => PhotoFile(id, photoId, thumbnail: false);

    [HttpGet("/store/listings/{id:guid}/photos/{photoId:guid}/thumbnail")]
    public Task<IActionResult> Thumbnail(Guid id, Guid photoId) => PhotoFile(id, photoId, thumbnail: true);

    private async Task<IActionResult> PhotoFile(Guid id, Guid photoId, bool thumbnail)
    {
        var file = await Sender.Send(new GetListingPhotoFile.Query(id, photoId, thumbnail), Aborted);
        // A photo id never gets new content; a paused listing's photos are its seller's only, so caches keep them private.
        Response.Headers[HeaderNames.CacheControl] = "private, max-age=3600";
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return File(file.Content, file.ContentType);
    }
}

using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Images;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Features.Lots;

/// <summary>
/// Files that travel with a lot: printable asset labels, photos and the manifest as CSV or Excel.
/// Who may have each is decided by its query or command (district, buyer, listed-lot refurbishers).
/// </summary>
[Authorize]
[Route("lots/{id:guid}")]
public sealed class LotFilesController(ISender sender) : MarketplaceController(sender)
{
    // Room for a photo at the limit plus the multipart envelope; bigger uploads are refused before they are read.
    private const long PhotoUploadLimit = 2 * LotPhoto.MaxBytes + 1024 * 1024;

    [HttpGet("labels.pdf")]
    public async Task<IActionResult> Labels(Guid id, string? scope = PrintAssetLabels.Unlabeled, string? format = PrintAssetLabels.Qr)
    {
        var labels = await Sender.Send(new PrintAssetLabels.Query(id, scope, format), Aborted);
        return File(labels.Pdf, "application/pdf", labels.FileName);
    }

    [HttpGet("sale-summary.pdf")]
    public async Task<IActionResult> SaleSummary(Guid id)
    {
        var summary = await Sender.Send(new Sales.GetSaleSummary.Query(id), Aborted);
        return File(summary.Content, summary.ContentType, summary.FileName);
    }

    [HttpGet("sale-offers.csv")]
    public Task<IActionResult> SaleOffersCsv(Guid id) => SaleOffers(id, Sales.GetSaleSummary.Format.Csv);

    [HttpGet("sale-offers.xlsx")]
    public Task<IActionResult> SaleOffersXlsx(Guid id) => SaleOffers(id, Sales.GetSaleSummary.Format.Xlsx);

    private async Task<IActionResult> SaleOffers(Guid id, Sales.GetSaleSummary.Format format)
    {
        var offers = await Sender.Send(new Sales.GetSaleSummary.Query(id, format), Aborted);
        return File(offers.Content, offers.ContentType, offers.FileName);
    }

    [HttpGet("packing-list.pdf")]
    public async Task<IActionResult> PackingList(Guid id)
    {
        var list = await Sender.Send(new Fulfillment.GetPackingList.Query(id), Aborted);
        return File(list.Pdf, "application/pdf", list.FileName);
    }

    [HttpGet("manifest.csv")]
    public Task<IActionResult> ManifestCsv(Guid id) => Manifest(id, ManifestFormat.Csv);

    [HttpGet("manifest.xlsx")]
    public Task<IActionResult> ManifestXlsx(Guid id) => Manifest(id, ManifestFormat.Xlsx);

    [HttpPost("photos")]
    [RequestSizeLimit(PhotoUploadLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = PhotoUploadLimit)]
    public async Task<IActionResult> UploadPhoto(Guid id, IFormFile? photo)
    {
        var upload = await PhotoUpload.FromFormAsync(photo, Aborted);
        await Sender.Send(new UploadLotPhoto.Command(id, upload.FileName, upload.Content), Aborted);
        Success($"Added photo {upload.StoredFileName}.");
        return BackToPhotos(id);
    }

    [HttpGet("photos/{photoId:guid}")]
    public Task<IActionResult> Photo(Guid id, Guid photoId) => PhotoFile(id, photoId, thumbnail: false);

    [HttpGet("photos/{photoId:guid}/thumb")]
    public Task<IActionResult> Thumbnail(Guid id, Guid photoId) => PhotoFile(id, photoId, thumbnail: true);

    [HttpPost("photos/{photoId:guid}/delete")]
    public async Task<IActionResult> DeletePhoto(Guid id, Guid photoId)
    {
        await Sender.Send(new DeleteLotPhoto.Command(id, photoId), Aborted);
        Success("Photo deleted.");
        return BackToPhotos(id);
    }

    private async Task<IActionResult> Manifest(Guid id, ManifestFormat format)
    {
        var manifest = await Sender.Send(new ExportManifest.Query(id, format), Aborted);
        return File(manifest.Content, manifest.ContentType, manifest.FileName);
    }

    private async Task<IActionResult> PhotoFile(Guid id, Guid photoId, bool thumbnail)
    {
        var file = await Sender.Send(new GetLotPhotoFile.Query(id, photoId, thumbnail), Aborted);
        // Photos are private to the lot's parties, and a photo id never gets new content.
        Response.Headers[HeaderNames.CacheControl] = "private, max-age=3600";
        return File(file.Content, file.ContentType);
    }

    private RedirectResult BackToPhotos(Guid id) => Redirect(Url.Action(nameof(LotsController.Details), "Lots", new { id }) + "#photos");
}

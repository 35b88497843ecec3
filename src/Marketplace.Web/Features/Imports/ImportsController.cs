using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Imports;

/// <summary>District staff: manifest upload → column mapping → background validation → import.</summary>
[Authorize(Roles = Roles.DistrictStaff)]
public sealed class ImportsController(ISender sender) : MarketplaceController(sender)
{
    private const long UploadLimit = ImportJob.MaxFileBytes + 1024 * 1024;

    [HttpPost("/lots/{lotId:guid}/imports")]
    [RequestSizeLimit(UploadLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
    public async Task<IActionResult> Upload(Guid lotId, IFormFile? file)
    {
        if (file is null)
        {
            throw new DomainException("Choose a CSV or .xlsx file to upload.");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var jobId = await Sender.Send(new UploadManifest.Command(lotId, file.FileName, buffer.ToArray()), Aborted);
        return RedirectToAction(nameof(Mapping), new { id = jobId });
    }

    [HttpGet("/imports/{id:guid}/mapping")]
    public async Task<IActionResult> Mapping(Guid id) => View(await Sender.Send(new GetImportMapping.Query(id), Aborted));

    [HttpPost("/imports/{id:guid}/mapping")]
    public async Task<IActionResult> Mapping(Guid id, [Bind(Prefix = "map")] Dictionary<ManifestField, int?>? map)
    {
        // The prefix is explicit so that a post with no map[...] fields binds nothing (rather than every other field of
        // the form as a column choice): the validator then asks for the serial column.
        var mapping = (map ?? []).Where(m => m.Value is not null).ToDictionary(m => m.Key, m => m.Value!.Value);
        await Sender.Send(new StartImportValidation.Command(id, mapping), Aborted);
        return RedirectToAction(nameof(Status), new { id });
    }

    [HttpGet("/imports/{id:guid}")]
    public async Task<IActionResult> Status(Guid id) => View(await Sender.Send(new GetImportStatus.Query(id), Aborted));

    /// <summary>Polled by the progress bar.</summary>
    [HttpGet("/imports/{id:guid}/progress")]
    public async Task<IActionResult> Progress(Guid id)
    {
        var status = await Sender.Send(new GetImportStatus.Query(id), Aborted);
        var job = status.Job;
        return Json(new
        {
            status = job.Status.ToString(),
            working = job.IsWorking,
            phase = status.Progress?.Phase ?? (job.Status == ImportStatus.Importing ? "Adding devices" : "Checking rows"),
            percent = status.Progress?.Percent ?? 0,
            done = status.Progress?.Done ?? 0,
            total = status.Progress?.Total ?? 0,
        });
    }

    [HttpPost("/imports/{id:guid}/confirm")]
    public async Task<IActionResult> Confirm(Guid id, bool acceptIssues)
    {
        await Sender.Send(new ConfirmImport.Command(id, acceptIssues), Aborted);
        return RedirectToAction(nameof(Status), new { id });
    }

    [HttpPost("/imports/{id:guid}/cancel")]
    public async Task<IActionResult> Cancel(Guid id)
    {
        await Sender.Send(new CancelImport.Command(id), Aborted);
        var status = await Sender.Send(new GetImportStatus.Query(id), Aborted);
        Success("Import cancelled: nothing was added to the lot.");
        return Redirect($"/lots/{status.Job.LotId}");
    }

    [HttpGet("/imports/{id:guid}/report.csv")]
    public async Task<IActionResult> Report(Guid id)
    {
        var (name, csv) = await Sender.Send(new DownloadImportReport.Query(id), Aborted);
        return File(csv, "text/csv", name);
    }
}

using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>The posted scan form: one value per scan, the box it goes into, and (at the hand-over) whether it confirms deprovisioning.</summary>
public sealed record ScanForm(string? Value, string? Box, bool ConfirmDeprovisioned = false, Domain.Lots.CosmeticGrade? Grade = null, string? Model = null);

/// <summary>
/// The scan page's actions, shared by the district's hand-over scans and the buyer's receiving scans (the command decides the
/// stage from the caller's side of the lot). The page's script posts each scan with fetch and reads a JSON answer; without
/// script the same form posts and the page comes back with the outcome, so scanning works either way.
/// </summary>
public abstract class ScanningController(ISender sender) : MarketplaceController(sender)
{
    public const string OutcomeMessage = "scan-message", OutcomeResult = "scan-result", LastBox = "scan-box", DeprovisioningTicked = "scan-deprovision",
        LastGrade = "scan-grade", LastModel = "scan-model";

    protected async Task<IActionResult> ScanPage(Guid id, int missing) => View("Scan", await Sender.Send(new GetScanSheet.Query(id, missing), Aborted));

    protected Task<IActionResult> Scan(Guid id, ScanForm form, string page) =>
        Answer(() => Sender.Send(new RecordScan.Command(id, form.Value ?? "", form.Box, form.ConfirmDeprovisioned, form.Grade, form.Model), Aborted), page, form);

    protected Task<IActionResult> RemoveScan(Guid id, ScanForm form, string page) =>
        Answer(() => Sender.Send(new Fulfillment.RemoveScan.Command(id, form.Value ?? ""), Aborted), page, form);

    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private async Task<IActionResult> Answer(Func<ValueTask<ScanOutcome>> send, string page, ScanForm form)
    {
        if (!WantsJson)
        {
            // Refusals go back to the page with their reason, as for any form (CommandFailureFilter).
            var outcome = await send();
            TempData[OutcomeMessage] = outcome.Message;
            TempData[OutcomeResult] = outcome.Result.ToString();
            TempData[LastBox] = form.Box;
            TempData[DeprovisioningTicked] = form.ConfirmDeprovisioned ? "true" : null;
            TempData[LastGrade] = form.Grade?.ToString();
            TempData[LastModel] = form.Model;
            return Redirect(page);
        }

        try
        {
            var outcome = await send();
            return Json(new
            {
                result = outcome.Result.ToString(),
                outcome.Message,
                outcome.Value,
                outcome.Serial,
                outcome.AssetTag,
                outcome.Model,
                outcome.Box,
                outcome.StillEnrolled,
                scanned = outcome.Counts.Scanned,
                expected = outcome.Counts.Expected,
                unknown = outcome.Counts.Unknown,
                missing = outcome.Counts.Missing,
            });
        }
        catch (Exception ex) when (ex is DomainException or ValidationException)
        {
            // A refused scan is answered, not retried: the script shows why and keeps the rest of its queue going.
            var message = ex is ValidationException validation ? string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct()) : ex.Message;
            return UnprocessableEntity(new { result = "Refused", message });
        }
    }
}

/// <summary>The district's side of a sold lot at its dock: confirming the buyer's pickup window, deprovisioning, hand-over scans, the hand-over.</summary>
[Authorize(Roles = Roles.DistrictStaff)]
[Route("lots/{id:guid}")]
public sealed class DistrictFulfillmentController(ISender sender) : ScanningController(sender)
{
    [HttpPost("pickup/confirm")]
    public async Task<IActionResult> ConfirmWindow(Guid id, ConfirmWindowForm form)
    {
        var window = await Sender.Send(new ConfirmPickupWindow.Command(id, form.WindowId ?? Guid.Empty, form.Dock ?? "", form.Contact ?? "", form.Packages ?? 0, form.Instructions), Aborted);
        Success($"Pickup confirmed for {window}. Both sides have been e-mailed, and will be reminded the day before.");
        return Redirect($"/lots/{id}#pickup");
    }

    [HttpPost("pickup/other-windows")]
    public async Task<IActionResult> AskForOtherWindows(Guid id, string? note)
    {
        await Sender.Send(new AskForOtherPickupWindows.Command(id, note), Aborted);
        Success("The buyer has been asked for other pickup windows.");
        return Redirect($"/lots/{id}#pickup");
    }

    [HttpGet("deprovisioning")]
    public async Task<IActionResult> Deprovisioning(Guid id, int page = 1) => View(await Sender.Send(new GetDeprovisioningList.Query(id, page), Aborted));

    [HttpPost("deprovisioning")]
    public async Task<IActionResult> ConfirmDeprovisioned(Guid id, Guid[]? deviceIds, bool attested = false)
    {
        var confirmed = await Sender.Send(new Fulfillment.ConfirmDeprovisioned.Command(id, deviceIds ?? [], attested), Aborted);
        Success($"Deprovisioning confirmed for {confirmed:N0} device{(confirmed == 1 ? "" : "s")}.");
        return Redirect($"/lots/{id}/deprovisioning");
    }

    [HttpGet("scan")]
    public Task<IActionResult> Scan(Guid id, int missing = 1) => ScanPage(id, missing);

    [HttpPost("scan")]
    public Task<IActionResult> Scan(Guid id, ScanForm form) => Scan(id, form, $"/lots/{id}/scan");

    [HttpPost("scan/remove")]
    public Task<IActionResult> RemoveScan(Guid id, ScanForm form) => RemoveScan(id, form, $"/lots/{id}/scan");

    [HttpPost("hand-over")]
    public async Task<IActionResult> HandOver(Guid id, HandOverForm form)
    {
        await Sender.Send(form.ToCommand(id), Aborted);
        Success("Hand-over recorded. The lot is in transit to the buyer.");
        return Redirect($"/lots/{id}");
    }
}

/// <summary>The buyer's side of a lot it paid for: proposing pickup windows, the hand-over at the district's dock, receiving scans.</summary>
[Authorize(Roles = Roles.RefurbisherStaff + "," + Roles.SchoolStaff)]
[Route("purchases/{id:guid}")]
public sealed class BuyerFulfillmentController(ISender sender) : ScanningController(sender)
{
    [HttpPost("pickup/windows")]
    public async Task<IActionResult> ProposeWindows(Guid id, ProposeWindowsForm form)
    {
        var proposed = await Sender.Send(new ProposePickupWindows.Command(id, form.ToWindows()), Aborted);
        Success($"{proposed} pickup window{(proposed == 1 ? "" : "s")} proposed. The district confirms one, or asks for others.");
        return Redirect($"/purchases/{id}#pickup");
    }

    [HttpGet("scan")]
    public Task<IActionResult> Scan(Guid id, int missing = 1) => ScanPage(id, missing);

    [HttpPost("scan")]
    public Task<IActionResult> Scan(Guid id, ScanForm form) => Scan(id, form, $"/purchases/{id}/scan");

    [HttpPost("scan/remove")]
    public Task<IActionResult> RemoveScan(Guid id, ScanForm form) => RemoveScan(id, form, $"/purchases/{id}/scan");

    [HttpPost("hand-over")]
    public async Task<IActionResult> HandOver(Guid id, HandOverForm form)
    {
        await Sender.Send(form.ToCommand(id), Aborted);
        Success("Hand-over recorded. Scan the devices in (or upload the list of serials received) when they arrive, then finish receiving.");
        return Redirect($"/purchases/{id}");
    }

    [HttpPost("receiving-list")]
    [RequestSizeLimit(Fulfillment.UploadReceivingList.MaxBytes + (1024 * 1024))]
    [RequestFormLimits(MultipartBodyLengthLimit = Fulfillment.UploadReceivingList.MaxBytes + (1024 * 1024))]
    public async Task<IActionResult> UploadReceivingList(Guid id, IFormFile? list, [FromForm(Name = "map")] Dictionary<string, string?>? map)
    {
        if (list is null)
        {
            throw new DomainException("Choose the receiving list (CSV or .xlsx) to upload.");
        }

        using var content = new MemoryStream();
        await list.CopyToAsync(content, Aborted);
        var result = await Sender.Send(new Fulfillment.UploadReceivingList.Command(id, list.FileName, content.ToArray(), map?.ToDictionary(m => m.Key, m => m.Value ?? "")), Aborted);
        if (!result.Recorded)
        {
            // The file cannot travel through a redirect: the page with its problems or its columns to map answers the post.
            return View("/Features/Fulfillment/ReceivingList.cshtml", new ReceivingListForm(id, result));
        }

        Success($"{result.Summary}. Finish receiving when every device is in.");
        return Redirect($"/purchases/{id}");
    }
}

/// <summary>The receiving list's upload form, and the upload it follows when that one asked for columns or had problems.</summary>
public sealed record ReceivingListForm(Guid LotId, UploadReceivingList.Result? Previous);

public sealed record ConfirmWindowForm(Guid? WindowId, string? Dock, string? Contact, int? Packages, string? Instructions);

public sealed record HandOverForm(string? ReleasedBy, string? CollectedBy, string? SealNumbers, int? Packages)
{
    public RecordHandOver.Command ToCommand(Guid lotId) => new(lotId, ReleasedBy ?? "", CollectedBy ?? "", SealNumbers, Packages ?? 0);
}

/// <summary>
/// Three rows of day, start and end (rows left empty are not windows). Flat names rather than a list, so a value that does
/// not convert is named as a person reads it ("First window day: …").
/// </summary>
public sealed record ProposeWindowsForm(
    DateOnly? FirstWindowDay, TimeOnly? FirstWindowFrom, TimeOnly? FirstWindowTo,
    DateOnly? SecondWindowDay = null, TimeOnly? SecondWindowFrom = null, TimeOnly? SecondWindowTo = null,
    DateOnly? ThirdWindowDay = null, TimeOnly? ThirdWindowFrom = null, TimeOnly? ThirdWindowTo = null)
{
    public static readonly IReadOnlyList<string> Rows = ["First", "Second", "Third"];

    public IReadOnlyList<Domain.Fulfillment.ProposedWindow> ToWindows() =>
        new[] { (FirstWindowDay, FirstWindowFrom, FirstWindowTo), (SecondWindowDay, SecondWindowFrom, SecondWindowTo), (ThirdWindowDay, ThirdWindowFrom, ThirdWindowTo) }
            .Where(w => w.Item1 is not null || w.Item2 is not null || w.Item3 is not null)
            .Select(w => w is ({ } day, { } from, { } to)
                ? new Domain.Fulfillment.ProposedWindow(day, from, to)
                : throw new DomainException("Give each window a day, and the time the driver arrives and leaves by."))
            .ToList();
}

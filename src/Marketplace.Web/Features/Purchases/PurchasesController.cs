using System.Text.Json;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Fulfillment;
using Marketplace.Web.Features.Sanitization;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Purchases;

/// <summary>The scan-driven entry: one medium of one serial. Everything but the two serials stays filled in for the next scan.</summary>
public sealed record SanitizationForm(
    string? Serial, string? MediumSerial, string? Manufacturer, string? Model, MediaType MediaType, string? MediaSource, string? Confidentiality,
    SanitizationMethod? Method, SanitizationTechnique Technique, string? StandardFollowed, string? Tool, string? ToolVersion,
    string? VerificationMethod, VerificationResult VerificationResult, MediaDestination Destination, DataBackedUp DataBackedUp, string? BackupLocation,
    string? PerformerName, string? PerformerTitle, string? PerformerLocation, string? PerformerContact)
{
    public const string Remembered = "last-medium";

    public MediumReport ToReport() => new(
        MediumSerial ?? "", Manufacturer ?? "", Model ?? "", MediaType, MediaSource ?? "", Confidentiality, MediaType == MediaType.None ? null : Method,
        MediaType == MediaType.None ? SanitizationTechnique.Inspection : Technique, StandardFollowed, Tool ?? "", ToolVersion ?? "",
        VerificationMethod ?? "", VerificationResult, Destination, DataBackedUp, BackupLocation,
        new PersonOfRecord(PerformerName ?? "", PerformerTitle ?? "", PerformerLocation ?? "", PerformerContact ?? ""));
}

/// <summary>A second person's decision, or a quality-control re-check: who they are, and what they decided.</summary>
public sealed record PersonForm(string? Name, string? Title, string? Location, string? Contact)
{
    public const string Remembered = "last-person";

    public PersonOfRecord ToPerson() => new(Name ?? "", Title ?? "", Location ?? "", Contact ?? "");
}

/// <summary>The fields of a medium's record besides its serials, filled with <paramref name="Values"/>; ids prefixed when a page shows them twice.</summary>
public sealed record MediumFieldsView(SanitizationForm? Values, string IdPrefix, bool Required)
{
    public string Id(string field) => IdPrefix + field;
}

/// <summary>The erasure report's upload form: the form's values for columns the file lacks, and the columns chosen on a mapping step (null: by headers).</summary>
public sealed record ErasureReportForm(Guid LotId, SanitizationForm? Values, UploadErasureReport.Result? Previous);

/// <summary>Refurbishers: lots they won — payment, pickup, receiving, sanitization, certificate.</summary>
[Authorize(Roles = Roles.RefurbisherStaff + "," + Roles.SchoolStaff)]
[Route("purchases")]
public sealed class PurchasesController(ISender sender) : MarketplaceController(sender)
{
    private const long ReportUploadLimit = ErasureReportFields.MaxBytes + (1024 * 1024);

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, [FromQuery] DeviceFilter filter, [FromQuery] int validationPage = 1)
    {
        var details = await Sender.Send(new GetLotDetails.Query(id, filter), Aborted);
        if (details.Progress.AcceptsSanitization && User.IsInRole(Roles.RefurbisherStaff))
        {
            ViewData[nameof(GetSanitizationWork)] = await Sender.Send(new GetSanitizationWork.Query(id, validationPage), Aborted);
        }

        return View(details);
    }

    [HttpPost("{id:guid}/pay/po")]
    public async Task<IActionResult> PayByPurchaseOrder(Guid id, Guid invoiceId, string purchaseOrderNumber)
    {
        await Sender.Send(new PayByPurchaseOrder.Command(invoiceId, purchaseOrderNumber ?? "", FormIdempotencyKey()), Aborted);
        Success("Purchase order recorded. Finance marks the invoice paid when the money arrives.");
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:guid}/pay/card")]
    public async Task<IActionResult> PayByCard(Guid id, Guid invoiceId)
    {
        var back = new Uri(Url.Action(nameof(Details), "Purchases", new { id }, Request.Scheme)!);
        return Redirect(await Sender.Send(new StartCardPayment.Command(invoiceId, back, back, FormIdempotencyKey()), Aborted));
    }

    [HttpPost("{id:guid}/received")]
    public async Task<IActionResult> Received(Guid id)
    {
        await Sender.Send(new MarkReceived.Command(id), Aborted);
        Success("Receiving finished and reconciled against the manifest. Record sanitization for each serial received.");
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:guid}/sanitization")]
    public async Task<IActionResult> Sanitize(Guid id, SanitizationForm form)
    {
        // Kept before sending, so a refused scan still leaves the technician's settings in the form.
        TempData[SanitizationForm.Remembered] = JsonSerializer.Serialize(form with { Serial = null, MediumSerial = null });
        await Sender.Send(new RecordSanitization.Command(id, form.Serial ?? "", form.ToReport()), Aborted);
        Success($"Medium {(form.MediaType == MediaType.None ? "none" : form.MediumSerial?.Trim())} of {form.Serial?.Trim()} recorded; it counts once a second person validates it.");
        return Redirect(Url.Action(nameof(Details), new { id }) + "#sanitization");
    }

    [HttpPost("{id:guid}/sanitization/report")]
    [RequestSizeLimit(ReportUploadLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = ReportUploadLimit)]
    public async Task<IActionResult> UploadErasureReport(Guid id, IFormFile? report, SanitizationForm form, [FromForm(Name = "map")] Dictionary<string, string?>? map,
        string? progressToken)
    {
        if (report is null)
        {
            throw new DomainException("Choose the erasure report (CSV or .xlsx) to upload.");
        }

        var defaults = form with { Serial = null, MediumSerial = null };
        TempData[SanitizationForm.Remembered] = JsonSerializer.Serialize(defaults);
        using var content = new MemoryStream();
        await report.CopyToAsync(content, Aborted);
        var result = await Sender.Send(new UploadErasureReport.Command(id, report.FileName, content.ToArray(), form.ToReport(),
            map?.ToDictionary(m => m.Key, m => m.Value ?? ""), progressToken), Aborted);
        if (!result.Recorded)
        {
            // The file cannot travel through a redirect: the page with its problems or its columns to map answers the post.
            return View("/Features/Sanitization/ErasureReport.cshtml", new ErasureReportForm(id, defaults, result));
        }

        Success($"{result.Summary}; they count once a second person validates them.");
        return Redirect(Url.Action(nameof(Details), new { id }) + "#sanitization");
    }

    /// <summary>Polled by the upload form's script while the report is checked and recorded.</summary>
    [HttpGet("{id:guid}/sanitization/report/progress")]
    public async Task<IActionResult> ErasureReportProgress(Guid id, string? token) =>
        Json(await Sender.Send(new GetErasureReportProgress.Query(id, token), Aborted));

    [HttpGet("erasure-report-template.csv")]
    [Authorize(Roles = Roles.RefurbisherStaff)]
    public IActionResult ErasureReportTemplate() => File(ErasureReportFields.Template(), "text/csv", "erasure-report-template.csv");

    [HttpGet("receiving-list-template.csv")]
    public IActionResult ReceivingListTemplate() => File(Fulfillment.UploadReceivingList.Template(), "text/csv", "receiving-list-template.csv");

    [HttpPost("{id:guid}/validation/{recordId:guid}")]
    public async Task<IActionResult> Validate(Guid id, Guid recordId, ValidationDecision decision, string? reason, PersonForm person)
    {
        TempData[PersonForm.Remembered] = JsonSerializer.Serialize(person);
        await Sender.Send(new ValidateSanitization.Command(id, recordId, decision, reason, person.ToPerson()), Aborted);
        Success(decision switch
        {
            ValidationDecision.Accept => "Record accepted.",
            ValidationDecision.Repeat => "Sent back: the medium must be sanitized again.",
            _ => "Escalated to a supervisor.",
        });
        return Redirect(Url.Action(nameof(Details), new { id }) + "#validation");
    }

    [HttpPost("{id:guid}/validation/accept-all")]
    public async Task<IActionResult> AcceptAll(Guid id, DateTimeOffset through, PersonForm person)
    {
        TempData[PersonForm.Remembered] = JsonSerializer.Serialize(person);
        var result = await Sender.Send(new AcceptAwaitingRecords.Command(id, through, person.ToPerson()), Aborted);
        Success($"{result.Accepted:N0} {(result.Accepted == 1 ? "record" : "records")} accepted." + (result.PerformedByValidator == 0 ? ""
            : $" {result.PerformedByValidator:N0} performed by {person.Name?.Trim()} still await a different person."));
        return Redirect(Url.Action(nameof(Details), new { id }) + "#validation");
    }

    [HttpPost("{id:guid}/quality-checks/{checkId:guid}")]
    public async Task<IActionResult> QualityCheck(Guid id, Guid checkId, bool passed, string? notes, PersonForm person)
    {
        TempData[PersonForm.Remembered] = JsonSerializer.Serialize(person);
        await Sender.Send(new RecordQualityCheck.Command(id, checkId, passed, notes, person.ToPerson()), Aborted);
        Success(passed ? "Re-check passed." : "Re-check failed: the medium goes back to be sanitized again.");
        return Redirect(Url.Action(nameof(Details), new { id }) + "#quality-control");
    }

    [HttpGet("{id:guid}/certificate.pdf")]
    public async Task<IActionResult> Certificate(Guid id)
    {
        var (code, pdf) = await Sender.Send(new GetCertificatePdf.Query(id), Aborted);
        return File(pdf, "application/pdf", $"certificate-{code}.pdf");
    }
}

using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Organizations;

public sealed record DocumentForm(DocumentKind Kind = DocumentKind.W9, string Number = "", string Issuer = "", DateOnly? IssuedOn = null, DateOnly? ExpiresOn = null,
    TaxExemptForm? TaxExemptForm = null, ExemptionReason? ExemptionReason = null);

/// <summary>An organization's documents: its members read where it stands; its admin uploads W-9s, certificates and certifications.</summary>
[Authorize(Roles = Roles.DistrictStaff + "," + Roles.RefurbisherStaff + "," + Roles.SchoolStaff + "," + Roles.OrganizationAdmin)]
[Route("organization/documents")]
public sealed class OrganizationDocumentsController(ISender sender) : MarketplaceController(sender)
{
    // Room for a document at the limit plus the multipart envelope and the form's fields; bigger uploads are refused before they are read.
    private const long UploadLimit = OrganizationDocument.MaxBytes + 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Documents() => View("Documents", await Sender.Send(new GetOrganizationDocuments.Query(), Aborted));

    [HttpPost("")]
    [RequestSizeLimit(UploadLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
    public async Task<IActionResult> Upload(DocumentForm form, IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            throw new DomainException(file is null ? "File: choose the scanned document (PDF, PNG or JPEG) to upload." : $"File: {file.FileName} is empty.");
        }

        if (file.Length > OrganizationDocument.MaxBytes)
        {
            throw new DomainException(UploadDocument.TooLarge(file.FileName, file.Length));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, Aborted);
        await Sender.Send(new UploadDocument.Command(form.Kind, form.Number ?? "", form.Issuer ?? "", form.IssuedOn, form.ExpiresOn, form.TaxExemptForm,
            form.ExemptionReason, file.FileName, buffer.ToArray()), Aborted);
        Success($"Your {form.Kind.InSentence()} was uploaded. A platform admin reviews it; your organization's admins are e-mailed the decision.");
        return RedirectToAction(nameof(Documents));
    }

    /// <summary>The file itself, always as a download: it is never shown inline in the site's origin.</summary>
    [HttpGet("{id:guid}/file")]
    public async Task<IActionResult> Download(Guid id)
    {
        var file = await Sender.Send(new GetDocumentFile.Query(id), Aborted);
        return File(file.Content, file.ContentType, file.FileName);
    }
}

using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Organizations;

/// <summary>Platform admins: the organizations, the review queue, and each organization's documents and standing.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/organizations")]
public sealed class OrganizationReviewController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Organizations(OrganizationStatus? status, OrganizationKind? kind, string? q, int page = 1) =>
        View("Organizations", await Sender.Send(new ListOrganizations.Query(status, kind, q?.Length > 200 ? q[..200] : q, page), Aborted));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Organization(Guid id) => View("Organization", await Sender.Send(new GetOrganizationReview.Query(id), Aborted));

    /// <summary>A document's file, always as a download.</summary>
    [HttpGet("{id:guid}/documents/{documentId:guid}")]
    public async Task<IActionResult> Document(Guid id, Guid documentId)
    {
        var file = await Sender.Send(new GetDocumentFile.Query(documentId, id), Aborted);
        return File(file.Content, file.ContentType, file.FileName);
    }

    [HttpPost("{id:guid}/documents/{documentId:guid}/approve")]
    public async Task<IActionResult> ApproveDocument(Guid id, Guid documentId)
    {
        await Sender.Send(new ApproveDocument.Command(id, documentId), Aborted);
        Success("Document approved. The organization's admins are told.");
        return BackTo(id);
    }

    [HttpPost("{id:guid}/documents/{documentId:guid}/reject")]
    public async Task<IActionResult> RejectDocument(Guid id, Guid documentId, string? reason)
    {
        await Sender.Send(new RejectDocument.Command(id, documentId, reason ?? ""), Aborted);
        Success("Document rejected. The organization's admins are told why.");
        return BackTo(id);
    }

    [HttpPost("{id:guid}/verify")]
    public async Task<IActionResult> Verify(Guid id)
    {
        await Sender.Send(new VerifyOrganization.Command(id), Aborted);
        Success("Organization verified: it may trade. Its admins are told.");
        return BackTo(id);
    }

    [HttpPost("{id:guid}/reject")]
    public async Task<IActionResult> Reject(Guid id, string? reason)
    {
        await Sender.Send(new RejectApplication.Command(id, reason ?? ""), Aborted);
        Success("Application rejected. The organization's admins are told why.");
        return BackTo(id);
    }

    [HttpPost("{id:guid}/suspend")]
    public async Task<IActionResult> Suspend(Guid id, string? reason)
    {
        await Sender.Send(new SuspendOrganization.Command(id, reason ?? ""), Aborted);
        Success("Organization suspended: it cannot trade until reinstated. Its admins are told why.");
        return BackTo(id);
    }

    [HttpPost("{id:guid}/reinstate")]
    public async Task<IActionResult> Reinstate(Guid id, string? reason)
    {
        await Sender.Send(new ReinstateOrganization.Command(id, reason ?? ""), Aborted);
        Success("Organization reinstated. Its admins are told.");
        return BackTo(id);
    }

    private RedirectToActionResult BackTo(Guid id) => RedirectToAction(nameof(Organization), new { id });
}

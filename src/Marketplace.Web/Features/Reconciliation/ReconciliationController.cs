using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Reconciliation;

/// <summary>
/// The receiving reconciliation from each side: the district reads it under its lot and approves or disputes it, the buyer
/// reads it under its purchase, and admins work the queue of disputes.
/// </summary>
public sealed class ReconciliationController(ISender sender) : MarketplaceController(sender)
{
    [Authorize(Roles = Roles.DistrictStaff)]
    [HttpGet("lots/{id:guid}/reconciliation")]
    public Task<IActionResult> District(Guid id, int page = 1, DiscrepancyKind? kind = null) => Sheet(id, page, kind);

    [Authorize(Roles = Roles.DistrictApprover)]
    [HttpPost("lots/{id:guid}/reconciliation/approve")]
    public async Task<IActionResult> Approve(Guid id)
    {
        await Sender.Send(new ApproveReconciliation.Command(id), Aborted);
        Success("Reconciliation approved. The adjustment is posted; your funds are released once the lot is certified.");
        return Redirect($"/lots/{id}/reconciliation");
    }

    [Authorize(Roles = Roles.DistrictApprover)]
    [HttpPost("lots/{id:guid}/reconciliation/dispute")]
    public async Task<IActionResult> Dispute(Guid id, string? reason)
    {
        await Sender.Send(new DisputeReconciliation.Command(id, reason ?? ""), Aborted);
        Success("Dispute opened. The platform's admins will resolve it and tell you and the buyer.");
        return Redirect($"/lots/{id}/reconciliation");
    }

    [Authorize(Roles = Roles.RefurbisherStaff + "," + Roles.SchoolStaff)]
    [HttpGet("purchases/{id:guid}/reconciliation")]
    public Task<IActionResult> Buyer(Guid id, int page = 1, DiscrepancyKind? kind = null) => Sheet(id, page, kind);

    [Authorize(Roles = Roles.Admin)]
    [HttpGet("admin/reconciliations")]
    public async Task<IActionResult> Queue(int page = 1) => View("Reconciliations", await Sender.Send(new ListReconciliations.Query(page), Aborted));

    [Authorize(Roles = Roles.Admin)]
    [HttpGet("admin/reconciliations/{id:guid}")]
    public Task<IActionResult> Platform(Guid id, int page = 1, DiscrepancyKind? kind = null) => Sheet(id, page, kind);

    [Authorize(Roles = Roles.Admin)]
    [HttpPost("admin/reconciliations/{id:guid}/resolve")]
    public async Task<IActionResult> Resolve(Guid id, decimal? adjustment, string? note)
    {
        await Sender.Send(new ResolveReconciliation.Command(id, adjustment, note ?? ""), Aborted);
        Success("Dispute resolved. Both organizations have been told; the adjustment is posted to the ledger.");
        return Redirect($"/admin/reconciliations/{id}");
    }

    private async Task<IActionResult> Sheet(Guid id, int page, DiscrepancyKind? kind) =>
        View("Reconciliation", await Sender.Send(new GetReconciliation.Query(id, page, kind), Aborted));
}

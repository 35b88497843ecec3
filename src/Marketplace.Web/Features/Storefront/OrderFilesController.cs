using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Storefront;

/// <summary>Files that travel with a storefront order (the query decides who may have each).</summary>
[Authorize]
[Route("store/orders/{id:guid}")]
public sealed class OrderFilesController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("packing-slip.pdf")]
    public async Task<IActionResult> PackingSlip(Guid id)
    {
        var slip = await Sender.Send(new GetPackingSlip.Query(id), Aborted);
        return File(slip.Pdf, "application/pdf", slip.FileName);
    }

    [HttpGet("shipments/{shipmentId:guid}/packing-slip.pdf")]
    public async Task<IActionResult> ShipmentPackingSlip(Guid id, Guid shipmentId)
    {
        var slip = await Sender.Send(new GetPackingSlip.Query(id, shipmentId), Aborted);
        return File(slip.Pdf, "application/pdf", slip.FileName);
    }
}

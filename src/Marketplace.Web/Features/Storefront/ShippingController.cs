using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Storefront;

/// <summary>The shipment form as posted: the carrier, its tracking number and a quantity (and serials) per order line.</summary>
public sealed record ShipmentForm(Carrier Carrier = Carrier.Ups, string? CarrierName = null, string? TrackingNumber = null, List<ShipmentFormLine>? Lines = null);

public sealed record ShipmentFormLine(Guid OrderLineId, int Quantity = 0, string? Serials = null);

/// <summary>Refurbishers: the storefront orders they sold, to ship and deliver.</summary>
[Authorize(Roles = Roles.RefurbisherStaff)]
[Route("store/sales")]
public sealed class ShippingController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> OrdersToShip(ShippingFilter show = ShippingFilter.ToShip, int page = 1) =>
        View(await Sender.Send(new ListOrdersToShip.Query(show, page), Aborted));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> OrderToShip(Guid id) => View(await Sender.Send(new GetOrderToShip.Query(id), Aborted));

    [HttpPost("{id:guid}/shipments")]
    public async Task<IActionResult> RecordShipment(Guid id, ShipmentForm form)
    {
        var lines = (form.Lines ?? []).Select(l => new RecordShipment.Line(l.OrderLineId, l.Quantity, l.Serials)).ToList();
        await Sender.Send(new RecordShipment.Command(id, form.Carrier, form.CarrierName, form.TrackingNumber ?? "", lines, FormIdempotencyKey()), Aborted);
        Success($"Shipment recorded ({lines.Sum(l => l.Quantity)} device(s), tracking {form.TrackingNumber?.Trim().ToUpperInvariant()}). The school is told how to track it.");
        return RedirectToAction(nameof(OrderToShip), new { id });
    }

    [HttpPost("{id:guid}/shipments/{shipmentId:guid}/delivered")]
    public async Task<IActionResult> MarkDelivered(Guid id, Guid shipmentId, DateOnly? deliveredOn)
    {
        await Sender.Send(new MarkShipmentDelivered.Command(id, shipmentId, deliveredOn ?? default, FormIdempotencyKey()), Aborted);
        Success("Delivery recorded.");
        return RedirectToAction(nameof(OrderToShip), new { id });
    }
}

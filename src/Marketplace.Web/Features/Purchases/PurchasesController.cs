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

public sealed record SanitizationForm(string Serial, SanitizationMethod Method, string Tool, string Technician);

/// <summary>Refurbishers: lots they won — payment, pickup, receiving, sanitization, certificate.</summary>
[Authorize(Roles = Roles.RefurbisherStaff + "," + Roles.SchoolStaff)]
[Route("purchases")]
public sealed class PurchasesController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, [FromQuery] DeviceFilter filter) => View(await Sender.Send(new GetLotDetails.Query(id, filter), Aborted));

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
        Success("Marked as received. Scan the devices in, and record sanitization for each serial.");
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:guid}/sanitization")]
    public async Task<IActionResult> Sanitize(Guid id, SanitizationForm form)
    {
        await Sender.Send(new RecordSanitization.Command(id, form.Serial ?? "", form.Method, form.Tool ?? "", form.Technician ?? ""), Aborted);
        Success($"Sanitization of {form.Serial?.Trim()} recorded.");
        TempData["last-method"] = form.Method.ToString();
        TempData["last-tool"] = form.Tool;
        TempData["last-technician"] = form.Technician;
        return Redirect(Url.Action(nameof(Details), new { id }) + "#sanitization");
    }

    [HttpGet("{id:guid}/certificate.pdf")]
    public async Task<IActionResult> Certificate(Guid id)
    {
        var (code, pdf) = await Sender.Send(new GetCertificatePdf.Query(id), Aborted);
        return File(pdf, "application/pdf", $"certificate-{code}.pdf");
    }
}

using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Payments;

/// <summary>The invoices an organization pays, and each invoice's PDF (for its payer and for platform finance: the query decides).</summary>
[Authorize]
[Route("invoices")]
public sealed class InvoicesController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> MyInvoices(bool overdue = false, int page = 1) => View(await Sender.Send(new ListMyInvoices.Query(overdue, page), Aborted));

    [HttpGet("{id:guid}/invoice.pdf")]
    public async Task<IActionResult> Pdf(Guid id)
    {
        var invoice = await Sender.Send(new GetInvoiceDocument.Query(id), Aborted);
        return File(invoice.Pdf, "application/pdf", invoice.FileName);
    }
}

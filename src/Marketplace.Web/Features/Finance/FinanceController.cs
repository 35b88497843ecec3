using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Settlement;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Finance;

/// <summary>Platform finance: revenue, invoices, payouts and the ledger.</summary>
[Authorize(Roles = Roles.Finance + "," + Roles.Admin)]
[Route("finance")]
public sealed class FinanceController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await Sender.Send(new GetFinanceOverview.Query(), Aborted));

    [HttpGet("invoices")]
    public async Task<IActionResult> Invoices(InvoiceStatus? status, int page = 1)
    {
        // No status shows the open invoices finance acts on; "?status=" (the All tab) binds to null and lifts the filter.
        // A default parameter value cannot tell the two apart: it would turn the All tab back into Open.
        var filter = Request.Query.ContainsKey("status") ? status : InvoiceStatus.Open;
        ViewData["Status"] = filter;
        return View(await Sender.Send(new ListInvoices.Query(filter, page), Aborted));
    }

    [HttpPost("invoices/{id:guid}/paid")]
    [Authorize(Roles = Roles.Finance)]
    public async Task<IActionResult> MarkPaid(Guid id, PaymentMethod method, string reference)
    {
        await Sender.Send(new MarkInvoicePaid.Command(id, method, reference ?? "", FormIdempotencyKey()), Aborted);
        Success("Payment recorded and posted to the ledger.");
        return RedirectToAction(nameof(Invoices));
    }

    [HttpGet("payouts")]
    public async Task<IActionResult> Payouts(int page = 1) => View(await Sender.Send(new ListPayouts.Query(page), Aborted));

    [HttpPost("payouts/{id:guid}/approve")]
    [Authorize(Roles = Roles.Finance)]
    public async Task<IActionResult> ApprovePayout(Guid id)
    {
        await Sender.Send(new ApprovePayout.Command(id, FormIdempotencyKey()), Aborted);
        Success("Payout approved and moved to payouts in transit. Confirm it with the bank reference once it is sent.");
        return RedirectToAction(nameof(Payouts));
    }

    [HttpPost("payouts/{id:guid}/sent")]
    [Authorize(Roles = Roles.Finance)]
    public async Task<IActionResult> ConfirmPayout(Guid id, string reference)
    {
        await Sender.Send(new ConfirmPayout.Command(id, reference ?? "", FormIdempotencyKey()), Aborted);
        Success("Payout confirmed as sent. The lot is settled.");
        return RedirectToAction(nameof(Payouts));
    }

    [HttpGet("ledger")]
    public async Task<IActionResult> Ledger(int page = 1) => View(await Sender.Send(new ListLedger.Query(page), Aborted));
}

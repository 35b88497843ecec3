using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Disputes;
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
public sealed class FinanceController(ISender sender, IClock clock) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] FinanceFilter filter) => View(await Sender.Send(new GetFinanceOverview.Query(filter), Aborted));

    [HttpGet("invoices")]
    public async Task<IActionResult> Invoices(InvoiceStatus? status, bool overdue = false, int page = 1)
    {
        // No status shows the open invoices finance acts on; "?status=" (the All tab) binds to null and lifts the filter.
        // A default parameter value cannot tell the two apart: it would turn the All tab back into Open.
        var filter = Request.Query.ContainsKey("status") ? status : InvoiceStatus.Open;
        ViewData["Status"] = filter;
        ViewData["Overdue"] = overdue;
        return View(await Sender.Send(new ListInvoices.Query(filter, page, overdue), Aborted));
    }

    [HttpPost("invoices/{id:guid}/paid")]
    [Authorize(Roles = Roles.Finance)]
    public async Task<IActionResult> MarkPaid(Guid id, PaymentMethod method, string reference, decimal? amount = null, DateOnly? receivedOn = null)
    {
        await Sender.Send(new MarkInvoicePaid.Command(id, method, reference ?? "", FormIdempotencyKey(), amount, receivedOn), Aborted);
        Success("Payment recorded and posted to the ledger.");
        return RedirectToAction(nameof(Invoices));
    }

    [HttpGet("terms")]
    public async Task<IActionResult> Terms(string? name, int page = 1)
    {
        ViewData["Name"] = name;
        return View(await Sender.Send(new ListBuyerTerms.Query(name, page), Aborted));
    }

    [HttpPost("organizations/{id:guid}/terms")]
    public async Task<IActionResult> SetTerms(Guid id, int? netTermsDays, string? name, int page = 1)
    {
        await Sender.Send(new SetNetTerms.Command(id, netTermsDays, FormIdempotencyKey()), Aborted);
        Success(netTermsDays == 0 ? "Terms saved: new invoices are due on receipt." : $"Terms saved: new invoices are due net {netTermsDays}.");
        return RedirectToAction(nameof(Terms), new { name, page });
    }

    [HttpGet("payouts")]
    public async Task<IActionResult> Payouts(PayoutStatus? status, int page = 1)
    {
        ViewData["Status"] = status;
        return View(await Sender.Send(new ListPayouts.Query(page, status), Aborted));
    }

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
        var settled = await Sender.Send(new ConfirmPayout.Command(id, reference ?? "", FormIdempotencyKey()), Aborted);
        Success($"Payout confirmed as sent. {settled}");
        return RedirectToAction(nameof(Payouts));
    }

    [HttpGet("disputes")]
    public async Task<IActionResult> Disputes(DisputeState? state, int page = 1)
    {
        ViewData["State"] = state;
        return View(await Sender.Send(new ListDisputes.Query(state, page), Aborted));
    }

    [HttpGet("refunds")]
    public async Task<IActionResult> BuyerRefunds(BuyerRefundState? state, int page = 1)
    {
        ViewData["State"] = state;
        return View(await Sender.Send(new ListBuyerRefunds.Query(state, page), Aborted));
    }

    [HttpPost("refunds/{id:guid}/sent")]
    [Authorize(Roles = Roles.Finance)]
    public async Task<IActionResult> RecordBuyerRefundSent(Guid id, PaymentMethod method, string? reference)
    {
        await Sender.Send(new RecordBuyerRefundSent.Command(id, method, reference ?? "", FormIdempotencyKey()), Aborted);
        Success("Refund recorded as sent and posted to the ledger. The buyer has been told.");
        return RedirectToAction(nameof(BuyerRefunds));
    }

    [HttpGet("ledger")]
    public async Task<IActionResult> Ledger([FromQuery] FinanceFilter filter, int page = 1) => View(await Sender.Send(new ListLedger.Query(filter, page), Aborted));

    [HttpGet("lots/{id:guid}")]
    public async Task<IActionResult> Lot(Guid id) =>
        await Sender.Send(new GetMoneyTrail.Query(id, null), Aborted) is { } trail ? View("MoneyTrail", trail) : NotFound();

    [HttpGet("orders/{id:guid}")]
    public async Task<IActionResult> Order(Guid id) =>
        await Sender.Send(new GetMoneyTrail.Query(null, id), Aborted) is { } trail ? View("MoneyTrail", trail) : NotFound();

    /// <summary>The period close report; without a period, the current month so far.</summary>
    [HttpGet("trial-balance")]
    public async Task<IActionResult> TrialBalance(string? from, string? to)
    {
        var month = clock.Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        return View(await Sender.Send(new GetTrialBalance.Query(from ?? to ?? month, to ?? from ?? month), Aborted));
    }

    /// <summary>The ledger against Stripe's balance transactions; without a period, the current month so far.</summary>
    [HttpGet("reconciliation")]
    public async Task<IActionResult> Reconciliation(string? from, string? to, int page = 1)
    {
        var month = clock.Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        return View("StripeReconciliation", await Sender.Send(new GetStripeReconciliation.Query(from ?? to ?? month, to ?? from ?? month, page), Aborted));
    }

    [HttpGet("export")]
    public async Task<IActionResult> Export(FinanceList list, FinanceFileFormat format, [FromQuery] FinanceFilter filter, InvoiceStatus? status, bool overdue = false,
        PayoutStatus? payoutStatus = null, DisputeState? disputeState = null, BuyerRefundState? refundState = null)
    {
        var file = await Sender.Send(new ExportFinanceList.Query(list, format, filter, status, overdue, payoutStatus, disputeState, refundState), Aborted);
        return File(file.Content, file.ContentType, file.FileName);
    }
}

using Marketplace.Web.Domain;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Admin;

/// <summary>Platform admin: organizations, e-mail log, outbox. The job dashboard is at /admin/jobs.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin")]
public sealed class AdminController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await Sender.Send(new ListOrganizations.Query()));

    [HttpGet("emails")]
    public async Task<IActionResult> Emails(int page = 1) => View(await Sender.Send(new ListEmails.Query(page)));

    [HttpGet("outbox")]
    public async Task<IActionResult> Outbox() => View(await Sender.Send(new ListOutbox.Query()));

    [HttpPost("outbox/{id:guid}/retry")]
    public async Task<IActionResult> Retry(Guid id)
    {
        await Sender.Send(new RetryOutboxMessage.Command(id));
        Success("The message will be dispatched again within seconds.");
        return RedirectToAction(nameof(Outbox));
    }
}

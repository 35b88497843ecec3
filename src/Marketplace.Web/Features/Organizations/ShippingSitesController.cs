using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The organization's ship-to sites, kept by its admin: what checkout offers as addresses.</summary>
[Authorize(Roles = Roles.OrganizationAdmin)]
[Route("organization/sites")]
public sealed class ShippingSitesController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Sites(Guid? edit, int page = 1, string? search = null) =>
        View(await Sender.Send(new ListShippingSites.Query(edit, page, search), Aborted));

    [HttpPost("")]
    public async Task<IActionResult> Add(SiteForm form)
    {
        await Sender.Send(form.ToCommand(null), Aborted);
        Success($"{form.Name?.Trim()} added: buyers can ship orders there.");
        return RedirectToAction(nameof(Sites));
    }

    [HttpPost("{id:guid}")]
    public async Task<IActionResult> Change(Guid id, SiteForm form)
    {
        await Sender.Send(form.ToCommand(id), Aborted);
        Success($"{form.Name?.Trim()} saved. Orders placed before keep the address they were placed with.");
        return RedirectToAction(nameof(Sites));
    }

    [HttpPost("{id:guid}/retire")]
    public async Task<IActionResult> Retire(Guid id)
    {
        var name = await Sender.Send(new RetireShippingSite.Command(id), Aborted);
        Success($"{name} retired: checkout no longer offers it; its orders still show it.");
        return RedirectToAction(nameof(Sites));
    }

    [HttpPost("{id:guid}/restore")]
    public async Task<IActionResult> Restore(Guid id)
    {
        var name = await Sender.Send(new RestoreShippingSite.Command(id), Aborted);
        Success($"{name} is back in use.");
        return RedirectToAction(nameof(Sites));
    }
}

public sealed record SiteForm(string? Name, string? Attention, string? Street1, string? Street2, string? City, string? State, string? PostalCode)
{
    public SaveShippingSite.Command ToCommand(Guid? id) => new(id, Name, Attention, Street1, Street2, City, State, PostalCode);
}

using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Admin;

/// <summary>Platform admin: every account across organizations, and deactivating or reactivating one.</summary>
[Authorize(Roles = Roles.Admin)]
[Route("admin/users")]
public sealed class AdminUsersController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? status, string? twoFactor, int page = 1) =>
        View("Users", await Sender.Send(new ListUsers.Query(q, status, twoFactor, page), Aborted));

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Account(Guid id) => View("UserAccount", await Sender.Send(new GetUserAccount.Query(id), Aborted));

    [HttpPost("{id:guid}/deactivate")]
    public async Task<IActionResult> Deactivate(Guid id, string? reason)
    {
        await Sender.Send(new DeactivateUser.Command(id, reason ?? ""), Aborted);
        Success("Account deactivated: its sessions end at their next click, and it cannot sign in.");
        return Redirect($"/admin/users/{id}");
    }

    [HttpPost("{id:guid}/reactivate")]
    public async Task<IActionResult> Reactivate(Guid id)
    {
        await Sender.Send(new ReactivateUser.Command(id), Aborted);
        Success("Account reactivated.");
        return Redirect($"/admin/users/{id}");
    }
}

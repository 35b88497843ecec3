using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Organizations;

/// <summary>An organization admin's people: members and their duties, invitations, deactivation.</summary>
[Authorize(Roles = Roles.OrganizationAdmin)]
[Route("organization/people")]
public sealed class PeopleController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View("People", await Sender.Send(new ListPeople.Query(), Aborted));

    [HttpPost("invite")]
    public async Task<IActionResult> Invite(string? email, string[]? duties)
    {
        await Sender.Send(new InvitePerson.Command(email ?? "", duties ?? []), Aborted);
        Success($"An invitation is on its way to {email?.Trim()}. Its link works once; it is listed below until it is accepted.");
        return Redirect("/organization/people");
    }

    [HttpPost("invitations/{id:guid}/resend")]
    public async Task<IActionResult> Resend(Guid id)
    {
        await Sender.Send(new ResendInvitation.Command(id), Aborted);
        Success("The invitation is on its way again, with a new link; the link sent before no longer works.");
        return Redirect("/organization/people");
    }

    [HttpPost("invitations/{id:guid}/revoke")]
    public async Task<IActionResult> Revoke(Guid id)
    {
        await Sender.Send(new RevokeInvitation.Command(id), Aborted);
        Success("Invitation revoked: its link now says so.");
        return Redirect("/organization/people");
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Member(Guid id) => View("Member", await Sender.Send(new GetMember.Query(id), Aborted));

    [HttpPost("{id:guid}/duties")]
    public async Task<IActionResult> Duties(Guid id, string[]? duties)
    {
        var changed = await Sender.Send(new ChangeDuties.Command(id, duties ?? []), Aborted);
        Success(changed ? "Duties saved. They apply from the person's next click." : "Nothing to change: those are the duties the person has.");
        return Redirect($"/organization/people/{id}");
    }

    [HttpPost("{id:guid}/deactivate")]
    public async Task<IActionResult> Deactivate(Guid id, string? reason)
    {
        await Sender.Send(new DeactivateMember.Command(id, reason), Aborted);
        Success("Account deactivated: its sessions end at their next click, and it cannot sign in.");
        return Redirect($"/organization/people/{id}");
    }

    [HttpPost("{id:guid}/reactivate")]
    public async Task<IActionResult> Reactivate(Guid id)
    {
        await Sender.Send(new ReactivateMember.Command(id), Aborted);
        Success("Account reactivated: the person can sign in again, with the duties they had.");
        return Redirect($"/organization/people/{id}");
    }
}

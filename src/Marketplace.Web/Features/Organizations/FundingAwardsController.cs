using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Organizations;

public sealed record FundingAwardForm(string? Name, DateOnly? AwardDate, decimal? FederalPercent);

/// <summary>A district's federal funding awards, kept by its admin or its business office (the approvers).</summary>
[Authorize(Roles = $"{Roles.OrganizationAdmin},{Roles.DistrictApprover}")]
[Route("organization/funding-awards")]
public sealed class FundingAwardsController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View("FundingAwards", await Sender.Send(new ListFundingAwards.Query(), Aborted));

    [HttpPost("")]
    public async Task<IActionResult> Record(FundingAwardForm form)
    {
        await Sender.Send(new RecordFundingAward.Command(form.Name?.Trim() ?? "", form.AwardDate, form.FederalPercent), Aborted);
        Success($"Award {form.Name?.Trim()} recorded. Link its devices from each lot's federal share card.");
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:guid}")]
    public async Task<IActionResult> Correct(Guid id, FundingAwardForm form)
    {
        await Sender.Send(new CorrectFundingAward.Command(id, form.Name?.Trim() ?? "", form.AwardDate, form.FederalPercent), Aborted);
        Success($"Award {form.Name?.Trim()} saved.");
        return RedirectToAction(nameof(Index));
    }
}

using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Disputes;

/// <summary>Buyers open disputes from a lot's or a storefront order's page; the platform's admins decide them from the finance workspace's disputes queue.</summary>
public sealed class DisputesController(ISender sender) : MarketplaceController(sender)
{
    [Authorize(Roles = Roles.RefurbisherBuyer + "," + Roles.SchoolBuyer)]
    [HttpPost("purchases/{id:guid}/disputes")]
    public async Task<IActionResult> Open(Guid id, BuyerDisputeReason reason, string? details, decimal? amountClaimed)
    {
        await Sender.Send(OpenDispute.Command.ForLot(id, reason, details ?? "", amountClaimed), Aborted);
        Success(Opened);
        return Redirect($"/purchases/{id}#disputes");
    }

    [Authorize(Roles = Roles.StorefrontBuyers)]
    [HttpPost("store/orders/{id:guid}/disputes")]
    public async Task<IActionResult> OpenOnOrder(Guid id, BuyerDisputeReason reason, string? details, decimal? amountClaimed)
    {
        await Sender.Send(OpenDispute.Command.ForOrder(id, reason, details ?? "", amountClaimed), Aborted);
        Success(Opened);
        return Redirect($"/store/orders/{id}#disputes");
    }

    private const string Opened = "Dispute opened. The seller and the platform's admins have been told; you will hear the decision by e-mail.";

    [Authorize(Roles = Roles.Admin)]
    [HttpPost("finance/disputes/{id:guid}/resolve")]
    public async Task<IActionResult> Resolve(Guid id, DisputeOutcome outcome, decimal? amount, string? note)
    {
        var decided = await Sender.Send(new ResolveDispute.Command(id, outcome, amount, note ?? ""), Aborted);
        Success(decided == DisputeOutcome.NoRefund
            ? "Dispute resolved with no refund. Both organizations have been told."
            : "Dispute resolved and the refund posted to the ledger. Both organizations have been told.");
        return Redirect("/finance/disputes");
    }
}

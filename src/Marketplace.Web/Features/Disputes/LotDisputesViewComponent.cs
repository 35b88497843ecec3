using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Disputes;

/// <summary>The disputes card of a lot's page: its outcome for everyone who may see the lot, and the form for its buyer within the window.</summary>
public sealed class LotDisputesViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid lotId)
    {
        var result = await sender.Send(new GetLotDisputes.Query(lotId), HttpContext.RequestAborted);
        return result.Disputes.Count == 0 && (!result.IsBuyer || result.Deadline is null)
            ? Content("")
            : View("/Features/Disputes/_LotDisputes.cshtml", result);
    }
}

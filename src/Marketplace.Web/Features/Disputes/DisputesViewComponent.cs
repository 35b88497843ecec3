using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Disputes;

/// <summary>
/// The disputes card of a lot's or a storefront order's page: the outcome for everyone who may see the purchase, and the form
/// for its buyer within the window.
/// </summary>
public sealed class DisputesViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? lotId, Guid? orderId)
    {
        var result = await sender.Send(new GetDisputes.Query(lotId, orderId), HttpContext.RequestAborted);
        return result.IsEmpty ? Content("") : View("/Features/Disputes/_Disputes.cshtml", result);
    }
}

using Marketplace.Web.Features.Lots;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Shared;

/// <summary>The lot's photo gallery (and upload form for its district), on every page that shows a lot.</summary>
public sealed class LotPhotosViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid lotId) =>
        View("/Features/Shared/_LotPhotos.cshtml", await sender.Send(new GetLotPhotos.Query(lotId), HttpContext.RequestAborted));
}

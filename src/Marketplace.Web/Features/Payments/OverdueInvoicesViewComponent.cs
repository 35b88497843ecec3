using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Payments;

/// <summary>
/// The overdue flag on a buyer's dashboard (the start page of each kind of organization): how many of its invoices are past
/// due and for how much, linking to them. Nothing when none are.
/// </summary>
public sealed class OverdueInvoicesViewComponent(MarketplaceDb db, ICurrentUser user, IClock clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!user.IsAuthenticated || user.OrganizationId == Guid.Empty || user.IsInRole(Roles.Finance) || user.IsInRole(Roles.Admin))
        {
            return Content("");
        }

        var (count, amount) = await ListMyInvoices.OverdueAsync(db, user, clock.Today, HttpContext.RequestAborted);
        return count == 0 ? Content("") : View("/Features/Payments/_OverdueInvoices.cshtml", (count, amount));
    }
}

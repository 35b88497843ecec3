using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Storefront;

public sealed record ListingForm(string Title = "", string? Description = null, DeviceCategory Category = DeviceCategory.Chromebook,
    CosmeticGrade Grade = CosmeticGrade.A, decimal Price = 0, int Quantity = 1, int WarrantyMonths = 12);

/// <summary>Refurbishers: refurbished stock offered to schools.</summary>
[Authorize(Roles = Roles.RefurbisherStaff)]
[Route("listings")]
public sealed class ListingsController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View("MyListings", await Sender.Send(new ListMyListings.Query(), Aborted));

    [HttpGet("new")]
    public IActionResult Create() => View("NewListing", new ListingForm());

    [HttpPost("new")]
    public async Task<IActionResult> Create(ListingForm form)
    {
        await Sender.Send(new CreateListing.Command(form.Title ?? "", form.Description, form.Category, form.Grade, form.Price, form.Quantity, form.WarrantyMonths), Aborted);
        Success($"\"{form.Title}\" is now in the storefront.");
        return RedirectToAction(nameof(Index));
    }
}

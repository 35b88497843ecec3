using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Storefront;

/// <summary>The listing form as posted: every field of <see cref="ListingDetails"/>, with the defaults a new listing starts from.</summary>
public sealed record ListingForm(string? Title = null, string? Description = null, DeviceCategory Category = DeviceCategory.Chromebook,
    string? Manufacturer = null, string? Model = null, string? Cpu = null, int RamGb = 4, int StorageGb = 32, decimal ScreenInches = 11.6m,
    CosmeticGrade Grade = CosmeticGrade.A, FunctionalStatus Functional = FunctionalStatus.Working, int? BatteryHealthPercent = null, DateOnly? AueDate = null,
    decimal Price = 0, int Quantity = 1, int WarrantyMonths = 12, int? Tier1MinQuantity = null, decimal? Tier1Price = null, int? Tier2MinQuantity = null,
    decimal? Tier2Price = null, int Version = 0)
{
    public ListingDetails Details => new(Title, Description, Category, Manufacturer ?? "", Model ?? "", Cpu, RamGb, StorageGb, ScreenInches, Grade, Functional,
        BatteryHealthPercent, AueDate, Price, Quantity, WarrantyMonths, Tier1MinQuantity, Tier1Price, Tier2MinQuantity, Tier2Price);

    public static ListingForm Of(Listing l) => new(l.Title, l.Description, l.Category, l.Manufacturer, l.Model, l.Cpu, l.RamGb, l.StorageGb, l.ScreenInches,
        l.Grade, l.Functional, l.BatteryHealthPercent, l.AueDate, l.Price, l.QuantityAvailable, l.WarrantyMonths, l.Tier1MinQuantity, l.Tier1Price,
        l.Tier2MinQuantity, l.Tier2Price, l.Version);
}

/// <summary>The new-listing and edit pages share one form view.</summary>
public sealed record ListingFormPage(ListingForm Form, Guid? ListingId);

/// <summary>Refurbishers: refurbished stock offered to schools.</summary>
[Authorize(Roles = Roles.RefurbisherStaff)]
[Route("listings")]
public sealed class ListingsController(ISender sender) : MarketplaceController(sender)
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int page = 1) => View("MyListings", await Sender.Send(new ListMyListings.Query(page), Aborted));

    [HttpGet("new")]
    public IActionResult Create() => View("NewListing", new ListingFormPage(new ListingForm(), null));

    [HttpPost("new")]
    public async Task<IActionResult> Create(ListingForm form)
    {
        await Sender.Send(new CreateListing.Command(form.Details), Aborted);
        Success($"\"{form.Details.TitleOrDefault}\" is now in the storefront.");
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id) =>
        View("NewListing", new ListingFormPage(ListingForm.Of(await Sender.Send(new GetOwnListing.Query(id), Aborted)), id));

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, ListingForm form)
    {
        await Sender.Send(new EditListing.Command(id, form.Version, form.Details), Aborted);
        Success($"\"{form.Details.TitleOrDefault}\" is updated.");
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:guid}/pause")]
    public async Task<IActionResult> Pause(Guid id)
    {
        var title = await Sender.Send(new PauseListing.Command(id, Pause: true), Aborted);
        Success($"\"{title}\" is paused: buyers no longer see it; its stock is kept.");
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:guid}/resume")]
    public async Task<IActionResult> Resume(Guid id)
    {
        var title = await Sender.Send(new PauseListing.Command(id, Pause: false), Aborted);
        Success($"\"{title}\" is back on sale.");
        return RedirectToAction(nameof(Index));
    }
}

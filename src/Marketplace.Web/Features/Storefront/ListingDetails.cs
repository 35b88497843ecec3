using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

/// <summary>What a refurbisher states about a SKU, the same on the new-listing and the edit form.</summary>
public sealed record ListingDetails(
    string? Title, string? Description, DeviceCategory Category, string Manufacturer, string Model, string? Cpu, int RamGb, int StorageGb,
    decimal ScreenInches, CosmeticGrade Grade, FunctionalStatus Functional, int? BatteryHealthPercent, DateOnly? AueDate, decimal Price,
    int Quantity, int WarrantyMonths, int? Tier1MinQuantity, decimal? Tier1Price, int? Tier2MinQuantity, decimal? Tier2Price)
{
    /// <summary>The title buyers see: the refurbisher's own, or the device and grade when left blank.</summary>
    public string TitleOrDefault => string.IsNullOrWhiteSpace(Title)
        ? $"{(Model.Trim().StartsWith(Manufacturer.Trim(), StringComparison.OrdinalIgnoreCase) ? Model.Trim() : $"{Manufacturer.Trim()} {Model.Trim()}")} (refurbished, grade {Grade})"
        : Title.Trim();

    public IReadOnlyList<PriceTier> Tiers =>
        new[] { (Tier1MinQuantity, Tier1Price), (Tier2MinQuantity, Tier2Price) }
            .Where(t => t.Item1 is not null || t.Item2 is not null)
            .Select(t => new PriceTier(t.Item1 ?? 0, t.Item2 ?? 0))
            .ToList();

    /// <summary>Writes the details onto the listing; the domain refuses tiers that do not fall with quantity.</summary>
    public void ApplyTo(Listing listing)
    {
        listing.Title = TitleOrDefault;
        listing.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        listing.Category = Category;
        listing.Manufacturer = Manufacturer.Trim();
        listing.Model = Model.Trim();
        listing.Cpu = string.IsNullOrWhiteSpace(Cpu) ? null : Cpu.Trim();
        listing.RamGb = RamGb;
        listing.StorageGb = StorageGb;
        listing.ScreenInches = decimal.Round(ScreenInches, 1);
        listing.Grade = Grade;
        listing.Functional = Functional;
        listing.BatteryHealthPercent = BatteryHealthPercent;
        listing.AueDate = Category == DeviceCategory.Chromebook ? AueDate : null;
        listing.Price = decimal.Round(Price, 2);
        listing.WarrantyMonths = WarrantyMonths;
        listing.SetTiers(Tiers);
        listing.Restock(Quantity);
    }
}

public sealed class ListingDetailsValidator : AbstractValidator<ListingDetails>
{
    public ListingDetailsValidator()
    {
        RuleFor(d => d.Title).MaximumLength(200).WithMessage("Keep the title to 200 characters.");
        RuleFor(d => d.Description).MaximumLength(4000);
        RuleFor(d => d.Manufacturer).NotEmpty().WithMessage("Enter the manufacturer, e.g. \"Dell\".").MaximumLength(100);
        RuleFor(d => d.Model).NotEmpty().WithMessage("Enter the model, e.g. \"Chromebook 3110\".").MaximumLength(120);
        RuleFor(d => d.Cpu).MaximumLength(100);
        RuleFor(d => d.RamGb).InclusiveBetween(1, 256).WithMessage("RAM must be between 1 and 256 GB.");
        RuleFor(d => d.StorageGb).InclusiveBetween(1, 8192).WithMessage("Storage must be between 1 and 8,192 GB.");
        RuleFor(d => d.ScreenInches).InclusiveBetween(0m, 40m).WithMessage("Screen size must be between 0 (none) and 40 inches.");
        RuleFor(d => d.Price).GreaterThan(0).WithMessage("Enter a price greater than $0.00.").LessThan(100_000);
        RuleFor(d => d.Quantity).InclusiveBetween(0, 100_000).WithMessage("Quantity must be between 0 and 100,000.");
        RuleFor(d => d.WarrantyMonths).InclusiveBetween(0, 60).WithMessage("Warranty must be between 0 and 60 months.");
        RuleFor(d => d.Category).IsInEnum();
        RuleFor(d => d.Grade).IsInEnum();
        RuleFor(d => d.Functional).IsInEnum();
        RuleFor(d => d).Custom((d, context) =>
        {
            if (Listing.BatteryProblem(d.Category, d.Functional, d.BatteryHealthPercent) is { } problem)
            {
                context.AddFailure(nameof(ListingDetails.BatteryHealthPercent), problem);
            }

            if ((d.Tier1MinQuantity is null) != (d.Tier1Price is null) || (d.Tier2MinQuantity is null) != (d.Tier2Price is null))
            {
                context.AddFailure("Tiers", "A quantity-price tier needs both its minimum quantity and its unit price.");
            }
            else if (d.Tier1MinQuantity is null && d.Tier2MinQuantity is not null)
            {
                context.AddFailure("Tiers", "Fill in the first quantity-price tier before the second.");
            }
            else
            {
                var previous = (Quantity: 1, Price: d.Price);
                foreach (var (quantity, price) in new[] { (d.Tier1MinQuantity, d.Tier1Price), (d.Tier2MinQuantity, d.Tier2Price) })
                {
                    if (quantity is not { } q || price is not { } p)
                    {
                        continue;
                    }

                    if (q <= previous.Quantity)
                    {
                        context.AddFailure("Tiers", $"The {q}+ tier must be for more units than the one before it ({previous.Quantity}).");
                    }
                    else if (p <= 0 || p >= previous.Price)
                    {
                        context.AddFailure("Tiers", $"The {q}+ tier price must be above $0 and below ${previous.Price:0.00}.");
                    }

                    previous = (q, p);
                }
            }
        });
    }
}

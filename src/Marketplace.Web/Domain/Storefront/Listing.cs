using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Domain.Storefront;

/// <summary>Refurbished stock a refurbisher sells to schools at a fixed price.</summary>
public sealed class Listing : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SellerId { get; init; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public DeviceCategory Category { get; set; }
    public CosmeticGrade Grade { get; set; }
    public decimal Price { get; set; }
    public string Currency { get; init; } = "USD";
    public int WarrantyMonths { get; set; } = 12;
    public int QuantityAvailable { get; private set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; set; }

    public void Restock(int quantity)
    {
        if (quantity < 0)
        {
            throw new DomainException("Stock cannot be negative.");
        }

        QuantityAvailable = quantity;
    }

    public void Reserve(int quantity)
    {
        if (!IsActive)
        {
            throw new DomainException($"{Title} is no longer for sale.");
        }

        if (quantity > QuantityAvailable)
        {
            throw new DomainException($"Only {QuantityAvailable} of {Title} left in stock.");
        }

        QuantityAvailable -= quantity;
    }

    /// <summary>Stock reserved by an order that was cancelled goes back on sale.</summary>
    public void Release(int quantity)
    {
        if (quantity < 1)
        {
            throw new DomainException("Released quantity must be at least 1.");
        }

        QuantityAvailable += quantity;
    }
}

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

    // The SKU: what the unit is. Empty on listings typed before listings carried their device (title only).
    public string Manufacturer { get; set; } = "";
    public string Model { get; set; } = "";
    public string? Cpu { get; set; }
    public int RamGb { get; set; }
    public int StorageGb { get; set; }
    public decimal ScreenInches { get; set; }
    public FunctionalStatus Functional { get; set; } = FunctionalStatus.Working;

    /// <summary>Full-charge capacity against design capacity, in percent; null for devices without a battery.</summary>
    public int? BatteryHealthPercent { get; set; }

    /// <summary>Google's Auto Update Expiration for a Chromebook model; null for other devices.</summary>
    public DateOnly? AueDate { get; set; }

    /// <summary>Quantity-price tiers (e.g. 10+ and 50+); a tier is off while its quantity is null.</summary>
    public int? Tier1MinQuantity { get; private set; }
    public decimal? Tier1Price { get; private set; }
    public int? Tier2MinQuantity { get; private set; }
    public decimal? Tier2Price { get; private set; }

    public DateTimeOffset? PausedAt { get; private set; }

    /// <summary>The seller's own stock-keeping code; a bulk upload with the same code updates this listing instead of adding another.</summary>
    public string? SellerSku { get; set; }

    /// <summary>
    /// Stock made of devices from bought lots (<see cref="ListingUnit"/>): the quantity follows the units, never a typed number.
    /// <see cref="QuantityAvailable"/> counts units still for sale; units held by orders not yet shipped stay
    /// <see cref="ListingUnitStatus.Available"/> until the seller ships them (<see cref="MarkUnitsSold"/>).
    /// </summary>
    public bool IsSerialized { get; private set; }

    public const int MaxSellerSkuLength = 64;

    /// <summary>The 30-day return window every storefront order carries from delivery.</summary>
    public const int ReturnWindowDays = 30;

    /// <summary>Battery health below this is not sold as working (buyers' expectation of a school day on one charge; R2v3 Appendix C functional test).</summary>
    public const int MinimumWorkingBatteryHealth = 80;

    public bool IsPaused => !IsActive;

    public IReadOnlyList<PriceTier> Tiers =>
        new[] { Tier(Tier1MinQuantity, Tier1Price), Tier(Tier2MinQuantity, Tier2Price) }.OfType<PriceTier>().ToList();

    private static PriceTier? Tier(int? quantity, decimal? price) => quantity is { } q && price is { } p ? new PriceTier(q, p) : null;

    /// <summary>The unit price for an order of this many: the best tier the quantity reaches, else the list price.</summary>
    public decimal UnitPriceFor(int quantity) =>
        Tiers.Where(t => quantity >= t.MinQuantity).Select(t => (decimal?)t.UnitPrice).LastOrDefault() ?? Price;

    /// <summary>
    /// Sets the tiers: each for a larger quantity (at least 2) and a lower price than the one before, so a bigger order never costs more per unit.
    /// </summary>
    public void SetTiers(IReadOnlyList<PriceTier> tiers)
    {
        if (tiers.Count > 2)
        {
            throw new DomainException("A listing has at most two quantity-price tiers.");
        }

        var previous = new PriceTier(1, Price);
        foreach (var tier in tiers)
        {
            if (tier.MinQuantity <= previous.MinQuantity || tier.MinQuantity < 2)
            {
                throw new DomainException($"The {tier.MinQuantity}+ tier must be for more units than the one before it ({previous.MinQuantity}).");
            }

            if (tier.UnitPrice <= 0 || tier.UnitPrice >= previous.UnitPrice)
            {
                throw new DomainException($"The {tier.MinQuantity}+ tier price must be above $0 and below ${previous.UnitPrice:0.00}.");
            }

            previous = tier;
        }

        (Tier1MinQuantity, Tier1Price) = tiers.Count > 0 ? (tiers[0].MinQuantity, decimal.Round(tiers[0].UnitPrice, 2)) : ((int?)null, (decimal?)null);
        (Tier2MinQuantity, Tier2Price) = tiers.Count > 1 ? (tiers[1].MinQuantity, decimal.Round(tiers[1].UnitPrice, 2)) : ((int?)null, (decimal?)null);
    }

    /// <summary>Takes the listing off the catalog; its stock and carts stay, and <see cref="Resume"/> puts it back.</summary>
    public void Pause(DateTimeOffset at)
    {
        if (!IsActive)
        {
            throw new DomainException($"{Title} is already paused.");
        }

        IsActive = false;
        PausedAt = at;
    }

    public void Resume()
    {
        if (IsActive)
        {
            throw new DomainException($"{Title} is already on sale.");
        }

        IsActive = true;
        PausedAt = null;
    }

    /// <summary>
    /// A unit sold as working must hold a charge (battery health at least 80%); a device without a battery (a desktop) states none.
    /// </summary>
    public static string? BatteryProblem(DeviceCategory category, FunctionalStatus functional, int? batteryHealth) =>
        batteryHealth is < 0 or > 100 ? "Battery health must be a percentage between 0 and 100."
        : functional != FunctionalStatus.Working || category == DeviceCategory.Desktop ? null
        : batteryHealth is null ? "Enter the battery health: a unit sold as working must state it."
        : batteryHealth < MinimumWorkingBatteryHealth ? $"A unit with {batteryHealth}% battery health cannot be sold as working: it needs at least {MinimumWorkingBatteryHealth}%. Sell it as \"minor fault\" or replace the battery."
        : null;

    public void Restock(int quantity)
    {
        if (quantity < 0)
        {
            throw new DomainException("Stock cannot be negative.");
        }

        if (IsSerialized && quantity != QuantityAvailable)
        {
            throw new DomainException($"The stock of {Title} is its serialized units ({QuantityAvailable:N0} for sale): add devices from a bought lot to raise it.");
        }

        QuantityAvailable = quantity;
    }

    public void Reserve(int quantity)
    {
        if (!IsActive)
        {
            throw new DomainException($"{Title} is no longer for sale.");
        }

        RequireInStock(quantity);
        QuantityAvailable -= quantity;
    }

    /// <summary>A cart may hold, and checkout reserve, no more than are for sale now.</summary>
    public void RequireInStock(int quantity)
    {
        if (quantity > QuantityAvailable)
        {
            throw new DomainException($"Only {QuantityAvailable} of {Title} are in stock.");
        }
    }

    /// <summary>Devices from a bought lot put on sale on this listing: each is one more unit for sale.</summary>
    public void AddSerializedUnits(int count)
    {
        if (count < 1)
        {
            throw new DomainException("Choose at least one device to stock.");
        }

        if (!IsSerialized && QuantityAvailable > 0)
        {
            throw new DomainException($"{Title} holds {QuantityAvailable:N0} units typed by hand; serialized devices go on a listing of their own.");
        }

        IsSerialized = true;
        QuantityAvailable += count;
    }

    /// <summary>
    /// The seller shipped these serials for an order: each becomes sold. Only units already held by orders can ship — the
    /// units still for sale (<see cref="QuantityAvailable"/>) stay on the shelf, so the counts stay coherent:
    /// units available = units for sale + units held by orders not yet shipped.
    /// </summary>
    /// <param name="available">Every unit of this listing still <see cref="ListingUnitStatus.Available"/>.</param>
    public void MarkUnitsSold(IReadOnlyCollection<ListingUnit> available, IReadOnlyCollection<string> serials, Guid orderId, DateTimeOffset at)
    {
        if (!IsSerialized)
        {
            throw new DomainException($"{Title} has no serialized units.");
        }

        var bySerial = available.Where(u => u.ListingId == Id && u.Status == ListingUnitStatus.Available)
            .ToDictionary(u => u.Serial, StringComparer.OrdinalIgnoreCase);
        var wanted = serials.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = wanted.Where(s => !bySerial.ContainsKey(s)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException($"Not an unsold unit of {Title}: {string.Join(", ", unknown)}.");
        }

        var held = bySerial.Count - QuantityAvailable;
        if (wanted.Count > held)
        {
            throw new DomainException($"Only {held:N0} units of {Title} are held by orders; {wanted.Count:N0} serials cannot ship.");
        }

        foreach (var serial in wanted)
        {
            bySerial[serial].Sell(orderId, at);
        }
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

public sealed record PriceTier(int MinQuantity, decimal UnitPrice);

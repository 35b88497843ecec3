namespace Marketplace.Web.Domain.Finance;

/// <summary>
/// One version of the platform's fee schedule, maintained by admins. Versions are never edited: a change is a new version,
/// in force from when it is saved, so it applies to new sales only; each lot award and storefront order records the
/// version it used and copies the rates and amounts it applied (the terms), so no later version reaches back into it.
/// The version with the highest id is the one in force.
/// </summary>
public sealed class FeeSchedule
{
    public const decimal MaxRate = 0.50m;

    public int Id { get; init; } = 1;

    /// <summary>Added to the hammer price and paid by the lot buyer.</summary>
    public decimal BuyerPremiumRate { get; set; } = 0.10m;

    /// <summary>Deducted from the hammer price before the district is paid (often 0).</summary>
    public decimal SellerCommissionRate { get; set; }

    /// <summary>Deducted from storefront sales before the refurbisher is paid.</summary>
    public decimal StorefrontCommissionRate { get; set; } = 0.08m;

    public decimal StorefrontFlatShipping { get; set; } = 25m;

    /// <summary>The least buyer's premium a lot sale charges, whatever its hammer price.</summary>
    public decimal MinimumBuyerPremium { get; set; }

    /// <summary>The least seller commission on a lot sale (never more than the hammer price).</summary>
    public decimal MinimumSellerCommission { get; set; }

    /// <summary>The least commission on a storefront order (never more than its devices' subtotal).</summary>
    public decimal MinimumStorefrontCommission { get; set; }

    /// <summary>When the version came into force; the seeded first version has none.</summary>
    public DateTimeOffset? EffectiveFrom { get; init; }

    /// <summary>The admin who saved it.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Why the fees changed, for whoever reads the history.</summary>
    public string? Reason { get; init; }

    /// <summary>The next version: the given rates and minimums (rates as fractions, 0.10 = 10%), in force from <paramref name="at"/>.</summary>
    public FeeSchedule Next(FeeRates rates, string createdBy, string? reason, DateTimeOffset at)
    {
        rates.Validate();
        return new FeeSchedule
        {
            Id = Id + 1,
            BuyerPremiumRate = rates.BuyerPremiumRate,
            SellerCommissionRate = rates.SellerCommissionRate,
            StorefrontCommissionRate = rates.StorefrontCommissionRate,
            MinimumBuyerPremium = rates.MinimumBuyerPremium,
            MinimumSellerCommission = rates.MinimumSellerCommission,
            MinimumStorefrontCommission = rates.MinimumStorefrontCommission,
            StorefrontFlatShipping = StorefrontFlatShipping,
            EffectiveFrom = at,
            CreatedBy = createdBy,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        };
    }

    public SettlementTerms TermsFor(decimal hammerPrice)
    {
        var premium = Math.Max(Round(hammerPrice * BuyerPremiumRate), MinimumBuyerPremium);
        var commission = Math.Min(Math.Max(Round(hammerPrice * SellerCommissionRate), MinimumSellerCommission), hammerPrice);
        return new SettlementTerms(hammerPrice, BuyerPremiumRate, SellerCommissionRate, premium, commission);
    }

    /// <summary>The platform's commission on a storefront order of this subtotal: the rate, at least the minimum, at most the subtotal.</summary>
    public decimal StorefrontCommissionFor(decimal subtotal) =>
        Math.Min(Math.Max(Round(subtotal * StorefrontCommissionRate), MinimumStorefrontCommission), subtotal);

    private static decimal Round(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}

/// <summary>What an admin enters for a new fee schedule version: rates as fractions (0.10 = 10%), minimums in dollars.</summary>
public sealed record FeeRates(decimal BuyerPremiumRate, decimal SellerCommissionRate, decimal StorefrontCommissionRate,
    decimal MinimumBuyerPremium, decimal MinimumSellerCommission, decimal MinimumStorefrontCommission)
{
    /// <summary>Rates from 0 to 50%, minimums not negative: the domain's own guard behind the form's validation.</summary>
    public void Validate()
    {
        foreach (var (name, rate) in new[] { ("Buyer's premium", BuyerPremiumRate), ("Seller commission", SellerCommissionRate), ("Storefront commission", StorefrontCommissionRate) })
        {
            if (rate is < 0 or > FeeSchedule.MaxRate)
            {
                throw new DomainException($"{name} must be between 0% and 50%.");
            }
        }

        foreach (var (name, minimum) in new[] { ("Minimum buyer's premium", MinimumBuyerPremium), ("Minimum seller commission", MinimumSellerCommission), ("Minimum storefront commission", MinimumStorefrontCommission) })
        {
            if (minimum < 0)
            {
                throw new DomainException($"{name} cannot be negative.");
            }
        }
    }
}

/// <summary>What a lot sale means in money, fixed at award: what the buyer pays, what the district receives, what the platform earns.</summary>
public sealed record SettlementTerms(decimal HammerPrice, decimal BuyerPremiumRate, decimal SellerCommissionRate, decimal BuyerPremium, decimal SellerCommission)
{
    public decimal BuyerTotal => HammerPrice + BuyerPremium;
    public decimal DistrictProceeds => HammerPrice - SellerCommission;
    public decimal PlatformFees => BuyerPremium + SellerCommission;
}

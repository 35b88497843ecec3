namespace Marketplace.Web.Domain.Finance;

/// <summary>The platform's fee schedule; one row, maintained by admins. A lot's award copies the rates it applies.</summary>
public sealed class FeeSchedule
{
    public int Id { get; init; } = 1;

    /// <summary>Added to the hammer price and paid by the lot buyer.</summary>
    public decimal BuyerPremiumRate { get; set; } = 0.10m;

    /// <summary>Deducted from the hammer price before the district is paid (often 0).</summary>
    public decimal SellerCommissionRate { get; set; }

    /// <summary>Deducted from storefront sales before the refurbisher is paid.</summary>
    public decimal StorefrontCommissionRate { get; set; } = 0.08m;

    public decimal StorefrontFlatShipping { get; set; } = 25m;

    public SettlementTerms TermsFor(decimal hammerPrice) => new(
        hammerPrice,
        BuyerPremiumRate,
        SellerCommissionRate,
        decimal.Round(hammerPrice * BuyerPremiumRate, 2, MidpointRounding.AwayFromZero),
        decimal.Round(hammerPrice * SellerCommissionRate, 2, MidpointRounding.AwayFromZero));
}

/// <summary>What a lot sale means in money, fixed at award: what the buyer pays, what the district receives, what the platform earns.</summary>
public sealed record SettlementTerms(decimal HammerPrice, decimal BuyerPremiumRate, decimal SellerCommissionRate, decimal BuyerPremium, decimal SellerCommission)
{
    public decimal BuyerTotal => HammerPrice + BuyerPremium;
    public decimal DistrictProceeds => HammerPrice - SellerCommission;
    public decimal PlatformFees => BuyerPremium + SellerCommission;
}

namespace Marketplace.Web.Domain.Lots;

/// <summary>
/// The admin-maintained price guide behind the instant estimate:
/// base price (model, else category) × cosmetic grade factor × functional factor × update-runway factor.
/// </summary>
public sealed class PriceGuide
{
    public int Id { get; init; } = 1;
    public decimal GradeA { get; set; } = 1.00m;
    public decimal GradeB { get; set; } = 0.80m;
    public decimal GradeC { get; set; } = 0.55m;
    public decimal GradeD { get; set; } = 0.30m;
    public decimal MinorFault { get; set; } = 0.60m;
    public decimal NotWorking { get; set; } = 0.20m;
    public decimal ForParts { get; set; } = 0.10m;

    /// <summary>Years of updates that count as a full runway; fewer scale the value down.</summary>
    public int FullRunwayYears { get; set; } = 5;

    /// <summary>Floor of the runway factor: an expired Chromebook still has parts value.</summary>
    public decimal ExpiredRunwayFactor { get; set; } = 0.15m;

    /// <summary>The estimate is shown as point ± this share.</summary>
    public decimal RangeSpread { get; set; } = 0.20m;

    public decimal GradeFactor(CosmeticGrade grade) => grade switch
    {
        CosmeticGrade.A => GradeA,
        CosmeticGrade.B => GradeB,
        CosmeticGrade.C => GradeC,
        _ => GradeD,
    };

    public decimal FunctionalFactor(FunctionalStatus status) => status switch
    {
        FunctionalStatus.Working => 1m,
        FunctionalStatus.MinorFault => MinorFault,
        FunctionalStatus.NotWorking => NotWorking,
        _ => ForParts,
    };

    /// <summary>Chromebooks lose value as their AUE nears; other categories have no AUE and keep a full runway.</summary>
    public decimal RunwayFactor(DeviceCategory category, double? yearsLeft)
    {
        if (category != DeviceCategory.Chromebook || yearsLeft is null)
        {
            return 1m;
        }

        var share = (decimal)yearsLeft.Value / FullRunwayYears;
        return Math.Clamp(share, ExpiredRunwayFactor, 1m);
    }

    public decimal Estimate(decimal basePrice, CosmeticGrade grade, FunctionalStatus functional, DeviceCategory category, double? yearsLeft) =>
        basePrice * GradeFactor(grade) * FunctionalFactor(functional) * RunwayFactor(category, yearsLeft);

    public LotEstimate Range(decimal point, int priced, int unpriced) =>
        new(decimal.Round(point * (1 - RangeSpread), 0), decimal.Round(point, 0), decimal.Round(point * (1 + RangeSpread), 0), priced, unpriced);
}

public sealed record LotEstimate(decimal Low, decimal Point, decimal High, int PricedDevices, int UnpricedDevices);

/// <summary>Price guide fallback per category, for models without their own base price.</summary>
public sealed class CategoryPrice
{
    public DeviceCategory Category { get; init; }
    public decimal BasePrice { get; set; }
}

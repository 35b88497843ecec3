namespace Marketplace.Web.Domain.Lots;

/// <summary>
/// A lot's manifest in figures: counts, the instant estimate from the price guide and the funding flags.
/// Computed from the devices whenever the manifest or the price guide changes, so that a page view of a
/// 50,000-device lot reads one row instead of valuing every device again.
/// </summary>
public sealed class ManifestSummary
{
    public int Devices { get; init; }
    public int DataBearingDevices { get; init; }
    public int PricedDevices { get; init; }
    public int UnpricedDevices { get; init; }
    public decimal EstimateLow { get; init; }
    public decimal EstimatePoint { get; init; }
    public decimal EstimateHigh { get; init; }

    /// <summary>
    /// Price-guide value of the priced federally funded devices, and how many they are. Whether the awarding agency is owed a
    /// share depends on each device's award (see <see cref="Finance.FederalShare"/>), which these totals cannot tell.
    /// </summary>
    public decimal FederalEquipmentValue { get; init; }
    public int FederalDevices { get; init; }
    public double? AverageYearsOfUpdatesLeft { get; init; }
    public int ChromebooksPastAue { get; init; }

    /// <summary>E-rate devices younger than five years when the summary was made; submission checks again.</summary>
    public int ERateRestrictedDevices { get; init; }
    public DateTimeOffset? ValuedAt { get; init; }

    public LotEstimate Estimate => new(EstimateLow, EstimatePoint, EstimateHigh, PricedDevices, UnpricedDevices);
}

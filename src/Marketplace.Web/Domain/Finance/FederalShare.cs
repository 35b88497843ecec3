using System.Globalization;

namespace Marketplace.Web.Domain.Finance;

/// <summary>What the rule reads of a funding award: its date and the federal share of the original purchase.</summary>
public sealed record AwardTerms(Guid Id, string Name, DateOnly AwardDate, decimal FederalPercent);

/// <summary>
/// Federally funded devices of a lot that the rule treats alike: the same award (null when none is recorded), the same
/// per-unit acquisition cost (null when not recorded) and the same value each (null when the price guide cannot value them).
/// </summary>
public sealed record FederalDevices(Guid? AwardId, decimal? UnitCost, decimal? UnitValue, int Count);

/// <summary>Which value a device's fair market value is taken from: the price guide before a sale, its share of the proceeds after.</summary>
public enum FederalValueSource { GuideEstimate, Proceeds }

/// <summary>Which part of 2 CFR 200 makes the district owe the awarding agency a share of one award's devices.</summary>
public enum FederalShareBasis
{
    /// <summary>Supplies not over the aggregate threshold and equipment not over the per-unit threshold: retained without obligation.</summary>
    NoObligation,

    /// <summary>§200.314: the award's supplies together are worth more than the aggregate threshold.</summary>
    ResidualSupplies,

    /// <summary>§200.313(e)(2): units of equipment each worth more than the per-unit threshold.</summary>
    Equipment,

    ResidualSuppliesAndEquipment,

    /// <summary>Federally funded devices with no award recorded: the share cannot be computed.</summary>
    AwardNotRecorded,
}

/// <summary>The federal share of one award's devices in a lot (or of the devices with no award recorded), and why.</summary>
public sealed record AwardShare(AwardTerms? Award, FederalShareBasis Basis, decimal? Threshold, int Devices, decimal Share, IReadOnlyList<string> Reasons)
{
    public string Rule => Basis switch
    {
        FederalShareBasis.ResidualSupplies => "2 CFR 200.314: residual supplies over the aggregate threshold",
        FederalShareBasis.Equipment => "2 CFR 200.313(e): equipment over the per-unit threshold",
        FederalShareBasis.ResidualSuppliesAndEquipment => "2 CFR 200.314 (supplies) and 200.313(e) (equipment)",
        FederalShareBasis.AwardNotRecorded => "Award not recorded: the federal share cannot be computed yet",
        _ => "None: retained without obligation to the awarding agency",
    };

    /// <summary>Which threshold governs the award, and why (its date against the 2024 revision's effective date).</summary>
    public string? ThresholdReason => Award is { } award && Threshold is { } threshold
        ? $"{FederalShare.Dollars(threshold)} threshold: the award is dated {award.AwardDate.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}, " +
          (award.AwardDate >= FederalShare.RevisionEffective ? "on or after" : "before") + " the 2024 revision of 2 CFR 200 took effect (October 1, 2024)"
        : null;
}

/// <summary>
/// The awarding agency's share of the proceeds of federally funded devices, per 2 CFR 200 as revised in 2024 (89 FR 30046,
/// effective for awards made from October 1, 2024; earlier awards keep the $5,000 figures):
/// <list type="bullet">
/// <item>§200.1 "Equipment" has a per-unit acquisition cost that equals or exceeds the threshold; "Supplies" are everything else,
/// and a computing device is a supply when its acquisition cost is less than the threshold. A device whose cost the district did
/// not record is counted as a supply: a district's Chromebooks and laptops cost a small fraction of it, and the reasons say so.
/// (A district capitalization level below the threshold would make more devices equipment; it is not recorded here.)</item>
/// <item>§200.314(a): when residual supplies of one award exceed the threshold in aggregate value, the agency is entitled to its
/// percentage of the original purchase × the current market value or the proceeds of sale. "Exceeding": exactly the threshold owes nothing.</item>
/// <item>§200.313(e)(1): equipment with a current per-unit fair market value of the threshold or less is retained or sold without
/// obligation; (e)(2): above it, the agency is entitled to its percentage × the current market value or the proceeds.</item>
/// </list>
/// Not applied: the selling-and-handling amount an agency may permit the district to keep from its share (§200.313(e)(2),
/// §200.314(a)) — it is the agency's decision, not a rule to compute. §200.314's 2024 text defines unused supplies as supplies
/// in new condition; whether a district's devices qualify is the district's and the agency's call, so the figure is shown for
/// their grant records rather than withheld from the payout.
/// </summary>
public static class FederalShare
{
    public static readonly DateOnly RevisionEffective = new(2024, 10, 1);

    /// <summary>The equipment and aggregate-supplies threshold for awards from <see cref="RevisionEffective"/>.</summary>
    public const decimal Threshold = 10_000m;

    /// <summary>The same thresholds for awards made before the revision.</summary>
    public const decimal EarlierThreshold = 5_000m;

    public static decimal ThresholdFor(DateOnly awardDate) => awardDate >= RevisionEffective ? Threshold : EarlierThreshold;

    /// <summary>One result per award the devices reference (in name order), then one for the devices with no award recorded.</summary>
    public static IReadOnlyList<AwardShare> Of(IEnumerable<FederalDevices> devices, IReadOnlyDictionary<Guid, AwardTerms> awards, FederalValueSource source)
    {
        var byAward = devices.Where(d => d.Count > 0)
            .GroupBy(d => d.AwardId is { } id && awards.ContainsKey(id) ? id : (Guid?)null)
            .ToList();
        var shares = byAward.Where(g => g.Key is not null)
            .Select(g => ForAward(awards[g.Key!.Value], g.ToList(), source))
            .OrderBy(s => s.Award!.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (byAward.SingleOrDefault(g => g.Key is null) is { } unrecorded)
        {
            var count = unrecorded.Sum(d => d.Count);
            shares.Add(new AwardShare(null, FederalShareBasis.AwardNotRecorded, null, count, 0m,
            [
                $"{Devices(count)} marked as bought with a federal grant {(count == 1 ? "has" : "have")} no funding award recorded, so the federal share " +
                "of their proceeds cannot be computed until each is linked to its award (award date and federal participation).",
            ]));
        }

        return shares;
    }

    private static AwardShare ForAward(AwardTerms award, IReadOnlyList<FederalDevices> devices, FederalValueSource source)
    {
        var threshold = ThresholdFor(award.AwardDate);
        var rate = award.FederalPercent / 100m;
        var valueWords = source == FederalValueSource.Proceeds ? "share of the proceeds" : "estimated value";
        var reasons = new List<string>();
        var valued = devices.Where(d => d.UnitValue is not null).ToList();
        var unvalued = devices.Where(d => d.UnitValue is null).Sum(d => d.Count);

        // §200.1: equipment when the per-unit acquisition cost equals or exceeds the threshold; otherwise a supply.
        var supplies = valued.Where(d => !(d.UnitCost >= threshold)).ToList();
        var equipment = valued.Where(d => d.UnitCost >= threshold).ToList();
        decimal owed = 0;
        var suppliesOwed = false;
        if (supplies.Count > 0)
        {
            var count = supplies.Sum(d => d.Count);
            var noCost = supplies.Where(d => d.UnitCost is null).Sum(d => d.Count);
            var value = supplies.Sum(d => d.UnitValue!.Value * d.Count);
            suppliesOwed = value > threshold; // §200.314(a): "exceeding", so exactly the threshold owes nothing
            owed += suppliesOwed ? value * rate : 0;
            reasons.Add($"{Devices(count)} cost less than {Dollars(threshold)} each, so {(count == 1 ? "it is a supply" : "they are supplies")} (2 CFR 200.1)" +
                        (noCost > 0 ? $"; {noCost:N0} of them {(noCost == 1 ? "has" : "have")} no acquisition cost recorded and {(noCost == 1 ? "is" : "are")} counted as supplies" : "") +
                        $". Their {valueWords} totals {Exact(value)}, which " +
                        (suppliesOwed
                            ? $"exceeds the {Dollars(threshold)} aggregate threshold of 2 CFR 200.314: the awarding agency is owed {Percent(award.FederalPercent)} of it."
                            : $"does not exceed the {Dollars(threshold)} aggregate threshold of 2 CFR 200.314: the district keeps it without obligation."));
        }

        var equipmentOwed = 0;
        if (equipment.Count > 0)
        {
            var count = equipment.Sum(d => d.Count);
            // §200.313(e)(1)/(2): "$10,000 or less" is retained without obligation; "in excess of" owes the agency its share.
            var over = equipment.Where(d => d.UnitValue!.Value > threshold).ToList();
            equipmentOwed = over.Sum(d => d.Count);
            var value = over.Sum(d => d.UnitValue!.Value * d.Count);
            owed += value * rate;
            reasons.Add($"{Devices(count)} cost {Dollars(threshold)} or more each, so {(count == 1 ? "it is" : "they are")} equipment (2 CFR 200.1). " +
                        (equipmentOwed > 0
                            ? $"{Devices(equipmentOwed)} {(equipmentOwed == 1 ? "is" : "are")} worth more than {Dollars(threshold)} each ({valueWords} {Exact(value)}): " +
                              $"under 2 CFR 200.313(e)(2) the awarding agency is owed {Percent(award.FederalPercent)} of it."
                            : "") +
                        (count - equipmentOwed > 0
                            ? $"{(equipmentOwed > 0 ? " " : "")}{Devices(count - equipmentOwed)} {(count - equipmentOwed == 1 ? "is" : "are")} worth {Dollars(threshold)} or less each: " +
                              "under 2 CFR 200.313(e)(1) the district keeps the proceeds without obligation."
                            : ""));
        }

        if (unvalued > 0)
        {
            reasons.Add($"{Devices(unvalued)} {(unvalued == 1 ? "has" : "have")} no price-guide value, so {(unvalued == 1 ? "it is" : "they are")} not counted.");
        }

        var basis = (suppliesOwed, equipmentOwed > 0) switch
        {
            (true, true) => FederalShareBasis.ResidualSuppliesAndEquipment,
            (true, false) => FederalShareBasis.ResidualSupplies,
            (false, true) => FederalShareBasis.Equipment,
            _ => FederalShareBasis.NoObligation,
        };
        return new AwardShare(award, basis, threshold, devices.Sum(d => d.Count), decimal.Round(owed, 2, MidpointRounding.AwayFromZero), reasons);
    }

    /// <summary>The federal share as the proceeds statement says it: one paragraph per award, for the district's grant records.</summary>
    public static string Statement(IReadOnlyList<AwardShare> shares) =>
        "Federal share (2 CFR 200 as revised in 2024), computed on these proceeds:\n" + string.Join("\n", shares.Select(s => s.Award is { } award
            ? $"- {award.Name} (awarded {award.AwardDate.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}, {Percent(award.FederalPercent)} federal): {s.Rule}. " +
              $"Federal share owed: {Exact(s.Share)}. {s.ThresholdReason}. {string.Join(" ", s.Reasons)}"
            : $"- {s.Rule}. {string.Join(" ", s.Reasons)}"));

    internal static string Dollars(decimal amount) => amount.ToString("C0", CultureInfo.GetCultureInfo("en-US"));

    internal static string Exact(decimal amount) => amount.ToString("C", CultureInfo.GetCultureInfo("en-US"));

    private static string Percent(decimal percent) => $"{percent.ToString("0.##", CultureInfo.InvariantCulture)}%";

    private static string Devices(int count) => count == 1 ? "1 device" : $"{count:N0} devices";
}

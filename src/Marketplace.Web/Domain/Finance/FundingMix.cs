using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Domain.Finance;

/// <summary>What a lot's devices were bought with, per funding source: how many devices and what the district paid for them.</summary>
public sealed record FundingShare(FundingSource Source, int Devices, int DevicesWithCost, decimal Cost);

/// <summary>
/// How a lot's sale value divides among the funding sources of its devices, fixed when the sale is posted: each source's
/// share is the value of its devices, read as the purchase cost the district recorded; when some device has no cost on
/// record, costs would under-weigh those devices, so every device counts alike instead.
/// </summary>
public sealed class FundingMix
{
    private readonly IReadOnlyList<(FundingSource Source, decimal Weight)> _weights;

    private FundingMix(IReadOnlyList<(FundingSource Source, decimal Weight)> weights) => _weights = weights;

    /// <summary>A lot whose devices are unknown (none on the manifest): everything to <see cref="FundingSource.Unknown"/>.</summary>
    public static FundingMix Unknown { get; } = new([(FundingSource.Unknown, 1m)]);

    public static FundingMix Of(IEnumerable<FundingShare> shares)
    {
        var list = shares.Where(s => s.Devices > 0).OrderBy(s => s.Source).ToList();
        if (list.Count == 0)
        {
            return Unknown;
        }

        var byCost = list.All(s => s.DevicesWithCost == s.Devices) && list.Sum(s => s.Cost) > 0;
        return new([.. list.Select(s => (s.Source, byCost ? s.Cost : s.Devices)).Where(w => w.Item2 > 0)]);
    }

    public IReadOnlyList<FundingSource> Sources => [.. _weights.Select(w => w.Source)];

    /// <summary>
    /// Divides <paramref name="amount"/> to the cent by weight, the leftover cents to the largest remainders (ties to the
    /// first source), so the parts always add up to the amount exactly and a posting stays balanced.
    /// </summary>
    public IReadOnlyList<(FundingSource Source, decimal Amount)> Split(decimal amount)
    {
        var cents = (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);
        var total = _weights.Sum(w => w.Weight);
        var exact = _weights.Select(w => cents * w.Weight / total).ToList();
        var parts = exact.Select(e => (long)decimal.Floor(e)).ToArray();
        var left = cents - parts.Sum();
        foreach (var i in Enumerable.Range(0, parts.Length).OrderByDescending(i => exact[i] - parts[i]).ThenBy(i => i).Take((int)left))
        {
            parts[i]++;
        }

        return [.. _weights.Select((w, i) => (w.Source, parts[i] / 100m)).Where(p => p.Item2 != 0)];
    }
}

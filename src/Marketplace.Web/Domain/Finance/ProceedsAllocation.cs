namespace Marketplace.Web.Domain.Finance;

/// <summary>
/// What each device of a lot sold for, when the buyer paid one price for the whole lot: the district's proceeds shared in
/// proportion to each device's price-guide value, devices the guide cannot price carrying the average priced value (every
/// device weighs the same when none is priced). The reconciliation at receiving and the federal share both read it.
/// </summary>
public static class ProceedsAllocation
{
    /// <summary>The share of one device of each entry (entries are devices alike: a guide value and how many carry it).</summary>
    public static IReadOnlyList<decimal> UnitShares(IReadOnlyList<(decimal? Value, int Count)> devices, decimal proceeds)
    {
        var pricedCount = devices.Where(d => d.Value is > 0).Sum(d => d.Count);
        var average = pricedCount > 0 ? devices.Where(d => d.Value is > 0).Sum(d => d.Value!.Value * d.Count) / pricedCount : 1m;
        var weights = devices.Select(d => d.Value is > 0 ? d.Value.Value : average).ToList();
        var total = devices.Select((d, i) => weights[i] * d.Count).Sum();
        return weights.Select(w => total > 0 ? proceeds * w / total : 0).ToList();
    }
}

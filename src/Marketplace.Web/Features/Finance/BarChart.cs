namespace Marketplace.Web.Features.Finance;

/// <summary>
/// A horizontal bar chart drawn as a table: each row's label, a bar (SVG, its width an attribute so the strict style
/// policy holds) and the figure, both links to the ledger lines behind it. The table is the text alternative: a screen
/// reader reads labels and figures, the bars are hidden from it.
/// </summary>
public sealed record BarChart(string Id, string Title, string Caption, string LabelHeader, string ValueHeader, IReadOnlyList<BarChart.Bar> Bars)
{
    public sealed record Bar(string Label, decimal Value, string Href);

    /// <summary>The bar's length as a percentage of the longest; negative figures (a month of refunds) draw no bar.</summary>
    public string Width(Bar bar)
    {
        var max = Bars.Count == 0 ? 0 : Bars.Max(b => b.Value);
        var share = max <= 0 || bar.Value <= 0 ? 0 : bar.Value / max * 100m;
        return share.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
    }
}

namespace Marketplace.Web.Features.Finance;

/// <summary>The filter bar of the dashboard and the ledger: a GET form, so the filters live in the URL.</summary>
public sealed record FinanceFiltersForm(FinanceFilter Filter, IReadOnlyList<GetFinanceOverview.Choice> Organizations, string Action);

using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Features.Finance;

/// <summary>Which money a dashboard figure or a ledger line list means: each has its own set of ledger lines.</summary>
public enum LedgerFigure
{
    /// <summary>What districts' lots sold for, net of commission: the proceeds lines of lot sales, forfeits and adjustments.</summary>
    BuybackRevenue,

    /// <summary>Buyer's premiums and commissions, lots and storefront alike.</summary>
    PlatformFees,
}

/// <summary>
/// The finance workspace's filters (period, district, counterparty, funding source), shared by the dashboard, the ledger
/// browser and the exports, and carried in the URL so that a filtered view can be bookmarked, shared and drilled into.
/// </summary>
public sealed partial record FinanceFilter
{
    /// <summary>First month included, yyyy-MM.</summary>
    public string? From { get; init; }

    /// <summary>Last month included, yyyy-MM.</summary>
    public string? To { get; init; }
    public Guid? District { get; init; }
    public Guid? Counterparty { get; init; }
    public FundingSource? Funding { get; init; }

    /// <summary>Ledger browser only: the lines of one account.</summary>
    public LedgerAccount? Account { get; init; }

    /// <summary>Ledger browser only: the lines that make one dashboard figure.</summary>
    public LedgerFigure? Figure { get; init; }

    /// <summary>Ledger browser only: storefront lines (no district) rather than lots' (a district).</summary>
    public bool? Storefront { get; init; }

    public int? FromPeriod => Period(From);

    public int? ToPeriod => Period(To);

    public bool IsEmpty => this == new FinanceFilter();

    /// <summary>The lines these filters select, through the revenue-report index (account, funding source, month, district).</summary>
    public IQueryable<LedgerEntry> Apply(IQueryable<LedgerEntry> lines)
    {
        if (Figure == LedgerFigure.BuybackRevenue)
        {
            lines = lines.Where(e => e.Account == LedgerAccount.DistrictPayable && e.FundingSource != null);
        }
        else if (Figure == LedgerFigure.PlatformFees)
        {
            lines = lines.Where(e => e.Account == LedgerAccount.PlatformFeeRevenue);
        }

        if (Account is { } account)
        {
            lines = lines.Where(e => e.Account == account);
        }

        if (Funding is { } funding)
        {
            lines = lines.Where(e => e.FundingSource == funding);
        }

        if (FromPeriod is { } from)
        {
            lines = lines.Where(e => e.Period >= from);
        }

        if (ToPeriod is { } to)
        {
            lines = lines.Where(e => e.Period <= to);
        }

        if (District is { } district)
        {
            lines = lines.Where(e => e.DistrictId == district);
        }

        if (Counterparty is { } counterparty)
        {
            lines = lines.Where(e => e.CounterpartyId == counterparty);
        }

        if (Storefront is { } storefront)
        {
            lines = storefront ? lines.Where(e => e.DistrictId == null) : lines.Where(e => e.DistrictId != null);
        }

        return lines;
    }

    /// <summary>
    /// The ledger's monthly totals these filters select: the same cells as <see cref="Apply(IQueryable{LedgerEntry})"/>'s
    /// lines, for every filter but the counterparty (the totals do not keep it; the caller reads lines for that).
    /// </summary>
    public IQueryable<LedgerMonthlyTotal> Apply(IQueryable<LedgerMonthlyTotal> totals)
    {
        if (Counterparty is not null)
        {
            throw new InvalidOperationException("The ledger's monthly totals are not kept by counterparty; read the lines.");
        }

        if (Figure == LedgerFigure.BuybackRevenue)
        {
            totals = totals.Where(t => t.Account == LedgerAccount.DistrictPayable && t.Funding != LedgerMonthlyTotal.NoFunding);
        }
        else if (Figure == LedgerFigure.PlatformFees)
        {
            totals = totals.Where(t => t.Account == LedgerAccount.PlatformFeeRevenue);
        }

        if (Account is { } account)
        {
            totals = totals.Where(t => t.Account == account);
        }

        if (Funding is { } funding)
        {
            var name = funding.ToString();
            totals = totals.Where(t => t.Funding == name);
        }

        if (FromPeriod is { } from)
        {
            totals = totals.Where(t => t.Period >= from);
        }

        if (ToPeriod is { } to)
        {
            totals = totals.Where(t => t.Period <= to);
        }

        if (District is { } district)
        {
            totals = totals.Where(t => t.DistrictId == district);
        }

        if (Storefront is { } storefront)
        {
            totals = storefront ? totals.Where(t => t.DistrictId == LedgerMonthlyTotal.NoDistrict) : totals.Where(t => t.DistrictId != LedgerMonthlyTotal.NoDistrict);
        }

        return totals;
    }

    /// <summary>The filters as a query string ("from=2026-01&amp;district=…"), empty values left out.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("from", From);
        Add("to", To);
        Add("district", District?.ToString());
        Add("counterparty", Counterparty?.ToString());
        Add("funding", Funding?.ToString());
        Add("account", Account?.ToString());
        Add("figure", Figure?.ToString());
        Add("storefront", Storefront?.ToString().ToLowerInvariant());
        return string.Join("&", parts);
    }

    /// <summary>A URL under /finance with these filters: <c>Url("/finance/ledger")</c>.</summary>
    public string Url(string path) => ToQueryString() is { Length: > 0 } query ? $"{path}?{query}" : path;

    /// <summary>The same filters narrowed to one month (a bar of the monthly chart).</summary>
    public FinanceFilter ForMonth(int period) => this with { From = LedgerPeriod.Label(period), To = LedgerPeriod.Label(period) };

    private static int? Period(string? month) =>
        month is not null && MonthPattern().IsMatch(month)
            ? LedgerPeriod.Of(DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture))
            : null;

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    internal static partial Regex MonthPattern();

    /// <summary>What "bad filters" means, for every query that takes them.</summary>
    public sealed class Rules : AbstractValidator<FinanceFilter>
    {
        public Rules()
        {
            RuleFor(f => f.From).Must(m => m is null || MonthPattern().IsMatch(m)).WithMessage("Enter the first month as yyyy-mm.");
            RuleFor(f => f.To).Must(m => m is null || MonthPattern().IsMatch(m)).WithMessage("Enter the last month as yyyy-mm.");
            RuleFor(f => f).Must(f => f.FromPeriod is null || f.ToPeriod is null || f.FromPeriod <= f.ToPeriod)
                .WithName("To").WithMessage("The last month comes before the first.");
        }
    }
}

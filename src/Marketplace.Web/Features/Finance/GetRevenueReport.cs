using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

/// <summary>
/// The dashboard's revenue report: buyback revenue and platform fees by month × district × funding source, summed in SQL
/// from the ledger lines' own dimensions (written when each transaction was posted). The dashboard and the export both
/// read it, so the figures on screen and in the file are one query's.
/// </summary>
public static class GetRevenueReport
{
    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(FinanceFilter Filter) : IQuery<Report>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Filter).SetValidator(new FinanceFilter.Rules());
    }

    /// <summary>One cell: a month, a district (none for the storefront), a funding source (none for the storefront) and its two figures.</summary>
    public sealed record Cell(int Period, Guid? DistrictId, FundingSource? Funding, decimal BuybackRevenue, decimal PlatformFees);

    public sealed record Report(IReadOnlyList<Cell> Cells)
    {
        public decimal BuybackRevenue => Cells.Sum(c => c.BuybackRevenue);
        public decimal PlatformFees => Cells.Sum(c => c.PlatformFees);
        public decimal BuybackFees => Cells.Where(c => c.DistrictId != null).Sum(c => c.PlatformFees);
        public decimal StorefrontFees => Cells.Where(c => c.DistrictId == null).Sum(c => c.PlatformFees);

        public IReadOnlyList<(int Period, decimal BuybackRevenue, decimal BuybackFees, decimal StorefrontFees)> ByMonth =>
        [
            .. Cells.GroupBy(c => c.Period).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(c => c.BuybackRevenue),
                g.Where(c => c.DistrictId != null).Sum(c => c.PlatformFees), g.Where(c => c.DistrictId == null).Sum(c => c.PlatformFees))),
        ];

        public IReadOnlyList<(Guid DistrictId, decimal BuybackRevenue, decimal PlatformFees)> ByDistrict =>
        [
            .. Cells.Where(c => c.DistrictId != null).GroupBy(c => c.DistrictId!.Value)
                .Select(g => (g.Key, g.Sum(c => c.BuybackRevenue), g.Sum(c => c.PlatformFees))).OrderByDescending(d => d.Item2),
        ];

        public IReadOnlyList<(FundingSource Funding, decimal BuybackRevenue, decimal PlatformFees)> ByFunding =>
        [
            .. Cells.Where(c => c.Funding != null).GroupBy(c => c.Funding!.Value)
                .Select(g => (g.Key, g.Sum(c => c.BuybackRevenue), g.Sum(c => c.PlatformFees))).OrderBy(f => f.Key),
        ];
    }

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Report>
    {
        public async ValueTask<Report> Handle(Query query, CancellationToken cancellationToken) => await db.RevenueReportAsync(query.Filter, cancellationToken);
    }

    /// <summary>
    /// Two grouped reads, one per figure. Without a counterparty filter they read the ledger's monthly totals (maintained
    /// with every posting: a few thousand cells whatever the number of lines); filtered by counterparty, which the totals
    /// leave out, they read a range of IX_LedgerEntries_RevenueReport (account, then funding source, month, district,
    /// counterparty, amounts). Either way the database returns at most months × districts × sources rows.
    /// </summary>
    public static async Task<Report> RevenueReportAsync(this MarketplaceDb db, FinanceFilter filter, CancellationToken cancellationToken)
    {
        // The report's own figures decide the lines; an account or figure in the filter (a ledger drill-down's) does not apply.
        var scope = filter with { Account = null, Figure = null, Storefront = null };
        var revenue = await Grouped(scope with { Figure = LedgerFigure.BuybackRevenue }).ToListAsync(cancellationToken);
        var fees = await Grouped(scope with { Figure = LedgerFigure.PlatformFees }).ToListAsync(cancellationToken);
        var cells = revenue.Select(r => (r.Period, r.DistrictId, r.FundingSource, Revenue: r.Credits - r.Debits, Fees: 0m))
            .Concat(fees.Select(f => (f.Period, f.DistrictId, f.FundingSource, Revenue: 0m, Fees: f.Credits - f.Debits)))
            .GroupBy(c => (c.Period, c.DistrictId, c.FundingSource))
            .Select(g => new Cell(g.Key.Period, g.Key.DistrictId, g.Key.FundingSource, g.Sum(c => c.Revenue), g.Sum(c => c.Fees)))
            .OrderBy(c => c.Period)
            .ToList();
        return new Report(cells);

        IQueryable<Sums> Grouped(FinanceFilter lines) => lines.Counterparty is null
            ? lines.Apply(db.LedgerMonthlyTotals)
                .GroupBy(t => new { t.Period, t.DistrictId, t.Funding })
                .Select(g => new Sums(g.Key.Period, g.Key.DistrictId == LedgerMonthlyTotal.NoDistrict ? null : (Guid?)g.Key.DistrictId, null,
                    g.Key.Funding == LedgerMonthlyTotal.NoFunding ? null : g.Key.Funding, g.Sum(t => t.Credit), g.Sum(t => t.Debit)))
            : lines.Apply(db.LedgerEntries)
                .GroupBy(e => new { e.Period, e.DistrictId, e.FundingSource })
                .Select(g => new Sums(g.Key.Period, g.Key.DistrictId, g.Key.FundingSource, null, g.Sum(e => e.Credit), g.Sum(e => e.Debit)));
    }

    /// <summary>One cell's sums; the funding source as the lines keep it (<paramref name="Source"/>) or by name, as the totals do.</summary>
    private sealed record Sums(int Period, Guid? DistrictId, FundingSource? Source, string? FundingName, decimal Credits, decimal Debits)
    {
        public FundingSource? FundingSource => Source ?? (FundingName is null ? null : Enum.Parse<FundingSource>(FundingName));
    }
}

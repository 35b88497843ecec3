using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

/// <summary>
/// The finance dashboard: buyback revenue by month, district and funding source, platform fees, payouts by stage and
/// overdue receivables, under the URL's filters. Revenue and fees come from the ledger (the revenue report); the payout
/// and receivable queues from the payouts and invoices finance works through.
/// </summary>
public static class GetFinanceOverview
{
    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(FinanceFilter Filter) : IQuery<Result>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Filter).SetValidator(new FinanceFilter.Rules());
    }

    public sealed record Choice(Guid Id, string Name, OrganizationKind Kind);

    public sealed record Stage(PayoutStatus Status, int Count, decimal Amount);

    public sealed record Result(
        FinanceFilter Filter,
        GetRevenueReport.Report Revenue,
        IReadOnlyDictionary<Guid, string> Names,
        IReadOnlyList<Choice> Organizations,
        IReadOnlyList<Stage> Payouts,
        int OverdueInvoices,
        decimal OverdueAmount)
    {
        public string Name(Guid id) => Names.GetValueOrDefault(id, "(unknown organization)");
    }

    /// <summary>The organizations the district and counterparty filters offer.</summary>
    public static Task<List<Choice>> OrganizationChoicesAsync(MarketplaceDb db, CancellationToken cancellationToken) =>
        db.Organizations.AsNoTracking().Where(o => o.Kind != OrganizationKind.Platform)
            .OrderBy(o => o.Name).Select(o => new Choice(o.Id, o.Name, o.Kind)).ToListAsync(cancellationToken);

    public sealed class Handler(MarketplaceDb db, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var filter = query.Filter;
            var revenue = await db.RevenueReportAsync(filter, cancellationToken);
            var organizations = await OrganizationChoicesAsync(db, cancellationToken);

            // Payouts go to districts (lots) and refurbishers (storefront orders): the district filter and the counterparty filter both name the payee.
            var payouts = db.Payouts.AsQueryable();
            var payee = filter.District ?? filter.Counterparty;
            if (payee is { } payeeId)
            {
                payouts = payouts.Where(p => p.PayeeId == payeeId);
            }

            var stages = await payouts.GroupBy(p => p.Status)
                .Select(g => new { Status = g.Key, Count = g.Count(), Amount = g.Sum(p => p.Amount) })
                .ToListAsync(cancellationToken);

            var overdue = ListInvoices.Overdue(db.Invoices, clock.Today);
            if (filter.Counterparty is { } payer)
            {
                overdue = overdue.Where(i => i.PayerId == payer);
            }

            if (filter.District is { } district)
            {
                overdue = overdue.Where(i => db.Lots.Any(l => l.Id == i.LotId && l.DistrictId == district));
            }

            var overdueTotals = await overdue.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Amount = g.Sum(i => i.Amount) }).SingleOrDefaultAsync(cancellationToken);
            return new Result(filter, revenue, organizations.ToDictionary(o => o.Id, o => o.Name), organizations,
                [.. Enum.GetValues<PayoutStatus>().Select(s => stages.SingleOrDefault(x => x.Status == s) is { } x ? new Stage(s, x.Count, x.Amount) : new Stage(s, 0, 0))],
                overdueTotals?.Count ?? 0, overdueTotals?.Amount ?? 0);
        }
    }
}

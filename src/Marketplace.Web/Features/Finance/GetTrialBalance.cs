using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

/// <summary>
/// The period close report: for each account of the chart, its balance when the period opened, the period's debits and
/// credits, and its balance at the close. Every posting balances, so the period's debits equal its credits; the report
/// shows both totals so an auditor sees it.
/// </summary>
public static class GetTrialBalance
{
    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(string From, string To) : IQuery<Result>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.From).NotEmpty().Matches(FinanceFilter.MonthPattern()).WithMessage("Enter the first month as yyyy-mm.");
            RuleFor(q => q.To).NotEmpty().Matches(FinanceFilter.MonthPattern()).WithMessage("Enter the last month as yyyy-mm.");
            RuleFor(q => q).Must(q => string.CompareOrdinal(q.From, q.To) <= 0).WithName("To").WithMessage("The last month comes before the first.");
        }
    }

    public sealed record Row(AccountDefinition Account, decimal Opening, decimal Debits, decimal Credits)
    {
        /// <summary>Balances read on the account's normal side, as the chart defines it.</summary>
        public decimal Closing => Opening + Account.Balance(Debits, Credits);
    }

    public sealed record Result(string From, string To, IReadOnlyList<Row> Rows)
    {
        public decimal TotalDebits => Rows.Sum(r => r.Debits);
        public decimal TotalCredits => Rows.Sum(r => r.Credits);
    }

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken) => await db.TrialBalanceAsync(query.From, query.To, cancellationToken);
    }

    /// <summary>
    /// The report for the months <paramref name="from"/>–<paramref name="to"/> (yyyy-mm), read by the page and the export:
    /// one grouped pass over the lines up to the close, summing those before the period and those in it apart.
    /// </summary>
    public static async Task<Result> TrialBalanceAsync(this MarketplaceDb db, string from, string to, CancellationToken cancellationToken)
    {
        var filter = new FinanceFilter { From = from, To = to };
        var (first, last) = (filter.FromPeriod!.Value, filter.ToPeriod!.Value);
        var sums = await db.LedgerEntries.Where(e => e.Period <= last)
            .GroupBy(e => e.Account)
            .Select(g => new
            {
                Account = g.Key,
                DebitsBefore = g.Sum(e => e.Period < first ? e.Debit : 0m),
                CreditsBefore = g.Sum(e => e.Period < first ? e.Credit : 0m),
                Debits = g.Sum(e => e.Period >= first ? e.Debit : 0m),
                Credits = g.Sum(e => e.Period >= first ? e.Credit : 0m),
            })
            .ToDictionaryAsync(x => x.Account, cancellationToken);
        return new Result(from, to, [.. ChartOfAccounts.All.Select(a => sums.TryGetValue(a.Account, out var s)
            ? new Row(a, a.Balance(s.DebitsBefore, s.CreditsBefore), s.Debits, s.Credits)
            : new Row(a, 0, 0, 0))]);
    }
}

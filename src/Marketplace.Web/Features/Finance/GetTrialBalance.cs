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
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var filter = new FinanceFilter { From = query.From, To = query.To };
            var (from, to) = (filter.FromPeriod!.Value, filter.ToPeriod!.Value);
            var before = await db.LedgerEntries.Where(e => e.Period < from)
                .GroupBy(e => e.Account).Select(g => new { Account = g.Key, Debits = g.Sum(e => e.Debit), Credits = g.Sum(e => e.Credit) })
                .ToDictionaryAsync(x => x.Account, cancellationToken);
            var during = await db.LedgerEntries.Where(e => e.Period >= from && e.Period <= to)
                .GroupBy(e => e.Account).Select(g => new { Account = g.Key, Debits = g.Sum(e => e.Debit), Credits = g.Sum(e => e.Credit) })
                .ToDictionaryAsync(x => x.Account, cancellationToken);
            return new Result(query.From, query.To, [.. ChartOfAccounts.All.Select(a => new Row(a,
                before.TryGetValue(a.Account, out var b) ? a.Balance(b.Debits, b.Credits) : 0,
                during.TryGetValue(a.Account, out var d) ? d.Debits : 0,
                during.TryGetValue(a.Account, out d) ? d.Credits : 0))]);
        }
    }
}

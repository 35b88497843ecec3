using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Finance;

/// <summary>
/// The ledger browser: transactions newest first, each with all its lines, narrowed to those holding a line the filters
/// select (the dashboard's drill-downs land here), with the selected lines marked and summed so a figure can be checked
/// against the lines that make it.
/// </summary>
public static class ListLedger
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(FinanceFilter Filter, int Page = 1) : IQuery<Result>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Filter).SetValidator(new FinanceFilter.Rules());
    }

    public sealed record Line(LedgerAccount Account, decimal Debit, decimal Credit, string? Organization, FundingSource? Funding, bool Selected);

    public sealed record Transaction(Guid Id, DateTimeOffset OccurredAt, LedgerSource Source, string Description, Guid? LotId, Guid? OrderId, IReadOnlyList<Line> Lines);

    public sealed record Result(FinanceFilter Filter, IReadOnlyList<Transaction> Transactions, int Page, int Pages, int Total, decimal SelectedDebits, decimal SelectedCredits,
        IReadOnlyList<GetFinanceOverview.Choice> Organizations);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var filter = query.Filter;
            var lines = filter.Apply(db.LedgerEntries);
            var transactions = filter.IsEmpty ? db.LedgerTransactions : db.LedgerTransactions.Where(t => lines.Any(e => e.TransactionId == t.Id));
            var total = await transactions.CountAsync(cancellationToken);
            var (page, pages) = Paging.Clamp(total, query.Page, PageSize);
            var rows = await transactions.AsNoTracking().Include(t => t.Entries)
                .OrderByDescending(t => t.OccurredAt).ThenByDescending(t => t.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .ToListAsync(cancellationToken);
            var ids = rows.Select(t => t.Id).ToList();
            var selected = filter.IsEmpty ? null : (await lines.Where(e => ids.Contains(e.TransactionId)).Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
            var sums = await lines.GroupBy(_ => 1).Select(g => new { Debits = g.Sum(e => e.Debit), Credits = g.Sum(e => e.Credit) }).SingleOrDefaultAsync(cancellationToken);
            var names = await db.OrganizationNamesAsync(rows.SelectMany(t => t.Entries).Select(e => e.OrganizationId), cancellationToken);
            return new Result(filter,
                [.. rows.Select(t => new Transaction(t.Id, t.OccurredAt, t.Source, t.Description, t.LotId, t.OrderId,
                    [.. t.Entries.OrderByDescending(e => e.Debit).ThenBy(e => e.Account).Select(e => new Line(e.Account, e.Debit, e.Credit,
                        e.OrganizationId is { } id ? names.GetValueOrDefault(id) : null, e.FundingSource, selected?.Contains(e.Id) ?? false))]))],
                page, pages, total, sums?.Debits ?? 0, sums?.Credits ?? 0, await GetFinanceOverview.OrganizationChoicesAsync(db, cancellationToken));
        }
    }

    /// <summary>Names of the organizations some lines name, in one query.</summary>
    public static async Task<Dictionary<Guid, string>> OrganizationNamesAsync(this MarketplaceDb db, IEnumerable<Guid?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        return await db.Organizations.Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }
}

using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Finance;

public static class ListLedger
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(int Page = 1) : IQuery<Result>;

    public sealed record Line(LedgerAccount Account, decimal Debit, decimal Credit, string? Organization);

    public sealed record Transaction(DateTimeOffset OccurredAt, LedgerSource Source, string Description, IReadOnlyList<Line> Lines);

    public sealed record Result(IReadOnlyList<Transaction> Transactions, int Page, int Pages, int Total);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var total = await db.LedgerTransactions.CountAsync(cancellationToken);
            var (page, pages) = Paging.Clamp(total, query.Page, PageSize);
            var transactions = await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries)
                .OrderByDescending(t => t.OccurredAt)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .ToListAsync(cancellationToken);
            var organizationIds = transactions.SelectMany(t => t.Entries).Select(e => e.OrganizationId).OfType<Guid>().Distinct().ToList();
            var names = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            return new Result(
                transactions.Select(t => new Transaction(t.OccurredAt, t.Source, t.Description,
                    t.Entries.OrderByDescending(e => e.Debit).Select(e => new Line(e.Account, e.Debit, e.Credit,
                        e.OrganizationId is { } id ? names.GetValueOrDefault(id) : null)).ToList())).ToList(),
                page, pages, total);
        }
    }
}

using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

/// <summary>The finance overview. Every figure comes from the ledger, never from orders or lots.</summary>
public static class GetFinanceOverview
{
    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query : IQuery<Result>;

    public sealed record AccountBalance(LedgerAccount Account, decimal Debits, decimal Credits)
    {
        public bool IsDebitNormal => Account is LedgerAccount.BuyerReceivable or LedgerAccount.Cash or LedgerAccount.StripeClearing or LedgerAccount.Refunds;
        public decimal Balance => IsDebitNormal ? Debits - Credits : Credits - Debits;
    }

    public sealed record MonthlyRevenue(string Month, decimal BuybackFees, decimal StorefrontFees, decimal LotVolume);

    public sealed record Result(
        IReadOnlyList<AccountBalance> Balances,
        decimal BuybackRevenue,
        decimal StorefrontRevenue,
        decimal LotGrossVolume,
        decimal PaidOutToDistricts,
        IReadOnlyList<MonthlyRevenue> Months,
        int OpenInvoices,
        int PayoutsAwaitingRelease);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var balances = await db.LedgerEntries
                .GroupBy(e => e.Account)
                .Select(g => new AccountBalance(g.Key, g.Sum(e => e.Debit), g.Sum(e => e.Credit)))
                .ToListAsync(cancellationToken);

            var feeLines = await db.LedgerEntries
                .Join(db.LedgerTransactions, e => e.TransactionId, t => t.Id, (e, t) => new { e.Account, e.Debit, e.Credit, t.Source, t.OccurredAt })
                .Where(x => (x.Account == LedgerAccount.PlatformFeeRevenue || x.Account == LedgerAccount.DistrictPayable) && (x.Source == LedgerSource.LotSale || x.Source == LedgerSource.StorefrontSale || x.Source == LedgerSource.DistrictPayout))
                .ToListAsync(cancellationToken);

            decimal Fees(LedgerSource source) => feeLines.Where(x => x.Account == LedgerAccount.PlatformFeeRevenue && x.Source == source).Sum(x => x.Credit - x.Debit);
            var lotVolume = feeLines.Where(x => x.Source == LedgerSource.LotSale).Sum(x => x.Credit - x.Debit);
            var paidOut = feeLines.Where(x => x.Source == LedgerSource.DistrictPayout && x.Account == LedgerAccount.DistrictPayable).Sum(x => x.Debit);

            var months = feeLines
                .GroupBy(x => x.OccurredAt.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(g => g.Key)
                .TakeLast(12)
                .Select(g => new MonthlyRevenue(g.Key,
                    g.Where(x => x.Account == LedgerAccount.PlatformFeeRevenue && x.Source == LedgerSource.LotSale).Sum(x => x.Credit),
                    g.Where(x => x.Account == LedgerAccount.PlatformFeeRevenue && x.Source == LedgerSource.StorefrontSale).Sum(x => x.Credit),
                    g.Where(x => x.Source == LedgerSource.LotSale).Sum(x => x.Credit)))
                .ToList();

            return new Result(
                Enum.GetValues<LedgerAccount>().Select(a => balances.SingleOrDefault(b => b.Account == a) ?? new AccountBalance(a, 0, 0)).ToList(),
                Fees(LedgerSource.LotSale),
                Fees(LedgerSource.StorefrontSale),
                lotVolume,
                paidOut,
                months,
                await db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Open, cancellationToken),
                await db.Payouts.CountAsync(p => p.Status == PayoutStatus.AwaitingRelease, cancellationToken));
        }
    }
}

public static class ListInvoices
{
    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(InvoiceStatus? Status) : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Guid Id, string Number, string Payer, string Description, decimal Amount, PaymentMethod Method, string? PurchaseOrderNumber,
        InvoiceStatus Status, DateTimeOffset IssuedAt, DateOnly DueOn, DateTimeOffset? PaidAt, string? PaymentReference);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var invoices = db.Invoices.AsQueryable();
            if (query.Status is { } status)
            {
                invoices = invoices.Where(i => i.Status == status);
            }

            return await invoices.OrderByDescending(i => i.IssuedAt).Take(500)
                .Join(db.Organizations, i => i.PayerId, o => o.Id, (i, o) => new Row(i.Id, i.Number, o.Name, i.Description, i.Amount, i.Method,
                    i.PurchaseOrderNumber, i.Status, i.IssuedAt, i.DueOn, i.PaidAt, i.PaymentReference))
                .ToListAsync(cancellationToken);
        }
    }
}

public static class ListPayouts
{
    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Guid Id, string LotNumber, string District, decimal Amount, PayoutMethod Method, PayoutStatus Status, DateTimeOffset RecordedAt, string? Reference);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Payouts.OrderByDescending(p => p.RecordedAt).Take(500)
                .Join(db.Lots, p => p.LotId, l => l.Id, (p, l) => new { p, l.Number })
                .Join(db.Organizations, x => x.p.OrganizationId, o => o.Id, (x, o) => new Row(x.p.Id, x.Number, o.Name, x.p.Amount, x.p.Method, x.p.Status, x.p.RecordedAt, x.p.Reference))
                .ToListAsync(cancellationToken);
    }
}

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
            var pages = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
            var page = Math.Clamp(query.Page, 1, pages);
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

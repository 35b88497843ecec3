using Marketplace.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Data;

/// <summary>Balances read from the ledger, the one source of money figures; nothing here recomputes from orders, lots or fees.</summary>
public static class LedgerQueries
{
    /// <summary>What the ledger says a lot still owes its district: the award's proceeds, less what has been released.</summary>
    public static async Task<Money> DistrictPayableForLotAsync(this MarketplaceDb db, Guid lotId, string currency, CancellationToken cancellationToken)
    {
        var lines = await DistrictPayableLinesOfLot(db, lotId).SingleOrDefaultAsync(cancellationToken);
        return new Money(lines is null ? 0 : ChartOfAccounts.Of(LedgerAccount.DistrictPayable).Balance(lines.Debits, lines.Credits), currency);
    }

    public sealed record Totals(decimal Debits, decimal Credits);

    /// <summary>
    /// The debits and credits of a lot's district-payable lines, found from the lot's transactions. The account is tested
    /// inside the sums, not in the filter: asked "account = district payable and transaction of the lot", SQLite (which has
    /// no statistics here) walks every district-payable line of the marketplace through the account's index.
    /// </summary>
    internal static IQueryable<Totals> DistrictPayableLinesOfLot(MarketplaceDb db, Guid lotId) =>
        db.LedgerTransactions.Where(t => t.LotId == lotId)
            .Join(db.LedgerEntries, t => t.Id, e => e.TransactionId, (t, e) => e)
            .GroupBy(_ => 1)
            .Select(g => new Totals(
                g.Sum(e => e.Account == LedgerAccount.DistrictPayable ? e.Debit : 0m),
                g.Sum(e => e.Account == LedgerAccount.DistrictPayable ? e.Credit : 0m)));

    /// <summary>
    /// What the ledger says a storefront order still owes its seller: the sale's payable, less refunds, credits and lost
    /// disputes taken off it, less what has been paid out.
    /// </summary>
    public static async Task<Money> RefurbisherPayableForOrderAsync(this MarketplaceDb db, Guid orderId, Guid sellerId, string currency, CancellationToken cancellationToken) =>
        new((await RefurbisherPayableForOrdersAsync(db, [orderId], sellerId, cancellationToken)).GetValueOrDefault(orderId), currency);

    /// <summary>The seller's payable balance per order, for the orders given (absent when the ledger holds none).</summary>
    public static async Task<Dictionary<Guid, decimal>> RefurbisherPayableForOrdersAsync(this MarketplaceDb db, IReadOnlyCollection<Guid> orderIds, Guid sellerId,
        CancellationToken cancellationToken)
    {
        var rows = await db.LedgerEntries
            .Where(e => e.Account == LedgerAccount.RefurbisherPayable && e.OrganizationId == sellerId)
            .Join(db.LedgerTransactions.Where(t => t.OrderId != null && orderIds.Contains(t.OrderId.Value)), e => e.TransactionId, t => t.Id, (e, t) => new { t.OrderId, e.Debit, e.Credit })
            .GroupBy(x => x.OrderId!.Value)
            .Select(g => new { OrderId = g.Key, Debits = g.Sum(x => x.Debit), Credits = g.Sum(x => x.Credit) })
            .ToListAsync(cancellationToken);
        var payable = ChartOfAccounts.Of(LedgerAccount.RefurbisherPayable);
        return rows.ToDictionary(r => r.OrderId, r => payable.Balance(r.Debits, r.Credits));
    }

    /// <summary>An organization's balance on one account (receivable, payable or in transit), on the account's normal side.</summary>
    public static async Task<decimal> BalanceForAsync(this MarketplaceDb db, LedgerAccount account, Guid organizationId, CancellationToken cancellationToken)
    {
        var lines = await db.LedgerEntries
            .Where(e => e.Account == account && e.OrganizationId == organizationId)
            .GroupBy(_ => 1)
            .Select(g => new { Debits = g.Sum(e => e.Debit), Credits = g.Sum(e => e.Credit) })
            .SingleOrDefaultAsync(cancellationToken);
        return lines is null ? 0 : ChartOfAccounts.Of(account).Balance(lines.Debits, lines.Credits);
    }

    /// <summary>What has left the platform for a seller: payouts the bank confirmed and Stripe transfers, never those merely approved.</summary>
    public static Task<decimal> PaidOutToAsync(this MarketplaceDb db, Guid organizationId, CancellationToken cancellationToken) =>
        db.LedgerEntries
            .Where(e => e.OrganizationId == organizationId && e.Debit > 0
                && db.LedgerTransactions.Any(t => t.Id == e.TransactionId && (t.Source == LedgerSource.DistrictPayoutSent || t.Source == LedgerSource.RefurbisherPayoutSent)))
            .SumAsync(e => e.Debit, cancellationToken);

    /// <summary>The funding of a lot's devices by source, read as one grouped query however large the lot.</summary>
    public static async Task<FundingMix> FundingMixOfLotAsync(this MarketplaceDb db, Guid lotId, CancellationToken cancellationToken) =>
        FundingMix.Of(await db.Devices.Where(d => d.LotId == lotId)
            .GroupBy(d => d.FundingSource)
            .Select(g => new FundingShare(g.Key, g.Count(), g.Count(d => d.PurchaseCost != null), g.Sum(d => d.PurchaseCost ?? 0)))
            .ToListAsync(cancellationToken));
}

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

    public sealed record AccountBalance(AccountDefinition Account, decimal Debits, decimal Credits)
    {
        public decimal Balance => Account.Balance(Debits, Credits);
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
        int PayoutsToApprove,
        int PayoutsInTransit);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var balances = await db.LedgerEntries
                .GroupBy(e => e.Account)
                .Select(g => new { Account = g.Key, Debits = g.Sum(e => e.Debit), Credits = g.Sum(e => e.Credit) })
                .ToDictionaryAsync(b => b.Account, cancellationToken);

            var feeLines = await db.LedgerEntries
                .Join(db.LedgerTransactions, e => e.TransactionId, t => t.Id, (e, t) => new { e.Account, e.Debit, e.Credit, t.Source, t.OccurredAt })
                .Where(x => x.Source == LedgerSource.LotSale || x.Source == LedgerSource.StorefrontSale || x.Source == LedgerSource.DistrictPayoutSent)
                .ToListAsync(cancellationToken);

            decimal Fees(LedgerSource source) => feeLines.Where(x => x.Account == LedgerAccount.PlatformFeeRevenue && x.Source == source).Sum(x => x.Credit - x.Debit);
            var lotVolume = feeLines.Where(x => x.Source == LedgerSource.LotSale && x.Account is LedgerAccount.PlatformFeeRevenue or LedgerAccount.DistrictPayable).Sum(x => x.Credit - x.Debit);
            // Paid out counts money that left (a transfer, or an ACH/check the bank confirmed), never a payout merely approved.
            var paidOut = feeLines.Where(x => x.Source == LedgerSource.DistrictPayoutSent && x.Account is LedgerAccount.Cash or LedgerAccount.StripeClearing).Sum(x => x.Credit);

            var months = feeLines
                .GroupBy(x => x.OccurredAt.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(g => g.Key)
                .TakeLast(12)
                .Select(g => new MonthlyRevenue(g.Key,
                    g.Where(x => x.Account == LedgerAccount.PlatformFeeRevenue && x.Source == LedgerSource.LotSale).Sum(x => x.Credit),
                    g.Where(x => x.Account == LedgerAccount.PlatformFeeRevenue && x.Source == LedgerSource.StorefrontSale).Sum(x => x.Credit),
                    g.Where(x => x.Source == LedgerSource.LotSale && x.Account is LedgerAccount.PlatformFeeRevenue or LedgerAccount.DistrictPayable).Sum(x => x.Credit)))
                .ToList();

            return new Result(
                ChartOfAccounts.All.Select(a => balances.TryGetValue(a.Account, out var b) ? new AccountBalance(a, b.Debits, b.Credits) : new AccountBalance(a, 0, 0)).ToList(),
                Fees(LedgerSource.LotSale),
                Fees(LedgerSource.StorefrontSale),
                lotVolume,
                paidOut,
                months,
                await db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Open, cancellationToken),
                await db.Payouts.CountAsync(p => p.Status == PayoutStatus.AwaitingApproval, cancellationToken),
                await db.Payouts.CountAsync(p => p.Status == PayoutStatus.InTransit, cancellationToken));
        }
    }
}

using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StripeException = Stripe.StripeException;

namespace Marketplace.Web.Features.Finance;

/// <summary>
/// The month-end check that the ledger's Stripe clearing and Stripe fees agree with Stripe itself: Stripe's balance
/// transactions for the period (every page, through the API) matched by charge, refund, transfer, reversal, dispute or
/// payout id with the postings that carry those ids, and the differences listed.
/// </summary>
public static class GetStripeReconciliation
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(string From, string To, int Page = 1) : IQuery<Result>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.From).NotEmpty().Matches(FinanceFilter.MonthPattern()).WithMessage("Enter the first month as yyyy-mm.");
            RuleFor(q => q.To).NotEmpty().Matches(FinanceFilter.MonthPattern()).WithMessage("Enter the last month as yyyy-mm.");
            RuleFor(q => q).Must(q => string.CompareOrdinal(q.From, q.To) <= 0).WithName("To").WithMessage("The last month comes before the first.");
        }
    }

    /// <param name="Reconciliation">Null when Stripe is not configured on this marketplace (nothing to reconcile against).</param>
    public sealed record Result(string From, string To, StripeReconciliation? Reconciliation, PageOf<ReconciliationDifference> Differences)
    {
        public bool StripeConfigured => Reconciliation is not null;
    }

    public sealed class Handler(MarketplaceDb db, IPaymentProvider payments, IOptions<StripeOptions> stripe) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!stripe.Value.IsConfigured)
            {
                return new Result(query.From, query.To, null, new PageOf<ReconciliationDifference>([], 1, 1, 0, PageSize));
            }

            var reconciliation = await db.ReconcileWithStripeAsync(payments, query.From, query.To, cancellationToken);
            var (page, pages) = Paging.Clamp(reconciliation.Differences.Count, query.Page, PageSize);
            return new Result(query.From, query.To, reconciliation, new PageOf<ReconciliationDifference>(
                [.. reconciliation.Differences.Skip((page - 1) * PageSize).Take(PageSize)], page, pages, reconciliation.Differences.Count, PageSize));
        }
    }

    /// <summary>The months' first instant and the instant after their end, in UTC (the ledger's periods and Stripe's created are both UTC).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Range(string from, string to)
    {
        var filter = new FinanceFilter { From = from, To = to };
        var first = LedgerPeriod.FirstDay(filter.FromPeriod!.Value);
        var last = LedgerPeriod.FirstDay(filter.ToPeriod!.Value).AddMonths(1);
        return (new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(last.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    /// <summary>The reconciliation of the months <paramref name="from"/>–<paramref name="to"/>, read by the page and the export.</summary>
    public static async Task<StripeReconciliation> ReconcileWithStripeAsync(this MarketplaceDb db, IPaymentProvider payments, string from, string to,
        CancellationToken cancellationToken)
    {
        var (start, end) = Range(from, to);
        IReadOnlyList<StripeBalanceMovement> balance;
        try
        {
            balance = await payments.BalanceMovementsAsync(start, end, cancellationToken);
        }
        catch (StripeException e)
        {
            throw new DomainException($"Stripe did not answer the list of balance transactions ({e.StripeError?.Message ?? e.Message}). Nothing was compared; try again in a few minutes.");
        }

        var stripeSide = balance.Select(b => new StripeSideMovement(b.Id, b.Type, b.Source, b.Amount, b.Fee)).ToList();
        return StripeReconciliation.Of(stripeSide, await LedgerMovementsAsync(db, start, end, cancellationToken));
    }

    /// <summary>
    /// The period's postings on Stripe clearing or Stripe fees, each with the Stripe id it is about. The lines are read
    /// through the ledger lines' own date (no join to every transaction); one grouped row per posting comes back.
    /// </summary>
    private static async Task<List<LedgerStripeMovement>> LedgerMovementsAsync(MarketplaceDb db, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var (firstPeriod, lastPeriod) = (LedgerPeriod.Of(start), LedgerPeriod.Of(end.AddTicks(-1)));
        var sums = await db.LedgerEntries
            .Where(e => (e.Account == LedgerAccount.StripeClearing || e.Account == LedgerAccount.StripeFees) && e.Period >= firstPeriod && e.Period <= lastPeriod)
            .GroupBy(e => e.TransactionId)
            .Select(g => new
            {
                TransactionId = g.Key,
                Clearing = g.Sum(e => e.Account == LedgerAccount.StripeClearing ? e.Debit - e.Credit : 0m),
                Fees = g.Sum(e => e.Account == LedgerAccount.StripeFees ? e.Debit - e.Credit : 0m),
            })
            .ToListAsync(cancellationToken);
        var ids = sums.Select(s => s.TransactionId).ToList();
        var transactions = new Dictionary<Guid, LedgerTransaction>();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var t in await db.LedgerTransactions.AsNoTracking().Where(t => chunk.Contains(t.Id)).ToListAsync(cancellationToken))
            {
                transactions[t.Id] = t;
            }
        }

        var (invoiceIds, payoutIds) = StripeReconciliation.IdsToLookUp(transactions.Values.Select(t => t.IdempotencyKey));
        var charges = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).Select(i => new { i.Id, i.StripeChargeId, i.Method })
            .ToDictionaryAsync(i => i.Id, i => i.Method == PaymentMethod.Card ? i.StripeChargeId : null, cancellationToken);
        var transfers = await db.Payouts.Where(p => payoutIds.Contains(p.Id) && p.Method == PayoutMethod.StripeTransfer).Select(p => new { p.Id, p.Reference })
            .ToDictionaryAsync(p => p.Id, p => p.Reference, cancellationToken);

        return [.. sums.Where(s => s.Clearing != 0 || s.Fees != 0).Select(s =>
        {
            var t = transactions[s.TransactionId];
            var stripeId = StripeReconciliation.StripeIdOf(t.IdempotencyKey, charges.GetValueOrDefault, transfers.GetValueOrDefault)
                // A posting on Stripe clearing that names no Stripe object cannot be matched: it is listed under its own key.
                ?? $"(posting {t.IdempotencyKey})";
            return new LedgerStripeMovement(stripeId, t.Id, t.Source, t.Description, s.Clearing, s.Fees, t.LotId, t.OrderId);
        })];
    }
}

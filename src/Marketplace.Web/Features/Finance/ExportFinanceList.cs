using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Infrastructure.Spreadsheets;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Features.Disputes;

namespace Marketplace.Web.Features.Finance;

public enum FinanceList { Ledger, Invoices, Payouts, Revenue, TrialBalance, StripeReconciliation, Disputes, BuyerRefunds }

public enum FinanceFileFormat { Csv, Xlsx }

/// <summary>
/// Every finance list as CSV or Excel, under the same filters as on screen, through the app's spreadsheet writers: amounts
/// are numbers, every other cell is text (never a formula), and a value a spreadsheet would run as a formula (an invoice
/// described "=HYPERLINK(…)", a PO number "+1…") is neutralised.
/// </summary>
public static class ExportFinanceList
{
    /// <summary>One file holds at most this many rows (an .xlsx is built in memory); narrower filters export the rest.</summary>
    public const int MaxRows = 50_000;

    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(FinanceList List, FinanceFileFormat Format, FinanceFilter Filter, InvoiceStatus? InvoiceStatus = null, bool Overdue = false,
        PayoutStatus? PayoutStatus = null, DisputeState? DisputeState = null, BuyerRefundState? RefundState = null) : IQuery<Result>;

    public sealed class Validator : FluentValidation.AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Filter).SetValidator(new FinanceFilter.Rules());
            RuleFor(q => q.Filter).Must(f => f.FromPeriod is not null && f.ToPeriod is not null).When(q => q.List == FinanceList.TrialBalance)
                .WithMessage("A trial balance needs its first and last month.");
            RuleFor(q => q.Filter).Must(f => f.FromPeriod is not null && f.ToPeriod is not null).When(q => q.List == FinanceList.StripeReconciliation)
                .WithMessage("A Stripe reconciliation needs its first and last month.");
        }
    }

    public sealed record Result(string FileName, string ContentType, byte[] Content);

    public sealed record LedgerRow(DateTimeOffset OccurredAt, string Transaction, LedgerSource Source, string? Reference, LedgerAccount Account, string? Organization,
        string? District, string? Counterparty, FundingSource? Funding, decimal Debit, decimal Credit);

    public sealed class Handler(MarketplaceDb db, IClock clock, IPaymentProvider payments, IOptions<StripeOptions> stripe) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var name = $"{Slug(query.List)}-{clock.Now.UtcDateTime:yyyyMMdd-HHmm}";
            return query.List switch
            {
                FinanceList.Ledger => File(name, "Ledger", LedgerColumns, await LedgerRowsAsync(query.Filter, cancellationToken), query.Format),
                FinanceList.Invoices => File(name, "Invoices", InvoiceColumns,
                    await ListInvoices.Rows(db, query.InvoiceStatus, query.Overdue ? clock.Today : null).Take(MaxRows).ToListAsync(cancellationToken), query.Format),
                FinanceList.Payouts => File(name, "Payouts", PayoutColumns, await ListPayouts.Rows(db, query.PayoutStatus).Take(MaxRows).ToListAsync(cancellationToken), query.Format),
                FinanceList.Revenue => File(name, "Revenue", RevenueColumns, await RevenueRowsAsync(query.Filter, cancellationToken), query.Format),
                FinanceList.StripeReconciliation => File(name, "Stripe differences", ReconciliationColumns,
                    stripe.Value.IsConfigured
                        ? (await db.ReconcileWithStripeAsync(payments, query.Filter.From!, query.Filter.To!, cancellationToken)).Differences.Take(MaxRows).ToList()
                        : throw new DomainException("Stripe is not configured on this marketplace, so there is nothing to reconcile."), query.Format),
                FinanceList.Disputes => File(name, "Disputes", DisputeColumns,
                    await ListDisputes.Rows(db, query.DisputeState).Take(MaxRows).ToListAsync(cancellationToken), query.Format),
                FinanceList.BuyerRefunds => File(name, "Refunds owed to buyers", BuyerRefundColumns,
                    await ListBuyerRefunds.Rows(db, query.RefundState).Take(MaxRows).ToListAsync(cancellationToken), query.Format),
                _ => File(name, "Trial balance", TrialBalanceColumns,
                    (await db.TrialBalanceAsync(query.Filter.From!, query.Filter.To!, cancellationToken)).Rows.ToList(), query.Format),
            };
        }

        private async Task<List<LedgerRow>> LedgerRowsAsync(FinanceFilter filter, CancellationToken cancellationToken)
        {
            var lines = await filter.Apply(db.LedgerEntries).OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(MaxRows)
                .Join(db.LedgerTransactions, e => e.TransactionId, t => t.Id, (e, t) => new
                {
                    e.OccurredAt, t.Description, t.Source, t.LotId, t.OrderId, e.Account, e.OrganizationId, e.DistrictId, e.CounterpartyId, e.FundingSource, e.Debit, e.Credit,
                })
                .ToListAsync(cancellationToken);
            var lotIds = lines.Select(x => x.LotId).OfType<Guid>().Distinct().ToList();
            var orderIds = lines.Select(x => x.OrderId).OfType<Guid>().Distinct().ToList();
            var lots = await db.Lots.Where(l => lotIds.Contains(l.Id)).Select(l => new { l.Id, l.Number }).ToDictionaryAsync(l => l.Id, l => l.Number, cancellationToken);
            var orders = await db.Orders.Where(o => orderIds.Contains(o.Id)).Select(o => new { o.Id, o.Number }).ToDictionaryAsync(o => o.Id, o => o.Number, cancellationToken);
            var names = await db.OrganizationNamesAsync(lines.SelectMany(x => new[] { x.OrganizationId, x.DistrictId, x.CounterpartyId }), cancellationToken);
            string? Name(Guid? id) => id is { } value ? names.GetValueOrDefault(value) : null;
            return [.. lines.Select(x => new LedgerRow(x.OccurredAt, x.Description, x.Source,
                x.LotId is { } lot ? lots.GetValueOrDefault(lot) : x.OrderId is { } order ? orders.GetValueOrDefault(order) : null,
                x.Account, Name(x.OrganizationId), Name(x.DistrictId), Name(x.CounterpartyId), x.FundingSource, x.Debit, x.Credit))];
        }

        private async Task<List<RevenueRow>> RevenueRowsAsync(FinanceFilter filter, CancellationToken cancellationToken)
        {
            var report = await db.RevenueReportAsync(filter, cancellationToken);
            var names = await db.OrganizationNamesAsync(report.Cells.Select(c => c.DistrictId), cancellationToken);
            return [.. report.Cells.Select(c => new RevenueRow(LedgerPeriod.Label(c.Period),
                c.DistrictId is { } d ? names.GetValueOrDefault(d, "(unknown)") : "Storefront", c.Funding?.Words(), c.BuybackRevenue, c.PlatformFees))];
        }
    }

    public sealed record RevenueRow(string Month, string District, string? Funding, decimal BuybackRevenue, decimal PlatformFees);

    private static Result File<TRow>(string name, string sheet, SpreadsheetColumns<TRow> columns, IReadOnlyCollection<TRow> rows, FinanceFileFormat format) =>
        format == FinanceFileFormat.Xlsx
            ? new Result($"{name}.xlsx", SpreadsheetXlsx.ContentType, SpreadsheetXlsx.Write(sheet, sheet, columns, rows))
            : new Result($"{name}.csv", "text/csv", SpreadsheetCsv.Write(columns.Headers, columns.Format(rows)));

    private static string Slug(FinanceList list) => list switch
    {
        FinanceList.TrialBalance => "trial-balance",
        FinanceList.StripeReconciliation => "stripe-reconciliation",
        FinanceList.BuyerRefunds => "refunds-owed-to-buyers",
        _ => list.ToString().ToLowerInvariant(),
    };

    private static readonly SpreadsheetColumns<LedgerRow> LedgerColumns = new SpreadsheetColumns<LedgerRow>()
        .Text("When (UTC)", 17, r => r.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))
        .Text("Transaction", 40, r => r.Transaction)
        .Text("Source", 20, r => r.Source.Words())
        .Text("Lot or order", 16, r => r.Reference)
        .Text("Account", 22, r => r.Account.Words())
        .Text("Account holder", 28, r => r.Organization)
        .Text("District", 28, r => r.District)
        .Text("Counterparty", 28, r => r.Counterparty)
        .Text("Funding source", 14, r => r.Funding?.Words())
        .Number("Debit", 12, r => r.Debit == 0 ? null : r.Debit)
        .Number("Credit", 12, r => r.Credit == 0 ? null : r.Credit);

    private static readonly SpreadsheetColumns<ListInvoices.Row> InvoiceColumns = new SpreadsheetColumns<ListInvoices.Row>()
        .Text("Invoice", 16, r => r.Number)
        .Text("Payer", 28, r => r.Payer)
        .Text("Description", 50, r => r.Description)
        .Number("Amount", 12, r => r.Amount)
        .Text("Method", 14, r => r.Method.Words())
        .Text("PO number", 16, r => r.PurchaseOrderNumber)
        .Text("Status", 10, r => r.Status.ToString())
        .Date("Issued", 11, r => DateOnly.FromDateTime(r.IssuedAt.UtcDateTime))
        .Date("Due", 11, r => r.DueOn)
        .Text("Terms", 10, r => Infrastructure.Documents.InvoiceDocument.Terms(r.NetTermsDays))
        .Date("Paid", 11, r => r.PaidAt is { } paid ? DateOnly.FromDateTime(paid.UtcDateTime) : null)
        .Text("Payment reference", 20, r => r.PaymentReference)
        .Date("Received", 11, r => r.ReceivedOn);

    private static readonly SpreadsheetColumns<ListPayouts.Row> PayoutColumns = new SpreadsheetColumns<ListPayouts.Row>()
        .Text("For", 8, r => r.LotId is null ? "Order" : "Lot")
        .Text("Number", 16, r => r.Number)
        .Text("Payee", 28, r => r.Payee)
        .Number("Amount", 12, r => r.Amount)
        .Text("Method", 14, r => r.Method.Words())
        .Text("Status", 16, r => r.Status.Words())
        .Date("Recorded", 11, r => DateOnly.FromDateTime(r.RecordedAt.UtcDateTime))
        .Text("Approved by", 24, r => r.ApprovedBy)
        .Date("Sent", 11, r => r.SentAt is { } sent ? DateOnly.FromDateTime(sent.UtcDateTime) : null)
        .Text("Reference", 20, r => r.Reference);

    private static readonly SpreadsheetColumns<RevenueRow> RevenueColumns = new SpreadsheetColumns<RevenueRow>()
        .Text("Month", 9, r => r.Month)
        .Text("District", 32, r => r.District)
        .Text("Funding source", 14, r => r.Funding)
        .Number("Buyback revenue", 14, r => r.BuybackRevenue)
        .Number("Platform fees", 14, r => r.PlatformFees);

    private static readonly SpreadsheetColumns<GetTrialBalance.Row> TrialBalanceColumns = new SpreadsheetColumns<GetTrialBalance.Row>()
        .Text("Account", 24, r => r.Account.Name)
        .Text("Normal balance", 12, r => r.Account.NormalBalance.ToString())
        .Number("Opening balance", 14, r => r.Opening)
        .Number("Debits", 14, r => r.Debits)
        .Number("Credits", 14, r => r.Credits)
        .Number("Closing balance", 14, r => r.Closing);

    private static readonly SpreadsheetColumns<ReconciliationDifference> ReconciliationColumns = new SpreadsheetColumns<ReconciliationDifference>()
        .Text("Difference", 22, r => r.Kind.Words())
        .Text("Stripe id", 30, r => r.StripeId)
        .Text("What", 40, r => r.What)
        .Number("Stripe gross", 13, r => r.StripeGross)
        .Number("Stripe fee", 11, r => r.StripeFee)
        .Number("Ledger gross", 13, r => r.LedgerGross)
        .Number("Ledger fee", 11, r => r.LedgerFee)
        .Number("Difference amount", 13, r => r.Difference);

    private static readonly SpreadsheetColumns<ListDisputes.Row> DisputeColumns = new SpreadsheetColumns<ListDisputes.Row>()
        .Text("Dispute", 12, r => r.Number)
        .Text("Lot or order", 18, r => r.Reference)
        .Text("Invoice", 16, r => r.InvoiceNumber)
        .Text("Paid by", 14, r => r.Method.Words())
        .Text("Buyer", 28, r => r.Buyer)
        .Text("Seller", 28, r => r.Seller)
        .Text("Reason", 18, r => r.Reason.Words())
        .Text("Details", 50, r => r.Details)
        .Number("Claimed", 12, r => r.AmountClaimed)
        .Date("Received", 11, r => DateOnly.FromDateTime(r.ReceivedAt.UtcDateTime))
        .Date("Opened", 11, r => DateOnly.FromDateTime(r.OpenedAt.UtcDateTime))
        .Text("State", 10, r => r.State.ToString())
        .Text("Outcome", 16, r => r.Outcome?.Words())
        .Number("Refunded", 12, r => r.State == DisputeState.Resolved ? r.RefundAmount : null)
        .Text("Stripe refund", 20, r => r.StripeRefundId)
        .Date("Resolved", 11, r => r.ResolvedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null)
        .Text("Resolved by", 24, r => r.ResolvedBy)
        .Text("Note", 40, r => r.ResolutionNote);

    private static readonly SpreadsheetColumns<ListBuyerRefunds.Row> BuyerRefundColumns = new SpreadsheetColumns<ListBuyerRefunds.Row>()
        .Text("Refund", 12, r => r.Number)
        .Text("Buyer", 28, r => r.Buyer)
        .Text("Lot or order", 18, r => r.Reference)
        .Text("Invoice", 16, r => r.InvoiceNumber)
        .Text("Paid by", 14, r => r.PaidBy.Words())
        .Text("Why", 50, r => r.Reason)
        .Number("Amount", 12, r => r.Amount)
        .Date("Owed since", 11, r => DateOnly.FromDateTime(r.OwedSince.UtcDateTime))
        .Text("State", 8, r => r.SentAt is null ? "Owed" : "Sent")
        .Text("Sent by", 10, r => r.SentBy?.Words())
        .Text("Reference", 20, r => r.SentReference)
        .Date("Sent", 11, r => r.SentAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null)
        .Text("Recorded by", 24, r => r.RecordedBy);
}

using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Domain.Finance;

/// <summary>What caused a money movement.</summary>
public enum LedgerSource
{
    LotSale,

    /// <summary>The winner did not pay by the deadline: the lot's sale posting is reversed.</summary>
    LotSaleForfeited,
    LotPayment,

    /// <summary>Finance approved a district payout: the payable moves to payouts in transit.</summary>
    DistrictPayoutReleased,

    /// <summary>The money left: a Stripe transfer, or the bank confirmed an ACH or check payout.</summary>
    DistrictPayoutSent,
    StorefrontSale,
    StorefrontPayment,

    /// <summary>An unpaid storefront order was cancelled: its sale posting is reversed.</summary>
    StorefrontOrderCancelled,

    /// <summary>The reconciliation at receiving settled with an adjustment: the district is owed less and the buyer is credited.</summary>
    ReceivingAdjustment,

    /// <summary>Stripe's processing fee on a card charge, from the charge's balance transaction.</summary>
    StripeFee,

    /// <summary>Money returned to a card buyer (full or partial): the seller's share comes off its payable, the rest off the platform's revenue.</summary>
    Refund,

    /// <summary>A refund Stripe first reported and then failed: its posting is reversed.</summary>
    RefundFailed,

    /// <summary>Money taken back from a seller's connected account (a transfer reversal): owed to the seller again until refunded.</summary>
    TransferReversal,

    /// <summary>A buyer disputed a card charge: Stripe holds the disputed amount.</summary>
    DisputeOpened,

    /// <summary>The dispute was won: the held money returns to the Stripe balance.</summary>
    DisputeWon,

    /// <summary>The dispute was lost: the held money is gone as a refund would be, and Stripe's dispute fee is an expense.</summary>
    DisputeLost,

    /// <summary>Stripe paid the platform's balance out to its bank account.</summary>
    StripePayoutPaid,

    /// <summary>A Stripe payout to the bank failed after it was reported paid: the money is back in the Stripe balance.</summary>
    StripePayoutFailed,

    /// <summary>Finance sent a buyer the refund owed on an invoice it had already paid (ACH, check or wire): buyer credits paid from cash.</summary>
    BuyerRefundSent,

    /// <summary>Finance approved a refurbisher's payout for a storefront order: the payable moves to payouts in transit.</summary>
    RefurbisherPayoutReleased,

    /// <summary>A refurbisher's storefront payout left: a Stripe transfer, or the bank confirmed the ACH or check.</summary>
    RefurbisherPayoutSent,
}

/// <summary>One balanced money movement. Reports read these; nothing recomputes revenue from orders.</summary>
public sealed class LedgerTransaction
{
    private readonly List<LedgerEntry> _entries = [];

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>One transaction per effect (e.g. "lot-sale:{lotId}"): at-least-once jobs never post twice.</summary>
    public required string IdempotencyKey { get; init; }
    public LedgerSource Source { get; init; }
    public required string Description { get; init; }
    public Guid? LotId { get; init; }
    public Guid? OrderId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string Currency { get; init; } = "USD";

    /// <summary>The district whose lot the money is about (none for storefront orders): a reporting dimension.</summary>
    public Guid? DistrictId { get; init; }

    /// <summary>Whom the platform deals with in this movement: the lot's or order's buyer, the payer, or the payee.</summary>
    public Guid? CounterpartyId { get; init; }
    public IReadOnlyList<LedgerEntry> Entries => _entries;

    public static LedgerTransaction Post(string idempotencyKey, LedgerSource source, string description, DateTimeOffset at,
        IEnumerable<LedgerLine> lines, Guid? lotId = null, Guid? orderId = null, Guid? districtId = null, Guid? counterpartyId = null)
    {
        var transaction = new LedgerTransaction
        {
            IdempotencyKey = idempotencyKey,
            Source = source,
            Description = description,
            OccurredAt = at,
            LotId = lotId,
            OrderId = orderId,
            DistrictId = districtId,
            CounterpartyId = counterpartyId,
        };
        var period = LedgerPeriod.Of(at);
        foreach (var (account, debit, credit, organizationId, fundingSource) in lines)
        {
            if (debit < 0 || credit < 0 || (debit == 0) == (credit == 0))
            {
                throw new DomainException($"A ledger line on {account} must carry either a debit or a credit, not both.");
            }

            transaction._entries.Add(new LedgerEntry
            {
                TransactionId = transaction.Id,
                Account = account,
                Debit = decimal.Round(debit, 2),
                Credit = decimal.Round(credit, 2),
                OrganizationId = organizationId,
                FundingSource = fundingSource,
                OccurredAt = at,
                Period = period,
                DistrictId = districtId,
                CounterpartyId = counterpartyId,
            });
        }

        var debits = transaction._entries.Sum(e => e.Debit);
        var credits = transaction._entries.Sum(e => e.Credit);
        if (transaction._entries.Count < 2 || debits != credits)
        {
            throw new DomainException($"Unbalanced ledger transaction '{description}': debits {debits:0.00} ≠ credits {credits:0.00}.");
        }

        return transaction;
    }
}

/// <summary>
/// One side of a posting; <paramref name="OrganizationId"/> names the counterparty of receivables and payables.
/// <paramref name="FundingSource"/> is set only on the lines that recognise a lot's sale value (the district's proceeds
/// and the platform's fees on it), split by the funding of the lot's devices, so revenue reports by funding source
/// read those lines alone and payouts or payments never count twice.
/// </summary>
public readonly record struct LedgerLine(LedgerAccount Account, decimal Debit, decimal Credit, Guid? OrganizationId = null, FundingSource? FundingSource = null)
{
    public static LedgerLine Dr(LedgerAccount account, decimal amount, Guid? organizationId = null, FundingSource? fundingSource = null) => new(account, amount, 0, organizationId, fundingSource);
    public static LedgerLine Cr(LedgerAccount account, decimal amount, Guid? organizationId = null, FundingSource? fundingSource = null) => new(account, 0, amount, organizationId, fundingSource);
}

/// <summary>A calendar month as reports group it: yyyymm of the UTC date (202611 is November 2026).</summary>
public static class LedgerPeriod
{
    public static int Of(DateTimeOffset at) => at.UtcDateTime.Year * 100 + at.UtcDateTime.Month;

    public static int Of(DateOnly day) => day.Year * 100 + day.Month;

    public static DateOnly FirstDay(int period) => new(period / 100, period % 100, 1);

    public static string Label(int period) => FirstDay(period).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class LedgerEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TransactionId { get; init; }
    public LedgerAccount Account { get; init; }
    public decimal Debit { get; init; }
    public decimal Credit { get; init; }
    public Guid? OrganizationId { get; init; }

    // Reporting dimensions copied from the transaction when it is posted, so that a revenue report groups one covering
    // index of lines (no join to transactions, no lines loaded into memory) at any size of ledger.
    public FundingSource? FundingSource { get; init; }
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>yyyymm of <see cref="OccurredAt"/> (UTC): what reports group by month.</summary>
    public int Period { get; init; }
    public Guid? DistrictId { get; init; }
    public Guid? CounterpartyId { get; init; }
}

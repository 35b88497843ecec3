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
    public IReadOnlyList<LedgerEntry> Entries => _entries;

    public static LedgerTransaction Post(string idempotencyKey, LedgerSource source, string description, DateTimeOffset at,
        IEnumerable<LedgerLine> lines, Guid? lotId = null, Guid? orderId = null)
    {
        var transaction = new LedgerTransaction
        {
            IdempotencyKey = idempotencyKey,
            Source = source,
            Description = description,
            OccurredAt = at,
            LotId = lotId,
            OrderId = orderId,
        };
        foreach (var (account, debit, credit, organizationId) in lines)
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

/// <summary>One side of a posting; <paramref name="OrganizationId"/> names the counterparty of receivables and payables.</summary>
public readonly record struct LedgerLine(LedgerAccount Account, decimal Debit, decimal Credit, Guid? OrganizationId = null)
{
    public static LedgerLine Dr(LedgerAccount account, decimal amount, Guid? organizationId = null) => new(account, amount, 0, organizationId);
    public static LedgerLine Cr(LedgerAccount account, decimal amount, Guid? organizationId = null) => new(account, 0, amount, organizationId);
}

public sealed class LedgerEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TransactionId { get; init; }
    public LedgerAccount Account { get; init; }
    public decimal Debit { get; init; }
    public decimal Credit { get; init; }
    public Guid? OrganizationId { get; init; }
}

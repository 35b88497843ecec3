using Marketplace.Web.Domain.Sales;

namespace Marketplace.Web.Domain.Finance;

/// <summary>Awarded, not yet paid → held in escrow (the buyer paid) → payout pending (released to the district) → settled (the payout was sent).</summary>
public enum SettlementStatus { AwaitingPayment, Held, PayoutPending, Settled }

/// <summary>
/// The escrow of a lot's sale. The buyer's payment is held until the lot is certified (proof of data
/// destruction before money); then the district's payable balance is released as a payout, and the lot
/// is settled only when that payout is confirmed sent. Its own version token: finance and the payment
/// webhooks change it, never the district's or the buyer's pages.
/// </summary>
public sealed class LotSettlement : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public Guid DistrictId { get; init; }
    public Guid BuyerId { get; init; }
    public string Currency { get; init; } = "USD";
    public SettlementStatus Status { get; private set; } = SettlementStatus.AwaitingPayment;
    public DateTimeOffset AwardedAt { get; init; }
    public DateTimeOffset? FundedAt { get; private set; }
    public DateTimeOffset? ReleasedAt { get; private set; }
    public Guid? PayoutId { get; private set; }
    public DateTimeOffset? SettledAt { get; private set; }
    public int Version { get; set; }

    /// <summary>Why the release of the district's funds waits although the lot is ready (connected account, negative balance, open dispute).</summary>
    public string? HoldReason { get; private set; }

    public DateTimeOffset? HeldAt { get; private set; }

    public const int HoldReasonLength = 500;

    public void Hold(string reason, DateTimeOffset at)
    {
        Require(Status == SettlementStatus.Held, "Only funds held in escrow can be put on hold.");
        HoldReason = reason.Length <= HoldReasonLength ? reason : reason[..HoldReasonLength];
        HeldAt = at;
    }

    public bool IsFunded => FundedAt is not null;

    public bool IsSettled => Status == SettlementStatus.Settled;

    public static LotSettlement ForAward(Sale sale) => new()
    {
        LotId = sale.LotId,
        DistrictId = sale.DistrictId,
        BuyerId = sale.BuyerId ?? throw new DomainException("The lot has no buyer."),
        Currency = sale.Currency,
        AwardedAt = sale.AwardedAt ?? throw new DomainException("The lot has not been awarded."),
    };

    /// <summary>The buyer's payment arrived and is held until the release condition holds.</summary>
    public void Fund(DateTimeOffset at)
    {
        Require(Status == SettlementStatus.AwaitingPayment, "This lot is already paid.");
        FundedAt = at;
        Status = SettlementStatus.Held;
    }

    /// <summary>Escrow: the district's funds are released only once the lot is certified (or received, when it holds no data-bearing devices).</summary>
    public void Release(Payout payout, bool proofComplete, DateTimeOffset at)
    {
        Require(proofComplete, "A lot is paid out only once it is received and certified.");
        Require(Status == SettlementStatus.Held, Status == SettlementStatus.AwaitingPayment
            ? "The buyer has not paid for this lot yet."
            : "The district's funds for this lot are already released.");
        PayoutId = payout.Id;
        ReleasedAt = at;
        HoldReason = null;
        Status = SettlementStatus.PayoutPending;
        if (payout.IsSent)
        {
            Settle(payout);
        }
    }

    /// <summary>The payout was sent: the lot is settled.</summary>
    public void Settle(Payout payout)
    {
        Require(Status == SettlementStatus.PayoutPending && payout.Id == PayoutId, "This settlement has no pending payout.");
        Require(payout.IsSent, "The payout has not been sent yet.");
        SettledAt = payout.SentAt;
        Status = SettlementStatus.Settled;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(message);
        }
    }
}

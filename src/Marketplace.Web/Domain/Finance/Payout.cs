namespace Marketplace.Web.Domain.Finance;

public enum PayoutMethod { StripeTransfer, Ach, Check }

/// <summary>Awaiting approval (finance checks it) → in transit (approved, sent to the bank) → sent (the bank confirmed).</summary>
public enum PayoutStatus { AwaitingApproval, InTransit, Sent }

/// <summary>What a payout pays for: a district's certified lot or a refurbisher's storefront order (exactly one).</summary>
public readonly record struct PayoutFor(Guid? LotId, Guid? OrderId)
{
    public static PayoutFor Lot(Guid lotId) => new(lotId, null);

    public static PayoutFor Order(Guid orderId) => new(null, orderId);
}

/// <summary>
/// Money released to a seller: a district for its certified lot, or a refurbisher for a storefront order whose return
/// window passed. The amount is the seller's payable balance in the ledger for that lot or order when the payout is
/// made, never a recomputation from fees. One per lot and one per order: both ids are unique.
/// </summary>
public sealed class Payout
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? LotId { get; init; }
    public Guid? OrderId { get; init; }
    public Guid PayeeId { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "USD";
    public PayoutMethod Method { get; init; }
    public PayoutStatus Status { get; private set; }
    public DateTimeOffset RecordedAt { get; init; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Stripe transfer id, ACH trace or check number.</summary>
    public string? Reference { get; private set; }

    /// <summary>Stripe confirmed the transfer (<c>transfer.created</c>).</summary>
    public DateTimeOffset? TransferConfirmedAt { get; private set; }

    /// <summary>Taken back from the payee's connected account by transfer reversals (after refunds or lost disputes).</summary>
    public decimal AmountReversed { get; private set; }

    public decimal Unreversed => Amount - AmountReversed;

    public void ConfirmTransfer(DateTimeOffset at) => TransferConfirmedAt ??= at;

    public void RecordReversal(decimal amount)
    {
        if (Method != PayoutMethod.StripeTransfer || amount <= 0 || amount > Unreversed)
        {
            throw new DomainException($"A reversal of {amount:0.00} does not fit this payout ({Unreversed:0.00} not reversed).");
        }

        AmountReversed += amount;
    }

    public Money Total => new(Amount, Currency);

    public bool IsSent => Status == PayoutStatus.Sent;

    /// <summary>The account the payee is owed on: a district's lot proceeds or a refurbisher's storefront sales.</summary>
    public LedgerAccount PayableAccount => OrderId is null ? LedgerAccount.DistrictPayable : LedgerAccount.RefurbisherPayable;

    /// <summary>A transfer to the payee's connected account, already made.</summary>
    public static Payout Transferred(Guid lotId, Guid payeeId, Money amount, string transferId, DateTimeOffset at) =>
        Transferred(PayoutFor.Lot(lotId), payeeId, amount, transferId, at);

    /// <inheritdoc cref="Transferred(Guid, Guid, Money, string, DateTimeOffset)"/>
    public static Payout Transferred(PayoutFor source, Guid payeeId, Money amount, string transferId, DateTimeOffset at)
    {
        var payout = New(source, payeeId, amount, PayoutMethod.StripeTransfer, at);
        payout.Reference = transferId;
        payout.ApprovedAt = payout.SentAt = at;
        payout.Status = PayoutStatus.Sent;
        return payout;
    }

    /// <summary>An ACH or check payout for finance to approve and send.</summary>
    public static Payout ForApproval(Guid lotId, Guid payeeId, Money amount, PayoutMethod method, DateTimeOffset at) =>
        ForApproval(PayoutFor.Lot(lotId), payeeId, amount, method, at);

    /// <inheritdoc cref="ForApproval(Guid, Guid, Money, PayoutMethod, DateTimeOffset)"/>
    public static Payout ForApproval(PayoutFor source, Guid payeeId, Money amount, PayoutMethod method, DateTimeOffset at)
    {
        if (method == PayoutMethod.StripeTransfer)
        {
            throw new DomainException("A Stripe transfer is made at once, not approved by hand.");
        }

        return New(source, payeeId, amount, method, at);
    }

    public void Approve(string approvedBy, DateTimeOffset at)
    {
        if (Status != PayoutStatus.AwaitingApproval)
        {
            throw new DomainException("This payout is already approved.");
        }

        ApprovedBy = approvedBy;
        ApprovedAt = at;
        Status = PayoutStatus.InTransit;
    }

    public void ConfirmSent(string reference, DateTimeOffset at)
    {
        if (Status != PayoutStatus.InTransit)
        {
            throw new DomainException(Status == PayoutStatus.Sent
                ? "This payout is already confirmed as sent."
                : "Approve the payout before confirming the bank reference.");
        }

        Reference = reference.Trim();
        SentAt = at;
        Status = PayoutStatus.Sent;
    }

    private static Payout New(PayoutFor source, Guid payeeId, Money amount, PayoutMethod method, DateTimeOffset at)
    {
        if ((source.LotId is null) == (source.OrderId is null))
        {
            throw new DomainException("A payout pays for one lot or one order.");
        }

        if (!amount.IsPositive)
        {
            throw new DomainException($"Nothing is owed for this {(source.LotId is null ? "order" : "lot")} ({amount}); there is no payout to make.");
        }

        return new Payout
        {
            LotId = source.LotId,
            OrderId = source.OrderId,
            PayeeId = payeeId,
            Amount = amount.Round().Amount,
            Currency = amount.Currency,
            Method = method,
            RecordedAt = at,
            Status = PayoutStatus.AwaitingApproval,
        };
    }
}

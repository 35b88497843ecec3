namespace Marketplace.Web.Domain.Finance;

public enum PayoutMethod { StripeTransfer, Ach, Check }

public enum PayoutStatus { AwaitingRelease, Sent }

/// <summary>Money released to a district for a settled lot. One per lot: the lot id is unique.</summary>
public sealed class Payout
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public Guid OrganizationId { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "USD";
    public PayoutMethod Method { get; init; }
    public PayoutStatus Status { get; private set; }
    public DateTimeOffset RecordedAt { get; init; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? Reference { get; private set; }

    public static Payout Record(Guid lotId, Guid organizationId, decimal amount, PayoutMethod method, string? transferId, DateTimeOffset at)
    {
        var payout = new Payout
        {
            LotId = lotId,
            OrganizationId = organizationId,
            Amount = amount,
            Method = method,
            RecordedAt = at,
            Status = PayoutStatus.AwaitingRelease,
        };
        if (transferId is not null)
        {
            payout.ConfirmSent(transferId, at);
        }

        return payout;
    }

    public void ConfirmSent(string reference, DateTimeOffset at)
    {
        if (Status == PayoutStatus.Sent)
        {
            throw new DomainException("This payout is already confirmed as sent.");
        }

        Reference = reference.Trim();
        SentAt = at;
        Status = PayoutStatus.Sent;
    }
}

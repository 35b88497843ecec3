using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;

namespace Marketplace.Tests.Domain.Finance;

public sealed class PayoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_ACH_payout_is_approved_then_confirmed_with_the_bank_reference()
    {
        var payout = Payout.ForApproval(Guid.NewGuid(), Guid.NewGuid(), Money.Usd(1199.999m), PayoutMethod.Ach, Now);
        Assert.Equal((PayoutStatus.AwaitingApproval, 1200.00m), (payout.Status, payout.Amount));

        Assert.Throws<DomainException>(() => payout.ConfirmSent("ACH-1", Now));
        payout.Approve("Erin Kowalski", Now.AddHours(1));
        payout.ConfirmSent(" ACH-TRACE-0042 ", Now.AddDays(1));

        Assert.Equal((PayoutStatus.Sent, "Erin Kowalski", Now.AddHours(1), "ACH-TRACE-0042", Now.AddDays(1)),
            (payout.Status, payout.ApprovedBy, payout.ApprovedAt, payout.Reference, payout.SentAt));
        Assert.Throws<DomainException>(() => payout.ConfirmSent("ACH-2", Now));
        Assert.Throws<DomainException>(() => payout.Approve("Erin Kowalski", Now));
    }

    [Fact]
    public void A_transfer_is_sent_when_it_is_made()
    {
        var payout = Payout.Transferred(Guid.NewGuid(), Guid.NewGuid(), Money.Usd(1200m), "tr_1", Now);

        Assert.Equal((PayoutStatus.Sent, "tr_1", Now), (payout.Status, payout.Reference, payout.SentAt));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Nothing_owed_is_no_payout(decimal amount) =>
        Assert.Throws<DomainException>(() => Payout.ForApproval(Guid.NewGuid(), Guid.NewGuid(), Money.Usd(amount), PayoutMethod.Check, Now));

    [Fact]
    public void A_transfer_is_never_left_for_approval() =>
        Assert.Throws<DomainException>(() => Payout.ForApproval(Guid.NewGuid(), Guid.NewGuid(), Money.Usd(10m), PayoutMethod.StripeTransfer, Now));
}

using Marketplace.Tests.Domain.Lots;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Finance;

namespace Marketplace.Tests.Domain.Finance;

public sealed class LotSettlementTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private readonly Guid _district = Guid.NewGuid();
    private readonly OrganizationRights _refurbisher = SampleLots.CertifiedRefurbisher(Now);

    [Fact]
    public void The_escrow_opens_at_award_for_the_sales_district_and_buyer()
    {
        var sample = SampleLots.Awarded(_district, _refurbisher, 1200m, Now);

        Assert.Equal((sample.Id, _district, _refurbisher.OrganizationId, SettlementStatus.AwaitingPayment, Now),
            (sample.Settlement!.LotId, sample.Settlement.DistrictId, sample.Settlement.BuyerId, sample.Settlement.Status, sample.Settlement.AwardedAt));
    }

    [Fact]
    public void A_lot_is_paid_once()
    {
        var settlement = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Settlement!;

        Assert.Throws<DomainException>(() => settlement.Fund(Now));
        Assert.Equal(SettlementStatus.Held, settlement.Status);
    }

    [Fact]
    public void Funds_are_released_only_once_the_lot_is_certified()
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        var payout = Payout.ForApproval(sample.Id, _district, Money.Usd(1200m), PayoutMethod.Ach, Now);

        var refused = Assert.Throws<DomainException>(() => sample.Settlement!.Release(payout, proofComplete: false, Now));

        Assert.Contains("certified", refused.Message);
        Assert.Equal(SettlementStatus.Held, sample.Settlement!.Status);
    }

    [Fact]
    public void Unpaid_funds_cannot_be_released()
    {
        var sample = SampleLots.Awarded(_district, _refurbisher, 1200m, Now);
        var payout = Payout.ForApproval(sample.Id, _district, Money.Usd(1200m), PayoutMethod.Ach, Now);

        Assert.Throws<DomainException>(() => sample.Settlement!.Release(payout, proofComplete: true, Now));
    }

    [Fact]
    public void An_ACH_payout_settles_the_lot_only_when_the_bank_confirms_it()
    {
        var settlement = SampleLots.Certified(_district, _refurbisher, 1200m, Now).Settlement!;
        var payout = Payout.ForApproval(settlement.LotId, _district, Money.Usd(1200m), PayoutMethod.Ach, Now);

        settlement.Release(payout, proofComplete: true, Now);
        Assert.Equal(SettlementStatus.PayoutPending, settlement.Status);
        payout.Approve("Erin Kowalski", Now);
        Assert.Throws<DomainException>(() => settlement.Settle(payout));
        Assert.Equal(SettlementStatus.PayoutPending, settlement.Status);

        payout.ConfirmSent("ACH-TRACE-1", Now.AddDays(1));
        settlement.Settle(payout);

        Assert.Equal((SettlementStatus.Settled, Now.AddDays(1)), (settlement.Status, settlement.SettledAt));
    }

    [Fact]
    public void A_stripe_transfer_settles_the_lot_when_it_is_released()
    {
        var settlement = SampleLots.Certified(_district, _refurbisher, 1200m, Now).Settlement!;

        settlement.Release(Payout.Transferred(settlement.LotId, _district, Money.Usd(1200m), "tr_123", Now), proofComplete: true, Now);

        Assert.Equal(SettlementStatus.Settled, settlement.Status);
        Assert.Throws<DomainException>(() => settlement.Release(Payout.Transferred(settlement.LotId, _district, Money.Usd(1200m), "tr_124", Now), proofComplete: true, Now));
    }
}

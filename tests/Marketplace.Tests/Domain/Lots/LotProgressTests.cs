using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Tests.Domain.Lots;

public sealed class LotProgressTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private readonly Guid _district = Guid.NewGuid();

    [Fact]
    public void The_stage_follows_the_lot_through_each_aggregate_that_owns_a_part_of_it()
    {
        var buyer = SampleLots.CertifiedRefurbisher(Now);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var stages = new List<LotStage> { SampleLots.Draft(_district, Now).Progress.Stage, SampleLots.Listed(_district, Now).Progress.Stage };
        var sample = SampleLots.Awarded(_district, buyer, 1200m, Now);
        stages.Add(sample.Progress.Stage);
        sample.Settlement!.Fund(Now);
        sample.Fulfillment = Web.Domain.Fulfillment.LotFulfillment.Start(sample.Id, _district, buyer.OrganizationId, 3, Now);
        stages.Add(sample.Progress.Stage);
        sample.Fulfillment.ConfirmPickupOn(today, Now);
        stages.Add(sample.Progress.Stage);
        sample.Fulfillment.RecordHandOver(new Web.Domain.Fulfillment.HandOverDetails("Dana", "Sam", null, 1), 0, Guid.NewGuid(), Now);
        stages.Add(sample.Progress.Stage);
        sample.Fulfillment.MarkReceived(sample.Fulfillment.DeviceCount, Now);
        stages.Add(sample.Progress.Stage);
        Marketplace.Tests.Domain.Fulfillment.Media.SanitizeAll(sample.Fulfillment, sample.Devices, Now);

        sample.Fulfillment.Certify(Now);
        stages.Add(sample.Progress.Stage);
        var payout = Payout.ForApproval(sample.Id, _district, Web.Domain.Money.Usd(1200m), PayoutMethod.Ach, Now);
        sample.Settlement.Release(payout, proofComplete: true, Now);
        stages.Add(sample.Progress.Stage);
        payout.Approve("Erin", Now);
        payout.ConfirmSent("ACH-1", Now);
        sample.Settlement.Settle(payout);
        stages.Add(sample.Progress.Stage);

        Assert.Equal(
        [
            LotStage.Draft, LotStage.Listed, LotStage.Awarded, LotStage.Paid, LotStage.PickupScheduled, LotStage.InTransit,
            LotStage.Received, LotStage.Certified, LotStage.Certified, LotStage.Settled,
        ], stages);
        Assert.Equal(LotProgress.Journey.Count - 1, sample.Progress.Step);
    }

    [Fact]
    public void Each_stage_allows_only_what_comes_next()
    {
        var buyer = SampleLots.CertifiedRefurbisher(Now);
        var draft = SampleLots.Draft(_district, Now).Progress;
        var listed = SampleLots.Listed(_district, Now).Progress;
        var awarded = SampleLots.Awarded(_district, buyer, 1200m, Now).Progress;
        var paid = SampleLots.Paid(_district, buyer, 1200m, Now).Progress;
        var inTransit = SampleLots.InTransit(_district, buyer, 1200m, Now).Progress;
        var received = SampleLots.Received(_district, buyer, 1200m, Now).Progress;
        var certified = SampleLots.Certified(_district, buyer, 1200m, Now).Progress;

        Assert.Equal([true, false, false, false, false, false, false], new[] { draft, listed, awarded, paid, inTransit, received, certified }.Select(p => p.CanEditManifest));
        Assert.Equal([true, true, false, false, false, false, false], new[] { draft, listed, awarded, paid, inTransit, received, certified }.Select(p => p.CanWithdraw));
        Assert.Equal([true, true, false, false, false, false, false], new[] { draft, listed, awarded, paid, inTransit, received, certified }.Select(p => p.PhotosEditable));
        Assert.Equal([false, true, false, false, false, false, false], new[] { draft, listed, awarded, paid, inTransit, received, certified }.Select(p => p.AcceptsQuotes));
        Assert.Equal([false, false, true, false, false, false, false], new[] { draft, listed, awarded, paid, inTransit, received, certified }.Select(p => p.AwaitsPayment));
        Assert.Equal([false, false, false, true, false, false, false], new[] { draft, listed, awarded, paid, inTransit, received, certified }.Select(p => p.CanSchedulePickup));
        Assert.Equal([false, false, false, false, false, true, false], new[] { draft, listed, awarded, paid, inTransit, received, certified }.Select(p => p.AcceptsSanitization));
        Assert.Equal([false, false, false, false, false, true, true], new[] { draft, listed, awarded, paid, inTransit, received, certified }.Select(p => p.ShowsSanitization));
        Assert.Equal([false, false, false, false, false, false, true], new[] { draft, listed, awarded, paid, inTransit, received, certified }.Select(p => p.HasCertificate));
        Assert.All(new[] { draft, listed, awarded, paid, inTransit, received, certified }, p => Assert.True(p.IsOpen));
    }
}

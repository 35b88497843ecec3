using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Tests.Domain.Finance;

public sealed class FundingMixTests
{
    [Fact]
    public void A_lot_whose_devices_all_have_a_cost_splits_by_cost()
    {
        var mix = FundingMix.Of([new(FundingSource.FederalGrant, 2, 2, 600m), new(FundingSource.State, 1, 1, 200m), new(FundingSource.Local, 1, 1, 200m)]);

        Assert.Equal([(FundingSource.FederalGrant, 570m), (FundingSource.State, 190m), (FundingSource.Local, 190m)], mix.Split(950m));
    }

    [Fact]
    public void A_lot_with_a_device_without_cost_splits_by_device_count()
    {
        var mix = FundingMix.Of([new(FundingSource.FederalGrant, 3, 3, 9_000m), new(FundingSource.ERate, 1, 0, 0m)]);

        Assert.Equal([(FundingSource.ERate, 25m), (FundingSource.FederalGrant, 75m)], mix.Split(100m));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(100)]
    [InlineData(1000.01)]
    [InlineData(333.33)]
    public void The_parts_add_up_to_the_amount_to_the_cent(double amount)
    {
        var mix = FundingMix.Of([new(FundingSource.FederalGrant, 1, 1, 1m), new(FundingSource.State, 1, 1, 1m), new(FundingSource.Local, 1, 1, 1m)]);

        var parts = mix.Split((decimal)amount);

        Assert.Equal((decimal)amount, parts.Sum(p => p.Amount));
        Assert.All(parts, p => Assert.Equal(p.Amount, decimal.Round(p.Amount, 2)));
    }

    [Fact]
    public void A_lot_without_devices_posts_to_unknown_funding()
    {
        Assert.Equal([(FundingSource.Unknown, 80m)], FundingMix.Of([]).Split(80m));
        Assert.Empty(FundingMix.Unknown.Split(0m));
    }

    [Fact]
    public void A_lot_sale_splits_proceeds_and_fees_by_funding_and_still_balances()
    {
        var sale = LedgerTransaction.Post("t:split", LedgerSource.LotSale, "Lot sale", DateTimeOffset.UnixEpoch,
        [
            LedgerLine.Dr(LedgerAccount.BuyerReceivable, 110m),
            .. FundingMix.Of([new(FundingSource.FederalGrant, 1, 1, 1m), new(FundingSource.State, 2, 2, 2m)]).Split(100m)
                .Select(p => LedgerLine.Cr(LedgerAccount.DistrictPayable, p.Amount, fundingSource: p.Source)),
            LedgerLine.Cr(LedgerAccount.PlatformFeeRevenue, 10m, fundingSource: FundingSource.State),
        ], districtId: Guid.Empty);

        Assert.Equal(sale.Entries.Sum(e => e.Debit), sale.Entries.Sum(e => e.Credit));
        Assert.Equal(33.33m, sale.Entries.Single(e => e.FundingSource == FundingSource.FederalGrant).Credit);
        Assert.All(sale.Entries, e => Assert.Equal(197001, e.Period));
    }
}

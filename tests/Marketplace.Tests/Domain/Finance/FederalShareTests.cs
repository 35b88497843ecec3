using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;

namespace Marketplace.Tests.Domain.Finance;

/// <summary>2 CFR 200 as revised in 2024: which threshold an award takes, and each rule at and around its threshold.</summary>
public sealed class FederalShareTests
{
    private static readonly AwardTerms Revised = new(Guid.NewGuid(), "Title IV-A 2025", new DateOnly(2024, 10, 1), 100m);
    private static readonly AwardTerms Earlier = new(Guid.NewGuid(), "ESSER III", new DateOnly(2024, 9, 30), 100m);

    [Theory]
    [InlineData("2024-09-30", 5_000)]
    [InlineData("2024-10-01", 10_000)]
    [InlineData("2021-03-24", 5_000)]
    [InlineData("2025-07-01", 10_000)]
    public void An_award_from_October_1_2024_takes_the_10000_threshold_and_an_earlier_one_5000(string awardDate, int threshold) =>
        Assert.Equal(threshold, FederalShare.ThresholdFor(DateOnly.Parse(awardDate, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(9_999.99, FederalShareBasis.NoObligation, 0)]
    [InlineData(10_000.00, FederalShareBasis.NoObligation, 0)]
    [InlineData(10_000.01, FederalShareBasis.ResidualSupplies, 10_000.01)]
    public void Supplies_of_a_revised_award_owe_the_agency_only_when_together_they_exceed_10000(decimal aggregate, FederalShareBasis basis, decimal share)
    {
        var result = Single(Supplies(Revised, aggregate));

        Assert.Equal((basis, 10_000m, share), (result.Basis, result.Threshold!.Value, result.Share));
    }

    [Theory]
    [InlineData(4_999.99, FederalShareBasis.NoObligation, 0)]
    [InlineData(5_000.00, FederalShareBasis.NoObligation, 0)]
    [InlineData(5_000.01, FederalShareBasis.ResidualSupplies, 5_000.01)]
    public void Supplies_of_an_earlier_award_owe_the_agency_only_when_together_they_exceed_5000(decimal aggregate, FederalShareBasis basis, decimal share)
    {
        var result = Single(Supplies(Earlier, aggregate));

        Assert.Equal((basis, 5_000m, share), (result.Basis, result.Threshold!.Value, result.Share));
    }

    [Fact]
    public void The_same_supplies_worth_7500_owe_under_an_award_of_September_30_2024_and_not_under_one_of_October_1()
    {
        Assert.Equal(FederalShareBasis.ResidualSupplies, Single(Supplies(Earlier, 7_500m)).Basis);
        Assert.Equal(FederalShareBasis.NoObligation, Single(Supplies(Revised, 7_500m)).Basis);
    }

    [Fact]
    public void The_aggregate_is_per_award_so_two_awards_under_the_threshold_owe_nothing_though_their_sum_exceeds_it()
    {
        var other = Revised with { Id = Guid.NewGuid(), Name = "ESSER III (2024 continuation)" };
        var result = FederalShare.Of([new FederalDevices(Revised.Id, 300m, 200m, 30), new FederalDevices(other.Id, 300m, 200m, 30)],
            Awards(Revised, other), FederalValueSource.Proceeds);

        Assert.All(result, r => Assert.Equal((FederalShareBasis.NoObligation, 0m), (r.Basis, r.Share)));
    }

    [Theory]
    [InlineData(9_999.99, false)]
    [InlineData(10_000.00, true)]
    [InlineData(10_000.01, true)]
    public void A_device_costing_10000_or_more_is_equipment_under_a_revised_award_and_below_it_a_supply(decimal cost, bool equipment)
    {
        // Worth 10,000.01 each: over either rule's threshold, so only the classification decides which rule the result names.
        var result = Single([new FederalDevices(Revised.Id, cost, 10_000.01m, 1)]);

        Assert.Equal(equipment ? FederalShareBasis.Equipment : FederalShareBasis.ResidualSupplies, result.Basis);
        Assert.Contains(equipment ? "equipment (2 CFR 200.1)" : "supply (2 CFR 200.1)", result.Reasons[0]);
    }

    [Theory]
    [InlineData(4_999.99, false)]
    [InlineData(5_000.00, true)]
    public void A_device_costing_5000_or_more_is_equipment_under_an_earlier_award(decimal cost, bool equipment) =>
        Assert.Equal(equipment ? FederalShareBasis.Equipment : FederalShareBasis.ResidualSupplies,
            Single([new FederalDevices(Earlier.Id, cost, 5_000.01m, 1)]).Basis);

    [Theory]
    [InlineData(9_999.99, 0)]
    [InlineData(10_000.00, 0)]
    [InlineData(10_000.01, 8_000.01)]
    public void Equipment_of_a_revised_award_owes_the_federal_percentage_only_of_units_worth_more_than_10000_each(decimal unitValue, decimal share)
    {
        var award = Revised with { FederalPercent = 80m };
        var result = FederalShare.Of([new FederalDevices(award.Id, 12_000m, unitValue, 1)], Awards(award), FederalValueSource.Proceeds).Single();

        Assert.Equal((share > 0 ? FederalShareBasis.Equipment : FederalShareBasis.NoObligation, share), (result.Basis, result.Share));
        Assert.Contains(share > 0 ? "2 CFR 200.313(e)(2)" : "2 CFR 200.313(e)(1)", result.Reasons[0]);
    }

    [Theory]
    [InlineData(4_999.99, 0)]
    [InlineData(5_000.00, 0)]
    [InlineData(5_000.01, 5_000.01)]
    public void Equipment_of_an_earlier_award_owes_only_for_units_worth_more_than_5000_each(decimal unitValue, decimal share) =>
        Assert.Equal(share, Single([new FederalDevices(Earlier.Id, 6_000m, unitValue, 1)]).Share);

    [Fact]
    public void Equipment_units_are_judged_one_by_one_never_in_aggregate()
    {
        var result = Single([new FederalDevices(Revised.Id, 11_000m, 6_000m, 5)]);

        Assert.Equal((FederalShareBasis.NoObligation, 0m), (result.Basis, result.Share));
    }

    [Fact]
    public void Supplies_and_equipment_of_one_award_are_each_judged_by_their_own_rule_and_the_share_adds_both()
    {
        var award = Revised with { FederalPercent = 50m };
        var result = FederalShare.Of(
            [new FederalDevices(award.Id, 350m, 120m, 100), new FederalDevices(award.Id, 15_000m, 10_500m, 1), new FederalDevices(award.Id, 15_000m, 900m, 1)],
            Awards(award), FederalValueSource.Proceeds).Single();

        Assert.Equal((FederalShareBasis.ResidualSuppliesAndEquipment, 0.5m * 12_000m + 0.5m * 10_500m), (result.Basis, result.Share));
    }

    [Fact]
    public void A_device_without_an_acquisition_cost_counts_as_a_supply_and_the_reason_says_so()
    {
        var result = Single([new FederalDevices(Revised.Id, null, 250m, 41)]);

        Assert.Equal((FederalShareBasis.ResidualSupplies, 10_250m), (result.Basis, result.Share));
        Assert.Contains("41 of them have no acquisition cost recorded and are counted as supplies", result.Reasons[0]);
    }

    [Fact]
    public void Devices_with_no_award_recorded_are_reported_as_such_and_no_share_is_guessed_for_them()
    {
        var result = FederalShare.Of([new FederalDevices(Revised.Id, 300m, 100m, 2), new FederalDevices(null, 300m, 9_000m, 3)], Awards(Revised),
            FederalValueSource.GuideEstimate);

        var unrecorded = result.Single(r => r.Award is null);
        Assert.Equal((FederalShareBasis.AwardNotRecorded, 3, 0m), (unrecorded.Basis, unrecorded.Devices, unrecorded.Share));
        Assert.Contains("3 devices marked as bought with a federal grant have no funding award recorded", unrecorded.Reasons[0]);
        Assert.Contains("cannot be computed until each is linked to its award", unrecorded.Reasons[0]);
    }

    [Fact]
    public void The_share_is_the_federal_percentage_of_the_value_rounded_to_the_cent()
    {
        var award = Revised with { FederalPercent = 87.5m };

        Assert.Equal(9_625.01m, FederalShare.Of([new FederalDevices(award.Id, 400m, 11_000.01m, 1)], Awards(award), FederalValueSource.Proceeds).Single().Share);
    }

    [Fact]
    public void The_threshold_reason_names_the_award_date_against_the_revision()
    {
        Assert.Equal("$10,000 threshold: the award is dated October 1, 2024, on or after the 2024 revision of 2 CFR 200 took effect (October 1, 2024)",
            Single(Supplies(Revised, 100m)).ThresholdReason);
        Assert.Equal("$5,000 threshold: the award is dated September 30, 2024, before the 2024 revision of 2 CFR 200 took effect (October 1, 2024)",
            Single(Supplies(Earlier, 100m)).ThresholdReason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100.01)]
    public void An_award_takes_a_federal_participation_above_0_and_at_most_100(decimal percent) =>
        Assert.Throws<DomainException>(() => FundingAward.Record(Guid.NewGuid(), "ESSER III", new DateOnly(2021, 3, 24), percent, DateTimeOffset.UtcNow));

    [Fact]
    public void Proceeds_are_shared_in_proportion_to_guide_value_and_unpriced_devices_carry_the_average()
    {
        var shares = ProceedsAllocation.UnitShares([(300m, 1), (100m, 2), (null, 1)], 1_000m);

        // Weights 300, 100, 100 and the unpriced device at the average priced value (500 / 3).
        var total = 300m + 200m + 500m / 3;
        Assert.Equal([1_000m * 300m / total, 1_000m * 100m / total, 1_000m * (500m / 3) / total], shares);
    }

    private static IReadOnlyList<FederalDevices> Supplies(AwardTerms award, decimal aggregate) => [new FederalDevices(award.Id, 329m, aggregate, 1)];

    private static AwardShare Single(IReadOnlyList<FederalDevices> devices) =>
        FederalShare.Of(devices, Awards(Revised, Earlier), FederalValueSource.Proceeds).Single();

    private static Dictionary<Guid, AwardTerms> Awards(params AwardTerms[] awards) => awards.ToDictionary(a => a.Id);
}

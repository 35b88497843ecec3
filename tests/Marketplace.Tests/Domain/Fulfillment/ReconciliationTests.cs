using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Tests.Domain.Fulfillment;

public sealed class ReconciliationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 15, 0, 0, TimeSpan.Zero);

    // A price guide in miniature: $200 a Chromebook 3100 in grade A, $400 a Latitude 3190; the grade factors of the real guide.
    private static readonly PriceGuide Guide = new();

    private static decimal? Value(string model, DeviceCategory category, CosmeticGrade grade, FunctionalStatus functional, DateOnly? aue) =>
        DeviceModel.NormalizeName(model) switch
        {
            "CHROMEBOOK3100" => 200m * Guide.GradeFactor(grade),
            "LATITUDE3190" => 400m * Guide.GradeFactor(grade),
            _ => null,
        };

    private static DeclaredDevice Device(string serial, string model = "Chromebook 3100", CosmeticGrade grade = CosmeticGrade.B) =>
        new(Guid.NewGuid(), serial, model, DeviceCategory.Chromebook, grade, FunctionalStatus.Working, null);

    [Fact]
    public void A_lot_received_as_declared_has_no_discrepancy_and_is_settled_at_once_with_no_adjustment()
    {
        var devices = new[] { Device("SN1"), Device("SN2") };
        var received = devices.ToDictionary(d => d.Id, _ => new ReceivedCondition(null, null));

        var found = Reconciling.Discrepancies(devices, received, [], 900m, Value);
        var reconciliation = LotReconciliation.Propose(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "USD", 2, 2, 900m, found, Now);

        Assert.Empty(found);
        Assert.Equal((ReconciliationStatus.Matched, true, 0m), (reconciliation.Status, reconciliation.IsSettled, reconciliation.AgreedAdjustment));
    }

    [Fact]
    public void A_missing_device_takes_away_its_share_of_the_proceeds_in_proportion_to_its_guide_value()
    {
        // Proceeds 1,000 over guide values 160 + 160 + 320 (two Chromebooks, one Latitude, all grade B): shares 250, 250, 500.
        var devices = new[] { Device("SN1"), Device("SN2"), Device("SN3", "Latitude 3190") };
        var received = new Dictionary<Guid, ReceivedCondition> { [devices[0].Id] = new(null, null) };

        var found = Reconciling.Discrepancies(devices, received, [], 1000m, Value);

        Assert.Equal([(DiscrepancyKind.Missing, "SN2", 250m), (DiscrepancyKind.Missing, "SN3", 500m)], found.Select(d => (d.Kind, d.Serial, d.Adjustment)));
    }

    [Fact]
    public void A_lower_grade_takes_away_the_fall_in_guide_value_and_a_better_or_equal_grade_takes_nothing()
    {
        var devices = new[] { Device("SN1"), Device("SN2"), Device("SN3") };
        var received = new Dictionary<Guid, ReceivedCondition>
        {
            [devices[0].Id] = new(CosmeticGrade.D, null),
            [devices[1].Id] = new(CosmeticGrade.A, null),
            [devices[2].Id] = new(CosmeticGrade.B, null),
        };

        var found = Reconciling.Discrepancies(devices, received, [], 900m, Value);

        // Share 300; grade D is worth 0.30 / 0.80 of grade B: 300 × (1 − 0.375) = 187.50.
        var lower = Assert.Single(found);
        Assert.Equal((DiscrepancyKind.LowerGrade, "SN1", CosmeticGrade.B, CosmeticGrade.D, 187.50m), (lower.Kind, lower.Serial, lower.DeclaredGrade, lower.ReceivedGrade, lower.Adjustment));
        Assert.Equal("Grade B declared, D received", Line(lower).Description);
    }

    [Fact]
    public void Another_model_is_priced_by_the_guide_the_same_model_in_other_case_is_no_discrepancy_and_an_unpriced_model_is_proposed_at_nothing()
    {
        var devices = new[] { Device("SN1", "Latitude 3190"), Device("SN2"), Device("SN3") };
        var received = new Dictionary<Guid, ReceivedCondition>
        {
            [devices[0].Id] = new(null, "Chromebook 3100"),
            [devices[1].Id] = new(null, "  chromebook 3100 "),
            [devices[2].Id] = new(null, "Mystery Tablet 9"),
        };

        var found = Reconciling.Discrepancies(devices, received, [], 1000m, Value);

        // Shares 500, 250, 250. A Chromebook (160) for a Latitude (320) halves the first device's value.
        Assert.Equal([(DiscrepancyKind.DifferentModel, "SN1", "Chromebook 3100", 250m), (DiscrepancyKind.DifferentModel, "SN3", "Mystery Tablet 9", 0m)],
            found.Select(d => (d.Kind, d.Serial, d.ReceivedModel!, d.Adjustment)));
        Assert.Equal("Latitude 3190 declared, Chromebook 3100 received", Line(found[0]).Description);
    }

    [Fact]
    public void Extras_are_recorded_at_no_charge_and_devices_the_guide_cannot_price_carry_the_average_share()
    {
        var devices = new[] { Device("SN1"), Device("SN2", "Unknown Brand X") };

        var found = Reconciling.Discrepancies(devices, new Dictionary<Guid, ReceivedCondition>(), [new ExtraScan("NOT-OURS-1", "Surface Go")], 600m, Value);

        Assert.Equal([(DiscrepancyKind.Missing, "SN1", 300m), (DiscrepancyKind.Missing, "SN2", 300m), (DiscrepancyKind.Extra, "NOT-OURS-1", 0m)],
            found.Select(d => (d.Kind, d.Serial, d.Adjustment)));
        Assert.Equal("Not in the manifest (received as Surface Go)", Line(found[2]).Description);
    }

    [Fact]
    public void Every_device_missing_proposes_the_whole_proceeds_and_never_more()
    {
        var devices = Enumerable.Range(1, 7).Select(i => Device($"SN{i}", i % 2 == 0 ? "Latitude 3190" : "Chromebook 3100")).ToArray();

        var found = Reconciling.Discrepancies(devices, new Dictionary<Guid, ReceivedCondition>(), [], 1000m, Value);
        var reconciliation = LotReconciliation.Propose(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "USD", 7, 0, 1000m, found, Now);

        Assert.InRange(found.Sum(d => d.Adjustment), 999.97m, 1000.03m);
        Assert.True(reconciliation.ProposedAdjustment <= 1000m);
    }

    [Fact]
    public void The_district_approves_or_disputes_once_and_only_an_admin_resolves_a_dispute_within_the_proceeds()
    {
        LotReconciliation Awaiting() => LotReconciliation.Propose(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "USD", 3, 2, 900m,
            [new Discrepancy(DiscrepancyKind.Missing, Guid.NewGuid(), "SN3", "Chromebook 3100", CosmeticGrade.B, null, null, 300m)], Now);

        var approved = Awaiting();
        Assert.False(approved.IsSettled);
        approved.Approve("Dana Whitfield", Now);
        Assert.Equal((ReconciliationStatus.Approved, 300m, "Dana Whitfield"), (approved.Status, approved.AgreedAdjustment, approved.DecidedBy));
        Assert.Contains("already settled", Assert.Throws<DomainException>(() => approved.Dispute("too late", "Dana", Now)).Message);

        var disputed = Awaiting();
        Assert.Contains("Say why", Assert.Throws<DomainException>(() => disputed.Dispute("  ", "Dana", Now)).Message);
        disputed.Dispute(" SN3 was on the truck: the driver signed for 3 devices. ", "Dana Whitfield", Now);
        Assert.Equal("SN3 was on the truck: the driver signed for 3 devices.", disputed.DisputeReason);
        Assert.Contains("admin resolves it", Assert.Throws<DomainException>(() => disputed.Approve("Dana", Now)).Message);
        Assert.Contains("cannot exceed", Assert.Throws<DomainException>(() => disputed.Resolve(900.01m, "note", "Sam", Now)).Message);
        Assert.Contains("cannot be negative", Assert.Throws<DomainException>(() => disputed.Resolve(-1m, "note", "Sam", Now)).Message);
        Assert.Contains("Explain", Assert.Throws<DomainException>(() => disputed.Resolve(100m, " ", "Sam", Now)).Message);
        disputed.Resolve(150m, "Half: the seal log supports the district.", "Sam Adeyemi", Now);
        Assert.Equal((ReconciliationStatus.Resolved, 150m, true), (disputed.Status, disputed.AgreedAdjustment, disputed.IsSettled));

        Assert.Contains("Only a disputed", Assert.Throws<DomainException>(() => Awaiting().Resolve(0m, "note", "Sam", Now)).Message);
    }

    [Fact]
    public void The_adjustment_posting_balances_lowers_the_district_payable_gives_back_the_fees_and_credits_the_buyer()
    {
        // Hammer 1,000, buyer's premium 10 % (100), seller commission 5 % (50): the buyer paid 1,100, the district gets 950.
        var terms = new SettlementTerms(1000m, 0.10m, 0.05m, 100m, 50m);
        var reconciliation = LotReconciliation.Propose(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "USD", 4, 3, terms.DistrictProceeds,
            [new Discrepancy(DiscrepancyKind.Missing, Guid.NewGuid(), "SN4", "Chromebook 3100", CosmeticGrade.B, null, null, 237.50m)], Now);
        reconciliation.Approve("Dana Whitfield", Now);

        var posting = LedgerPostings.ReceivingAdjustment(reconciliation, terms, "L-2026-0001", Now, FundingMix.Unknown);

        Assert.Equal(posting.Entries.Sum(e => e.Debit), posting.Entries.Sum(e => e.Credit));
        Assert.Equal(237.50m, posting.Entries.Single(e => e.Account == LedgerAccount.DistrictPayable).Debit);
        // 237.50 × 1,100 / 950 = 275.00 credited to the buyer; the platform gives back 37.50 of fees.
        Assert.Equal((275.00m, reconciliation.BuyerId), posting.Entries.Where(e => e.Account == LedgerAccount.BuyerCredits).Select(e => (e.Credit, e.OrganizationId!.Value)).Single());
        Assert.Equal(37.50m, posting.Entries.Single(e => e.Account == LedgerAccount.PlatformFeeRevenue).Debit);
        Assert.Equal($"receiving-adjustment:{reconciliation.Id}", posting.IdempotencyKey);
    }

    private static ReconciliationLine Line(Discrepancy d) => LotReconciliation.Propose(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "USD", 1, 1, 100m, [d], Now).Lines[0];
}

using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;

namespace Marketplace.Tests.Domain.Lots;

public sealed class LotTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private readonly Guid _district = Guid.NewGuid();

    [Fact]
    public void A_draft_without_devices_cannot_be_submitted()
    {
        var lot = new Lot { Number = "LOT-EMPTY1", DistrictId = _district, Title = "Empty", CreatedAt = Now };

        var refused = Assert.Throws<DomainException>(() => lot.Submit(new SubmissionCheck(0, false, 0, []), Now));

        Assert.Contains("at least one device", refused.Message);
        Assert.Equal(ListingStatus.Draft, lot.Status);
    }

    [Fact]
    public void Submitting_a_draft_with_devices_lists_it_and_opens_a_sale_for_quotes()
    {
        var lot = SampleLots.Draft(_district, Now).Lot;

        var sale = lot.Submit(new SubmissionCheck(3, true, 0, []), Now);

        Assert.Equal(ListingStatus.Listed, lot.Status);
        Assert.Equal(Now, lot.ListedAt);
        Assert.Equal((lot.Id, _district, SaleStatus.Open, SaleMode.RequestForQuotes, true), (sale.LotId, sale.DistrictId, sale.Status, sale.Mode, sale.HoldsDataBearingDevices));
    }

    [Fact]
    public void E_rate_devices_younger_than_five_years_stop_the_submission_and_are_named_with_how_many_more()
    {
        var lot = SampleLots.Draft(_district, Now).Lot;

        var refused = Assert.Throws<DomainException>(() => lot.Submit(new SubmissionCheck(30, true, 25, ["5CD0001", "5CD0002"]), Now));

        Assert.Contains("E-rate", refused.Message);
        Assert.Contains("5CD0001, 5CD0002 and 23 more", refused.Message);
        Assert.True(lot.IsDraft);
    }

    [Theory]
    [InlineData("2021-03-02", false)] // five years old today
    [InlineData("2021-03-03", true)]
    [InlineData(null, true)]          // no purchase date on record
    public void An_E_rate_device_may_be_sold_from_five_years_after_its_purchase(string? purchased, bool restricted)
    {
        var device = SampleLots.Draft(_district, Now).Devices[0];
        device.FundingSource = FundingSource.ERate;
        device.PurchaseDate = purchased is null ? null : DateOnly.Parse(purchased, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(restricted, device.IsERateRestricted(Today));
        Assert.Equal(restricted, Device.ERateRestrictedOn(Today).Compile()(device));
    }

    [Fact]
    public void A_new_device_is_trimmed_and_belongs_to_the_lot()
    {
        var lot = SampleLots.Draft(_district, Now).Lot;

        var device = lot.NewDevice("  5CD0417XYZ ", " ", DeviceCategory.Chromebook, " Dell ", " Chromebook 3100 ", CosmeticGrade.A, FunctionalStatus.Working);

        Assert.Equal((lot.Id, "5CD0417XYZ", null, "Dell", "Chromebook 3100"), (device.LotId, device.Serial, device.AssetTag, device.Manufacturer, device.Model));
    }

    [Fact]
    public void A_blank_serial_is_refused()
    {
        var lot = SampleLots.Draft(_district, Now).Lot;

        Assert.Throws<DomainException>(() =>
            lot.NewDevice("   ", null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, FunctionalStatus.Working));
    }

    [Fact]
    public void Devices_cannot_be_added_once_the_lot_is_listed()
    {
        var lot = SampleLots.Listed(_district, Now).Lot;

        Assert.Throws<DomainException>(() =>
            lot.NewDevice("NEW123", null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, FunctionalStatus.Working));
        Assert.Throws<DomainException>(() => lot.EnsureDraft("Importing devices"));
    }

    [Fact]
    public void Withdrawing_a_listed_lot_cancels_its_sale_and_declines_its_open_quotes()
    {
        var sample = SampleLots.Listed(_district, Now);
        var quote = sample.Sale!.SubmitQuote(SampleLots.CertifiedRefurbisher(Now), 1200m, null, Now);

        sample.Lot.Withdraw(sample.Sale, Now.AddDays(1));

        Assert.Equal(ListingStatus.Withdrawn, sample.Lot.Status);
        Assert.Equal(Now.AddDays(1), sample.Lot.WithdrawnAt);
        Assert.Equal(SaleStatus.Cancelled, sample.Sale.Status);
        Assert.Equal(QuoteStatus.Declined, quote.Status);
        Assert.Equal(LotStage.Withdrawn, sample.Progress.Stage);
    }

    [Fact]
    public void A_draft_can_be_withdrawn_before_it_has_a_sale()
    {
        var lot = SampleLots.Draft(_district, Now).Lot;

        lot.Withdraw(null, Now);

        Assert.Equal(ListingStatus.Withdrawn, lot.Status);
    }

    [Fact]
    public void An_awarded_lot_cannot_be_withdrawn()
    {
        var sample = SampleLots.Awarded(_district, SampleLots.CertifiedRefurbisher(Now), 1200m, Now);

        Assert.Throws<DomainException>(() => sample.Lot.Withdraw(sample.Sale, Now));
        Assert.Equal(ListingStatus.Listed, sample.Lot.Status);
        Assert.Equal(LotStage.Awarded, sample.Progress.Stage);
    }
}

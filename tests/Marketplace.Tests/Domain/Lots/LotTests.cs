using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Tests.Domain.Lots;

public sealed class LotTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private readonly Guid _district = Guid.NewGuid();
    private readonly Organization _refurbisher = SampleLots.CertifiedRefurbisher(Now);

    [Fact]
    public void A_draft_without_devices_cannot_be_submitted()
    {
        var lot = new Lot { Number = "LOT-EMPTY1", DistrictId = _district, Title = "Empty", CreatedAt = Now };

        var refused = Assert.Throws<DomainException>(() => lot.Submit(Now));

        Assert.Contains("at least one device", refused.Message);
        Assert.Equal(LotStatus.Draft, lot.Status);
    }

    [Fact]
    public void Submitting_a_draft_with_devices_lists_it()
    {
        var lot = SampleLots.Draft(_district, Now);

        lot.Submit(Now);

        Assert.Equal(LotStatus.Listed, lot.Status);
        Assert.Equal(Now, lot.ListedAt);
    }

    [Theory]
    [InlineData("5CD0417ABC")]
    [InlineData("5cd0417abc")]
    [InlineData("  5CD0417ABC ")]
    public void A_serial_already_in_the_lot_is_refused(string duplicate)
    {
        var lot = SampleLots.Draft(_district, Now);

        var refused = Assert.Throws<DomainException>(() =>
            lot.AddDevice(duplicate, null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, FunctionalStatus.Working));

        Assert.Contains("already in this lot", refused.Message);
        Assert.Equal(SampleLots.Serials.Length, lot.Devices.Count);
    }

    [Fact]
    public void A_blank_serial_is_refused()
    {
        var lot = SampleLots.Draft(_district, Now);

        Assert.Throws<DomainException>(() =>
            lot.AddDevice("   ", null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, FunctionalStatus.Working));
    }

    [Fact]
    public void Devices_cannot_be_added_once_the_lot_is_listed()
    {
        var lot = SampleLots.Listed(_district, Now);

        Assert.Throws<DomainException>(() =>
            lot.AddDevice("NEW123", null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, FunctionalStatus.Working));
    }

    [Fact]
    public void A_quote_is_refused_while_the_lot_is_a_draft()
    {
        var lot = SampleLots.Draft(_district, Now);

        var refused = Assert.Throws<DomainException>(() => lot.SubmitQuote(_refurbisher, 900m, null, Now));

        Assert.Contains("listed", refused.Message);
        Assert.Empty(lot.Quotes);
    }

    [Fact]
    public void An_uncertified_refurbisher_cannot_quote_on_a_lot_holding_data_bearing_devices()
    {
        var lot = SampleLots.Listed(_district, Now);
        _refurbisher.Certification = CertificationStandard.None;

        var refused = Assert.Throws<DomainException>(() => lot.SubmitQuote(_refurbisher, 900m, null, Now));

        Assert.Contains("data-bearing", refused.Message);
        Assert.Empty(lot.Quotes);
    }

    [Fact]
    public void A_refurbisher_whose_certification_expired_cannot_quote_on_a_lot_holding_data_bearing_devices()
    {
        var lot = SampleLots.Listed(_district, Now);
        _refurbisher.CertificationExpires = Today.AddDays(-1);

        Assert.Throws<DomainException>(() => lot.SubmitQuote(_refurbisher, 900m, null, Now));
        Assert.Empty(lot.Quotes);
    }

    [Fact]
    public void An_uncertified_refurbisher_may_quote_on_a_lot_without_data_bearing_devices()
    {
        var lot = SampleLots.Draft(_district, Now, DeviceCategory.Other);
        lot.Submit(Now);
        _refurbisher.Certification = CertificationStandard.None;

        var quote = lot.SubmitQuote(_refurbisher, 250m, "Monitors and carts", Now);

        Assert.Equal(QuoteStatus.Active, quote.Status);
        Assert.False(lot.HoldsDataBearingDevices);
    }

    [Fact]
    public void Only_refurbishers_can_quote()
    {
        var lot = SampleLots.Listed(_district, Now);
        var school = new Organization { Name = "Lakeside Elementary School", Kind = OrganizationKind.School, IsVerified = true };

        Assert.Throws<DomainException>(() => lot.SubmitQuote(school, 900m, null, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void A_quote_must_be_more_than_zero(decimal amount)
    {
        var lot = SampleLots.Listed(_district, Now);

        Assert.Throws<DomainException>(() => lot.SubmitQuote(_refurbisher, amount, null, Now));
        Assert.Empty(lot.Quotes);
    }

    [Fact]
    public void A_refurbisher_quoting_again_replaces_its_active_quote()
    {
        var lot = SampleLots.Listed(_district, Now);
        var first = lot.SubmitQuote(_refurbisher, 900m, null, Now);

        var second = lot.SubmitQuote(_refurbisher, 950.456m, "Includes chargers", Now.AddHours(1));

        Assert.Same(first, second);
        var quote = Assert.Single(lot.Quotes);
        Assert.Equal(950.46m, quote.Amount);
        Assert.Equal(Now.AddHours(1).AddDays(Lot.DefaultQuoteValidityDays), quote.ValidUntil);
    }

    [Fact]
    public void Accepting_a_quote_awards_the_lot_at_the_quoted_price_and_declines_the_other_quotes()
    {
        var lot = SampleLots.Listed(_district, Now);
        var rival = SampleLots.CertifiedRefurbisher(Now);
        var winning = lot.SubmitQuote(_refurbisher, 1200m, null, Now);
        var losing = lot.SubmitQuote(rival, 1100m, null, Now);

        lot.AcceptQuote(winning.Id, Now.AddDays(2));

        Assert.Equal(LotStatus.Awarded, lot.Status);
        Assert.Equal(_refurbisher.Id, lot.BuyerId);
        Assert.Equal(winning.Id, lot.AwardedQuoteId);
        Assert.Equal(1200m, lot.HammerPrice);
        Assert.Equal(Now.AddDays(2), lot.AwardedAt);
        Assert.Equal(QuoteStatus.Accepted, winning.Status);
        Assert.Equal(QuoteStatus.Declined, losing.Status);
    }

    [Fact]
    public void An_expired_quote_cannot_be_accepted()
    {
        var lot = SampleLots.Listed(_district, Now);
        var quote = lot.SubmitQuote(_refurbisher, 1200m, null, Now);

        var refused = Assert.Throws<DomainException>(() => lot.AcceptQuote(quote.Id, Now.AddDays(Lot.DefaultQuoteValidityDays + 1)));

        Assert.Contains("expired", refused.Message);
        Assert.Equal(LotStatus.Listed, lot.Status);
        Assert.Null(lot.BuyerId);
    }

    [Fact]
    public void An_unknown_quote_cannot_be_accepted()
    {
        var lot = SampleLots.Listed(_district, Now);

        Assert.Throws<NotFoundException>(() => lot.AcceptQuote(Guid.NewGuid(), Now));
    }

    [Fact]
    public void A_pickup_cannot_be_scheduled_before_the_buyer_pays()
    {
        var lot = SampleLots.Awarded(_district, _refurbisher, 1200m, Now);

        Assert.Throws<DomainException>(() => lot.SchedulePickup(Today.AddDays(3), "8:00–10:00 am", "Dana", Today));
    }

    [Fact]
    public void A_pickup_date_in_the_past_is_refused()
    {
        var lot = SampleLots.Awarded(_district, _refurbisher, 1200m, Now);
        lot.MarkPaid(Now);

        var refused = Assert.Throws<DomainException>(() => lot.SchedulePickup(Today.AddDays(-1), "8:00–10:00 am", "Dana", Today));

        Assert.Contains("past", refused.Message);
        Assert.Equal(LotStatus.Paid, lot.Status);
        Assert.Null(lot.PickupDate);
    }

    [Fact]
    public void A_paid_lot_can_be_scheduled_and_rescheduled_for_pickup()
    {
        var lot = SampleLots.Awarded(_district, _refurbisher, 1200m, Now);
        lot.MarkPaid(Now);

        lot.SchedulePickup(Today.AddDays(3), "8:00–10:00 am", " Dana, 555-0100 ", Today);
        lot.SchedulePickup(Today.AddDays(5), "1:00–3:00 pm", "Dana, 555-0100", Today);

        Assert.Equal(LotStatus.PickupScheduled, lot.Status);
        Assert.Equal(Today.AddDays(5), lot.PickupDate);
        Assert.Equal("1:00–3:00 pm", lot.PickupWindow);
    }

    [Fact]
    public void Sanitization_cannot_be_recorded_before_the_lot_is_received()
    {
        var lot = SampleLots.InTransit(_district, _refurbisher, 1200m, Now);

        Assert.Throws<DomainException>(() =>
            lot.RecordSanitization(lot.Devices[0].Id, SanitizationMethod.Purge, "Blancco", "Priya", Now));
        Assert.False(lot.Devices[0].IsSanitized);
    }

    [Fact]
    public void Recording_sanitization_reports_when_the_last_serial_is_done()
    {
        var lot = SampleLots.Received(_district, _refurbisher, 1200m, Now);

        var done = lot.Devices.Select(d => lot.RecordSanitization(d.Id, SanitizationMethod.Purge, "Blancco", "Priya", Now)).ToList();

        Assert.Equal([false, false, true], done);
        Assert.All(lot.Devices, d => Assert.Equal(SanitizationMethod.Purge, d.SanitizationMethod));
    }

    [Fact]
    public void A_serial_cannot_be_sanitized_twice()
    {
        var lot = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        lot.RecordSanitization(lot.Devices[0].Id, SanitizationMethod.Purge, "Blancco", "Priya", Now);

        Assert.Throws<DomainException>(() => lot.RecordSanitization(lot.Devices[0].Id, SanitizationMethod.Destroy, "Shredder", "Priya", Now));
        Assert.Equal(SanitizationMethod.Purge, lot.Devices[0].SanitizationMethod);
    }

    [Fact]
    public void Certification_requires_every_serial_to_be_sanitized()
    {
        var lot = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        lot.RecordSanitization(lot.Devices[0].Id, SanitizationMethod.Purge, "Blancco", "Priya", Now);
        lot.RecordSanitization(lot.Devices[1].Id, SanitizationMethod.Purge, "Blancco", "Priya", Now);

        var refused = Assert.Throws<DomainException>(() => lot.Certify(Now));

        Assert.Contains("sanitization record", refused.Message);
        Assert.Equal(LotStatus.Received, lot.Status);

        lot.RecordSanitization(lot.Devices[2].Id, SanitizationMethod.Destroy, "Shredder", "Priya", Now);
        lot.Certify(Now);
        Assert.Equal(LotStatus.Certified, lot.Status);
    }

    [Fact]
    public void A_lot_is_settled_only_after_it_is_certified()
    {
        var received = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        Assert.Throws<DomainException>(() => received.Settle(Now));
        Assert.Equal(LotStatus.Received, received.Status);

        var certified = SampleLots.Certified(_district, _refurbisher, 1200m, Now);
        certified.Settle(Now.AddHours(1));
        Assert.Equal(LotStatus.Settled, certified.Status);
        Assert.Equal(Now.AddHours(1), certified.SettledAt);
    }

    [Fact]
    public void Withdrawing_a_listed_lot_declines_its_open_quotes()
    {
        var lot = SampleLots.Listed(_district, Now);
        var quote = lot.SubmitQuote(_refurbisher, 1200m, null, Now);

        lot.Withdraw();

        Assert.Equal(LotStatus.Withdrawn, lot.Status);
        Assert.Equal(QuoteStatus.Declined, quote.Status);
    }

    [Fact]
    public void An_awarded_lot_cannot_be_withdrawn()
    {
        var lot = SampleLots.Awarded(_district, _refurbisher, 1200m, Now);

        Assert.Throws<DomainException>(lot.Withdraw);
        Assert.Equal(LotStatus.Awarded, lot.Status);
    }
}

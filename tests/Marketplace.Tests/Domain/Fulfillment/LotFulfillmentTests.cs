using Marketplace.Tests.Domain.Lots;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Fulfillment;

namespace Marketplace.Tests.Domain.Fulfillment;

public sealed class LotFulfillmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private readonly Guid _district = Guid.NewGuid();
    private readonly OrganizationRights _refurbisher = SampleLots.CertifiedRefurbisher(Now);

    [Fact]
    public void A_pickup_date_in_the_past_is_refused()
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;

        var refused = Assert.Throws<DomainException>(() => fulfillment.SchedulePickup(Today.AddDays(-1), "8:00–10:00 am", "Dana", Today));

        Assert.Contains("past", refused.Message);
        Assert.Null(fulfillment.PickupDate);
    }

    [Fact]
    public void A_paid_lot_can_be_scheduled_and_rescheduled_for_pickup()
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;

        fulfillment.SchedulePickup(Today.AddDays(3), "8:00–10:00 am", " Dana, 555-0100 ", Today);
        fulfillment.SchedulePickup(Today.AddDays(5), "1:00–3:00 pm", "Dana, 555-0100", Today);

        Assert.Equal((Today.AddDays(5), "1:00–3:00 pm", "Dana, 555-0100"), (fulfillment.PickupDate, fulfillment.PickupWindow, fulfillment.PickupContact));
    }

    [Fact]
    public void A_lot_already_picked_up_cannot_be_rescheduled_and_is_received_only_once()
    {
        var fulfillment = SampleLots.InTransit(_district, _refurbisher, 1200m, Now).Fulfillment!;

        Assert.Throws<DomainException>(() => fulfillment.SchedulePickup(Today.AddDays(3), "8:00–10:00 am", "Dana", Today));
        fulfillment.MarkReceived(Now.AddDays(1));
        Assert.Throws<DomainException>(() => fulfillment.MarkReceived(Now.AddDays(2)));
        Assert.Equal(Now.AddDays(1), fulfillment.ReceivedAt);
    }

    [Fact]
    public void A_lot_is_picked_up_only_once_its_pickup_is_scheduled()
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;

        Assert.Throws<DomainException>(() => fulfillment.MarkPickedUp(Now));
        Assert.Throws<DomainException>(() => fulfillment.MarkReceived(Now));
    }

    [Fact]
    public void Sanitization_cannot_be_recorded_before_the_lot_is_received()
    {
        var sample = SampleLots.InTransit(_district, _refurbisher, 1200m, Now);

        Assert.Throws<DomainException>(() => sample.Fulfillment!.RecordSanitization(sample.Devices[0], null, false, Media.Emmc("X"), Media.PerformerUser, Now));
        Assert.Equal(0, sample.Fulfillment!.SanitizedCount);
    }

    [Fact]
    public void Each_record_names_its_device_medium_and_800_88_fields_and_waits_for_validation()
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);

        var record = sample.Fulfillment!.RecordSanitization(sample.Devices[1], null, false, Media.Emmc("x") with { MediumSerial = " emmc-7 ", Tool = " Blancco " }, Media.PerformerUser, Now);

        Assert.Equal((sample.Id, sample.Devices[1].Id, "EMMC-7", 1, SanitizationMethod.Purge, SanitizationTechnique.BlockErase, "Blancco", "IEEE 2883-2022", Media.Performer, RecordStatus.AwaitingValidation),
            (record.LotId, record.DeviceId, record.MediumSerial, record.Attempt, record.Method, record.Technique, record.Tool, record.StandardFollowed, record.Performer, record.Status));
        Assert.Equal((1, 1, 0), (sample.Fulfillment.SanitizedCount, sample.Fulfillment.MediaRecorded, sample.Fulfillment.MediaAccepted));
    }

    [Fact]
    public void A_second_medium_of_a_device_counts_as_a_medium_but_not_as_another_serial()
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        var fulfillment = sample.Fulfillment!;

        fulfillment.RecordSanitization(sample.Devices[0], null, false, Media.Emmc("A"), Media.PerformerUser, Now);
        fulfillment.RecordSanitization(sample.Devices[0], null, true, Media.Emmc("B"), Media.PerformerUser, Now);

        Assert.Equal((1, 2), (fulfillment.SanitizedCount, fulfillment.MediaRecorded));
    }

    [Fact]
    public void A_repeat_attempt_updates_the_medium_s_record_and_counts_nothing_new()
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        var fulfillment = sample.Fulfillment!;
        var first = fulfillment.RecordSanitization(sample.Devices[0], null, false, Media.Emmc("A"), Media.PerformerUser, Now);
        first.Validate(ValidationDecision.Repeat, Media.Validator, Media.ValidatorUser, "read-back found data in sector 0", Now);

        var repeat = fulfillment.RecordSanitization(sample.Devices[0], first, true, Media.Emmc("A") with { Method = SanitizationMethod.Destroy, Technique = SanitizationTechnique.Shred }, Media.PerformerUser, Now.AddHours(1));

        Assert.Same(first, repeat);
        Assert.Equal((2, SanitizationMethod.Destroy, RecordStatus.AwaitingValidation, "read-back found data in sector 0"), (repeat.Attempt, repeat.Method, repeat.Status, repeat.RepeatReason));
        Assert.Equal((1, 1), (fulfillment.SanitizedCount, fulfillment.MediaRecorded));
    }

    [Fact]
    public void A_device_of_another_lot_cannot_be_sanitized_in_this_one()
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        var other = SampleLots.Received(_district, _refurbisher, 900m, Now);

        var refused = Assert.Throws<DomainException>(() => sample.Fulfillment!.RecordSanitization(other.Devices[0], null, false, Media.Emmc("A"), Media.PerformerUser, Now));

        Assert.Contains(other.Devices[0].Serial, refused.Message);
        Assert.Equal(0, sample.Fulfillment!.SanitizedCount);
    }

    [Fact]
    public void A_new_medium_after_the_sample_is_drawn_is_refused_so_no_medium_escapes_quality_control()
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        var fulfillment = sample.Fulfillment!;
        Media.SanitizeAll(fulfillment, sample.Devices, Now);

        var refused = Assert.Throws<DomainException>(() => fulfillment.RecordSanitization(sample.Devices[0], null, true, Media.Emmc("LATE"), Media.PerformerUser, Now));

        Assert.Contains("quality-control sample", refused.Message);
    }

    [Fact]
    public void Certification_requires_every_serial_s_media_accepted_and_the_sample_passed()
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        var fulfillment = sample.Fulfillment!;
        var records = sample.Devices.Select(d => fulfillment.RecordSanitization(d, null, false, Media.Emmc(d.Serial), Media.PerformerUser, Now)).ToList();
        Assert.Throws<DomainException>(() => fulfillment.Certify(Now));

        foreach (var record in records)
        {
            record.Validate(ValidationDecision.Accept, Media.Validator, Media.ValidatorUser, null, Now);
            fulfillment.CountAccepted();
        }

        Assert.True(fulfillment.NeedsQualitySample);
        var refused = Assert.Throws<DomainException>(() => fulfillment.Certify(Now));
        Assert.Contains("quality-control sample", refused.Message);

        var checks = QualityCheck.Draw(sample.Id, records.Select(r => r.Id).ToList(), 1, new Random(3).Next, Now);
        fulfillment.CountSampleDrawn(checks.Count);
        Assert.Throws<DomainException>(() => fulfillment.Certify(Now));
        checks[0].Record(true, Media.Validator, Media.ValidatorUser, records.Single(r => r.Id == checks[0].RecordId), null, Now);
        fulfillment.CountCheckPassed();

        fulfillment.Certify(Now);
        Assert.Equal(Now, fulfillment.CertifiedAt);
        Assert.False(fulfillment.AcceptsSanitization);
    }
}

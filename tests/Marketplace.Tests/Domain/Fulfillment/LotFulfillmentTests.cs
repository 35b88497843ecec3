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

    private static readonly TimeOnly Eight = new(8, 0), Ten = new(10, 0), One = new(13, 0), Three = new(15, 0);
    private static readonly PickupArrangements Dock = new(" Loading dock B ", " Dana Whitfield, 555-0100 ", 4, "  ");

    [Fact]
    public void The_removal_deadline_is_ten_business_days_after_payment_skipping_weekends_and_federal_holidays()
    {
        // Paid Friday December 18, 2026: Christmas (Friday) and New Year's Day (Friday) are not business days.
        var fulfillment = LotFulfillment.Start(Guid.NewGuid(), _district, _refurbisher.OrganizationId, 3, new DateTimeOffset(2026, 12, 18, 16, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2027, 1, 5), fulfillment.RemovalDueOn);
        Assert.Equal(new DateOnly(2026, 3, 16), LotFulfillment.RemovalDeadline(Now));
    }

    [Fact]
    public void A_pickup_is_overdue_only_after_the_deadline_day_and_only_until_it_is_handed_over()
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;
        var due = fulfillment.RemovalDueOn;

        Assert.False(fulfillment.IsRemovalOverdue(due));
        Assert.True(fulfillment.IsRemovalOverdue(due.AddDays(1)));

        fulfillment.ConfirmPickupOn(Today.AddDays(1), Now);
        fulfillment.RecordHandOver(new HandOverDetails("Dana", "Sam", null, 1), 0, Guid.NewGuid(), Now.AddDays(20));
        Assert.False(fulfillment.IsRemovalOverdue(due.AddDays(30)));
    }

    [Fact]
    public void The_buyer_proposes_windows_and_the_district_confirms_one_with_dock_contact_and_boxes()
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;
        var proposed = fulfillment.ProposeWindows([new(Today.AddDays(3), Eight, Ten), new(Today.AddDays(4), One, Three)], Guid.NewGuid(), " Sam Ortiz ", Now);

        Assert.False(fulfillment.IsPickupScheduled);
        var confirmed = fulfillment.ConfirmWindow(proposed[1].Id, Dock, Now.AddHours(1));

        Assert.Equal((Today.AddDays(4), "1:00 pm–3:00 pm", "Loading dock B", "Dana Whitfield, 555-0100", 4, null),
            (fulfillment.PickupDate, fulfillment.PickupWindow, fulfillment.PickupDock, fulfillment.PickupContact, fulfillment.ExpectedPackages, fulfillment.PickupInstructions));
        Assert.Equal(PickupWindowStatus.Confirmed, confirmed.Status);
        Assert.Equal(PickupWindowStatus.NotChosen, proposed[0].Status);
        Assert.Equal("Sam Ortiz", proposed[0].ProposedBy);
        Assert.Equal(1, fulfillment.PickupRevision);
        Assert.Equal("Friday, March 6, 2026, 1:00 pm–3:00 pm", confirmed.Describe());
    }

    [Theory]
    [InlineData(-1, 8, 10, "in the past")]
    [InlineData(400, 8, 10, "more than a year ahead")]
    [InlineData(3, 10, 8, "ends before it starts")]
    [InlineData(3, 10, 10, "ends before it starts")]
    public void A_window_in_the_past_too_far_ahead_or_ending_before_it_starts_is_refused(int days, int starts, int ends, string reason)
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;

        var refused = Assert.Throws<DomainException>(() =>
            fulfillment.ProposeWindows([new(Today.AddDays(days), new TimeOnly(starts, 0), new TimeOnly(ends, 0))], Guid.NewGuid(), "Sam", Now));

        Assert.Contains(reason, refused.Message);
        Assert.Empty(fulfillment.Windows);
    }

    [Fact]
    public void A_proposal_holds_one_to_five_windows_and_none_twice()
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;

        Assert.Throws<DomainException>(() => fulfillment.ProposeWindows([], Guid.NewGuid(), "Sam", Now));
        Assert.Throws<DomainException>(() => fulfillment.ProposeWindows(
            Enumerable.Range(1, 6).Select(d => new ProposedWindow(Today.AddDays(d), Eight, Ten)).ToList(), Guid.NewGuid(), "Sam", Now));
        fulfillment.ProposeWindows([new(Today.AddDays(2), Eight, Ten)], Guid.NewGuid(), "Sam", Now);
        var twice = Assert.Throws<DomainException>(() => fulfillment.ProposeWindows([new(Today.AddDays(2), Eight, Ten)], Guid.NewGuid(), "Sam", Now));

        Assert.Contains("already proposed", twice.Message);
        Assert.Single(fulfillment.Windows);
    }

    [Fact]
    public void Confirming_another_window_moves_the_pickup_and_makes_the_earlier_reminder_stale()
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;
        var first = fulfillment.ConfirmPickupOn(Today.AddDays(3), Now);
        var firstRevision = fulfillment.PickupRevision;
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 15, 0, 0, TimeSpan.Zero), fulfillment.ReminderDueAt(Now));
        Assert.True(fulfillment.IsReminderCurrent(firstRevision));

        var later = fulfillment.ProposeWindows([new(Today.AddDays(6), One, Three)], Guid.NewGuid(), "Sam", Now)[0];
        fulfillment.ConfirmWindow(later.Id, Dock, Now);

        Assert.Equal((Today.AddDays(6), PickupWindowStatus.Moved), (fulfillment.PickupDate, first.Status));
        Assert.False(fulfillment.IsReminderCurrent(firstRevision));
        Assert.True(fulfillment.IsReminderCurrent(fulfillment.PickupRevision));
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 15, 0, 0, TimeSpan.Zero), fulfillment.ReminderDueAt(Now));
    }

    [Fact]
    public void A_pickup_tomorrow_confirmed_after_the_reminder_hour_gets_no_reminder()
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;
        fulfillment.ConfirmPickupOn(Today.AddDays(1), Now);

        Assert.Null(fulfillment.ReminderDueAt(Now.AddMinutes(1)));
        Assert.NotNull(fulfillment.ReminderDueAt(Now.AddMinutes(-1)));
    }

    [Fact]
    public void Asking_for_other_windows_declines_the_open_ones_and_keeps_a_confirmed_pickup_booked()
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;
        Assert.Throws<DomainException>(() => fulfillment.AskForOtherWindows("none yet", Now));
        fulfillment.ConfirmPickupOn(Today.AddDays(3), Now);
        var open = fulfillment.ProposeWindows([new(Today.AddDays(5), Eight, Ten)], Guid.NewGuid(), "Sam", Now)[0];

        var declined = fulfillment.AskForOtherWindows(" Dock closed that week ", Now);

        Assert.Equal([open.Id], declined.Select(w => w.Id));
        Assert.Equal((PickupWindowStatus.Declined, "Dock closed that week", Today.AddDays(3)), (open.Status, fulfillment.OtherWindowsRequest, fulfillment.PickupDate));
        Assert.Throws<DomainException>(() => fulfillment.ConfirmWindow(open.Id, Dock, Now));

        fulfillment.ProposeWindows([new(Today.AddDays(7), Eight, Ten)], Guid.NewGuid(), "Sam", Now);
        Assert.Null(fulfillment.OtherWindowsRequest);
    }

    [Fact]
    public void A_window_that_has_passed_cannot_be_confirmed()
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;
        var window = fulfillment.ProposeWindows([new(Today.AddDays(1), Eight, Ten)], Guid.NewGuid(), "Sam", Now)[0];

        var refused = Assert.Throws<DomainException>(() => fulfillment.ConfirmWindow(window.Id, Dock, Now.AddDays(2)));

        Assert.Contains("has passed", refused.Message);
        Assert.False(fulfillment.IsPickupScheduled);
    }

    [Fact]
    public void The_hand_over_needs_a_confirmed_pickup_and_no_enrolled_device_and_records_both_sides()
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;
        var details = new HandOverDetails(" Dana Whitfield ", " Sam Ortiz ", " S-1001, S-1002 ", 3);
        var recorder = Guid.NewGuid();

        Assert.Contains("Confirm a pickup window", Assert.Throws<DomainException>(() => fulfillment.RecordHandOver(details, 0, recorder, Now)).Message);
        fulfillment.ConfirmPickupOn(Today, Now);
        var enrolled = Assert.Throws<DomainException>(() => fulfillment.RecordHandOver(details, 2, recorder, Now));
        Assert.StartsWith("2 devices are still enrolled", enrolled.Message);
        Assert.Null(fulfillment.PickedUpAt);

        fulfillment.RecordHandOver(details, 0, recorder, Now);

        Assert.Equal((Now, "Dana Whitfield", "Sam Ortiz", "S-1001, S-1002", 3, recorder),
            (fulfillment.PickedUpAt, fulfillment.ReleasedBy, fulfillment.CollectedBy, fulfillment.SealNumbers, fulfillment.HandedOverPackages, fulfillment.HandOverRecordedBy));
        Assert.Throws<DomainException>(() => fulfillment.RecordHandOver(details, 0, recorder, Now));
        Assert.Throws<DomainException>(() => fulfillment.ProposeWindows([new(Today.AddDays(3), Eight, Ten)], Guid.NewGuid(), "Sam", Now));
    }

    [Theory]
    [InlineData("", "Sam", 1)]
    [InlineData("Dana", " ", 1)]
    [InlineData("Dana", "Sam", 0)]
    public void A_hand_over_names_both_people_and_counts_at_least_one_box(string releasedBy, string collectedBy, int packages)
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;
        fulfillment.ConfirmPickupOn(Today, Now);

        Assert.Throws<DomainException>(() => fulfillment.RecordHandOver(new HandOverDetails(releasedBy, collectedBy, null, packages), 0, Guid.NewGuid(), Now));
        Assert.Null(fulfillment.PickedUpAt);
    }

    [Fact]
    public void Hand_over_scans_are_taken_until_the_lot_leaves_and_receiving_scans_from_then_until_the_certificate()
    {
        var sample = SampleLots.Paid(_district, _refurbisher, 1200m, Now);
        var fulfillment = sample.Fulfillment!;
        var actor = new CustodyActor(Guid.NewGuid(), "Dana", _district);
        var label = ScannedLabel.Read(sample.Devices[0].Serial.ToLowerInvariant());

        var scan = fulfillment.RecordScan(ScanStage.HandOver, label, sample.Devices[0].Id, " 3 ", actor, Now);
        Assert.Equal((sample.Id, ScanStage.HandOver, sample.Devices[0].Id, sample.Devices[0].Serial.ToUpperInvariant(), "3", "Dana"),
            (scan.LotId, scan.Stage, scan.DeviceId, scan.Value, scan.Box, scan.ScannedBy));
        Assert.Throws<DomainException>(() => fulfillment.RecordScan(ScanStage.Receiving, label, null, null, actor, Now));

        fulfillment.ConfirmPickupOn(Today, Now);
        fulfillment.RecordHandOver(new HandOverDetails("Dana", "Sam", null, 1), 0, Guid.NewGuid(), Now);
        Assert.Contains("handed over", Assert.Throws<DomainException>(() => fulfillment.RecordScan(ScanStage.HandOver, label, null, null, actor, Now)).Message);
        Assert.True(fulfillment.AcceptsScans(ScanStage.Receiving));
        Assert.Throws<DomainException>(() => fulfillment.RecordScan(ScanStage.Receiving, label, null, new string('9', 33), actor, Now));
    }

    [Fact]
    public void A_scan_taken_back_stays_on_record_and_cannot_be_taken_back_twice()
    {
        var sample = SampleLots.Paid(_district, _refurbisher, 1200m, Now);
        var scan = sample.Fulfillment!.RecordScan(ScanStage.HandOver, ScannedLabel.Read("NOT-IN-LOT"), null, null, new CustodyActor(Guid.NewGuid(), "Dana", _district), Now);
        var user = Guid.NewGuid();

        scan.TakeBack(user, Now.AddMinutes(1));

        Assert.Equal((false, Now.AddMinutes(1), user), (scan.InForce, scan.RemovedAt, scan.RemovedByUserId));
        Assert.Throws<DomainException>(() => scan.TakeBack(user, Now.AddMinutes(2)));
    }

    [Theory]
    [InlineData("5cd1230001", "5cd1230001", "5CD1230001")]
    [InlineData(" SN:5CD1230001;TAG:MV-0001 ", "SN:5CD1230001;TAG:MV-0001", "5CD1230001")]
    [InlineData("sn:5cd1230001", "sn:5cd1230001", "5CD1230001")]
    [InlineData("mv-0001\u200B\r", "mv-0001", "MV-0001")]
    public void A_scanned_label_is_matched_by_its_serial_in_upper_case(string raw, string kept, string value)
    {
        var label = ScannedLabel.Read(raw);

        Assert.Equal((kept, value), (label.Raw, label.Value));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("SN:;TAG:MV-1")]
    [InlineData("https://example.org/a-very-long-address-that-no-serial-number-or-asset-tag-would-ever-be")]
    [InlineData("\u041CVH-0001")]
    public void A_scan_that_cannot_be_a_serial_or_asset_tag_is_refused(string raw) =>
        Assert.Throws<DomainException>(() => ScannedLabel.Read(raw));

    [Fact]
    public void A_lot_already_picked_up_is_received_only_once()
    {
        var fulfillment = SampleLots.InTransit(_district, _refurbisher, 1200m, Now).Fulfillment!;

        fulfillment.MarkReceived(fulfillment.DeviceCount, Now.AddDays(1));
        Assert.Throws<DomainException>(() => fulfillment.MarkReceived(fulfillment.DeviceCount, Now.AddDays(2)));
        Assert.Equal(Now.AddDays(1), fulfillment.ReceivedAt);
    }

    [Fact]
    public void A_lot_is_received_only_once_handed_over()
    {
        var fulfillment = SampleLots.Paid(_district, _refurbisher, 1200m, Now).Fulfillment!;

        Assert.Contains("record the hand-over first", Assert.Throws<DomainException>(() => fulfillment.MarkReceived(fulfillment.DeviceCount, Now)).Message);
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

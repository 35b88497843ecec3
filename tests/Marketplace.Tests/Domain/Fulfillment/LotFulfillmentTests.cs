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

        Assert.Throws<DomainException>(() =>
            sample.Fulfillment!.RecordSanitization(sample.Devices[0], 1, SanitizationMethod.Purge, "Blancco", "Priya", Guid.NewGuid(), Now));
        Assert.Equal(0, sample.Fulfillment!.SanitizedCount);
    }

    [Fact]
    public void Each_record_names_its_device_method_tool_and_technician_and_counts_the_serial_once()
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        var user = Guid.NewGuid();

        var record = sample.Fulfillment!.RecordSanitization(sample.Devices[1], 1, SanitizationMethod.Destroy, " Shredder ", " Priya ", user, Now);

        Assert.Equal((sample.Id, sample.Devices[1].Id, 1, SanitizationMethod.Destroy, "Shredder", "Priya", user, Now),
            (record.LotId, record.DeviceId, record.Attempt, record.Method, record.Tool, record.Technician, record.RecordedByUserId, record.RecordedAt));
        Assert.Equal(1, sample.Fulfillment.SanitizedCount);
    }

    [Fact]
    public void A_repeat_attempt_on_a_serial_is_its_own_record_but_counts_the_serial_once()
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        var fulfillment = sample.Fulfillment!;

        fulfillment.RecordSanitization(sample.Devices[0], 1, SanitizationMethod.Clear, "Blancco", "Priya", Guid.NewGuid(), Now);
        var repeat = fulfillment.RecordSanitization(sample.Devices[0], 2, SanitizationMethod.Destroy, "Shredder", "Priya", Guid.NewGuid(), Now.AddHours(1));

        Assert.Equal((2, SanitizationMethod.Destroy), (repeat.Attempt, repeat.Method));
        Assert.Equal(1, fulfillment.SanitizedCount);
    }

    [Fact]
    public void A_device_of_another_lot_cannot_be_sanitized_in_this_one()
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        var other = SampleLots.Received(_district, _refurbisher, 900m, Now);

        var refused = Assert.Throws<DomainException>(() => sample.Fulfillment!.RecordSanitization(other.Devices[0], 1, SanitizationMethod.Purge, "Blancco", "Priya", Guid.NewGuid(), Now));

        Assert.Contains(other.Devices[0].Serial, refused.Message);
        Assert.Equal(0, sample.Fulfillment!.SanitizedCount);
    }

    [Theory]
    [InlineData("", "Priya")]
    [InlineData("Blancco", " ")]
    public void A_record_needs_a_tool_and_a_technician(string tool, string technician)
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);

        Assert.Throws<DomainException>(() => sample.Fulfillment!.RecordSanitization(sample.Devices[0], 1, SanitizationMethod.Purge, tool, technician, Guid.NewGuid(), Now));
    }

    [Fact]
    public void Certification_requires_every_serial_to_be_sanitized()
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        var fulfillment = sample.Fulfillment!;
        fulfillment.RecordSanitization(sample.Devices[0], 1, SanitizationMethod.Purge, "Blancco", "Priya", Guid.NewGuid(), Now);
        fulfillment.RecordSanitization(sample.Devices[1], 1, SanitizationMethod.Purge, "Blancco", "Priya", Guid.NewGuid(), Now);

        var refused = Assert.Throws<DomainException>(() => fulfillment.Certify(Now));

        Assert.Contains("sanitization record", refused.Message);
        Assert.Null(fulfillment.CertifiedAt);

        fulfillment.RecordSanitization(sample.Devices[2], 1, SanitizationMethod.Destroy, "Shredder", "Priya", Guid.NewGuid(), Now);
        fulfillment.Certify(Now);
        Assert.Equal(Now, fulfillment.CertifiedAt);
        Assert.False(fulfillment.AcceptsSanitization);
    }
}

using Marketplace.Tests.Domain.Lots;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Tests.Domain.Fulfillment;

/// <summary>Validation by a second person (NIST SP 800-88 Rev. 2 §4.6) and the R2v3 quality-control sample.</summary>
public sealed class SanitizationRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);
    private readonly Guid _district = Guid.NewGuid();
    private readonly OrganizationRights _refurbisher = SampleLots.CertifiedRefurbisher(Now);

    private SanitizationRecord Recorded(MediumReport? report = null)
    {
        var sample = SampleLots.Received(_district, _refurbisher, 1200m, Now);
        return sample.Fulfillment!.RecordSanitization(sample.Devices[0], null, false, report ?? Media.Emmc(sample.Devices[0].Serial), Media.PerformerUser, Now);
    }

    [Fact]
    public void A_second_person_accepts_a_record_and_their_name_title_date_location_and_contact_are_kept()
    {
        var record = Recorded();

        Assert.True(record.Validate(ValidationDecision.Accept, Media.Validator, Media.ValidatorUser, null, Now.AddHours(1)));

        Assert.Equal((RecordStatus.Accepted, Media.Validator, Media.ValidatorUser, Now.AddHours(1)), (record.Status, record.Validator, record.ValidatedByUserId, record.ValidatedAt));
    }

    [Fact]
    public void Validation_by_the_person_who_recorded_it_is_refused_with_a_clear_message()
    {
        var record = Recorded();

        var refused = Assert.Throws<DomainException>(() => record.Validate(ValidationDecision.Accept, Media.Validator, Media.PerformerUser, null, Now));

        Assert.Equal($"Ken Okafor performed or recorded the sanitization of medium {record.MediumSerial}; validation must be done by a different person.", refused.Message);
        Assert.Equal(RecordStatus.AwaitingValidation, record.Status);
    }

    [Fact]
    public void Validation_under_the_performer_s_name_is_refused_even_from_another_account()
    {
        var record = Recorded();

        var refused = Assert.Throws<DomainException>(() => record.Validate(ValidationDecision.Accept, Media.Performer with { Name = " priya natarajan " }, Media.ValidatorUser, null, Now));

        Assert.Contains("validation must be done by a different person", refused.Message);
    }

    [Fact]
    public void A_repeat_decision_sends_the_medium_back_and_counts_nothing()
    {
        var record = Recorded();

        Assert.False(record.Validate(ValidationDecision.Repeat, Media.Validator, Media.ValidatorUser, "verification log missing", Now));

        Assert.Equal((RecordStatus.Repeat, "verification log missing"), (record.Status, record.RepeatReason));
        Assert.Throws<DomainException>(() => record.Validate(ValidationDecision.Accept, Media.Validator, Media.ValidatorUser, null, Now));
    }

    [Fact]
    public void An_escalation_needs_a_reason_is_shown_for_a_supervisor_and_can_then_be_decided()
    {
        var record = Recorded();
        Assert.Throws<DomainException>(() => record.Validate(ValidationDecision.Escalate, Media.Validator, Media.ValidatorUser, " ", Now));

        record.Validate(ValidationDecision.Escalate, Media.Validator, Media.ValidatorUser, "tool version not on the approved list", Now);
        Assert.Equal((RecordStatus.Escalated, "tool version not on the approved list"), (record.Status, record.EscalationReason));

        var supervisor = new PersonOfRecord("Dana Cole", "Operations manager", "Tacoma", "dana@greencycle.example");
        Assert.True(record.Validate(ValidationDecision.Accept, supervisor, Guid.NewGuid(), null, Now));
    }

    [Fact]
    public void A_record_whose_verification_failed_cannot_be_accepted()
    {
        var record = Recorded(Media.Emmc("F", result: VerificationResult.Failed));

        var refused = Assert.Throws<DomainException>(() => record.Validate(ValidationDecision.Accept, Media.Validator, Media.ValidatorUser, null, Now));

        Assert.Contains("verification", refused.Message);
    }

    [Fact]
    public void An_accepted_medium_cannot_be_recorded_again()
    {
        var record = Recorded();
        record.Validate(ValidationDecision.Accept, Media.Validator, Media.ValidatorUser, null, Now);

        Assert.Throws<DomainException>(() => record.Repeat(Media.Emmc("A"), Media.PerformerUser, Now));
    }

    [Fact]
    public void A_device_with_no_storage_records_an_inspection_and_no_method()
    {
        var record = Recorded(Media.NoMedium());

        Assert.Equal((SanitizationRecord.NoMedium, MediaType.None, (SanitizationMethod?)null), (record.MediumSerial, record.MediaType, record.Method));
        Assert.Throws<DomainException>(() => Recorded(Media.NoMedium() with { Method = SanitizationMethod.Destroy }));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(19, 1)]
    [InlineData(20, 1)]
    [InlineData(21, 2)]
    [InlineData(100, 5)]
    [InlineData(50_000, 2_500)]
    public void The_sample_is_five_percent_rounded_up_and_at_least_one(int media, int expected) =>
        Assert.Equal(expected, QualityCheck.SampleSize(media, 0.05m, 1));

    [Fact]
    public void A_configured_minimum_and_rate_raise_the_sample_but_never_beyond_the_media()
    {
        Assert.Equal(10, QualityCheck.SampleSize(40, 0.05m, 10));
        Assert.Equal(20, QualityCheck.SampleSize(40, 0.5m, 1));
        Assert.Equal(3, QualityCheck.SampleSize(3, 0.05m, 10));
        Assert.Equal(0, QualityCheck.SampleSize(0, 0.05m, 1));
    }

    [Fact]
    public void The_sample_has_no_duplicates_and_every_medium_has_an_equal_chance_of_being_drawn()
    {
        var media = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        var random = new Random(20261206);
        var drawn = media.ToDictionary(m => m, _ => 0);
        const int draws = 20_000;

        for (var i = 0; i < draws; i++)
        {
            var sample = QualityCheck.Draw(Guid.NewGuid(), media, 2, random.Next, Now);
            Assert.Equal(2, sample.Select(c => c.RecordId).Distinct().Count());
            foreach (var check in sample)
            {
                drawn[check.RecordId]++;
            }
        }

        // Each medium's expected share is 2/20 of the draws (2,000); every one, first and last included, lands near it.
        Assert.All(drawn.Values, count => Assert.InRange(count, 1_800, 2_200));
    }

    [Fact]
    public void A_quality_check_by_the_person_who_sanitized_the_medium_is_refused()
    {
        var record = Recorded();
        record.Validate(ValidationDecision.Accept, Media.Validator, Media.ValidatorUser, null, Now);
        var check = QualityCheck.Draw(record.LotId, [record.Id], 1, _ => 0, Now).Single();

        var refused = Assert.Throws<DomainException>(() => check.Record(true, Media.Performer, Guid.NewGuid(), record, null, Now));

        Assert.Contains("must be done by someone else", refused.Message);
        Assert.Equal(QualityCheckResult.Pending, check.Result);
    }

    [Fact]
    public void A_failed_quality_check_sends_the_medium_back_to_repeat_and_its_check_reopens_after_the_repeat()
    {
        var record = Recorded();
        record.Validate(ValidationDecision.Accept, Media.Validator, Media.ValidatorUser, null, Now);
        var check = QualityCheck.Draw(record.LotId, [record.Id], 1, _ => 0, Now).Single();

        check.Record(false, Media.Validator, Media.ValidatorUser, record, "recovered a file header", Now);

        Assert.Equal((QualityCheckResult.Failed, RecordStatus.Repeat), (check.Result, record.Status));
        Assert.Contains("recovered a file header", record.RepeatReason);
        record.Repeat(Media.Emmc("A"), Media.PerformerUser, Now);
        check.Reopen();
        Assert.Equal((QualityCheckResult.Pending, RecordStatus.AwaitingValidation, 2), (check.Result, record.Status, record.Attempt));
    }
}

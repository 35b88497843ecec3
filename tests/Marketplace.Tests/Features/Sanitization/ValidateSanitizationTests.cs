using System.Net;
using Marketplace.Tests.Domain.Fulfillment;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Sanitization;
using Marketplace.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Sanitization;

/// <summary>A second person's validation and the R2v3 quality-control sample, through the pipeline.</summary>
public sealed class ValidateSanitizationTests(SanitizationApp app) : IClassFixture<SanitizationApp>
{
    [Fact]
    public async Task The_person_who_recorded_a_medium_cannot_validate_it_and_is_told_why()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        var record = await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, lot.Serials[0], Media.Emmc(lot.Serials[0])));

        var refused = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(LotJourneys.Refurbisher,
            new ValidateSanitization.Command(lot.Id, record, ValidationDecision.Accept, null, Media.Validator)));

        Assert.Contains("validation must be done by a different person", refused.Message);
        Assert.Equal(RecordStatus.AwaitingValidation, await StatusAsync(record));
    }

    [Fact]
    public async Task The_trail_names_who_performed_and_who_validated_in_the_record_s_own_entries()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        var record = await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, lot.Serials[0], Media.Emmc(lot.Serials[0])));
        await app.SendAsAsync(LotJourneys.SecondTechnician, new ValidateSanitization.Command(lot.Id, record, ValidationDecision.Accept, null, Media.Validator));

        var trail = await app.WithDbAsync(db => db.AuditRecords.AsNoTracking()
            .Where(r => r.LotId == lot.Id && (r.Action == "Sanitization.RecordSanitization" || r.Action == "Sanitization.ValidateSanitization")).ToListAsync());

        // The people of record are columns of the record's row, not rows of their own.
        Assert.DoesNotContain(trail, r => r.EntityType == nameof(PersonOfRecord));
        var recorded = Assert.Single(trail, r => r.Action == "Sanitization.RecordSanitization" && r.EntityType == nameof(SanitizationRecord));
        Assert.Equal((AuditOperation.Added, record.ToString()), (recorded.Operation, recorded.EntityId));
        var added = AuditChanges.Read(recorded.Changes).ToDictionary(c => c.Field, c => c.After);
        Assert.Equal((Media.Performer.Name, Media.Performer.Title, Media.Performer.Contact), (added["Performer.Name"], added["Performer.Title"], added["Performer.Contact"]));
        Assert.Equal("EMMC-" + lot.Serials[0], added["MediumSerial"]);

        var validated = Assert.Single(trail, r => r.Action == "Sanitization.ValidateSanitization");
        Assert.Equal((AuditOperation.Modified, nameof(SanitizationRecord), record.ToString()), (validated.Operation, validated.EntityType, validated.EntityId));
        var changed = AuditChanges.Read(validated.Changes).ToDictionary(c => c.Field, c => (c.Before, c.After));
        Assert.Equal((null, Media.Validator.Name), changed["Validator.Name"]);
        Assert.Equal((null, Media.Validator.Location), changed["Validator.Location"]);
        Assert.Equal(("Awaiting validation", "Accepted"), changed["Status"]);
        Assert.DoesNotContain(changed.Keys, field => field.StartsWith("Performer.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_validation_page_refuses_the_performer_with_the_message_shown()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        var record = await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, lot.Serials[0], Media.Emmc(lot.Serials[0])));
        var performer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var response = await performer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/validation/{record}", new()
        {
            ["decision"] = nameof(ValidationDecision.Accept), ["Name"] = "Priya Natarajan", ["Title"] = "Technician", ["Location"] = "Tacoma", ["Contact"] = "priya@greencycle.example",
        });

        Assert.Contains("validation must be done by a different person", await performer.RefusalAsync(response));
    }

    [Fact]
    public async Task Another_organization_can_neither_validate_nor_re_check_the_lot_s_media()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        var record = await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, lot.Serials[0], Media.Emmc(lot.Serials[0])));
        var stranger = await app.AddOrganizationWithUserAsync($"Evergreen Recyclers {Guid.NewGuid():N}", OrganizationKind.Refurbisher, Roles.RefurbisherTechnician);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsAsync(stranger, new ValidateSanitization.Command(lot.Id, record, ValidationDecision.Accept, null, Media.Validator)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsAsync(LotJourneys.District, new ValidateSanitization.Command(lot.Id, record, ValidationDecision.Accept, null, Media.Validator)));

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsAsync("inventory@demo.k12", new ValidateSanitization.Command(lot.Id, record, ValidationDecision.Accept, null, Media.Validator)));
        Assert.Equal(RecordStatus.AwaitingValidation, await StatusAsync(record));
    }

    [Fact]
    public async Task A_repeat_decision_sends_the_medium_back_and_the_re_recorded_medium_waits_again()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        var record = await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, lot.Serials[0], Media.Emmc(lot.Serials[0])));

        await app.SendAsAsync(LotJourneys.SecondTechnician, new ValidateSanitization.Command(lot.Id, record, ValidationDecision.Repeat, "no verification log attached", Media.Validator));
        Assert.Equal(RecordStatus.Repeat, await StatusAsync(record));

        var again = await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, lot.Serials[0], Media.Emmc(lot.Serials[0])));
        Assert.Equal(record, again);
        Assert.Equal(RecordStatus.AwaitingValidation, await StatusAsync(record));
        Assert.Equal(0, await app.WithDbAsync(db => db.LotFulfillments.Where(f => f.LotId == lot.Id).Select(f => f.MediaAccepted).SingleAsync()));
    }

    [Fact]
    public async Task Accepting_every_medium_draws_the_sample_and_only_a_passed_sample_issues_the_certificate()
    {
        var lot = await app.ReceivedLotAsync(devices: 2);
        var records = new List<Guid>();
        foreach (var each in lot.Serials)
        {
            records.Add(await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, each, Media.Emmc(each))));
        }

        await app.SendAsAsync(LotJourneys.SecondTechnician, new ValidateSanitization.Command(lot.Id, records[0], ValidationDecision.Accept, null, Media.Validator));
        Assert.False(await RecordSanitizationTests.QueuedAsync<DrawQualitySample.Command>(app, lot.Id));
        await app.SendAsAsync(LotJourneys.SecondTechnician, new ValidateSanitization.Command(lot.Id, records[1], ValidationDecision.Accept, null, Media.Validator));
        Assert.True(await RecordSanitizationTests.QueuedAsync<DrawQualitySample.Command>(app, lot.Id));

        var check = Assert.Single(await MarketplaceFactory.EventuallyAsync(
            async () => await app.WithDbAsync(db => db.QualityChecks.AsNoTracking().Where(c => c.LotId == lot.Id).ToListAsync()) is { Count: > 0 } drawn ? drawn : null,
            "the quality-control sample"));
        Assert.Contains(check.RecordId, records);
        Assert.False(await RecordSanitizationTests.QueuedAsync<IssueCertificate.Command>(app, lot.Id));

        // The performer may not re-check their own medium; a failed re-check sends it back to be sanitized again.
        await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(LotJourneys.Refurbisher, new RecordQualityCheck.Command(lot.Id, check.Id, true, null, Media.Performer)));
        await app.SendAsAsync(LotJourneys.SecondTechnician, new RecordQualityCheck.Command(lot.Id, check.Id, false, "recovered a file header", Media.Validator));
        Assert.Equal(RecordStatus.Repeat, await StatusAsync(check.RecordId));
        Assert.False(await RecordSanitizationTests.QueuedAsync<IssueCertificate.Command>(app, lot.Id));

        var serial = lot.Serials[records.IndexOf(check.RecordId)];
        await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, serial, Media.Emmc(serial) with { Method = SanitizationMethod.Destroy, Technique = SanitizationTechnique.Shred }));
        await app.SendAsAsync(LotJourneys.SecondTechnician, new ValidateSanitization.Command(lot.Id, check.RecordId, ValidationDecision.Accept, null, Media.Validator));
        Assert.False(await RecordSanitizationTests.QueuedAsync<IssueCertificate.Command>(app, lot.Id));
        await app.SendAsAsync(LotJourneys.SecondTechnician, new RecordQualityCheck.Command(lot.Id, check.Id, true, null, Media.Validator));

        Assert.True(await RecordSanitizationTests.QueuedAsync<IssueCertificate.Command>(app, lot.Id));
        var certificate = await MarketplaceFactory.EventuallyAsync(() => app.WithDbAsync(db => db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.LotId == lot.Id)), "the certificate job");
        Assert.Equal(2, certificate.DeviceCount);
    }

    [Fact]
    public async Task The_lot_page_lists_records_awaiting_validation_and_keeps_the_bench_settings()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, lot.Serials[0], Media.Emmc(lot.Serials[0])));
        var technician = await BrowserClient.SignInAsync(app, LotJourneys.SecondTechnician);

        var page = await technician.GetPageAsync(lot.PurchaseUrl);

        Assert.Contains("1 awaiting a second person", page);
        Assert.Contains($"EMMC-{lot.Serials[0]}", page);
        Assert.Contains("value=\"Accept\"", page);
        Assert.Contains("value=\"Escalate\"", page);
    }

    [Fact]
    public async Task A_second_person_accepts_every_record_they_did_not_perform_at_once_and_the_sample_follows()
    {
        var lot = await app.ReceivedLotAsync(devices: 3);
        foreach (var serial in lot.Serials.Take(2))
        {
            await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, serial, Media.Emmc(serial)));
        }

        await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, lot.Serials[2], Media.Emmc(lot.Serials[2], result: VerificationResult.Failed)));
        var technician = await BrowserClient.SignInAsync(app, LotJourneys.SecondTechnician);
        var page = WebUtility.HtmlDecode(await technician.GetPageAsync(lot.PurchaseUrl));
        Assert.Contains("Accept all 2 records awaiting validation that you did not perform", page);
        var through = System.Text.RegularExpressions.Regex.Match(page, "name=\"through\" value=\"([^\"]+)\"").Groups[1].Value;

        var landed = WebUtility.HtmlDecode(await technician.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/validation/accept-all", new()
        {
            ["through"] = through, ["Name"] = Media.Validator.Name, ["Title"] = Media.Validator.Title, ["Location"] = Media.Validator.Location, ["Contact"] = Media.Validator.Contact,
        }));

        Assert.Contains("2 records accepted.", landed);
        var statuses = await app.WithDbAsync(db => db.SanitizationRecords.Where(r => r.LotId == lot.Id).Select(r => new { r.Status, r.Validator!.Name }).ToListAsync());
        Assert.Equal(2, statuses.Count(s => s.Status == RecordStatus.Accepted && s.Name == Media.Validator.Name));
        Assert.Equal(RecordStatus.AwaitingValidation, Assert.Single(statuses, s => s.Status != RecordStatus.Accepted).Status);
        Assert.Equal(2, await app.WithDbAsync(db => db.LotFulfillments.Where(f => f.LotId == lot.Id).Select(f => f.MediaAccepted).SingleAsync()));
    }

    [Fact]
    public async Task Accepting_all_at_once_leaves_the_performer_s_own_records_and_those_recorded_after_the_page_was_shown()
    {
        var lot = await app.ReceivedLotAsync(devices: 2);
        await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, lot.Serials[0], Media.Emmc(lot.Serials[0])));
        var shown = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, lot.Serials[1], Media.Emmc(lot.Serials[1])));

        var byPerformer = await Assert.ThrowsAsync<DomainException>(() => app.SendAsAsync(LotJourneys.Refurbisher, new AcceptAwaitingRecords.Command(lot.Id, DateTimeOffset.UtcNow, Media.Validator)));
        var result = await app.SendAsAsync(LotJourneys.SecondTechnician, new AcceptAwaitingRecords.Command(lot.Id, shown, Media.Validator));

        Assert.Equal("No record awaits your validation any more; the list shows where the lot stands.", byPerformer.Message);
        Assert.Equal(new AcceptAwaitingRecords.Result(1, 0), result);
        Assert.Equal(1, await app.WithDbAsync(db => db.SanitizationRecords.CountAsync(r => r.LotId == lot.Id && r.Status == RecordStatus.AwaitingValidation)));
    }

    private Task<RecordStatus> StatusAsync(Guid record) =>
        app.WithDbAsync(db => db.SanitizationRecords.Where(r => r.Id == record).Select(r => r.Status).SingleAsync());
}

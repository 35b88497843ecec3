using System.Net;
using Marketplace.Tests.Domain.Fulfillment;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Sanitization;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Sanitization;

/// <summary>One app for the sanitization tests: each test sells its own lot with its own serials.</summary>
public sealed class SanitizationApp : MarketplaceFactory;

public sealed class RecordSanitizationTests(SanitizationApp app) : IClassFixture<SanitizationApp>
{
    [Fact]
    public async Task Each_medium_is_recorded_with_its_800_88_fields_and_waits_for_a_second_person()
    {
        var lot = await app.ReceivedLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var page = await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form($" {lot.Serials[1]} ", "ssd-0001", SanitizationMethod.Destroy));

        Assert.Contains($"Medium ssd-0001 of {lot.Serials[1]} recorded", page);
        var record = Assert.Single(await RecordsAsync(lot.Id));
        Assert.Equal((lot.Serials[1], "SSD-0001", 1, SanitizationMethod.Destroy, "Blancco Drive Eraser", "7.14", "Priya Natarajan", RecordStatus.AwaitingValidation),
            (record.Serial, record.MediumSerial, record.Attempt, record.Method, record.Tool, record.ToolVersion, record.Performer, record.Status));
        Assert.Equal((1, 1, 0), await CountsAsync(lot.Id));
        // The form keeps the bench's settings for the next scan, but not the serials.
        Assert.Contains("value=\"Blancco Drive Eraser\"", page);
        Assert.Contains("value=\"Sanitization technician\"", page);
        Assert.DoesNotContain("value=\"SSD-0001\"", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SSD-0001", page);
    }

    [Fact]
    public async Task A_device_with_two_media_gets_two_records_and_counts_once_as_a_serial()
    {
        var lot = await app.ReceivedLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[0], "NVME-A"));
        await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[0], "SD-CARD-B"));

        Assert.Equal(["NVME-A", "SD-CARD-B"], (await RecordsAsync(lot.Id)).Select(r => r.MediumSerial));
        Assert.Equal((1, 2, 0), await CountsAsync(lot.Id));
    }

    [Fact]
    public async Task An_unknown_serial_is_refused_with_a_message_naming_it()
    {
        var lot = await app.ReceivedLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var response = await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form("NOSUCH-0001"));

        Assert.Equal($"Serial NOSUCH-0001 is not in lot {lot.Number}. Check the label, or whether the device came from another lot.", await buyer.RefusalAsync(response));
        Assert.Empty(await RecordsAsync(lot.Id));
        Assert.Equal((0, 0, 0), await CountsAsync(lot.Id));
    }

    [Fact]
    public async Task A_serial_of_another_lot_is_refused_with_a_message_naming_it_and_neither_lot_changes()
    {
        var lot = await app.ReceivedLotAsync();
        var other = await app.ReceivedLotAsync(devices: 1);
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var response = await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form(other.Serials[0]));

        Assert.StartsWith($"Serial {other.Serials[0]} is not in lot {lot.Number}.", await buyer.RefusalAsync(response));
        Assert.Empty(await RecordsAsync(lot.Id));
        Assert.Empty(await RecordsAsync(other.Id));
    }

    [Fact]
    public async Task A_repeat_attempt_updates_the_medium_s_record_and_it_counts_once()
    {
        var lot = await app.ReceivedLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[0], "EMMC-1", SanitizationMethod.Clear));

        await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[0], "emmc-1", SanitizationMethod.Destroy));

        var record = Assert.Single(await RecordsAsync(lot.Id));
        Assert.Equal((2, SanitizationMethod.Destroy), (record.Attempt, record.Method));
        Assert.Equal((1, 1, 0), await CountsAsync(lot.Id));
    }

    [Fact]
    public async Task A_device_without_storage_is_recorded_as_medium_none_with_no_method()
    {
        var lot = await app.ReceivedLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var form = Form(lot.Serials[0], "");
        form["MediaType"] = nameof(MediaType.None);

        await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", form);

        var record = Assert.Single(await RecordsAsync(lot.Id));
        Assert.Equal((SanitizationRecord.NoMedium, (SanitizationMethod?)null), (record.MediumSerial, record.Method));
    }

    [Fact]
    public async Task Sanitization_is_refused_until_the_lot_is_received()
    {
        var lot = await app.InTransitLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var response = await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[0]));

        Assert.Equal("Sanitization is recorded after the lot is received.", await buyer.RefusalAsync(response));
        Assert.Empty(await RecordsAsync(lot.Id));
    }

    [Fact]
    public async Task A_record_without_a_tool_or_performer_is_sent_back_with_what_is_missing()
    {
        var lot = await app.ReceivedLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var form = Form(lot.Serials[0]);
        form["Tool"] = "";
        form["PerformerName"] = " ";

        var refusal = await buyer.RefusalAsync(await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", form));

        Assert.Contains("Name the tool or process", refusal);
        Assert.Contains("Name the person who performed the sanitization.", refusal);
        Assert.Empty(await RecordsAsync(lot.Id));
    }

    [Fact]
    public async Task Only_the_buyer_records_sanitization_of_its_lot()
    {
        var lot = await app.ReceivedLotAsync();
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var otherRefurbisher = await app.AddOrganizationWithUserAsync($"Evergreen Recyclers {Guid.NewGuid():N}", OrganizationKind.Refurbisher, Roles.RefurbisherTechnician);

        var byDistrict = await district.PostFormAsync(lot.LotUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[0]));
        var byOther = await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsAsync(otherRefurbisher, new RecordSanitization.Command(lot.Id, lot.Serials[0], Media.Emmc(lot.Serials[0]))));

        byDistrict.AssertAccessDenied();
        Assert.NotNull(byOther);
        Assert.Empty(await RecordsAsync(lot.Id));
    }

    [Fact]
    public async Task Recording_every_serial_queues_neither_the_sample_nor_the_certificate_before_validation()
    {
        var lot = await app.ReceivedLotAsync(devices: 2);
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[0]));
        await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[1]));

        Assert.Equal((2, 2, 0), await CountsAsync(lot.Id));
        Assert.False(await QueuedAsync<DrawQualitySample.Command>(app, lot.Id));
        Assert.False(await QueuedAsync<IssueCertificate.Command>(app, lot.Id));
    }

    internal static Dictionary<string, string> Form(string serial, string mediumSerial = "EMMC-0001", SanitizationMethod method = SanitizationMethod.Purge) => new()
    {
        ["Serial"] = serial, ["MediumSerial"] = mediumSerial, ["Manufacturer"] = "Samsung", ["Model"] = "KLMBG2JETD", ["MediaType"] = nameof(MediaType.Emmc),
        ["MediaSource"] = "internal", ["Method"] = method.ToString(), ["Technique"] = nameof(SanitizationTechnique.BlockErase), ["StandardFollowed"] = "IEEE 2883-2022",
        ["Tool"] = "Blancco Drive Eraser", ["ToolVersion"] = "7.14", ["VerificationMethod"] = "full read-back", ["VerificationResult"] = nameof(VerificationResult.Passed),
        ["Destination"] = nameof(MediaDestination.ExternalReuse), ["DataBackedUp"] = nameof(DataBackedUp.No),
        ["PerformerName"] = "Priya Natarajan", ["PerformerTitle"] = "Sanitization technician", ["PerformerLocation"] = "Tacoma bench 3", ["PerformerContact"] = "priya@greencycle.example",
    };

    private sealed record RecordRow(string Serial, string MediumSerial, int Attempt, SanitizationMethod? Method, string Tool, string ToolVersion, string Performer, RecordStatus Status);

    private async Task<List<RecordRow>> RecordsAsync(Guid lotId)
    {
        var rows = await app.WithDbAsync(db => db.SanitizationRecords.AsNoTracking().Where(r => r.LotId == lotId)
            .Join(db.Devices, r => r.DeviceId, d => d.Id, (r, d) => new RecordRow(d.Serial, r.MediumSerial, r.Attempt, r.Method, r.Tool, r.ToolVersion, r.Performer.Name, r.Status))
            .ToListAsync());
        return [.. rows.OrderBy(r => r.Serial, StringComparer.Ordinal).ThenBy(r => r.MediumSerial, StringComparer.Ordinal)];
    }

    private Task<(int, int, int)> CountsAsync(Guid lotId) => CountsAsync(app, lotId);

    /// <summary>(serials recorded, media recorded, media accepted) of the lot.</summary>
    internal static Task<(int, int, int)> CountsAsync(MarketplaceFactory app, Guid lotId) =>
        app.WithDbAsync(async db => await db.LotFulfillments.Where(f => f.LotId == lotId).Select(f => new { f.SanitizedCount, f.MediaRecorded, f.MediaAccepted }).SingleAsync() is var c
            ? (c.SanitizedCount, c.MediaRecorded, c.MediaAccepted) : default);

    /// <summary>Follow-up jobs are queued in the same transaction as the command that calls for them.</summary>
    internal static Task<bool> QueuedAsync<TCommand>(MarketplaceFactory app, Guid lotId) =>
        app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Type == typeof(TCommand).FullName && m.Payload.Contains(lotId.ToString())));
}

using System.Net;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Sanitization;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Sanitization;

/// <summary>One app for the sanitization tests: each test sells its own lot with its own serials.</summary>
public sealed class SanitizationApp : MarketplaceFactory;

public sealed class RecordSanitizationTests(SanitizationApp app) : IClassFixture<SanitizationApp>
{
    [Fact]
    public async Task Each_serial_is_recorded_with_its_method_tool_and_technician_and_counts_towards_the_lot()
    {
        var lot = await app.ReceivedLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var page = await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form($" {lot.Serials[1]} ", SanitizationMethod.Destroy));

        Assert.Contains($"Sanitization of {lot.Serials[1]} recorded.", page);
        Assert.Contains($"1 of {lot.Serials.Count} done", page);
        var record = Assert.Single(await RecordsAsync(lot.Id));
        Assert.Equal((lot.Serials[1], 1, SanitizationMethod.Destroy, "Blancco Drive Eraser 7", "Priya Natarajan"),
            (record.Serial, record.Attempt, record.Method, record.Tool, record.Technician));
        Assert.Equal(1, await SanitizedCountAsync(lot.Id));
    }

    [Fact]
    public async Task An_unknown_serial_is_refused_with_a_message_naming_it()
    {
        var lot = await app.ReceivedLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var response = await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form("NOSUCH-0001"));

        Assert.Equal($"Serial NOSUCH-0001 is not in lot {lot.Number}. Check the label, or whether the device came from another lot.", await buyer.RefusalAsync(response));
        Assert.Empty(await RecordsAsync(lot.Id));
        Assert.Equal(0, await SanitizedCountAsync(lot.Id));
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
        Assert.Equal((0, 0), (await SanitizedCountAsync(lot.Id), await SanitizedCountAsync(other.Id)));
    }

    [Fact]
    public async Task A_repeat_attempt_adds_a_row_the_lot_shows_the_latest_and_the_serial_counts_once()
    {
        var lot = await app.ReceivedLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[0], SanitizationMethod.Clear));

        var page = await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[0], SanitizationMethod.Destroy));

        Assert.Contains($"Sanitization of {lot.Serials[0]} recorded.", page);
        var records = await RecordsAsync(lot.Id);
        Assert.Equal([(1, SanitizationMethod.Clear), (2, SanitizationMethod.Destroy)], records.Select(r => (r.Attempt, r.Method)));
        Assert.Equal(1, await SanitizedCountAsync(lot.Id));
        Assert.Contains($"1 of {lot.Serials.Count} done", page);
        Assert.Contains($"{nameof(SanitizationMethod.Destroy)}</span>", page);
        Assert.DoesNotContain($"{nameof(SanitizationMethod.Clear)}</span>", page);
        Assert.False(await CertificateQueuedAsync(lot.Id), "a repeat must not complete a lot whose other serials are pending");
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
    public async Task A_record_without_a_tool_or_technician_is_sent_back_with_what_is_missing()
    {
        var lot = await app.ReceivedLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var response = await buyer.PostFormAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", new()
        {
            ["Serial"] = lot.Serials[0], ["Method"] = nameof(SanitizationMethod.Purge), ["Tool"] = "", ["Technician"] = " ",
        });

        var refusal = await buyer.RefusalAsync(response);
        Assert.Contains("Name the tool or process", refusal);
        Assert.Contains("Name the technician who verified the result.", refusal);
        Assert.Empty(await RecordsAsync(lot.Id));
    }

    [Fact]
    public async Task Only_the_buyer_records_sanitization_of_its_lot()
    {
        var lot = await app.ReceivedLotAsync();
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var byDistrict = await district.PostFormAsync(lot.LotUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[0]));

        byDistrict.AssertAccessDenied();
        Assert.Empty(await RecordsAsync(lot.Id));
    }

    [Fact]
    public async Task The_last_serial_queues_the_certificate_and_not_before()
    {
        var lot = await app.ReceivedLotAsync(devices: 2);
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[0]));
        Assert.False(await CertificateQueuedAsync(lot.Id));

        var page = await buyer.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/sanitization", Form(lot.Serials[1]));

        Assert.True(await CertificateQueuedAsync(lot.Id));
        Assert.Equal(2, await SanitizedCountAsync(lot.Id));
        Assert.DoesNotContain($"action=\"{lot.PurchaseUrl}/sanitization\"", page);
    }

    private static Dictionary<string, string> Form(string serial, SanitizationMethod method = SanitizationMethod.Purge) => new()
    {
        ["Serial"] = serial, ["Method"] = method.ToString(), ["Tool"] = "Blancco Drive Eraser 7", ["Technician"] = "Priya Natarajan",
    };

    private sealed record RecordRow(string Serial, int Attempt, SanitizationMethod Method, string Tool, string Technician);

    private async Task<List<RecordRow>> RecordsAsync(Guid lotId)
    {
        var rows = await app.WithDbAsync(db => db.SanitizationRecords.AsNoTracking().Where(r => r.LotId == lotId)
            .Join(db.Devices, r => r.DeviceId, d => d.Id, (r, d) => new RecordRow(d.Serial, r.Attempt, r.Method, r.Tool, r.Technician))
            .ToListAsync());
        return [.. rows.OrderBy(r => r.Serial, StringComparer.Ordinal).ThenBy(r => r.Attempt)];
    }

    private Task<int> SanitizedCountAsync(Guid lotId) =>
        app.WithDbAsync(db => db.LotFulfillments.Where(f => f.LotId == lotId).Select(f => f.SanitizedCount).SingleAsync());

    /// <summary>The certificate job is queued in the same transaction as the record that completes the lot.</summary>
    private Task<bool> CertificateQueuedAsync(Guid lotId) =>
        app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Type == typeof(IssueCertificate.Command).FullName && m.Payload.Contains(lotId.ToString())));
}

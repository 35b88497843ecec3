using System.Text;
using Marketplace.Tests.Features.Imports;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Sanitization;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Lots;

/// <summary>
/// Look-alike spellings of one serial are one device wherever serials arrive (the form, an import, a sanitization scan),
/// and a serial with letters from another script is refused naming the letter.
/// </summary>
public sealed class LookAlikeSerialTests(LoggedMarketplaceFactory app) : IClassFixture<LoggedMarketplaceFactory>
{
    // Each test uses a serial of its own: they share one app, and a serial in one open lot is refused in another.
    private static string[] Variants(string serial) =>
    [
        string.Concat(serial.Select(ch => ch is >= '!' and <= '~' ? (char)(ch - '!' + '\uFF01') : ch)), // full-width
        serial.Insert(4, "\u200B"), serial.Insert(4, "\u0001"), serial + "\r\n", serial.Insert(4, "\r\n"), "\u202E" + serial,
    ];

    [Fact]
    public async Task Full_width_invisible_and_control_character_variants_of_a_serial_in_the_form_are_the_same_device()
    {
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var lotUrl = (await district.PostFormAsync("/lots/new", "/lots/new", new() { ["Title"] = "Look-alikes" })).Headers.Location!.OriginalString;
        var lotId = Guid.Parse(lotUrl[(lotUrl.LastIndexOf('/') + 1)..]);
        Assert.Contains("Added serial MVH-0001", await district.SubmitAsync(lotUrl, $"{lotUrl}/devices", Device("MVH-0001")));

        foreach (var variant in Variants("MVH-0001"))
        {
            var refusal = await district.RefusalAsync(await district.PostFormAsync(lotUrl, $"{lotUrl}/devices", Device(variant)));

            // A control character a browser cannot type is refused before the serial is even read; the rest are repeats.
            Assert.Equal(variant.Contains('\u0001') ? "Serial: \"MVH-[U+0001]0001\" contains the control character U+0001, which no field accepts; remove it." : "Serial MVH-0001 is already in this lot.", refusal);
        }

        Assert.Equal(["MVH-0001"], await app.WithDbAsync(db => db.Devices.Where(d => d.LotId == lotId).Select(d => d.Serial).ToListAsync()));
        app.AssertNoFailures();
    }

    [Fact]
    public async Task A_serial_with_a_Cyrillic_letter_is_refused_in_the_form_naming_the_letter()
    {
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var lotUrl = (await district.PostFormAsync("/lots/new", "/lots/new", new() { ["Title"] = "Cyrillic" })).Headers.Location!.OriginalString;

        var refusal = await district.RefusalAsync(await district.PostFormAsync(lotUrl, $"{lotUrl}/devices", Device("\u041CVH-0001")));

        Assert.Equal("Serial \"\u041CVH-0001\": \"\u041C\" (U+041C) is a Cyrillic letter, not the Latin letter it looks like. Type serial numbers with Latin letters and digits.", refusal);
        app.AssertNoFailures();
    }

    [Fact]
    public async Task Look_alike_serials_in_an_import_are_reported_as_repeats_of_the_first_and_a_Cyrillic_one_as_not_a_serial()
    {
        var kit = await ImportTestKit.StartAsync(app);
        var lot = await kit.CreateLotAsync();
        var rows = new[] { "MVI-0002" }.Concat(Variants("MVI-0002").Where(v => !v.Contains('\r'))).Append("\u041CVI-0002")
            .Select((serial, i) => $"\"{serial}\",Dell Chromebook 3100,T{i}");
        var job = await kit.UploadOkAsync(lot, "look-alikes.csv", "Serial,Model,Asset Tag\n" + string.Join("\n", rows) + "\n");

        var checkedJob = await kit.MapAndCheckAsync(job);

        Assert.Equal(1, checkedJob.ValidRows);
        var issues = await kit.IssuesAsync(job);
        Assert.Equal(4, issues.Count(i => i.Reason == "Serial MVI-0002 is also on row 2 of this file."));
        Assert.Contains(issues, i => i.Row == 7 && i.Reason.Contains("\"\u041C\" (U+041C) is a Cyrillic letter", StringComparison.Ordinal));
        app.AssertNoFailures();
    }

    [Fact]
    public async Task A_scan_of_a_full_width_serial_records_the_device_and_a_Cyrillic_scan_is_refused_naming_the_letter()
    {
        var lot = await app.ReceivedLotAsync(devices: 1);
        var fullWidth = Variants(lot.Serials[0])[0];

        await app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, fullWidth, Marketplace.Tests.Domain.Fulfillment.Media.Emmc("A")));
        var cyrillic = lot.Serials[0].Replace('C', '\u0421');
        var refused = await Assert.ThrowsAsync<Marketplace.Web.Domain.DomainException>(() =>
            app.SendAsAsync(LotJourneys.Refurbisher, new RecordSanitization.Command(lot.Id, cyrillic, Marketplace.Tests.Domain.Fulfillment.Media.Emmc("B"))));

        Assert.Equal(lot.Serials[0], await app.WithDbAsync(db => db.SanitizationRecords.Where(r => r.LotId == lot.Id).Join(db.Devices, r => r.DeviceId, d => d.Id, (_, d) => d.Serial).SingleAsync()));
        Assert.Contains("\"\u0421\" (U+0421) is a Cyrillic letter", refused.Message);
    }

    private static Dictionary<string, string> Device(string serial) => new()
    {
        ["Serial"] = serial, ["Category"] = nameof(DeviceCategory.Chromebook), ["Manufacturer"] = "Dell", ["Model"] = "Chromebook 3100",
        ["Grade"] = nameof(CosmeticGrade.A), ["Functional"] = nameof(FunctionalStatus.Working),
    };
}

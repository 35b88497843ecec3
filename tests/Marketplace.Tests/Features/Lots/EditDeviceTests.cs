using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Lots;

/// <summary>A district corrects one device, such as the purchase date that E-rate refused, and adds devices with their funding.</summary>
public sealed class EditDeviceTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_device_added_by_hand_keeps_its_purchase_date_and_funding_so_the_e_rate_rule_can_judge_it()
    {
        var (district, lotUrl, lotId) = await NewLotAsync();
        var recent = DateTime.UtcNow.AddYears(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await district.SubmitAsync(lotUrl, $"{lotUrl}/devices", Device("HAND0002", recent, nameof(FundingSource.ERate)));

        var device = await _factory.WithDbAsync(db => db.Devices.SingleAsync(d => d.LotId == lotId));
        Assert.Equal((FundingSource.ERate, DateOnly.Parse(recent, System.Globalization.CultureInfo.InvariantCulture)), (device.FundingSource, device.PurchaseDate));
        Assert.Contains("Remove or correct: HAND0002", await district.SubmitAsync(lotUrl, $"{lotUrl}/submit"));
    }

    [Fact]
    public async Task Correcting_the_purchase_date_of_the_serial_e_rate_refused_lets_the_lot_be_submitted()
    {
        var (district, lotUrl, lotId) = await NewLotAsync();
        await district.SubmitAsync(lotUrl, $"{lotUrl}/devices", Device("HAND0002", null, nameof(FundingSource.ERate)));
        var deviceId = await _factory.WithDbAsync(db => db.Devices.Where(d => d.LotId == lotId).Select(d => d.Id).SingleAsync());
        var lotPage = await district.GetPageAsync(lotUrl);
        Assert.Contains($"{lotUrl}/devices/{deviceId}/edit", lotPage);

        var editUrl = $"{lotUrl}/devices/{deviceId}/edit";
        var form = await district.GetPageAsync(editUrl);
        Assert.Contains("Edit serial <span class=\"mono\">HAND0002</span>", form);
        Assert.Contains("<option value=\"ERate\" selected=\"selected\">E-rate</option>", form);
        var saved = await district.SubmitAsync(editUrl, editUrl, Details(purchaseDate: "2018-08-15", battery: "87", notes: "Hinge replaced 2023"));

        Assert.Contains("Device updated.", saved);
        var device = await _factory.WithDbAsync(db => db.Devices.SingleAsync(d => d.Id == deviceId));
        Assert.Equal((new DateOnly(2018, 8, 15), 87, "Hinge replaced 2023", CosmeticGrade.B, "HAND0002"),
            (device.PurchaseDate!.Value, device.BatteryHealthPercent!.Value, device.Notes!, device.Grade, device.Serial));
        Assert.Contains("The lot is listed", await district.SubmitAsync(lotUrl, $"{lotUrl}/submit"));
    }

    [Theory]
    [InlineData("RamGb", "0", "RAM: a whole number of GB from 1 to 1,024.")]
    [InlineData("BatteryHealthPercent", "140", "Battery health: a percentage from 0 to 100.")]
    [InlineData("PurchaseDate", "2999-01-01", "Purchase date: a date between 1990 and today.")]
    [InlineData("Model", "", "Enter the device model")]
    public async Task An_out_of_range_value_is_refused_with_the_field_named_and_nothing_changes(string field, string value, string message)
    {
        var (district, lotUrl, lotId) = await NewLotAsync();
        await district.SubmitAsync(lotUrl, $"{lotUrl}/devices", Device("HAND0003", null, nameof(FundingSource.Local)));
        var deviceId = await _factory.WithDbAsync(db => db.Devices.Where(d => d.LotId == lotId).Select(d => d.Id).SingleAsync());
        var editUrl = $"{lotUrl}/devices/{deviceId}/edit";
        var fields = Details(purchaseDate: "2019-01-01", battery: "50", notes: "changed");
        fields[field] = value;

        var page = await district.SubmitAsync(editUrl, editUrl, fields);

        Assert.Contains(message, page);
        var device = await _factory.WithDbAsync(db => db.Devices.SingleAsync(d => d.Id == deviceId));
        Assert.Equal(((DateOnly?)null, (string?)null), (device.PurchaseDate, device.Notes));
    }

    [Fact]
    public async Task Another_district_cannot_open_or_change_the_device()
    {
        var (district, lotUrl, lotId) = await NewLotAsync();
        await district.SubmitAsync(lotUrl, $"{lotUrl}/devices", Device("HAND0004", null, nameof(FundingSource.Local)));
        var deviceId = await _factory.WithDbAsync(db => db.Devices.Where(d => d.LotId == lotId).Select(d => d.Id).SingleAsync());
        var other = await BrowserClient.SignInAsync(_factory, "district2@demo.k12");
        var editUrl = $"{lotUrl}/devices/{deviceId}/edit";

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await other.Http.GetAsync(editUrl)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await other.PostFormAsync("/lots", editUrl, Details("2019-01-01", "50", "x"))).StatusCode);
        Assert.Null(await _factory.WithDbAsync(db => db.Devices.Where(d => d.Id == deviceId).Select(d => d.Notes).SingleAsync()));
    }

    private async Task<(BrowserClient District, string LotUrl, Guid LotId)> NewLotAsync()
    {
        var district = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        var created = await district.PostFormAsync("/lots/new", "/lots/new", new() { ["Title"] = "Grade 6 Chromebooks" });
        var lotUrl = created.Headers.Location!.OriginalString;
        return (district, lotUrl, Guid.Parse(lotUrl[(lotUrl.LastIndexOf('/') + 1)..]));
    }

    private static Dictionary<string, string> Device(string serial, string? purchaseDate, string funding) => new()
    {
        ["Serial"] = serial, ["Category"] = nameof(DeviceCategory.Chromebook), ["Manufacturer"] = "Dell", ["Model"] = "Chromebook 3100",
        ["Grade"] = nameof(CosmeticGrade.B), ["Functional"] = nameof(FunctionalStatus.Working), ["PurchaseDate"] = purchaseDate ?? "", ["FundingSource"] = funding,
    };

    private static Dictionary<string, string> Details(string purchaseDate, string battery, string notes) => new()
    {
        ["AssetTag"] = "MV-0002", ["Category"] = nameof(DeviceCategory.Chromebook), ["Manufacturer"] = "Dell", ["Model"] = "Chromebook 3100",
        ["Cpu"] = "Celeron N4000", ["RamGb"] = "4", ["StorageGb"] = "32", ["PurchaseDate"] = purchaseDate, ["FundingSource"] = nameof(FundingSource.ERate),
        ["AueDate"] = "2027-06-01", ["Enrollment"] = nameof(EnrollmentStatus.Deprovisioned), ["DeclaredSanitization"] = nameof(DeclaredSanitization.Wiped),
        ["Grade"] = nameof(CosmeticGrade.B), ["Functional"] = nameof(FunctionalStatus.Working), ["BatteryHealthPercent"] = battery, ["HasCharger"] = "true",
        ["Location"] = "MS library cart 3", ["Notes"] = notes,
    };
}

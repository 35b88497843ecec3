using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Lots;

public sealed class AddDeviceTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_device_without_a_serial_is_sent_back_to_the_lot_page_with_the_reason_and_not_saved()
    {
        var (district, lotUrl, lotId) = await NewLotAsync();

        var page = await district.SubmitAsync(lotUrl, $"{lotUrl}/devices", Device("   "));

        Assert.Contains("That didn't work", page);
        Assert.Contains("Enter the manufacturer serial number.", page);
        Assert.Contains("Grade 5 Chromebooks", page);
        Assert.Equal(0, await DeviceCountAsync(lotId));
    }

    [Fact]
    public async Task A_serial_already_in_the_lot_is_sent_back_with_the_reason_and_not_saved_twice()
    {
        var (district, lotUrl, lotId) = await NewLotAsync();
        Assert.Contains("Added serial 5CD0417ABC", await district.SubmitAsync(lotUrl, $"{lotUrl}/devices", Device("5CD0417ABC")));

        var page = await district.SubmitAsync(lotUrl, $"{lotUrl}/devices", Device(" 5cd0417abc "));

        Assert.Contains("That didn't work", page);
        Assert.Contains("already in this lot", page);
        Assert.Equal(1, await DeviceCountAsync(lotId));
    }

    [Fact]
    public async Task A_serial_already_in_another_lot_of_the_district_is_refused_with_that_lots_number()
    {
        var otherLotId = await _factory.SendAsAsync("district@demo.k12", new CreateLot.Command("Library laptops", null, null));
        await _factory.SendAsAsync("district@demo.k12", new AddDevice.Command(otherLotId, "5CD0417ABC", null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, FunctionalStatus.Working));
        var otherNumber = await _factory.WithDbAsync(db => db.Lots.Where(l => l.Id == otherLotId).Select(l => l.Number).SingleAsync());
        var (district, lotUrl, lotId) = await NewLotAsync();

        var page = await district.SubmitAsync(lotUrl, $"{lotUrl}/devices", Device("5CD0417ABC"));

        Assert.Contains($"Serial 5CD0417ABC is already in lot {otherNumber}.", page);
        Assert.Equal(0, await DeviceCountAsync(lotId));
    }

    private async Task<(BrowserClient District, string LotUrl, Guid LotId)> NewLotAsync()
    {
        var district = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        var created = await district.PostFormAsync("/lots/new", "/lots/new", new() { ["Title"] = "Grade 5 Chromebooks" });
        var lotUrl = created.Headers.Location!.OriginalString;
        return (district, lotUrl, Guid.Parse(lotUrl[(lotUrl.LastIndexOf('/') + 1)..]));
    }

    private Task<int> DeviceCountAsync(Guid lotId) => _factory.WithDbAsync(db => db.Devices.CountAsync(d => d.LotId == lotId));

    private static Dictionary<string, string> Device(string serial) => new()
    {
        ["Serial"] = serial, ["Category"] = nameof(DeviceCategory.Chromebook), ["Manufacturer"] = "Dell", ["Model"] = "Chromebook 3100",
        ["Grade"] = nameof(CosmeticGrade.A), ["Functional"] = nameof(FunctionalStatus.Working),
    };
}

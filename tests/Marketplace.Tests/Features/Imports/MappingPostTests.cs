using System.Net;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Features.Imports;

public sealed class MappingPostTests(LoggedMarketplaceFactory app) : IClassFixture<LoggedMarketplaceFactory>
{
    [Fact]
    public async Task A_mapping_post_without_any_column_choice_goes_back_asking_for_the_serial_column()
    {
        var kit = await ImportTestKit.StartAsync(app);
        var job = await kit.UploadOkAsync(await kit.CreateLotAsync(), "inventory.csv", "Serial,Model\nMVH-0001,Dell Chromebook 3100\n");
        var mapping = $"/imports/{job}/mapping";

        var response = await kit.District.PostFormAsync(mapping, mapping, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Choose the column that holds the serial number: every device is tracked by its serial.", await kit.District.RefusalAsync(response));
        app.AssertNoFailures();
    }

    [Fact]
    public async Task A_mapping_post_naming_a_column_by_text_goes_back_naming_the_field_and_value()
    {
        var kit = await ImportTestKit.StartAsync(app);
        var job = await kit.UploadOkAsync(await kit.CreateLotAsync(), "inventory.csv", "Serial,Model\nMVH-0002,Dell Chromebook 3100\n");
        var mapping = $"/imports/{job}/mapping";

        var response = await kit.District.PostFormAsync(mapping, mapping, new() { ["map[Serial]"] = "first" });

        Assert.Equal("map[Serial]: \"first\" is not a whole number in range.", await kit.District.RefusalAsync(response));
        app.AssertNoFailures();
    }
}

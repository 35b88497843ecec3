using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Sales;

public sealed class SubmitQuoteTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("-250.00")]
    [InlineData("0")]
    public async Task A_quote_of_zero_or_less_is_sent_back_with_the_reason_and_not_saved(string amount)
    {
        var lotId = await ListedLotAsync();
        var refurbisher = await BrowserClient.SignInAsync(_factory, "refurbisher@demo.k12");

        var page = await refurbisher.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/quote", new() { ["Amount"] = amount });

        Assert.Contains("That didn't work", page);
        Assert.Contains("Enter a quote amount greater than $0.00.", page);
        Assert.False(await _factory.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).SelectMany(s => s.Quotes).AnyAsync()));
    }

    [Fact]
    public async Task A_positive_quote_is_saved_with_its_amount()
    {
        var lotId = await ListedLotAsync();
        var refurbisher = await BrowserClient.SignInAsync(_factory, "refurbisher@demo.k12");

        var page = await refurbisher.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/quote", new() { ["Amount"] = "1200.00" });

        Assert.DoesNotContain("That didn't work", page);
        Assert.Equal(1200m, await _factory.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).SelectMany(s => s.Quotes).Select(q => q.Amount).SingleAsync()));
    }

    private async Task<Guid> ListedLotAsync()
    {
        var lotId = await _factory.SendAsAsync("district@demo.k12", new CreateLot.Command("Grade 5 Chromebooks", null, null));
        await _factory.SendAsAsync("district@demo.k12", new AddDevice.Command(lotId, "5CD0417ABC", null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, FunctionalStatus.Working));
        await _factory.SendAsAsync("district@demo.k12", new SubmitLot.Command(lotId));
        return lotId;
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Sales;

/// <summary>A district weighs a quote against its own estimate before accepting it, and can turn a quote down.</summary>
public sealed partial class QuoteDecisionTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_quote_far_below_the_estimate_is_flagged_and_accepting_any_quote_asks_for_confirmation()
    {
        var (lotUrl, lotId) = await ListedLotWithQuoteAsync(amount: "10.00");
        var estimate = await _factory.WithDbAsync(db => db.Lots.Where(l => l.Id == lotId).Select(l => l.Manifest.EstimateLow).SingleAsync());
        Assert.True(estimate > 10m, $"the sample lot should be estimated above the quote, not {estimate}");
        var district = await BrowserClient.SignInAsync(_factory, "district@demo.k12");

        var page = WebUtility.HtmlDecode(await district.GetPageAsync(lotUrl));

        var expectedBelow = (int)Math.Round((1 - 10m / estimate) * 100);
        Assert.Contains($"{expectedBelow}% below the estimate of", page);
        var question = ConfirmOf().Match(page).Groups[1].Value;
        Assert.StartsWith("Accept GreenCycle ITAD's quote of $10.00 for lot", question);
        Assert.Contains($"This quote is {expectedBelow}% below the lot's estimate", question);
    }

    [Fact]
    public async Task Declining_a_quote_keeps_the_lot_listed_tells_the_refurbisher_why_and_lets_it_quote_again()
    {
        var (lotUrl, lotId) = await ListedLotWithQuoteAsync(amount: "40.00");
        var district = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        var quoteId = await _factory.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).SelectMany(s => s.Quotes).Select(q => q.Id).SingleAsync());

        var page = await district.SubmitAsync(lotUrl, $"{lotUrl}/quotes/{quoteId}/decline", new() { ["reason"] = "Below our board's minimum of $150." });

        Assert.Contains("Quote declined.", page);
        Assert.DoesNotContain($"/quotes/{quoteId}/accept", page);
        await _factory.WithDbAsync(async db =>
        {
            var sale = await db.Sales.Include(s => s.Quotes).SingleAsync(s => s.LotId == lotId);
            Assert.Equal((SaleStatus.Open, QuoteStatus.Declined), (sale.Status, sale.Quotes.Single().Status));
        });
        var email = await MarketplaceFactory.EventuallyAsync(
            () => _factory.WithDbAsync(db => db.EmailMessages.AsNoTracking().FirstOrDefaultAsync(e => e.Subject.Contains("was declined"))), "the declined-quote e-mail");
        Assert.Contains("Below our board's minimum of $150.", email.Body);

        var refurbisher = await BrowserClient.SignInAsync(_factory, "refurbisher@demo.k12");
        var again = await refurbisher.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/quote", new() { ["Amount"] = "160.00" });
        Assert.Contains("Your quote of", again);
    }

    [Fact]
    public async Task A_quote_already_declined_cannot_be_declined_or_accepted()
    {
        var (lotUrl, lotId) = await ListedLotWithQuoteAsync(amount: "90.00");
        var district = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        var quoteId = await _factory.WithDbAsync(db => db.Sales.Where(s => s.LotId == lotId).SelectMany(s => s.Quotes).Select(q => q.Id).SingleAsync());
        await district.SubmitAsync(lotUrl, $"{lotUrl}/quotes/{quoteId}/decline");

        Assert.Contains("This quote is already declined.", await district.SubmitAsync(lotUrl, $"{lotUrl}/quotes/{quoteId}/decline"));
        Assert.Contains("This quote has expired or was withdrawn.", await district.SubmitAsync(lotUrl, $"{lotUrl}/quotes/{quoteId}/accept"));
        Assert.False(await _factory.WithDbAsync(db => db.Sales.AnyAsync(s => s.LotId == lotId && s.Status != SaleStatus.Open)));
    }

    private async Task<(string LotUrl, Guid LotId)> ListedLotWithQuoteAsync(string amount)
    {
        var lotId = await _factory.SendAsAsync("district@demo.k12", new CreateLot.Command("Grade 7 Chromebooks", null, null));
        foreach (var serial in new[] { "5CD0417QD1", "5CD0417QD2", "5CD0417QD3" })
        {
            await _factory.SendAsAsync("district@demo.k12", new AddDevice.Command(lotId, serial, null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.A, FunctionalStatus.Working));
        }

        await _factory.SendAsAsync("district@demo.k12", new SubmitLot.Command(lotId));
        var refurbisher = await BrowserClient.SignInAsync(_factory, "refurbisher@demo.k12");
        await refurbisher.SubmitAsync($"/market/lots/{lotId}", $"/market/lots/{lotId}/quote", new() { ["Amount"] = amount });
        return ($"/lots/{lotId}", lotId);
    }

    [GeneratedRegex("aria-label=\"Accept quote from [^\"]+\" data-confirm=\"([^\"]+)\"")]
    private static partial Regex ConfirmOf();
}

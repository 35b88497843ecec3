using System.Net;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Features.Home;

/// <summary>A newcomer's first pages promise only what the marketplace does today.</summary>
public sealed class PublicPagesTests(PublicPagesTests.App app) : IClassFixture<PublicPagesTests.App>
{
    public sealed class App : MarketplaceFactory;

    [Fact]
    public async Task A_newcomer_finds_how_it_works_from_the_home_page_and_the_navigation()
    {
        var visitor = BrowserClient.Anonymous(app);

        var home = await visitor.GetPageAsync("/");
        var page = WebUtility.HtmlDecode(await visitor.GetPageAsync("/how-it-works"));

        Assert.Contains("href=\"/how-it-works\"", home);
        Assert.Contains("<h1 class=\"h3 mb-2\">How it works</h1>", page);
        Assert.Contains("NIST Special Publication 800-88 Revision 2", page);
        Assert.Contains("aria-current=\"page\" href=\"/how-it-works\"", page);
    }

    [Fact]
    public async Task Without_card_payments_configured_no_public_page_promises_cards_or_bidding()
    {
        var visitor = BrowserClient.Anonymous(app);

        foreach (var url in new[] { "/", "/how-it-works" })
        {
            var text = WebUtility.HtmlDecode(await visitor.GetPageAsync(url));
            Assert.DoesNotContain("by card", text);
            Assert.DoesNotContain(" bid", text);
            Assert.Contains("purchase order", text);
        }
    }
}

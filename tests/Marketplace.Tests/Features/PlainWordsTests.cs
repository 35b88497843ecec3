using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features;

/// <summary>People read "Purchase order" and "Buyer receivable", never the code's names for them.</summary>
public sealed partial class PlainWordsTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task No_page_of_any_role_shows_an_enum_name_written_as_code()
    {
        var settled = await _factory.ReceivedLotAsync();
        await _factory.SanitizeEverySerialAsync(settled);
        var payout = await _factory.PayoutAsync(settled.Id);
        await _factory.SendAsAsync(LotJourneys.Finance, new Marketplace.Web.Features.Settlement.ApprovePayout.Command(payout.Id));
        var listed = await _factory.AwardedLotAsync();
        var listing = await _factory.WithDbAsync(db => db.Listings.Select(l => l.Id).FirstAsync());
        await _factory.SendAsAsync("school@demo.k12", new AddToCart.Command(listing, 1));
        var order = await _factory.SendAsAsync("school@demo.k12", new Checkout.Command(PaymentMethod.PurchaseOrder, "PO-WORDS-1", await _factory.SiteOfAsync("school@demo.k12")));

        var codeNames = typeof(PaymentMethod).Assembly.GetTypes().Where(t => t.IsEnum && t.Namespace!.StartsWith("Marketplace.Web.Domain", StringComparison.Ordinal))
            .SelectMany(t => Enum.GetValues(t).Cast<Enum>())
            .Where(v => CodeName().IsMatch(v.ToString()) && v.Words() != v.ToString()) // "MacBook" is how Apple spells it
            .Select(v => v.ToString()).ToHashSet();
        Assert.Contains("BuyerReceivable", codeNames);
        var pages = new Dictionary<string, string[]>
        {
            ["district@demo.k12"] = ["/lots", settled.LotUrl, listed.LotUrl],
            ["refurbisher@demo.k12"] = ["/market", settled.PurchaseUrl, listed.PurchaseUrl, "/listings"],
            ["school@demo.k12"] = ["/store", "/store/orders", $"/store/orders/{order.OrderIds[0]}"],
            ["finance@demo.k12"] = ["/finance", "/finance/invoices?status=", "/finance/payouts", "/finance/ledger"],
            ["admin@demo.k12"] = ["/admin/organizations", "/admin/outbox", "/admin/emails"],
        };

        var found = new List<string>();
        foreach (var (email, urls) in pages)
        {
            var user = await BrowserClient.SignInAsync(_factory, email);
            foreach (var url in urls)
            {
                var text = VisibleText(await user.GetPageAsync(url));
                found.AddRange(codeNames.Where(name => Regex.IsMatch(text, $@"\b{name}\b")).Select(name => $"{url} ({email}): {name}"));
            }
        }

        Assert.True(found.Count == 0, "Code names shown to people:\n" + string.Join("\n", found));
    }

    /// <summary>What a person reads: tags, attribute values (option values, ids), scripts and styles removed.</summary>
    private static string VisibleText(string html) =>
        WebUtility.HtmlDecode(Tags().Replace(Scripts().Replace(html, " "), " "));

    [GeneratedRegex("^[A-Z][a-z0-9]+[A-Z]")]
    private static partial Regex CodeName();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex Scripts();
}

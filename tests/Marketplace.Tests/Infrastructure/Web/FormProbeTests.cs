using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Marketplace.Tests.Features.Imports;
using Marketplace.Web.Data;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Sales;
using Marketplace.Web.Features.Storefront;
using Marketplace.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Infrastructure.Web;

/// <summary>
/// One app with something at every stage (a draft with devices and an import waiting for its columns, a listed lot, an
/// awarded, a paid and a received lot, a school's cart and order), walked once per role: the pages and forms each role
/// reaches are kept for the tests below.
/// </summary>
public sealed class WalkedApp : LoggedMarketplaceFactory, IAsyncLifetime
{
    public static readonly (string Role, string Email, string[] Start)[] Roles =
    [
        ("anonymous", "", ["/", "/store", "/verify", "/account/login", "/signup", "/signup/check-email", "/account/confirm-email"]),
        ("district", LotJourneys.District, ["/lots", "/store"]),
        ("refurbisher", LotJourneys.Refurbisher, ["/market", "/market?category=Chromebook&sort=closing", "/market/watchlist", "/market/searches", "/listings", "/listings/new", "/store"]),
        ("school", "school@demo.k12", ["/store", "/store/cart", "/store/checkout", "/store/orders"]),
        ("finance", LotJourneys.Finance, ["/finance", "/finance/invoices?status=", "/finance/payouts", "/finance/ledger"]),
        ("admin", "admin@demo.k12", ["/admin/organizations", "/admin/models", "/admin/emails", "/admin/outbox"]),
    ];

    public Dictionary<string, BrowserClient> Clients { get; } = [];

    public List<WalkedPage> Pages { get; } = [];

    public async ValueTask InitializeAsync()
    {
        var extra = await ArrangeAsync();
        foreach (var (role, email, start) in Roles)
        {
            var client = email.Length == 0 ? BrowserClient.Anonymous(this) : await BrowserClient.SignInAsync(this, email);
            Clients[role] = client;
            Pages.AddRange(await SiteWalk.PagesAsync(role, client, [.. start, .. extra.GetValueOrDefault(role, [])]));
        }
    }

    /// <summary>Records at each stage, and the pages no link leads to (an import waiting for its columns).</summary>
    private async Task<Dictionary<string, string[]>> ArrangeAsync()
    {
        var awarded = await this.AwardedLotAsync();
        var paid = await this.PaidLotAsync();
        var scheduled = await this.PickupScheduledLotAsync();
        var inTransit = await this.InTransitLotAsync();
        var received = await this.ReceivedLotAsync();
        var certified = await this.ReceivedLotAsync(devices: 1);
        await this.SanitizeEverySerialAsync(certified);
        await this.PayoutAsync(certified.Id);
        var listed = await this.SaveListedAsync();
        await this.SendAsAsync(LotJourneys.Refurbisher, new SubmitQuote.Command(listed.Id, 900m, "Pickup within two weeks."));
        await this.SendAsAsync(LotJourneys.Refurbisher, new Marketplace.Web.Features.Market.WatchLot.Command(listed.Id));
        await this.SendAsAsync(LotJourneys.Refurbisher, new Marketplace.Web.Features.Market.SaveSearch.Command("Probe search", "category=Chromebook&state=WA"));
        var draft = await this.SendAsAsync(LotJourneys.District, new CreateLot.Command("Probe draft", "Spare carts", "Maple Valley MS"));
        foreach (var serial in new[] { "PROBE-0001", "PROBE-0002" })
        {
            await this.SendAsAsync(LotJourneys.District, new AddDevice.Command(draft, serial, null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working));
        }

        var kit = await ImportTestKit.StartAsync(this);
        var job = await kit.UploadOkAsync(draft, "probe.csv", "Serial,Model,Grade\nPROBE-0100,Dell Chromebook 3100,B\n");
        var device = await WithDbAsync(db => db.Devices.Where(d => d.LotId == draft).Select(d => d.Id).FirstAsync());

        var listing = await WithDbAsync(db => db.Listings.Where(l => l.IsActive && l.QuantityAvailable > 10).Select(l => l.Id).FirstAsync());
        await this.SendAsAsync("school@demo.k12", new AddToCart.Command(listing, 2));
        var order = await this.SendAsAsync("school@demo.k12", new Checkout.Command(Marketplace.Web.Domain.Finance.PaymentMethod.PurchaseOrder, "PO-PROBE-1",
            await this.SiteOfAsync("school@demo.k12"), new Uri("http://localhost/store/orders/")));
        await this.SendAsAsync("school@demo.k12", new AddToCart.Command(listing, 1));

        return new()
        {
            ["district"] = [$"/lots/{draft}", $"/lots/{draft}/devices/{device}/edit", $"/imports/{job}/mapping", $"/lots/{listed.Id}", awarded.LotUrl, paid.LotUrl, received.LotUrl, certified.LotUrl],
            ["refurbisher"] = [$"/market/lots/{listed.Id}", awarded.PurchaseUrl, paid.PurchaseUrl, scheduled.PurchaseUrl, inTransit.PurchaseUrl, received.PurchaseUrl, certified.PurchaseUrl],
            ["school"] = [.. order.OrderIds.Select(id => $"/store/orders/{id}")],
        };
    }
}

public sealed partial class FormProbeTests(WalkedApp app, ITestOutputHelper output) : IClassFixture<WalkedApp>
{
    /// <summary>Empty, huge, control characters, out-of-range and not-a-number values, an unknown choice, impossible and far dates.</summary>
    private static readonly string[] Hostile =
        ["", new string('x', 100_000), "a\0b", "a\u0001\u001Fb\u007F", "-1", "2147483648", "99", "NaN", "2027-02-30", "9999-12-31", "ＭＶＨ－\u202E0001"];

    [Fact]
    public void Every_page_each_role_reaches_has_a_content_security_policy_and_no_inline_script_handler_or_style()
    {
        var problems = new List<string>();
        foreach (var page in app.Pages)
        {
            if (!page.Response.Headers.TryGetValues("Content-Security-Policy", out var policy) || policy.Single() != SecurityHeaders.ContentSecurityPolicy)
            {
                problems.Add($"{page.Role} {page.Url}: no Content-Security-Policy");
            }

            problems.AddRange(InlineCode().Matches(page.Html).Select(m => $"{page.Role} {page.Url}: {m.Value[..Math.Min(80, m.Value.Length)]}"));
        }

        Assert.True(app.Pages.Count > 40, $"the walk reached only {app.Pages.Count} pages");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
    }

    [Fact]
    public async Task Every_form_field_posted_with_hostile_values_is_answered_without_a_server_error()
    {
        var forms = app.Pages.SelectMany(SiteWalk.Forms).DistinctBy(f => f.Shape).ToList();
        var errors = new List<string>();
        var sent = 0;
        foreach (var form in forms)
        {
            var client = app.Clients[form.Role];
            var token = TokenPattern().Match(app.Pages.First(p => p.Url == form.PageUrl && p.Role == form.Role).Html) is { Success: true } t ? WebUtility.HtmlDecode(t.Groups[1].Value) : "";
            foreach (var field in form.Fields.Where(f => f.Name != "__RequestVerificationToken"))
            {
                foreach (var value in Hostile.Concat(field.Options.Take(1)).Distinct())
                {
                    var response = await SendAsync(client, form, token, field.Name, value);
                    sent++;
                    if ((int)response.StatusCode >= 500)
                    {
                        errors.Add($"{form.Role} {form.Method.ToUpperInvariant()} {form.Action} {field.Name}={Shown(value)}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        output.WriteLine($"{forms.Count} forms ({forms.Count(f => f.Method == "post")} posting), {sent} requests");
        foreach (var form in forms)
        {
            output.WriteLine($"  {form.Shape}");
        }

        Assert.True(forms.Count(f => f.Method == "post") > 25, $"the walk found only {forms.Count(f => f.Method == "post")} posting forms");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        app.AssertNoFailures();
    }

    private static async Task<HttpResponseMessage> SendAsync(BrowserClient client, WalkedForm form, string token, string probed, string value)
    {
        var fields = form.Fields
            .Where(f => f.Name != probed && f.Name != "__RequestVerificationToken")
            .Where(f => !(f.Type is "checkbox" or "radio" && f.Value.Length == 0)) // unticked: a browser leaves it out
            .Select(f => new KeyValuePair<string, string>(f.Name, f.Type == "file" ? "Serial,Model\nPROBE-0200,Dell Chromebook 3100\n" : f.Value))
            .Append(new(probed, value))
            .ToList();
        if (form.Method != "post")
        {
            var query = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
            return await client.Http.GetAsync($"{form.Action.Split('?')[0]}?{query}");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = Body(form, fields, token) };
        request.Headers.Referrer = new Uri(client.Http.BaseAddress!, form.PageUrl);
        return await client.Http.SendAsync(request);
    }

    private static HttpContent Body(WalkedForm form, List<KeyValuePair<string, string>> fields, string token)
    {
        fields.Add(new("__RequestVerificationToken", token));
        if (!form.Multipart)
        {
            return new FormUrlEncodedContent(fields);
        }

        var files = form.Fields.Where(f => f.Type == "file").Select(f => f.Name).ToHashSet();
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            if (files.Contains(name))
            {
                // A file field's "value" is what the file holds; its name stays harmless so the request can be sent.
                content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(value)), name, "probe.csv");
            }
            else
            {
                content.Add(new StringContent(value), name);
            }
        }

        return content;
    }

    private static string Shown(string value) => value.Length > 20 ? $"{value[..10]}… ({value.Length:N0} chars)" : Regex.Escape(value);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>What a strict policy blocks: a script element without src, an on… handler attribute, a style attribute or element.</summary>
    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>|<[a-z][^>]*\\son[a-z]+\\s*=|<[a-z][^>]*\\sstyle\\s*=|<style[\\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();
}

using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Storefront;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Organizations;

/// <summary>An organization that is not verified (or no longer) prepares but cannot trade, and every page and refusal says what is missing and where to fix it.</summary>
public sealed class OrganizationRightsTests : IAsyncLifetime
{
    private const string DocumentsLink = "<a class=\"alert-link\" href=\"/organization/documents\">Organization documents</a>";

    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task An_unverified_district_drafts_a_lot_but_listing_it_is_refused_with_what_is_missing_and_a_link()
    {
        var (email, _) = await _factory.AddApplicantAsync(OrganizationKind.District);
        var lot = await _factory.SendAsAsync(email, new CreateLot.Command("Spring refresh", null, "Loading dock"));
        await _factory.SendAsAsync(email, new AddDevice.Command(lot, "5CD0417QRS", null, DeviceCategory.Chromebook, "Dell", "Chromebook 3100", CosmeticGrade.B, FunctionalStatus.Working));
        var district = await BrowserClient.SignInAsync(_factory, email);

        var draft = await district.GetPageAsync($"/lots/{lot}");
        var refused = await district.SubmitAsync($"/lots/{lot}", $"/lots/{lot}/submit");

        Assert.Contains("Your organization is not verified yet, so it cannot list a lot. First: upload your W-9", WebUtility.HtmlDecode(draft));
        Assert.DoesNotContain($"action=\"/lots/{lot}/submit\"", draft);
        Assert.Contains("That didn't work:</strong> Your organization is not verified yet, so it cannot list a lot.", WebUtility.HtmlDecode(refused));
        Assert.Contains(DocumentsLink, refused);
        Assert.False(await _factory.WithDbAsync(db => db.Sales.AnyAsync(s => s.LotId == lot)));
    }

    [Fact]
    public async Task An_unverified_refurbisher_browses_a_listed_lot_but_its_quote_is_refused_with_what_is_missing_and_a_link()
    {
        var (email, organization) = await _factory.AddApplicantAsync(OrganizationKind.Refurbisher);
        var lot = await _factory.SaveListedAsync();
        var refurbisher = await BrowserClient.SignInAsync(_factory, email);

        var page = await refurbisher.GetPageAsync($"/market/lots/{lot.Id}");
        var refused = await refurbisher.SubmitAsync($"/market/lots/{lot.Id}", $"/market/lots/{lot.Id}/quote", new() { ["Amount"] = "900" });

        Assert.Contains("Your organization is not verified yet, so it cannot quote", WebUtility.HtmlDecode(page));
        Assert.DoesNotContain($"action=\"/market/lots/{lot.Id}/quote\"", page);
        Assert.Contains("That didn't work:</strong> Your organization is not verified yet, so it cannot quote. First: upload your W-9", WebUtility.HtmlDecode(refused));
        Assert.Contains(DocumentsLink, refused);
        Assert.False(await _factory.WithDbAsync(db => db.Quotes.AnyAsync(q => q.RefurbisherId == organization)));
    }

    [Fact]
    public async Task An_unverified_school_fills_its_cart_but_checking_out_is_refused_with_what_is_missing_and_a_link()
    {
        var (email, organization) = await _factory.AddApplicantAsync(OrganizationKind.School);
        var listing = await _factory.WithDbAsync(db => db.Listings.Where(l => l.IsActive).Select(l => l.Id).FirstAsync());
        await _factory.SendAsAsync(email, new AddToCart.Command(listing, 1));
        var school = await BrowserClient.SignInAsync(_factory, email);

        var cart = await school.GetPageAsync("/store/cart");
        var checkout = await school.GetPageAsync("/store/checkout");
        var refused = await school.SubmitAsync("/store/checkout", "/store/checkout", new() { ["Method"] = "PurchaseOrder", ["PurchaseOrderNumber"] = "PO-1", ["ShipToSiteId"] = Guid.NewGuid().ToString() });

        Assert.Contains("so it cannot check out. First: upload your tax-exempt certificate", WebUtility.HtmlDecode(cart));
        Assert.DoesNotContain("href=\"/store/checkout\"", cart);
        Assert.DoesNotContain("action=\"/store/checkout\"", checkout);
        Assert.Contains("That didn't work:</strong> Your organization is not verified yet, so it cannot check out.", WebUtility.HtmlDecode(refused));
        Assert.Contains(DocumentsLink, refused);
        Assert.False(await _factory.WithDbAsync(db => db.Orders.AnyAsync(o => o.BuyerId == organization)));
    }

    [Fact]
    public async Task A_suspended_refurbisher_cannot_pay_for_the_lot_it_won_until_it_is_reinstated()
    {
        var lot = await _factory.AwardedLotAsync();
        var greenCycle = await _factory.WithDbAsync(db => db.Organizations.Where(o => o.Name == DemoLots.Refurbisher).Select(o => o.Id).SingleAsync());
        await _factory.SendAsAsync("admin@demo.k12", new SuspendOrganization.Command(greenCycle, "Insurance certificate lapsed."));
        var refurbisher = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);

        var page = WebUtility.HtmlDecode(await refurbisher.GetPageAsync(lot.PurchaseUrl));
        var refused = await refurbisher.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/pay/po", new() { ["invoiceId"] = lot.InvoiceId.ToString(), ["purchaseOrderNumber"] = "PO-GC-1" });
        await _factory.SendAsAsync("admin@demo.k12", new ReinstateOrganization.Command(greenCycle, "Insurance renewed."));
        var paid = await refurbisher.SubmitAsync(lot.PurchaseUrl, $"{lot.PurchaseUrl}/pay/po", new() { ["invoiceId"] = lot.InvoiceId.ToString(), ["purchaseOrderNumber"] = "PO-GC-2" });

        Assert.Contains("Your organization is suspended (Insurance certificate lapsed.), so it cannot pay.", page);
        Assert.DoesNotContain($"action=\"{lot.PurchaseUrl}/pay/po\"", page);
        Assert.Contains("so it cannot pay. Contact the marketplace about reinstatement.", WebUtility.HtmlDecode(refused));
        Assert.Contains(DocumentsLink, refused);
        Assert.DoesNotContain("That didn't work", paid);
        Assert.Equal("PO-GC-2", await _factory.WithDbAsync(db => db.Invoices.Where(i => i.Id == lot.InvoiceId).Select(i => i.PurchaseOrderNumber).SingleAsync()));
        var told = await _factory.WithDbAsync(db => db.EmailMessages.Where(e => e.To == LotJourneys.Refurbisher).Select(e => e.Subject).ToListAsync());
        Assert.Contains("GreenCycle ITAD is suspended", told);
    }

    [Fact]
    public async Task The_demo_applicant_signs_in_and_sees_that_its_W9_waits_for_review()
    {
        var applicant = await BrowserClient.SignInAsync(_factory, "applicant@demo.k12");

        var documents = WebUtility.HtmlDecode(await applicant.GetPageAsync("/organization/documents"));
        var market = WebUtility.HtmlDecode(await applicant.GetPageAsync("/market"));

        Assert.Contains("Summit Renew Technologies", documents);
        Assert.Contains("Applied, waiting for review", documents);
        Assert.Contains("your W-9 is waiting for review by a platform admin", documents);
        Assert.Contains("Your organization is not verified yet, so it cannot quote.", market);
    }
}

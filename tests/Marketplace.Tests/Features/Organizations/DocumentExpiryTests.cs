using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Sales;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Organizations;

/// <summary>Rights end by themselves when a document does; the organization's admins are warned 30 and 7 days before and told when it happened.</summary>
public sealed class DocumentExpiryTests : IAsyncLifetime
{
    private readonly ClockedMarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task An_ended_certification_ends_quoting_on_data_bearing_lots_and_the_refurbisher_is_warned_then_told()
    {
        var lot = await _factory.SaveListedAsync();
        var ends = await _factory.WithDbAsync(db => db.OrganizationDocuments.Where(d => d.Kind == DocumentKind.R2v3).Select(d => d.ExpiresOn!.Value).SingleAsync());

        _factory.Clock.MoveTo(ends.AddDays(-30));
        Assert.Equal(1, await _factory.SendAsSystemAsync(new CheckDocumentExpiry.Command()));
        Assert.Equal(0, await _factory.SendAsSystemAsync(new CheckDocumentExpiry.Command()));
        var thirty = await _factory.DeliveredAsync(LotJourneys.Refurbisher, "Your R2v3 ends in 30 days");

        _factory.Clock.MoveTo(ends.AddDays(-7));
        Assert.Equal(1, await _factory.SendAsSystemAsync(new CheckDocumentExpiry.Command()));
        await _factory.DeliveredAsync(LotJourneys.Refurbisher, "Your R2v3 ends in 7 days");

        _factory.Clock.MoveTo(ends);
        await _factory.SendAsAsync(LotJourneys.Refurbisher, new SubmitQuote.Command(lot.Id, 900m, "On its last day"));
        Assert.Equal(0, await _factory.SendAsSystemAsync(new CheckDocumentExpiry.Command()));

        _factory.Clock.MoveTo(ends.AddDays(1));
        var refurbisher = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);
        var page = WebUtility.HtmlDecode(await refurbisher.GetPageAsync($"/market/lots/{lot.Id}"));
        var refused = WebUtility.HtmlDecode(await refurbisher.SubmitAsync($"/market/lots/{lot.Id}", $"/market/lots/{lot.Id}/quote", new() { ["Amount"] = "950" }));
        Assert.Equal(1, await _factory.SendAsSystemAsync(new CheckDocumentExpiry.Command()));
        var ended = await _factory.DeliveredAsync(LotJourneys.Refurbisher, "Your R2v3 has ended");

        Assert.Contains($"counts until {ends:MMMM d, yyyy}", thirty.TextBody);
        Assert.Contains("without it, your organization can no longer quote on lots holding data-bearing devices", thirty.TextBody);
        Assert.Contains($"Your R2v3 ended on {ends:MMMM d, yyyy}: upload a current one.", page);
        Assert.DoesNotContain($"action=\"/market/lots/{lot.Id}/quote\"", page);
        Assert.Contains("Only refurbishers with a current R2v3, e-Stewards or NAID AAA certification may quote on this lot, which holds data-bearing devices. "
            + $"Your R2v3 ended on {ends:MMMM d, yyyy}: upload a current one.", refused);
        Assert.Contains("Your organization can no longer quote on lots holding data-bearing devices until a current one is uploaded and approved.", ended.TextBody);
        Assert.Equal(900m, await _factory.WithDbAsync(db => db.Quotes.Where(q => q.SaleId == lot.Sale!.Id).Select(q => q.Amount).SingleAsync()));
        var notices = await _factory.WithDbAsync(db => db.OrganizationDocuments.AsNoTracking().SingleAsync(d => d.Kind == DocumentKind.R2v3));
        Assert.NotNull(notices.ThirtyDayNoticeSentAt);
        Assert.NotNull(notices.SevenDayNoticeSentAt);
        Assert.NotNull(notices.ExpiredNoticeSentAt);
        Assert.Equal(0, await _factory.SendAsSystemAsync(new CheckDocumentExpiry.Command()));
    }

    [Fact]
    public async Task A_W9_three_years_old_stops_a_district_listing_until_a_current_one_is_approved()
    {
        var signed = await _factory.WithDbAsync(db => db.OrganizationDocuments
            .Join(db.Organizations.Where(o => o.Name == DemoLots.District), d => d.OrganizationId, o => o.Id, (d, _) => d)
            .Where(d => d.Kind == DocumentKind.W9).Select(d => d.IssuedOn).SingleAsync());
        _factory.Clock.MoveTo(signed.AddYears(3).AddDays(1));
        var draft = await _factory.SaveDraftAsync();
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);

        var refused = WebUtility.HtmlDecode(await district.SubmitAsync($"/lots/{draft.Id}", $"/lots/{draft.Id}/submit"));
        await _factory.SendAsSystemAsync(new CheckDocumentExpiry.Command());

        Assert.Contains($"Your organization cannot list a lot until its documents are current: your W-9 ended on {signed.AddYears(3):MMMM d, yyyy}", refused);
        var mail = await _factory.DeliveredAsync(LotJourneys.District, "Your W-9 has ended");
        Assert.Contains("can no longer list lots, quote, pay or check out", mail.TextBody);
    }
}

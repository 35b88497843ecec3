using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Finance;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Organizations;

/// <summary>A district's admin or business office records the federal awards it bought devices with, and corrects them.</summary>
public sealed class FundingAwardTests : IAsyncLifetime
{
    private const string Page = "/organization/funding-awards";
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_district_records_an_award_and_sees_the_threshold_its_date_takes()
    {
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        Assert.Contains($"href=\"{Page}\"", await district.GetPageAsync("/organization/settings"));

        var page = WebUtility.HtmlDecode(await district.SubmitAsync(Page, Page, Fields("IDEA Part B 2024", "2024-10-01", "62.5")));

        Assert.Contains("Award IDEA Part B 2024 recorded.", page);
        var award = await _factory.WithDbAsync(db => db.FundingAwards.SingleAsync(a => a.Name == "IDEA Part B 2024"));
        Assert.Equal((new DateOnly(2024, 10, 1), 62.5m), (award.AwardDate, award.FederalPercent));
        Assert.Contains("$10,000 thresholds", page);
        // The demo's award of 2021 keeps the thresholds of before the revision.
        Assert.Contains("$5,000 thresholds", page);
    }

    [Theory]
    [InlineData("", "2024-10-01", "100", "Name the award as your grant records do")]
    [InlineData("Title I 2025", "", "100", "Award date: enter the date of the award")]
    [InlineData("Title I 2025", "2024-10-01", "0", "Federal participation: a percentage above 0 and at most 100.")]
    [InlineData("Title I 2025", "2024-10-01", "100.5", "Federal participation: a percentage above 0 and at most 100.")]
    [InlineData("Title I 2025", "2024-10-01", "", "Federal participation: enter the federal share of the purchase as a percentage")]
    [InlineData("esser iii", "2021-03-24", "100", "Your district already has an award named \"esser iii\"")]
    public async Task A_wrong_field_is_refused_with_the_field_named_and_nothing_is_recorded(string name, string date, string percent, string message)
    {
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        var before = await _factory.WithDbAsync(db => db.FundingAwards.CountAsync());

        var page = WebUtility.HtmlDecode(await district.SubmitAsync(Page, Page, Fields(name, date, percent)));

        Assert.Contains(message, page);
        Assert.Equal(before, await _factory.WithDbAsync(db => db.FundingAwards.CountAsync()));
    }

    [Fact]
    public async Task The_district_corrects_an_awards_federal_participation()
    {
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        var esser = await AwardAsync("ESSER III");

        var page = WebUtility.HtmlDecode(await district.SubmitAsync(Page, $"{Page}/{esser.Id}", Fields("ESSER III", "2021-03-24", "90")));

        Assert.Contains("Award ESSER III saved.", page);
        Assert.Equal(90m, (await AwardAsync("ESSER III")).FederalPercent);
    }

    [Fact]
    public async Task Another_district_can_neither_see_nor_correct_the_award()
    {
        var other = await BrowserClient.SignInAsync(_factory, "district2@demo.k12");
        var esser = await AwardAsync("ESSER III");

        Assert.DoesNotContain(esser.Id.ToString(), await other.GetPageAsync(Page));
        var response = await other.PostFormAsync(Page, $"{Page}/{esser.Id}", Fields("Taken over", "2021-03-24", "1"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(("ESSER III", 100m), ((await AwardAsync("ESSER III")).Name, (await AwardAsync("ESSER III")).FederalPercent));
    }

    [Fact]
    public async Task A_refurbisher_is_told_that_only_districts_record_awards()
    {
        var refurbisher = await BrowserClient.SignInAsync(_factory, LotJourneys.Refurbisher);

        Assert.Contains("Federal funding awards are recorded by school districts", await refurbisher.GetPageAsync(Page));
        var page = WebUtility.HtmlDecode(await refurbisher.SubmitAsync("/organization/settings", Page, Fields("ESSER III", "2021-03-24", "100")));

        Assert.Contains("Only a school district records federal funding awards", page);
    }

    [Fact]
    public async Task Inventory_staff_may_not_manage_awards()
    {
        var inventory = await BrowserClient.SignInAsync(_factory, "inventory@demo.k12");

        (await inventory.Http.GetAsync(Page)).AssertAccessDenied();
    }

    private Task<FundingAward> AwardAsync(string name) =>
        _factory.WithDbAsync(db => db.FundingAwards.AsNoTracking().SingleAsync(a => a.Name == name));

    private static Dictionary<string, string> Fields(string name, string date, string percent) =>
        new() { ["Name"] = name, ["AwardDate"] = date, ["FederalPercent"] = percent };
}

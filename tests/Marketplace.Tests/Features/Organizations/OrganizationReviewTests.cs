using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Organizations;

public sealed class OrganizationReviewTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Admins_see_the_review_queue_first_and_filter_by_standing_kind_name_and_EIN()
    {
        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");

        var all = WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/organizations"));
        var applied = WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/organizations?status=Applied"));
        var schools = WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/organizations?kind=School"));
        var byEin = WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/organizations?q=916001948"));
        var byName = WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/organizations?q=cedar"));

        Assert.Equal("/admin/organizations", (await admin.Http.GetAsync("/admin")).Headers.Location?.OriginalString);
        Assert.Contains("1 application(s) and 1 document(s) wait for review", all);
        Assert.True(all.IndexOf(DemoData.PendingApplicant, StringComparison.Ordinal) < all.IndexOf("GreenCycle ITAD", StringComparison.Ordinal));
        Assert.Equal([DemoData.PendingApplicant], Names(applied));
        Assert.Equal(["Lakeside Elementary School"], Names(schools));
        Assert.Equal(["Maple Valley School District"], Names(byEin));
        Assert.Equal(["Cedar Ridge Unified School District"], Names(byName));
        Assert.DoesNotContain("K-12 Device Marketplace", Names(all));
    }

    [Fact]
    public async Task The_list_pages_through_many_organizations()
    {
        await _factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 30; i++)
            {
                db.Organizations.Add(Marketplace.Tests.Domain.Organizations.SampleOrganizations.Applied(Marketplace.Web.Domain.OrganizationKind.Refurbisher,
                    DateTimeOffset.UtcNow.AddMinutes(i), $"Paged Refurbisher {i:00}"));
            }

            await db.SaveChangesAsync();
        });
        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");

        var first = WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/organizations?kind=Refurbisher"));
        var second = WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/organizations?kind=Refurbisher&page=2"));

        Assert.Equal(25, Names(first).Count);
        Assert.Contains("Showing 1–25 of 32.", first);
        Assert.Contains("href=\"/admin/organizations?kind=Refurbisher&page=2\"", first.Replace("&amp;", "&", StringComparison.Ordinal));
        Assert.Equal(7, Names(second).Count);
    }

    [Fact]
    public async Task An_application_is_rejected_with_its_reason_and_the_organizations_admins_are_told()
    {
        var summit = await _factory.WithDbAsync(db => db.Organizations.Where(o => o.Name == DemoData.PendingApplicant).Select(o => o.Id).SingleAsync());
        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");

        var noReason = WebUtility.HtmlDecode(await admin.SubmitAsync($"/admin/organizations/{summit}", $"/admin/organizations/{summit}/reject", new() { ["reason"] = " " }));
        var rejected = WebUtility.HtmlDecode(await admin.SubmitAsync($"/admin/organizations/{summit}", $"/admin/organizations/{summit}/reject",
            new() { ["reason"] = "The EIN on the application does not match the IRS letter." }));

        Assert.Contains("Reason: say why you are rejecting the application", noReason);
        Assert.Contains("Application rejected", rejected);
        Assert.Contains("by Sam Adeyemi", rejected);
        var mail = await _factory.DeliveredAsync("applicant@demo.k12", "application was rejected");
        Assert.Contains("The EIN on the application does not match the IRS letter.", mail.TextBody);
        var applicant = WebUtility.HtmlDecode(await (await BrowserClient.SignInAsync(_factory, "applicant@demo.k12")).GetPageAsync("/organization/documents"));
        Assert.Contains("application was rejected (The EIN on the application does not match the IRS letter.)", applicant);
    }

    [Fact]
    public async Task Verifying_waits_for_the_required_documents_to_be_approved()
    {
        var summit = await _factory.WithDbAsync(db => db.Organizations.Where(o => o.Name == DemoData.PendingApplicant).Select(o => o.Id).SingleAsync());
        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");

        var refused = WebUtility.HtmlDecode(await admin.SubmitAsync($"/admin/organizations/{summit}", $"/admin/organizations/{summit}/verify"));

        Assert.Contains("Approve the organization's W-9 before verifying it", refused);
    }

    private static List<string> Names(string page) =>
        System.Text.RegularExpressions.Regex.Matches(page, "<td><a href=\"/admin/organizations/[0-9a-f-]+\">([^<]+)</a></td>").Select(m => m.Groups[1].Value).ToList();
}

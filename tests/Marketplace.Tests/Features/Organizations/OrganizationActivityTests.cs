using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Lots;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Features.Organizations;

public sealed class OrganizationActivityApp : MarketplaceFactory;

/// <summary>An organization admin reads what the organization's people did, filtered by person, action and period, and nothing of anyone else.</summary>
public sealed class OrganizationActivityTests(OrganizationActivityApp app) : IClassFixture<OrganizationActivityApp>
{
    [Fact]
    public async Task An_organization_admin_sees_what_its_people_did_and_nothing_of_another_organization()
    {
        var ours = $"Maple trail lot {Guid.NewGuid():N}";
        var theirs = $"Cedar trail lot {Guid.NewGuid():N}";
        await app.SendAsAsync(LotJourneys.District, new CreateLot.Command(ours, null, null));
        await app.SendAsAsync("district2@demo.k12", new CreateLot.Command(theirs, null, null));

        var maple = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var cedar = await BrowserClient.SignInAsync(app, "district2@demo.k12");
        var maplePage = WebUtility.HtmlDecode(await maple.GetPageAsync("/organization/activity?action=Lots.CreateLot"));
        var cedarPage = WebUtility.HtmlDecode(await cedar.GetPageAsync("/organization/activity?action=Lots.CreateLot"));

        Assert.Contains($"Title: {ours}", maplePage);
        Assert.Contains("Create lot", maplePage);
        Assert.DoesNotContain(theirs, maplePage);
        Assert.Contains($"Title: {theirs}", cedarPage);
        Assert.DoesNotContain(ours, cedarPage);
        Assert.Contains("href=\"/organization/activity\"", await maple.GetPageAsync("/lots"));
    }

    [Fact]
    public async Task The_trail_filters_by_person_failed_sign_ins_to_their_account_included_by_action_and_by_period_and_pages_fifty_records_at_a_time()
    {
        var (organizationId, admin, colleague) = await DistrictWithTwoPeopleAsync();
        var lotId = await app.SendAsAsync(admin.Email, new CreateLot.Command("Admin's lot", null, null));
        for (var i = 1; i <= 52; i++)
        {
            await app.SendAsAsync(admin.Email, new RecordBoardApproval.Command(lotId, $"Res. 2026-{i:000}"));
        }

        await app.SendAsAsync(colleague.Email, new CreateLot.Command("Colleague's lot", null, null));
        await BrowserClient.Anonymous(app).PostFormAsync("/account/login", "/account/login", new() { ["Email"] = colleague.Email, ["Password"] = "Not-Blakes-password-1" });
        var browser = await BrowserClient.SignInAsync(app, admin.Email);
        var total = await app.WithDbAsync(db => db.AuditRecords.CountAsync(r => r.OrganizationId == organizationId));

        var first = WebUtility.HtmlDecode(await browser.GetPageAsync("/organization/activity"));
        var second = WebUtility.HtmlDecode(await browser.GetPageAsync("/organization/activity?person=&action=&from=&to=&page=2"));
        Assert.Contains($"Showing 1–50 of {total:N0} records", first);
        Assert.Contains($"Showing 51–{total:N0} of {total:N0} records", second);
        Assert.Contains("Board approval reference: (empty) → Res. 2026-001", second);

        var byColleague = WebUtility.HtmlDecode(await browser.GetPageAsync($"/organization/activity?person={colleague.Id}"));
        Assert.Contains("Colleague's lot", byColleague);
        Assert.Contains("<strong>Failed sign-in</strong>", byColleague);
        Assert.DoesNotContain("Admin's lot", byColleague);
        Assert.DoesNotContain("<strong>Record board approval</strong>", byColleague);

        var created = WebUtility.HtmlDecode(await browser.GetPageAsync("/organization/activity?action=Lots.CreateLot"));
        Assert.Contains("Admin's lot", created);
        Assert.Contains("Colleague's lot", created);
        Assert.DoesNotContain("Res. 2026-", created);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("No activity recorded here yet.", await browser.GetPageAsync($"/organization/activity?from={tomorrow}"));
        Assert.Contains($"of {total:N0} records", WebUtility.HtmlDecode(await browser.GetPageAsync($"/organization/activity?from={today}&to={today}")));
    }

    [Fact]
    public async Task Filter_values_that_do_not_read_show_the_whole_trail_instead_of_failing()
    {
        var browser = await BrowserClient.SignInAsync(app, LotJourneys.District);

        var response = await browser.Http.GetAsync("/organization/activity?person=nobody&from=2027-02-30&to=%3Cscript%3E&action=%27%20OR%201%3D1&page=-4");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No activity recorded here yet.", await response.Content.ReadAsStringAsync());
    }

    private async Task<(Guid OrganizationId, (Guid Id, string Email) Admin, (Guid Id, string Email) Colleague)> DistrictWithTwoPeopleAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var organization = await db.SaveVerifiedAsync($"Pine Hollow SD {Guid.NewGuid():N}", OrganizationKind.District);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        async Task<(Guid, string)> AddAsync(string name, params string[] roles)
        {
            var email = await scope.ServiceProvider.AddPersonAsync(organization.Id, $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@pine-hollow.test", name, roles);
            return ((await users.FindByEmailAsync(email))!.Id, email);
        }

        return (organization.Id, await AddAsync("Avery", Roles.DistrictInventory, Roles.DistrictApprover, Roles.OrganizationAdmin), await AddAsync("Blake", Roles.DistrictInventory));
    }
}

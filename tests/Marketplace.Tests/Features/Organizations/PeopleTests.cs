using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Organizations;

/// <summary>An organization admin changes duties and deactivates people; each change reaches the person on their next request.</summary>
public sealed class PeopleTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Duties_granted_or_taken_away_apply_from_the_members_next_request()
    {
        var admin = await BrowserClient.SignInAsync(_factory, "school@demo.k12");
        var email = await _factory.AddMemberAsync("school@demo.k12", "Rita Moreno", Roles.SchoolBuyer);
        var id = await _factory.IdOfAsync(email);
        var member = await BrowserClient.SignInAsync(_factory, email);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/store/cart")).StatusCode);

        var saved = WebUtility.HtmlDecode(await admin.SubmitAsync($"/organization/people/{id}", $"/organization/people/{id}/duties", new() { ["duties"] = Roles.SchoolViewer }));

        Assert.Contains("Duties saved", saved);
        (await member.GetAsync("/store/cart")).AssertAccessDenied();
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/store/orders")).StatusCode);

        // An approver's duty needs a second factor: the member's next request is sent to its set-up.
        await admin.SubmitAsync($"/organization/people/{id}", $"/organization/people/{id}/duties", new() { ["duties"] = Roles.SchoolApprover });
        var next = await member.GetAsync("/store/orders");

        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/account/two-factor", next.Headers.Location?.OriginalString);
        Assert.Contains("Off: the duties require it", WebUtility.HtmlDecode(await admin.GetPageAsync($"/organization/people/{id}")));
    }

    [Fact]
    public async Task The_last_active_admin_cannot_deactivate_themselves_or_give_up_the_admin_duty_until_someone_else_has_it()
    {
        var admin = await BrowserClient.SignInAsync(_factory, "school@demo.k12");
        var self = await _factory.IdOfAsync("school@demo.k12");

        var deactivate = WebUtility.HtmlDecode(await admin.SubmitAsync($"/organization/people/{self}", $"/organization/people/{self}/deactivate", new() { ["reason"] = "Leaving" }));
        var dropAdmin = WebUtility.HtmlDecode(await admin.SubmitAsync($"/organization/people/{self}", $"/organization/people/{self}/duties", new() { ["duties"] = Roles.SchoolBuyer }));
        var page = WebUtility.HtmlDecode(await admin.GetPageAsync($"/organization/people/{self}"));

        Assert.Contains("You are the organization's last active admin, so you cannot deactivate your own account", deactivate);
        Assert.Contains("You are the last active admin of Lakeside Elementary School", dropAdmin);
        Assert.Contains("You are the organization's last active admin: make someone else an organization admin", page);
        Assert.True(await _factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == self && u.DeactivatedAt == null)));

        var colleague = await _factory.IdOfAsync("principal@demo.k12");
        var pairs = new[] { new KeyValuePair<string, string>("duties", Roles.SchoolApprover), new("duties", Roles.OrganizationAdmin) };
        var granted = await admin.PostPairsAsync($"/organization/people/{colleague}", $"/organization/people/{colleague}/duties", pairs);
        var dropped = await admin.PostFormAsync($"/organization/people/{self}", $"/organization/people/{self}/duties", new() { ["duties"] = Roles.SchoolBuyer });

        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal($"/organization/people/{self}", dropped.Headers.Location?.OriginalString);
        // Its admin duty gone, the former admin's next request no longer opens the people page.
        (await admin.GetAsync("/organization/people")).AssertAccessDenied();
    }

    [Fact]
    public async Task A_deactivated_members_open_session_stops_working_on_its_next_request_and_they_cannot_sign_in_again()
    {
        var admin = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        var email = await _factory.AddMemberAsync("district@demo.k12", "Leo Grant", Roles.DistrictInventory);
        var id = await _factory.IdOfAsync(email);
        var member = await BrowserClient.SignInAsync(_factory, email);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/lots")).StatusCode);

        var done = WebUtility.HtmlDecode(await admin.SubmitAsync($"/organization/people/{id}", $"/organization/people/{id}/deactivate", new() { ["reason"] = "Contract ended" }));

        Assert.Contains("Account deactivated", done);
        Assert.Contains("Contract ended", done);
        (await member.GetAsync("/lots")).AssertSentToSignIn();
        (await member.GetAsync("/lots")).AssertSentToSignIn();

        // Told only after the right password; a wrong one reads as for any address.
        var right = WebUtility.HtmlDecode(await (await BrowserClient.Anonymous(_factory).SignInAsync(email)).Content.ReadAsStringAsync());
        var wrong = WebUtility.HtmlDecode(await (await BrowserClient.Anonymous(_factory).SignInAsync(email, "Wrong-pass-2026!")).Content.ReadAsStringAsync());
        Assert.Contains("This account was deactivated on", right);
        Assert.Contains("by Dana Whitfield. Ask your organization's admin to reactivate it.", right);
        Assert.Contains(AccountController.NoMatch, wrong);
        Assert.DoesNotContain("deactivated", wrong);
        Assert.Contains("Deactivated", WebUtility.HtmlDecode(await admin.GetPageAsync("/organization/people")));

        await admin.SubmitAsync($"/organization/people/{id}", $"/organization/people/{id}/reactivate");
        var back = await BrowserClient.SignInAsync(_factory, email);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/lots")).StatusCode);
    }

    [Fact]
    public async Task The_people_page_lists_members_with_duties_two_factor_status_and_last_sign_in()
    {
        await BrowserClient.SignInAsync(_factory, "inventory@demo.k12");
        var admin = await BrowserClient.SignInAsync(_factory, "district@demo.k12");

        var page = WebUtility.HtmlDecode(await admin.GetPageAsync("/organization/people"));
        var row = page[page.IndexOf("Tom Reyes", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];

        Assert.Contains("Dana Whitfield</a> (you)", page);
        Assert.Contains("Inventory, Approver, Organization admin", page);
        Assert.Contains("inventory@demo.k12", row);
        Assert.Contains(">Off<", row);
        Assert.Contains("Active", row);
        Assert.DoesNotContain("Never", row);
        Assert.DoesNotContain("Luis Ortega", page);
        Assert.DoesNotContain("district2@demo.k12", page);
    }

    [Fact]
    public async Task An_organization_admin_can_neither_see_nor_change_another_organizations_people()
    {
        var stranger = await BrowserClient.SignInAsync(_factory, "district2@demo.k12");
        var clerk = await _factory.IdOfAsync("inventory@demo.k12");

        var page = await stranger.GetAsync($"/organization/people/{clerk}");
        var deactivate = await stranger.PostFormAsync("/organization/people", $"/organization/people/{clerk}/deactivate", new() { ["reason"] = "Not mine" });
        var duties = await stranger.PostFormAsync("/organization/people", $"/organization/people/{clerk}/duties", new() { ["duties"] = Roles.DistrictViewer });

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deactivate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, duties.StatusCode);
        var clerkNow = await _factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == clerk));
        Assert.True(clerkNow.IsActive);
    }
}

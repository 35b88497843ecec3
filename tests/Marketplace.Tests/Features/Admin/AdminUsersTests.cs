using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;

namespace Marketplace.Tests.Features.Admin;

/// <summary>/admin/users: every account across organizations, and a platform admin's deactivation.</summary>
public sealed partial class AdminUsersTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_platform_admin_finds_accounts_by_name_email_or_organization_and_filters_by_status_and_two_factor()
    {
        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");

        Assert.Equal(["district@demo.k12", "inventory@demo.k12"], EmailsOn(await admin.GetPageAsync("/admin/users?q=maple")));
        Assert.Equal(["refurbisher@demo.k12", "technician@demo.k12"], EmailsOn(await admin.GetPageAsync("/admin/users?q=GreenCycle")));
        Assert.Equal(["principal@demo.k12"], EmailsOn(await admin.GetPageAsync("/admin/users?q=Grace%20Liu")));
        Assert.Equal(["district@demo.k12"], EmailsOn(await admin.GetPageAsync("/admin/users?q=maple&twoFactor=on")));
        Assert.Equal(["inventory@demo.k12"], EmailsOn(await admin.GetPageAsync("/admin/users?q=maple&twoFactor=off")));
        Assert.Empty(EmailsOn(await admin.GetPageAsync("/admin/users?q=%25")));
        Assert.Empty(EmailsOn(await admin.GetPageAsync("/admin/users?q=_")));
        var all = WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/users"));
        Assert.Equal(10, EmailsOn(all).Count); // the nine demo users and the demo applicant
        Assert.Contains("Inventory, Approver, Organization admin", all);
        Assert.Contains("Showing 1–10 of 10 accounts.", all);

        var clerk = await _factory.IdOfAsync("inventory@demo.k12");
        await admin.SubmitAsync($"/admin/users/{clerk}", $"/admin/users/{clerk}/deactivate", new() { ["reason"] = "Left the district" });

        Assert.Equal(["inventory@demo.k12"], EmailsOn(await admin.GetPageAsync("/admin/users?status=deactivated")));
        Assert.DoesNotContain("inventory@demo.k12", EmailsOn(await admin.GetPageAsync("/admin/users?status=active")));
    }

    [Fact]
    public async Task A_platform_deactivation_needs_a_reason_ends_the_session_and_only_platform_admins_undo_it()
    {
        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");
        var email = await _factory.AddMemberAsync("district@demo.k12", "Vic Stone", Roles.DistrictInventory);
        var id = await _factory.IdOfAsync(email);
        var member = await BrowserClient.SignInAsync(_factory, email);

        var noReason = WebUtility.HtmlDecode(await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/deactivate", new() { ["reason"] = " " }));
        Assert.Contains("Give the reason", noReason);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/lots")).StatusCode);

        var done = WebUtility.HtmlDecode(await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/deactivate", new() { ["reason"] = "Shared password reported" }));
        Assert.Contains("by Sam Adeyemi (marketplace staff): Shared password reported", done);
        (await member.GetAsync("/lots")).AssertSentToSignIn();
        Assert.Contains("Ask the marketplace's staff to reactivate it.", WebUtility.HtmlDecode(await (await BrowserClient.Anonymous(_factory).SignInAsync(email)).Content.ReadAsStringAsync()));

        var district = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        var refused = WebUtility.HtmlDecode(await district.SubmitAsync($"/organization/people/{id}", $"/organization/people/{id}/reactivate"));
        Assert.Contains("only they can reactivate it", refused);

        await admin.SubmitAsync($"/admin/users/{id}", $"/admin/users/{id}/reactivate");
        await BrowserClient.SignInAsync(_factory, email);

        var self = await _factory.IdOfAsync("admin@demo.k12");
        var own = await admin.PostFormAsync("/admin/users", $"/admin/users/{self}/deactivate", new() { ["reason"] = "Testing" });
        Assert.Contains("You cannot deactivate your own account here", WebUtility.HtmlDecode(await admin.GetPageAsync(own.Headers.Location!.OriginalString)));
    }

    /// <summary>The accounts listed, by e-mail in alphabetical order (the page sorts by organization, then name).</summary>
    private static List<string> EmailsOn(string page) =>
        [.. Email().Matches(WebUtility.HtmlDecode(page)).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex("<span class=\"small text-muted\">([^<@]+@[^<]+)</span>")]
    private static partial Regex Email();
}

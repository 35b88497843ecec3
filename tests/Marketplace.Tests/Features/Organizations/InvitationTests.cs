using System.Net;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Features.Organizations;

/// <summary>An organization admin invites someone; the link in the delivered e-mail makes their account, once.</summary>
public sealed class InvitationTests : IAsyncLifetime
{
    private const string Password = "Tech-pass-2026!x";

    /// <summary>
    /// A closed invitation's page has no form: a post to it comes from a form opened while it was open, here stood in for by
    /// another page of the same session (its anti-forgery token, and where the refusal is shown).
    /// </summary>
    private const string FormOpenedEarlier = "/account/login";
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task An_invited_technician_opens_the_link_in_the_delivered_email_chooses_a_password_and_works_with_the_duty_chosen()
    {
        const string invitee = "sam.tech@greencycle.test";
        var admin = await BrowserClient.SignInAsync(_factory, "refurbisher@demo.k12");

        var people = await admin.SubmitAsync("/organization/people", "/organization/people/invite", new() { ["email"] = invitee, ["duties"] = Roles.RefurbisherTechnician });
        var message = await _factory.WaitForAsync(invitee, "invited you to GreenCycle ITAD");
        var link = Mailbox.LinkIn(message);

        Assert.Contains($"An invitation is on its way to {invitee}", WebUtility.HtmlDecode(people));
        Assert.Contains("Technician (pickup, receiving, sanitization)", message.TextBody);
        Assert.StartsWith("/invitations/", link, StringComparison.Ordinal);
        await AssertOnlyTheDeliveredMessageHoldsTheLinkAsync(invitee, link["/invitations/".Length..]);

        var newcomer = BrowserClient.Anonymous(_factory);
        var page = WebUtility.HtmlDecode(await newcomer.GetPageAsync(link));
        var accepted = await newcomer.PostFormAsync(link, link, new() { ["name"] = "Sam Okoro", ["password"] = Password, ["confirmPassword"] = Password });
        var market = await newcomer.Http.GetAsync("/dashboard");

        Assert.Contains("Join GreenCycle ITAD", page);
        Assert.Contains("Priya Natarajan invited", page);
        Assert.Equal("/dashboard", accepted.Headers.Location?.OriginalString);
        Assert.Equal("/market", market.Headers.Location?.OriginalString);
        var account = await _factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == invitee));
        Assert.True(account.EmailConfirmed);
        Assert.Equal("Sam Okoro", account.DisplayName);
        Assert.Equal(await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == "refurbisher@demo.k12").Select(u => u.OrganizationId).SingleAsync()), account.OrganizationId);
        Assert.Equal([Roles.RefurbisherTechnician], await RolesOfAsync(invitee));
        (await newcomer.Http.GetAsync("/organization/people")).AssertAccessDenied();
        Assert.Contains("Sam Okoro", await admin.GetPageAsync("/organization/people"));

        // The link works once.
        var again = WebUtility.HtmlDecode(await BrowserClient.Anonymous(_factory).GetPageAsync(link));
        var stranger = BrowserClient.Anonymous(_factory);
        var second = WebUtility.HtmlDecode(await stranger.SubmitAsync(FormOpenedEarlier, link, new() { ["name"] = "Someone Else", ["password"] = Password, ["confirmPassword"] = Password }));
        Assert.Contains("This invitation was already used: its link works once.", again);
        Assert.Contains("This invitation was already used", second);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == invitee)));
    }

    [Fact]
    public async Task An_expired_link_says_so_and_whom_to_ask_and_sending_it_again_makes_a_new_link_that_works()
    {
        const string invitee = "late.reader@maple-valley.test";
        var admin = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        await admin.SubmitAsync("/organization/people", "/organization/people/invite", new() { ["email"] = invitee, ["duties"] = Roles.DistrictViewer });
        var first = Mailbox.LinkIn(await _factory.WaitForAsync(invitee, "invited you"));
        await _factory.WithDbAsync(db => db.Invitations.Where(i => i.Email == invitee).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        var expired = WebUtility.HtmlDecode(await BrowserClient.Anonymous(_factory).GetPageAsync(first));
        var refused = WebUtility.HtmlDecode(await BrowserClient.Anonymous(_factory).SubmitAsync(FormOpenedEarlier, first, new() { ["name"] = "Late Reader", ["password"] = Password, ["confirmPassword"] = Password }));
        var people = WebUtility.HtmlDecode(await admin.GetPageAsync("/organization/people"));

        Assert.Contains("This invitation expired on", expired);
        Assert.Contains("Ask Dana Whitfield (district@demo.k12) for a new invitation.", refused);
        Assert.Contains("Dana Whitfield", expired);
        Assert.Contains("district@demo.k12", expired);
        Assert.Contains("Expired", people);

        var id = await _factory.WithDbAsync(db => db.Invitations.Where(i => i.Email == invitee).Select(i => i.Id).SingleAsync());
        await admin.SubmitAsync("/organization/people", $"/organization/people/invitations/{id}/resend");
        var second = Mailbox.LinkIn(await _factory.WaitForAsync(invitee, "invited you", count: 2));

        Assert.NotEqual(first, second);
        var replaced = await BrowserClient.Anonymous(_factory).Http.GetAsync(first);
        Assert.Equal(HttpStatusCode.NotFound, replaced.StatusCode);
        Assert.Contains("This link is not a valid invitation", WebUtility.HtmlDecode(await replaced.Content.ReadAsStringAsync()));
        var newcomer = BrowserClient.Anonymous(_factory);
        var accepted = await newcomer.PostFormAsync(second, second, new() { ["name"] = "Late Reader", ["password"] = Password, ["confirmPassword"] = Password });
        Assert.Equal("/dashboard", accepted.Headers.Location?.OriginalString);
        Assert.Equal([Roles.DistrictViewer], await RolesOfAsync(invitee));
    }

    [Fact]
    public async Task A_revoked_link_says_so_and_makes_no_account()
    {
        const string invitee = "changed.mind@lakeside.test";
        var admin = await BrowserClient.SignInAsync(_factory, "school@demo.k12");
        await admin.SubmitAsync("/organization/people", "/organization/people/invite", new() { ["email"] = invitee, ["duties"] = Roles.SchoolBuyer });
        var link = Mailbox.LinkIn(await _factory.WaitForAsync(invitee, "invited you"));
        var id = await _factory.WithDbAsync(db => db.Invitations.Where(i => i.Email == invitee).Select(i => i.Id).SingleAsync());

        var people = WebUtility.HtmlDecode(await admin.SubmitAsync("/organization/people", $"/organization/people/invitations/{id}/revoke"));
        var page = WebUtility.HtmlDecode(await BrowserClient.Anonymous(_factory).GetPageAsync(link));
        var refused = WebUtility.HtmlDecode(await BrowserClient.Anonymous(_factory).SubmitAsync(FormOpenedEarlier, link, new() { ["name"] = "Changed Mind", ["password"] = Password, ["confirmPassword"] = Password }));

        Assert.Contains("Invitation revoked", people);
        Assert.DoesNotContain(invitee, people);
        Assert.Contains("This invitation was revoked on", page);
        Assert.Contains("Ask <strong>Marcus Bell</strong>", await BrowserClient.Anonymous(_factory).GetPageAsync(link));
        Assert.Contains("This invitation was revoked", refused);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == invitee)));
    }

    [Fact]
    public async Task An_address_that_has_an_account_is_refused_when_invited_and_so_are_duties_of_another_kind_or_of_the_platform()
    {
        var admin = await BrowserClient.SignInAsync(_factory, "district@demo.k12");

        string Refusal(string page) => WebUtility.HtmlDecode(page);
        var member = Refusal(await admin.SubmitAsync("/organization/people", "/organization/people/invite", new() { ["email"] = "inventory@demo.k12", ["duties"] = Roles.DistrictViewer }));
        var elsewhere = Refusal(await admin.SubmitAsync("/organization/people", "/organization/people/invite", new() { ["email"] = "Refurbisher@Demo.k12", ["duties"] = Roles.DistrictViewer }));
        var foreign = Refusal(await admin.SubmitAsync("/organization/people", "/organization/people/invite", new() { ["email"] = "buyer@maple-valley.test", ["duties"] = Roles.RefurbisherBuyer }));
        var platform = Refusal(await admin.SubmitAsync("/organization/people", "/organization/people/invite", new() { ["email"] = "staff@maple-valley.test", ["duties"] = Roles.Admin }));
        var none = Refusal(await admin.SubmitAsync("/organization/people", "/organization/people/invite", new() { ["email"] = "nobody@maple-valley.test" }));

        Assert.Contains("inventory@demo.k12 is already a member of Maple Valley School District", member);
        Assert.Contains("Refurbisher@Demo.k12 already has an account with another organization", elsewhere);
        Assert.Contains("not a duty of a district", foreign);
        Assert.Contains("platform duties are granted only to the marketplace's own staff", platform);
        Assert.Contains("Choose at least one duty", none);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Invitations.CountAsync()));
    }

    [Fact]
    public async Task An_address_invited_twice_is_pointed_to_the_first_invitation()
    {
        var admin = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        await admin.SubmitAsync("/organization/people", "/organization/people/invite", new() { ["email"] = "twice@maple-valley.test", ["duties"] = Roles.DistrictViewer });

        var again = WebUtility.HtmlDecode(await admin.SubmitAsync("/organization/people", "/organization/people/invite", new() { ["email"] = "TWICE@maple-valley.test", ["duties"] = Roles.DistrictInventory }));

        Assert.Contains("TWICE@maple-valley.test was already invited on", again);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Invitations.CountAsync()));
    }

    /// <summary>The token is nowhere but in the delivered message: not in the invitation row (only its hash), the outbox row or the e-mail log.</summary>
    private async Task AssertOnlyTheDeliveredMessageHoldsTheLinkAsync(string invitee, string token)
    {
        var (logged, outbox, invitation) = await _factory.WithDbAsync(async db => (
            await db.EmailMessages.AsNoTracking().SingleAsync(m => m.To == invitee),
            await db.OutboxMessages.AsNoTracking().Select(m => m.Payload).ToListAsync(),
            await db.Invitations.AsNoTracking().SingleAsync(i => i.Email == invitee)));
        Assert.DoesNotContain(token, logged.Body);
        Assert.Contains(SendLinkEmail.LoggedInsteadOfLink, logged.Body);
        Assert.DoesNotContain(outbox, payload => payload.Contains(token, StringComparison.Ordinal));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), invitation.TokenHash);
        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");
        var log = await admin.GetPageAsync("/admin/emails");
        Assert.Contains(invitee, log);
        Assert.DoesNotContain(token, log);
    }

    private async Task<IReadOnlyList<string>> RolesOfAsync(string email)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return [.. await users.GetRolesAsync((await users.FindByEmailAsync(email))!)];
    }
}

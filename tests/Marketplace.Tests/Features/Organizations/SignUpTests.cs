using System.Net;
using Marketplace.Tests.Domain.Organizations;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Account;
using Marketplace.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Organizations;

public sealed class SignUpTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_refurbisher_signs_up_confirms_its_address_uploads_its_documents_is_approved_and_its_first_quote_is_accepted()
    {
        var email = OrganizationTestKit.NewEmail();
        const string name = "Columbia Basin Renew LLC";
        var visitor = BrowserClient.Anonymous(_factory);

        var sent = await visitor.LandingAsync(await visitor.PostFormAsync("/signup", "/signup", OrganizationTestKit.SignUpForm(email, name)));
        Assert.Contains("Check your e-mail", sent);
        Assert.Contains(email, sent);

        // The applicant becomes its organization admin holding every refurbisher duty, not confirmed yet.
        var applicant = await _factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        var organization = await _factory.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == applicant.OrganizationId));
        var roles = await _factory.WithDbAsync(db => db.UserRoles.Where(r => r.UserId == applicant.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(r => r).ToListAsync());
        Assert.Equal((name, OrganizationKind.Refurbisher, OrganizationStatus.Applied, "27-3184406", "509-555-0188", false),
            (organization.Name, organization.Kind, organization.Status, organization.Ein, organization.Phone, applicant.EmailConfirmed));
        Assert.Equal([Roles.OrganizationAdmin, Roles.RefurbisherBuyer, Roles.RefurbisherTechnician, Roles.RefurbisherViewer], roles);

        // Not yet: the password is right, but the address is not confirmed.
        var early = await visitor.PostFormAsync("/account/login", "/account/login", new() { ["Email"] = email, ["Password"] = OrganizationTestKit.Password });
        var refusal = WebUtility.HtmlDecode(await early.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains(AccountController.NotConfirmed, refusal);
        Assert.Contains("Send the link again", refusal);

        // The link in the delivered e-mail confirms the address and signs nobody in.
        var mail = await _factory.DeliveredAsync(email, "Confirm your e-mail address");
        var confirmed = await visitor.Http.GetAsync(mail.ConfirmationLink());
        var confirmedPage = await confirmed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Your e-mail address is confirmed", confirmedPage);
        (await visitor.Http.GetAsync("/organization/documents")).AssertSentToSignIn();

        var refurbisher = await BrowserClient.SignInAsync(_factory, email, OrganizationTestKit.Password);
        var market = WebUtility.HtmlDecode(await refurbisher.GetPageAsync("/market"));
        Assert.Contains("Your organization is not verified yet, so it cannot quote. First: upload your W-9", market);
        Assert.Contains("href=\"/organization/documents\"", market);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var w9 = await refurbisher.LandingAsync(await refurbisher.UploadAsync("W9", "273184406", "Jordan Alvarez, Owner", today.AddDays(-2), null, "w9-signed.pdf", SampleOrganizations.Pdf));
        Assert.Contains("Your W-9 was uploaded", w9);
        await refurbisher.LandingAsync(await refurbisher.UploadAsync("R2v3", "R2V3-2026-1188", "SERI", today.AddYears(-1), today.AddYears(2), "r2v3.pdf", SampleOrganizations.Pdf));
        var waiting = WebUtility.HtmlDecode(await refurbisher.GetPageAsync("/organization/documents"));
        Assert.Contains("your W-9 is waiting for review by a platform admin", waiting);

        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");
        var queue = WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/organizations"));
        Assert.True(queue.IndexOf(name, StringComparison.Ordinal) < queue.IndexOf("Maple Valley School District", StringComparison.Ordinal), "applications come first in the queue");
        var review = $"/admin/organizations/{organization.Id}";
        var documents = await _factory.WithDbAsync(db => db.OrganizationDocuments.AsNoTracking().Where(d => d.OrganizationId == organization.Id).ToListAsync());
        foreach (var document in documents)
        {
            await admin.SubmitAsync(review, $"{review}/documents/{document.Id}/approve");
        }

        var verified = WebUtility.HtmlDecode(await admin.SubmitAsync(review, $"{review}/verify"));
        Assert.Contains("Organization verified", verified);
        var approvals = await _factory.WithDbAsync(db => db.OrganizationDocuments.AsNoTracking().Where(d => d.OrganizationId == organization.Id).ToListAsync());
        Assert.All(approvals, d => Assert.Equal(("Approved", "Sam Adeyemi"), (d.Status.ToString(), d.ReviewedBy)));
        await _factory.DeliveredAsync(email, $"{name} is verified");

        var lot = await _factory.SaveListedAsync();
        var quoted = await refurbisher.SubmitAsync($"/market/lots/{lot.Id}", $"/market/lots/{lot.Id}/quote", new() { ["Amount"] = "1450.00" });
        Assert.DoesNotContain("That didn't work", quoted);
        Assert.Equal(1450m, await _factory.WithDbAsync(db => db.Quotes.Where(q => q.RefurbisherId == organization.Id).Select(q => q.Amount).SingleAsync()));
    }

    [Fact]
    public async Task The_confirmation_token_is_made_when_the_e_mail_is_sent_and_only_the_delivered_copy_carries_it()
    {
        var email = OrganizationTestKit.NewEmail();
        var visitor = BrowserClient.Anonymous(_factory);
        await visitor.PostFormAsync("/signup", "/signup", OrganizationTestKit.SignUpForm(email, "Palouse Device Recovery"));

        var delivered = await _factory.DeliveredAsync(email, "Confirm your e-mail address");
        var logged = Assert.Single(await _factory.LoggedAsync(email));
        var queued = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == typeof(SendAccountEmail.Command).FullName).Select(m => m.Payload).ToListAsync());

        Assert.Contains("&token=", delivered.TextBody);
        Assert.DoesNotContain(SendAccountEmail.RedactedToken, delivered.TextBody);
        Assert.Contains($"&token={SendAccountEmail.RedactedToken}", logged.Body);
        Assert.DoesNotContain(delivered.ConfirmationLink().Split("token=")[1], logged.Body);
        Assert.All(queued, payload => Assert.DoesNotContain("token=", payload));
        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");
        Assert.DoesNotContain(delivered.ConfirmationLink().Split("token=")[1], await admin.GetPageAsync("/admin/emails"));
    }

    [Fact]
    public async Task An_unconfirmed_account_asks_for_the_link_again_and_the_new_link_confirms_it()
    {
        var email = OrganizationTestKit.NewEmail();
        var visitor = BrowserClient.Anonymous(_factory);
        await visitor.PostFormAsync("/signup", "/signup", OrganizationTestKit.SignUpForm(email, "Inland Empire ITAD"));
        await _factory.DeliveredAsync(email, "Confirm your e-mail address");

        var again = WebUtility.HtmlDecode(await visitor.SubmitAsync("/account/login", "/account/confirm-email/resend", new() { ["email"] = email }));
        var unknown = WebUtility.HtmlDecode(await visitor.SubmitAsync("/account/login", "/account/confirm-email/resend", new() { ["email"] = "nobody@signup.test" }));

        Assert.Contains(EmailConfirmationController.LinkSentAgain, again);
        Assert.Contains(EmailConfirmationController.LinkSentAgain, unknown);
        var second = await MarketplaceFactory.EventuallyAsync(async () => (await _factory.LoggedAsync(email)).Count >= 2 ? "sent" : null, "the second confirmation e-mail");
        Assert.Equal("sent", second);
        var links = Directory.GetFiles(Path.Combine(_factory.DataFolder, "mail"), "*.eml").Select(OrganizationTestKit.Read).OfType<MimeKit.MimeMessage>()
            .Where(m => m.To.Mailboxes.Any(a => a.Address == email)).Select(m => m.ConfirmationLink()).ToList();
        Assert.Equal(2, links.Count);
        Assert.Contains("Your e-mail address is confirmed", await visitor.GetPageAsync(links[^1]));
        Assert.Contains("confirmed already", await visitor.GetPageAsync(links[0]));
        await BrowserClient.SignInAsync(_factory, email, OrganizationTestKit.Password);
    }

    [Fact]
    public async Task A_tampered_link_confirms_nothing()
    {
        var email = OrganizationTestKit.NewEmail();
        var visitor = BrowserClient.Anonymous(_factory);
        await visitor.PostFormAsync("/signup", "/signup", OrganizationTestKit.SignUpForm(email, "Okanogan Recyclers"));
        var link = (await _factory.DeliveredAsync(email, "Confirm your e-mail address")).ConfirmationLink();

        var page = await visitor.GetPageAsync(link[..^6] + "AAAAAA");

        Assert.Contains("This link cannot be used", page);
        Assert.False(await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task An_address_that_already_has_an_account_gets_the_same_answer_and_its_owner_is_told()
    {
        var visitor = BrowserClient.Anonymous(_factory);
        var before = await _factory.WithDbAsync(db => db.Organizations.CountAsync());

        var freshEmail = OrganizationTestKit.NewEmail();
        var taken = await visitor.LandingAsync(await visitor.PostFormAsync("/signup", "/signup", OrganizationTestKit.SignUpForm("District@Demo.k12", "Maple Valley Skunkworks")));
        var fresh = await visitor.LandingAsync(await visitor.PostFormAsync("/signup", "/signup", OrganizationTestKit.SignUpForm(freshEmail, "Chelan Reuse Co")));

        Assert.Equal(Normalize(fresh, freshEmail), Normalize(taken, "District@Demo.k12"));
        Assert.Equal(before + 1, await _factory.WithDbAsync(db => db.Organizations.CountAsync()));
        Assert.False(await _factory.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Name == "Maple Valley Skunkworks")));
        var warning = await _factory.DeliveredAsync("district@demo.k12", "Someone tried to sign up with your e-mail address");
        Assert.Contains("Maple Valley Skunkworks", warning.TextBody);
        Assert.DoesNotContain("token=", warning.TextBody);

        // The address typed, and the per-page anti-forgery token, are all that may differ.
        static string Normalize(string page, string email) =>
            System.Text.RegularExpressions.Regex.Replace(page.Replace(email, "ADDRESS", StringComparison.Ordinal), "name=\"__RequestVerificationToken\"[^>]*>", "");
    }

    [Fact]
    public async Task A_refused_sign_up_names_each_field_and_keeps_what_was_typed_but_the_password()
    {
        var visitor = BrowserClient.Anonymous(_factory);
        var form = OrganizationTestKit.SignUpForm(OrganizationTestKit.NewEmail(), "Yakima Valley School District", kind: "District", nces: "123");
        form["Ein"] = "07-1234567";
        form["State"] = "Washington";
        form["Password"] = "short";

        var page = WebUtility.HtmlDecode(await visitor.LandingAsync(await visitor.PostFormAsync("/signup", "/signup", form)));

        Assert.Contains("That didn't work", page);
        Assert.Contains("EIN: enter the 9-digit employer identification number as NN-NNNNNNN.", page);
        Assert.Contains("State: enter the two-letter postal code of a US state, such as WA.", page);
        Assert.Contains("NCES ID: enter the district's 7-digit NCES ID", page);
        Assert.Contains("Password: Passwords must be at least 12 characters.", page);
        Assert.Contains("value=\"Yakima Valley School District\"", page);
        Assert.DoesNotContain("value=\"short\"", page);
        Assert.False(await _factory.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Name == "Yakima Valley School District")));
    }

    [Fact]
    public async Task A_district_signs_up_with_the_NCES_ID_of_its_state_and_a_private_school_without_one()
    {
        var visitor = BrowserClient.Anonymous(_factory);
        var district = OrganizationTestKit.SignUpForm(OrganizationTestKit.NewEmail(), "Spokane Valley School District", kind: "District", nces: "5307710");
        var school = OrganizationTestKit.SignUpForm(OrganizationTestKit.NewEmail(), "St. Aloysius School", kind: "School");
        school["PrivateSchool"] = "true";
        var wrongState = OrganizationTestKit.SignUpForm(OrganizationTestKit.NewEmail(), "Boise Unified", kind: "District", nces: "1601230");

        await visitor.LandingAsync(await visitor.PostFormAsync("/signup", "/signup", district));
        await visitor.LandingAsync(await visitor.PostFormAsync("/signup", "/signup", school));
        var refused = WebUtility.HtmlDecode(await visitor.LandingAsync(await visitor.PostFormAsync("/signup", "/signup", wrongState)));

        var saved = await _factory.WithDbAsync(db => db.Organizations.AsNoTracking().Where(o => o.Name == "Spokane Valley School District" || o.Name == "St. Aloysius School")
            .OrderBy(o => o.Name).Select(o => new { o.Name, o.NcesId, o.IsPrivateSchool }).ToListAsync());
        Assert.Equal(["Spokane Valley School District 5307710 False", "St. Aloysius School  True"], saved.Select(o => $"{o.Name} {o.NcesId} {o.IsPrivateSchool}"));
        Assert.Contains("NCES ID: 1601230 is not an ID of WA; NCES IDs in WA start with 53.", refused);
    }

    [Fact]
    public async Task A_legal_name_already_registered_is_refused_naming_it()
    {
        var visitor = BrowserClient.Anonymous(_factory);

        var page = WebUtility.HtmlDecode(await visitor.LandingAsync(await visitor.PostFormAsync("/signup", "/signup",
            OrganizationTestKit.SignUpForm(OrganizationTestKit.NewEmail(), "greencycle itad"))));

        Assert.Contains("Legal name: greencycle itad is already registered. If you work there, ask its organization admin to invite you.", page);
    }
}

public sealed class SignUpRateLimitTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new() { Settings = { ["RateLimits:SignIn:PermitLimit"] = "3" } };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Sign_up_posts_beyond_the_per_client_limit_get_429_like_sign_in()
    {
        var visitor = BrowserClient.Anonymous(_factory);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await visitor.PostFormAsync("/signup", "/signup", OrganizationTestKit.SignUpForm(OrganizationTestKit.NewEmail(), ""));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }
}

using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Account;
using Marketplace.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Account;

/// <summary>The app behind a proxy it trusts (10.0.0.5), so a test can send a client address through X-Forwarded-For as a load balancer would.</summary>
public sealed class SignInAuditApp : LoggedMarketplaceFactory
{
    public const string Proxy = "10.0.0.5";

    public SignInAuditApp() => Settings["ForwardedHeaders:KnownProxies"] = Proxy;
}

/// <summary>Sign-ins, failed sign-ins and sign-outs are in the audit trail, with where they came from; a failed one never holds the password.</summary>
public sealed class SignInAuditTests(SignInAuditApp app) : IClassFixture<SignInAuditApp>
{
    [Fact]
    public async Task A_sign_in_is_recorded_for_the_person_and_organization_with_the_client_address()
    {
        var browser = app.From("198.51.100.7");

        // Dana signs in with a second factor: the sign-in is recorded when it completes, after the code.
        var response = await browser.SignInAsync(LotJourneys.District);

        Assert.Equal((HttpStatusCode.Redirect, "/dashboard"), (response.StatusCode, response.Headers.Location?.OriginalString));
        var record = await LatestAsync(RecordSignIn.SignIn, "198.51.100.7");
        var (userId, organizationId) = await UserAsync(LotJourneys.District);
        Assert.Equal((userId, "Dana Whitfield", organizationId, AuditOperation.Session, "User", userId.ToString()),
            (record.ActorUserId, record.ActorName, record.OrganizationId, record.Operation, record.EntityType, record.EntityId));
    }

    [Fact]
    public async Task A_failed_sign_in_records_the_address_typed_and_the_client_but_never_the_password()
    {
        const string password = "Guess-Me-If-You-Can-42";
        var browser = app.From("203.0.113.9");

        await browser.PostFormAsync("/account/login", "/account/login", new() { ["Email"] = LotJourneys.District, ["Password"] = password });
        await browser.PostFormAsync("/account/login", "/account/login", new() { ["Email"] = "nobody@nowhere.test", ["Password"] = password });

        var records = await app.WithDbAsync(db => db.AuditRecords.AsNoTracking().Where(r => r.Action == RecordSignIn.SignInFailed && r.ClientAddress == "203.0.113.9").OrderBy(r => r.At).ToListAsync());
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.DoesNotContain(password, $"{r.ActorName} {r.EntityLabel} {r.Changes}"));
        Assert.All(records, r => Assert.Null(r.ActorUserId));
        var (userId, organizationId) = await UserAsync(LotJourneys.District);
        Assert.Equal((organizationId, userId.ToString()), (records[0].OrganizationId, records[0].EntityId));
        Assert.Equal([new("Email", null, LotJourneys.District), new("Reason", null, "wrong e-mail or password")], AuditChanges.Read(records[0].Changes));
        Assert.Equal((null, null), (records[1].OrganizationId, records[1].EntityId));
        Assert.Contains(new AuditChange("Email", null, "nobody@nowhere.test"), AuditChanges.Read(records[1].Changes));
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_record_holds_the_browsers_address_not_the_proxys()
    {
        var browser = app.From(SignInAuditApp.Proxy);
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.44");

        await browser.PostFormAsync("/account/login", "/account/login", new() { ["Email"] = "school@demo.k12", ["Password"] = DemoData.DefaultPassword });

        var record = await LatestAsync(RecordSignIn.SignIn, "192.0.2.44");
        Assert.Equal("Marcus Bell", record.ActorName);
    }

    [Fact]
    public async Task Signing_out_is_recorded_for_the_person_who_signed_out()
    {
        var browser = app.From("198.51.100.8");
        await browser.PostFormAsync("/account/login", "/account/login", new() { ["Email"] = LotJourneys.Refurbisher, ["Password"] = DemoData.DefaultPassword });

        var response = await browser.PostFormAsync("/", "/account/logout", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var record = await LatestAsync(RecordSignIn.SignOut, "198.51.100.8");
        Assert.Equal(((await UserAsync(LotJourneys.Refurbisher)).UserId, "Priya Natarajan"), (record.ActorUserId!.Value, record.ActorName));
    }

    private Task<AuditRecord> LatestAsync(string action, string address) =>
        app.WithDbAsync(db => db.AuditRecords.AsNoTracking().Where(r => r.Action == action && r.ClientAddress == address).OrderByDescending(r => r.At).FirstAsync());

    private Task<(Guid UserId, Guid OrganizationId)> UserAsync(string email) =>
        app.WithDbAsync(async db => await db.Users.Where(u => u.Email == email).Select(u => new ValueTuple<Guid, Guid>(u.Id, u.OrganizationId)).SingleAsync());
}

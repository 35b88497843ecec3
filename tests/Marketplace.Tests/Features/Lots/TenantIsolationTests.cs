using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Domain;
using Microsoft.AspNetCore.Routing;
using static Marketplace.Tests.Features.Lots.Aim;
using static Marketplace.Tests.Features.Lots.Outcome;

namespace Marketplace.Tests.Features.Lots;

/// <summary>What a request ends in, as a person would see it.</summary>
internal enum Outcome
{
    /// <summary>200: the page or file.</summary>
    Ok,

    /// <summary>A redirect to where the action sends a person when it is done.</summary>
    Redirected,

    /// <summary>Back to the page the form came from, with the reason a business rule refused it: the request reached the record.</summary>
    Refused,

    NotFound,

    /// <summary>A redirect to the access-denied page: signed in, but the role may not.</summary>
    Denied,

    /// <summary>A redirect to the sign-in page.</summary>
    SignIn,

    Unauthorized,
    Forbidden,
    BadRequest,
    ServerError,
    Other,
}

/// <summary>What a route's parameters point at.</summary>
internal enum Aim
{
    /// <summary>Maple Valley's records, or those of the refurbisher that bought its lots: strangers must not reach them.</summary>
    AnotherTenant,

    /// <summary>No record in the route: the page or form is about the caller's own data (or the platform's, for staff).</summary>
    CallersOwn,

    /// <summary>Records that are public by design (a certificate code, a storefront listing, a lot open for quotes).</summary>
    Everyone,
}

/// <summary>The outcome for each caller, in the column order of the table.</summary>
internal sealed record Expected(Outcome Anonymous, Outcome Owner, Outcome Buyer, Outcome OtherDistrict, Outcome OtherRefurbisher, Outcome School, Outcome Finance, Outcome Admin)
{
    public Outcome For(Caller caller) => caller switch
    {
        Caller.Anonymous => Anonymous,
        Caller.Owner => Owner,
        Caller.Buyer => Buyer,
        Caller.OtherDistrict => OtherDistrict,
        Caller.OtherRefurbisher => OtherRefurbisher,
        Caller.School => School,
        Caller.Finance => Finance,
        Caller.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
    };
}

internal sealed record UploadedFile(string Field, string FileName, byte[] Content);

/// <summary>One entry of the table: a route of the app (method and pattern exactly as mapped), the records its parameters point at, and what each caller gets.</summary>
internal sealed record RouteCase(string Method, string Pattern, Aim Aim, string Target, Func<MapleValleyRecords, object?> Values, Expected Expected)
{
    public string Query { get; init; } = "";
    public Func<MapleValleyRecords, object?>? Form { get; init; }
    public UploadedFile? File { get; init; }

    /// <summary>Signing out ends the session it is sent in: such a case gets a session of its own.</summary>
    public bool EndsSession { get; init; }

    /// <summary>The route as the app's route table names it.</summary>
    public string Route => $"{Method} {Pattern}";

    public string Name => $"{Route}{Query} → {Target}";
}

/// <summary>
/// Every route of the app × every kind of caller, aimed at Maple Valley's records. The table below is the
/// expected outcome of each; a test holds it to the app's own route table, so a new route fails until someone
/// writes down who may reach it.
/// </summary>
public sealed partial class TenantIsolationTests(TenantIsolationApp app) : IClassFixture<TenantIsolationApp>
{
    /// <summary>Where the matrix's requests say they come from: a refused form is sent back here.</summary>
    private const string CameFrom = "/?came-from=tenant-matrix";

    private static readonly Guid UnknownDeviceModel = new("0194f3c2-0000-7000-8000-00000000dead");

    private static readonly Caller[] Strangers = [Caller.Anonymous, Caller.OtherDistrict, Caller.OtherRefurbisher, Caller.School];

    // Each case is aimed at a record in a stage where the owner's (or the buyer's) post is refused by a business
    // rule after the record was found, or where repeating it changes nothing: a stranger then gets NotFound where
    // the owner gets Refused, which only tenant access can tell apart, and the arranged records never change.
    private static readonly RouteCase[] Table =
    [
        //      anonymous     owner         buyer         other distr.  other refurb. school        finance       admin
        Get(Everyone, "/", "the home page", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        Get(Everyone, "/how-it-works", "how the marketplace works", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        Get(CallersOwn, "/dashboard", "the caller's start page", _ => null,
            new(SignIn,       Redirected,   Redirected,   Redirected,   Redirected,   Redirected,   Redirected,   Redirected)),
        // The error page is where failures are re-executed; reached directly it reports a server error.
        Any(Everyone, "/error", "the error page, as if something failed", _ => null,
            new(ServerError,  ServerError,  ServerError,  ServerError,  ServerError,  ServerError,  ServerError,  ServerError)),
        Any(Everyone, "/error/{status:int}", "the error page of a 404", _ => new { status = 404 },
            new(NotFound,     NotFound,     NotFound,     NotFound,     NotFound,     NotFound,     NotFound,     NotFound)),
        // Mapped beside the controllers: the health check, and Hangfire's dashboard, whose own filter admits admins only.
        Any(Everyone, "/health", "the health check", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        Any(CallersOwn, "/admin/jobs/{**path}", "the job dashboard", _ => new { path = "" },
            new(Unauthorized, Forbidden,    Forbidden,    Forbidden,    Forbidden,    Forbidden,    Forbidden,    Ok)),

        // Account
        Get(Everyone, "/account/login", "the sign-in page", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        Post(Everyone, "/account/login", "a sign-in with an unknown e-mail", _ => null, _ => new { Email = "nobody@nowhere.test", Password = "Not-a-password-1" },
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        Post(CallersOwn, "/account/logout", "the caller's own session", _ => null, _ => null,
            new(SignIn,       Redirected,   Redirected,   Redirected,   Redirected,   Redirected,   Redirected,   Redirected)) with { EndsSession = true },
        Get(Everyone, "/account/denied", "the access-denied page", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        // E-mail confirmation: the link's page without a valid token, and "send the link again", which answers the same for every address
        Get(Everyone, "/account/confirm-email", "a confirmation link without its token", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        // Answered on the sign-in page, with the same words whatever the address.
        Post(Everyone, "/account/confirm-email/resend", "a new link for an unknown e-mail", _ => null, _ => new { email = "nobody@nowhere.test" },
            new(SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn)),

        // Sign-up: anyone may apply (the post here lacks every field, so nothing is created)
        Get(Everyone, "/signup", "the sign-up form", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        Post(Everyone, "/signup", "an application without its fields", _ => null, _ => new { Kind = "District", LegalName = "", Email = "", Password = "" },
            new(Refused,      Refused,      Refused,      Refused,      Refused,      Refused,      Refused,      Refused)),
        Get(Everyone, "/signup/check-email", "the check-your-e-mail page", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),

        // An organization's own documents: its members read them, its admin uploads and downloads (the platform admin is one
        // of the platform's); the upload here is a text file named like a PDF, refused by its content
        Get(CallersOwn, "/organization/documents", "the caller's organization's documents", _ => null,
            new(SignIn,       Ok,           Ok,           Ok,           Ok,           Ok,           Denied,       Ok)),
        Upload(CallersOwn, "/organization/documents", "a text file named like a PDF, as the caller's own W-9", _ => null,
            new("file", "w9.pdf", "Serial,Model\n5CD0417XYZ,Chromebook 3100\n"u8.ToArray()),
            new(SignIn,       Refused,      Denied,       Refused,      Refused,      Refused,      Denied,       Refused)) with
        {
            Form = _ => new { Kind = "W9", Number = "91-6001948", Issuer = "Matrix", IssuedOn = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        },
        Get(AnotherTenant, "/organization/documents/{id:guid}/file", "Maple Valley's W-9", r => new { id = r.W9 },
            new(SignIn,       Ok,           Denied,       NotFound,     NotFound,     NotFound,     Denied,       Ok)),
        Get(Everyone, "/account/forgot-password", "the form that e-mails a reset link", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        // The same answer whether or not an account uses the address.
        Post(Everyone, "/account/forgot-password", "a reset link for an address no account uses", _ => null, _ => new { Email = "nobody@nowhere.test" },
            new(Redirected,   Redirected,   Redirected,   Redirected,   Redirected,   Redirected,   Redirected,   Redirected)),
        Get(Everyone, "/account/reset-password", "a reset page without its link's token", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        // The token decides, not who sends it: a made-up one is refused for Maple Valley's owner as for anyone.
        Post(Everyone, "/account/reset-password", "a new password for Maple Valley's owner with a made-up token", _ => null,
            r => new { id = r.OwnerAccount, token = "not-a-reset-token", password = "Matrix-pass-2026!", confirmPassword = "Matrix-pass-2026!" },
            new(Refused,      Refused,      Refused,      Refused,      Refused,      Refused,      Refused,      Refused)),
        Get(CallersOwn, "/account/two-factor", "the caller's own two-factor set-up", _ => null,
            new(SignIn,       Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        // Already on for the demo approvers and platform staff; a wrong code (or no key yet) for the others.
        Post(CallersOwn, "/account/two-factor/enable", "the caller's two-factor, with a wrong code", _ => null, _ => new { code = "000000" },
            new(SignIn,       Refused,      Refused,      Refused,      Refused,      Refused,      Refused,      Refused)),
        // Required for the approvers and platform staff, already off for the others.
        Post(CallersOwn, "/account/two-factor/disable", "the caller's two-factor", _ => null, _ => null,
            new(SignIn,       Refused,      Refused,      Refused,      Refused,      Refused,      Refused,      Refused)),
        // New codes for those with two-factor on: shown once, through the session's temp data, so each case signs in afresh.
        Post(CallersOwn, "/account/two-factor/recovery-codes", "the caller's recovery codes", _ => null, _ => null,
            new(SignIn,       Redirected,   Refused,      Redirected,   Refused,      Refused,      Redirected,   Redirected)) with { EndsSession = true },
        Get(CallersOwn, "/account/two-factor/recovery-codes", "recovery codes, none just made", _ => null,
            new(SignIn,       Redirected,   Redirected,   Redirected,   Redirected,   Redirected,   Redirected,   Redirected)),
        Post(CallersOwn, "/account/two-factor/recovery-codes/download", "the codes the page posts back", _ => null, _ => new { codes = "BCDFG-HJKMN" },
            new(SignIn,       Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        // The second step of signing in exists only between a right password and the code: without one, sign in again.
        Get(CallersOwn, "/account/two-factor/sign-in", "a second step no password started", _ => null,
            new(SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn)),
        Post(CallersOwn, "/account/two-factor/sign-in", "a code with no password before it", _ => null, _ => new { Code = "000000" },
            new(SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn)),
        Get(CallersOwn, "/account/two-factor/recovery", "a second step no password started", _ => null,
            new(SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn)),
        Post(CallersOwn, "/account/two-factor/recovery", "a recovery code with no password before it", _ => null, _ => new { RecoveryCode = "BCDFG-HJKMN" },
            new(SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn,       SignIn)),

        // People: each organization's admin sees and changes only its own people
        Get(CallersOwn, "/organization/people", "the caller's organization's people", _ => null,
            new(SignIn,       Ok,           Denied,       Ok,           Ok,           Ok,           Denied,       Ok)),
        Post(CallersOwn, "/organization/people/invite", "an invitation for an address that has an account", _ => null,
            _ => new { email = "inventory@demo.k12", duties = Roles.DistrictViewer },
            new(SignIn,       Refused,      Denied,       Refused,      Refused,      Refused,      Denied,       Refused)),
        Get(AnotherTenant, "/organization/people/{id:guid}", "a member of Maple Valley", r => new { id = r.Member },
            new(SignIn,       Ok,           Denied,       NotFound,     NotFound,     NotFound,     Denied,       NotFound)),
        Post(AnotherTenant, "/organization/people/{id:guid}/duties", "a member of Maple Valley, given a platform duty", r => new { id = r.Member }, _ => new { duties = Roles.Admin },
            new(SignIn,       Refused,      Denied,       NotFound,     NotFound,     NotFound,     Denied,       NotFound)),
        Post(AnotherTenant, "/organization/people/{id:guid}/deactivate", "Maple Valley's last admin", r => new { id = r.OwnerAccount }, _ => new { reason = "matrix" },
            new(SignIn,       Refused,      Denied,       NotFound,     NotFound,     NotFound,     Denied,       NotFound)),
        Post(AnotherTenant, "/organization/people/{id:guid}/reactivate", "an active member of Maple Valley", r => new { id = r.Member }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     NotFound,     NotFound,     Denied,       NotFound)),
        Post(AnotherTenant, "/organization/people/invitations/{id:guid}/resend", "Maple Valley's revoked invitation", r => new { id = r.RevokedInvitation }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     NotFound,     NotFound,     Denied,       NotFound)),
        Post(AnotherTenant, "/organization/people/invitations/{id:guid}/revoke", "Maple Valley's revoked invitation", r => new { id = r.RevokedInvitation }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     NotFound,     NotFound,     Denied,       NotFound)),
        // An invitation's link is its own proof, like a certificate's code: whoever holds it reads the same page.
        Get(Everyone, "/invitations/{token}", "the link of Maple Valley's revoked invitation", r => new { token = r.RevokedInvitationToken },
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        Post(Everyone, "/invitations/{token}", "an acceptance of Maple Valley's revoked invitation", r => new { token = r.RevokedInvitationToken },
            _ => new { name = "Matrix", password = "Matrix-pass-2026!", confirmPassword = "Matrix-pass-2026!" },
            new(Refused,      Refused,      Refused,      Refused,      Refused,      Refused,      Refused,      Refused)),

        // Lots: the district's own pages
        Get(CallersOwn, "/lots", "the caller's lots", _ => null,
            new(SignIn,       Ok,           Denied,       Ok,           Denied,       Denied,       Denied,       Denied)),
        Get(CallersOwn, "/lots", "a search for a serial in Maple Valley's lots", _ => null,
            new(SignIn,       Ok,           Denied,       Ok,           Denied,       Denied,       Denied,       Denied)) with { Query = "?serial=5CD0417" },
        // The caller's own district's certificates of the last month: Maple Valley has one; the other district none, which it is told.
        Get(CallersOwn, "/lots/certificates.zip", "the caller's certificates of the last month", _ => null,
            new(SignIn,       Ok,           Denied,       Refused,      Denied,       Denied,       Denied,       Denied))
            with { Query = $"?from={DateTime.UtcNow.AddDays(-30):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}" },
        Get(CallersOwn, "/lots/new", "the new-lot form", _ => null,
            new(SignIn,       Ok,           Denied,       Ok,           Denied,       Denied,       Denied,       Denied)),
        Post(CallersOwn, "/lots/new", "a new lot of the caller's own", _ => null, _ => new { Title = "Matrix lot", PickupAddress = "Loading dock" },
            new(SignIn,       Redirected,   Denied,       Redirected,   Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}", "Maple Valley's draft lot", r => new { id = r.DraftLot },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/activity", "the audit trail of Maple Valley's certified lot (the buyer's and finance's steps included)", r => new { id = r.CertifiedLot },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/devices/bulk", "Maple Valley's listed lot (not a draft)", r => new { id = r.ListedLot },
            _ => new { AllMatching = "true", SetGrade = "A" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/funding-award", "Maple Valley's listed lot, whose devices wait for no award", r => new { id = r.ListedLot },
            r => new { awardId = r.FundingAward, model = "" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/board-approval", "Maple Valley's draft lot, with the reference it already has", r => new { id = r.DraftLot },
            r => new { reference = r.BoardApproval },
            new(SignIn,       Redirected,   Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/devices", "Maple Valley's listed lot (not a draft)", r => new { id = r.ListedLot },
            _ => new { Serial = "5CD9999MTX", AssetTag = "", Category = "Chromebook", Manufacturer = "Dell", Model = "Chromebook 3100", Grade = "B", Functional = "Working" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/devices/{deviceId:guid}/edit", "a device of Maple Valley's listed lot (shown read-only)", r => new { id = r.ListedLot, deviceId = r.ListedDevice },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/devices/{deviceId:guid}/edit", "a device of Maple Valley's listed lot (not a draft)", r => new { id = r.ListedLot, deviceId = r.ListedDevice },
            _ => new { Category = "Chromebook", Model = "Chromebook 3100", Grade = "B", Functional = "Working", FundingSource = "Local", Notes = "matrix" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/devices/{deviceId:guid}/remove", "a device of Maple Valley's listed lot", r => new { id = r.ListedLot, deviceId = r.ListedDevice }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/submit", "Maple Valley's listed lot", r => new { id = r.ListedLot }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/withdraw", "Maple Valley's awarded lot", r => new { id = r.AwardedLot }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/quotes/{quoteId:guid}/decline", "the accepted quote of Maple Valley's awarded lot", r => new { id = r.AwardedLot, quoteId = r.AwardedQuote }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/quotes/{quoteId:guid}/accept", "the accepted quote of Maple Valley's awarded lot", r => new { id = r.AwardedLot, quoteId = r.AwardedQuote }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/sale-summary.pdf", "Maple Valley's awarded lot", r => new { id = r.AwardedLot },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/sale-offers.csv", "Maple Valley's awarded lot", r => new { id = r.AwardedLot },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/sale-offers.xlsx", "Maple Valley's awarded lot", r => new { id = r.AwardedLot },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/relist", "Maple Valley's awarded lot (not unsold)", r => new { id = r.AwardedLot }, _ => new { Mode = "RequestForQuotes" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/accept-highest-bid", "Maple Valley's awarded lot (not unsold)", r => new { id = r.AwardedLot }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/offer-next-bidder", "Maple Valley's awarded lot (not forfeited)", r => new { id = r.AwardedLot }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/devices/{deviceId:guid}", "the chain of custody of a device of Maple Valley's certified lot",
            r => new { id = r.CertifiedLot, deviceId = r.CertifiedDevice },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),

        // Fulfillment, the district's side: confirming the buyer's window, deprovisioning, hand-over scans and the hand-over
        Post(AnotherTenant, "/lots/{id:guid}/pickup/confirm", "Maple Valley's awarded lot (not paid yet)", r => new { id = r.AwardedLot },
            _ => new { WindowId = Guid.NewGuid(), Dock = "Loading dock B", Contact = "Dana Whitfield, 555-0100", Packages = 2 },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/pickup/other-windows", "Maple Valley's awarded lot (not paid yet)", r => new { id = r.AwardedLot }, _ => new { note = "matrix" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/deprovisioning", "the enrolled devices of Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/deprovisioning", "a device of Maple Valley's certified lot (already handed over)", r => new { id = r.CertifiedLot },
            r => new { deviceIds = r.CertifiedDevice, attested = true },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/scan", "the hand-over scans of Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/scan", "a serial of Maple Valley's certified lot (hand-over scans closed)", r => new { id = r.CertifiedLot },
            r => new { Value = r.CertifiedSerial, Box = "1" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/scan/remove", "a serial of Maple Valley's certified lot (hand-over scans closed)", r => new { id = r.CertifiedLot },
            r => new { Value = r.CertifiedSerial },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/hand-over", "Maple Valley's certified lot (already handed over)", r => new { id = r.CertifiedLot },
            _ => new { ReleasedBy = "Dana Whitfield", CollectedBy = "Matrix driver", Packages = 1 },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/certificate.pdf", "Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),

        // Lot files: any signed-in person reaches the controller; the query or command decides
        Get(AnotherTenant, "/lots/{id:guid}/labels.pdf", "Maple Valley's draft lot", r => new { id = r.DraftLot },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)) with { Query = "?scope=all" },
        Get(AnotherTenant, "/lots/{id:guid}/labels.pdf", "Maple Valley's draft lot, as Code 128", r => new { id = r.DraftLot },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)) with { Query = "?scope=all&format=code128" },
        Get(AnotherTenant, "/lots/{id:guid}/packing-list.pdf", "Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            new(SignIn,       Ok,           Ok,           NotFound,     NotFound,     NotFound,     Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/manifest.csv", "Maple Valley's awarded lot", r => new { id = r.AwardedLot },
            new(SignIn,       Ok,           Ok,           NotFound,     NotFound,     NotFound,     Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/manifest.xlsx", "Maple Valley's awarded lot", r => new { id = r.AwardedLot },
            new(SignIn,       Ok,           Ok,           NotFound,     NotFound,     NotFound,     Denied,       Denied)),
        Get(Everyone, "/lots/{id:guid}/manifest.csv", "Maple Valley's listed lot: refurbishers read the manifest before quoting", r => new { id = r.ListedLot },
            new(SignIn,       Ok,           Ok,           NotFound,     Ok,           NotFound,     Denied,       Denied)),
        Get(Everyone, "/lots/{id:guid}/manifest.xlsx", "Maple Valley's listed lot: refurbishers read the manifest before quoting", r => new { id = r.ListedLot },
            new(SignIn,       Ok,           Ok,           NotFound,     Ok,           NotFound,     Denied,       Denied)),
        Upload(AnotherTenant, "/lots/{id:guid}/photos", "Maple Valley's awarded lot (photos closed)", r => new { id = r.AwardedLot }, new("photo", "pallet.png", LotFilesTestKit.Png(32, 24)),
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/photos/{photoId:guid}", "a photo of Maple Valley's awarded lot", r => new { id = r.AwardedLot, photoId = r.AwardedPhoto },
            new(SignIn,       Ok,           Ok,           NotFound,     NotFound,     NotFound,     Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/photos/{photoId:guid}/thumb", "a photo of Maple Valley's awarded lot", r => new { id = r.AwardedLot, photoId = r.AwardedPhoto },
            new(SignIn,       Ok,           Ok,           NotFound,     NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/photos/{photoId:guid}/delete", "a photo of Maple Valley's awarded lot (photos closed)", r => new { id = r.AwardedLot, photoId = r.AwardedPhoto }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),

        // Imports
        Upload(AnotherTenant, "/lots/{lotId:guid}/imports", "Maple Valley's listed lot (not a draft)", r => new { lotId = r.ListedLot },
            new("file", "manifest.csv", "Serial,Model\n5CD9999MTX,Chromebook 3100\n"u8.ToArray()),
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/imports/{id:guid}", "Maple Valley's finished import", r => new { id = r.ImportJob },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/imports/{id:guid}/mapping", "Maple Valley's finished import", r => new { id = r.ImportJob },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/imports/{id:guid}/mapping", "Maple Valley's finished import", r => new { id = r.ImportJob }, _ => new Dictionary<string, string> { ["map[Serial]"] = "0" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/imports/{id:guid}/progress", "Maple Valley's finished import", r => new { id = r.ImportJob },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/imports/{id:guid}/confirm", "Maple Valley's finished import", r => new { id = r.ImportJob }, _ => new { acceptIssues = "true" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/imports/{id:guid}/cancel", "Maple Valley's finished import", r => new { id = r.ImportJob }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/imports/{id:guid}/report.csv", "Maple Valley's finished import", r => new { id = r.ImportJob },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),

        // Market: refurbishers quote on lots open for quotes, and only on those
        Get(CallersOwn, "/market", "the lots open for quotes", _ => null,
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Ok,           Denied,       Denied)),
        Get(AnotherTenant, "/market/lots/{id:guid}", "Maple Valley's draft lot", r => new { id = r.DraftLot },
            new(SignIn,       Denied,       NotFound,     Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Get(Everyone, "/market/lots/{id:guid}", "Maple Valley's listed lot, open to every refurbisher", r => new { id = r.ListedLot },
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/market/lots/{id:guid}/quote", "Maple Valley's awarded lot (quotes closed)", r => new { id = r.AwardedLot }, _ => new { Amount = "2500", Note = "Matrix quote" },
            new(SignIn,       Denied,       NotFound,     Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Get(CallersOwn, "/market", "a filtered, sorted second page of open lots", _ => null,
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Ok,           Denied,       Denied)) with { Query = "?category=Chromebook&state=WA&min=1&mode=RequestForQuotes&sort=closing&page=2&won=2" },
        // Watchlists and saved searches are each person's own: a lot off the market cannot be watched, and nobody reaches another's
        Post(AnotherTenant, "/market/lots/{id:guid}/watch", "Maple Valley's awarded lot (off the market)", r => new { id = r.AwardedLot }, _ => new { returnUrl = "/market" },
            new(SignIn,       Denied,       NotFound,     Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/market/lots/{id:guid}/unwatch", "Maple Valley's listed lot, which nobody watches", r => new { id = r.ListedLot }, _ => new { returnUrl = "/market" },
            new(SignIn,       Denied,       NotFound,     Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Get(CallersOwn, "/market/watchlist", "the caller's own watchlist", _ => null,
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Ok,           Denied,       Denied)),
        Get(CallersOwn, "/market/searches", "the caller's own saved searches", _ => null,
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Ok,           Denied,       Denied)),
        Post(CallersOwn, "/market/searches", "a saved search without a name", _ => null, _ => new { name = "", query = "category=Chromebook" },
            new(SignIn,       Denied,       Refused,      Denied,       Refused,      Refused,      Denied,       Denied)),
        Post(CallersOwn, "/market/searches/{id:guid}/delete", "a saved search that does not exist", _ => new { id = UnknownDeviceModel }, _ => null,
            new(SignIn,       Denied,       NotFound,     Denied,       NotFound,     NotFound,     Denied,       Denied)),

        Post(AnotherTenant, "/market/lots/{id:guid}/quote/withdraw", "Maple Valley's awarded lot (quotes closed)", r => new { id = r.AwardedLot }, _ => null,
            new(SignIn,       Denied,       NotFound,     Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/market/lots/{id:guid}/bid", "Maple Valley's awarded lot (bidding closed)", r => new { id = r.AwardedLot }, _ => new { Amount = "2500" },
            new(SignIn,       Denied,       NotFound,     Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/market/lots/{id:guid}/buy-now", "Maple Valley's awarded lot (sold; its buyer is told so)", r => new { id = r.AwardedLot }, _ => null,
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/market/lots/{id:guid}/offer", "Maple Valley's awarded lot (offered to nobody)", r => new { id = r.AwardedLot }, _ => new { take = "true" },
            new(SignIn,       Denied,       NotFound,     Denied,       NotFound,     NotFound,     Denied,       Denied)),

        // Purchases: the buyer's side of a sold lot
        Get(AnotherTenant, "/purchases/{id:guid}", "Maple Valley's awarded lot", r => new { id = r.AwardedLot },
            new(SignIn,       Denied,       Ok,           Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/purchases/{id:guid}/pay/po", "the paid invoice of Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            r => new { invoiceId = r.CertifiedInvoice, purchaseOrderNumber = "PO-MATRIX-1" },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/purchases/{id:guid}/pay/card", "the open invoice of Maple Valley's awarded lot (no card payments here)", r => new { id = r.AwardedLot },
            r => new { invoiceId = r.AwardedInvoice },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/purchases/{id:guid}/disputes", "a dispute of Maple Valley's certified lot claiming more than was paid", r => new { id = r.CertifiedLot },
            _ => new { reason = "Damaged", details = "Matrix: two screens cracked", amountClaimed = "99999999" },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/purchases/{id:guid}/pickup/windows", "Maple Valley's certified lot (already handed over)", r => new { id = r.CertifiedLot },
            _ => new Dictionary<string, object>
            {
                ["FirstWindowDay"] = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["FirstWindowFrom"] = "08:00", ["FirstWindowTo"] = "10:00",
            },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Get(AnotherTenant, "/purchases/{id:guid}/scan", "the receiving scans of Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            new(SignIn,       Denied,       Ok,           Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/purchases/{id:guid}/scan", "a serial of Maple Valley's certified lot (receiving closed)", r => new { id = r.CertifiedLot },
            r => new { Value = r.CertifiedSerial },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/purchases/{id:guid}/scan/remove", "a serial of Maple Valley's certified lot (receiving closed)", r => new { id = r.CertifiedLot },
            r => new { Value = r.CertifiedSerial },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/purchases/{id:guid}/hand-over", "Maple Valley's certified lot (already handed over)", r => new { id = r.CertifiedLot },
            _ => new { ReleasedBy = "Dana Whitfield", CollectedBy = "Matrix driver", Packages = 1 },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/purchases/{id:guid}/received", "Maple Valley's certified lot", r => new { id = r.CertifiedLot }, _ => null,
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Get(AnotherTenant, "/purchases/{id:guid}/reconciliation", "the receiving reconciliation of Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            new(SignIn,       Denied,       Ok,           Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Get(AnotherTenant, "/lots/{id:guid}/reconciliation", "the receiving reconciliation of Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        // The certified lot's reconciliation matched: approving or disputing it again is refused once the lot is found.
        Post(AnotherTenant, "/lots/{id:guid}/reconciliation/approve", "the matched reconciliation of Maple Valley's certified lot", r => new { id = r.CertifiedLot }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/lots/{id:guid}/reconciliation/dispute", "the matched reconciliation of Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            _ => new { reason = "Matrix: three devices were not ours" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/purchases/{id:guid}/sanitization", "a sanitized serial of Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            r => new
            {
                Serial = r.CertifiedSerial, MediumSerial = "EMMC-MATRIX", MediaType = "Emmc", MediaSource = "internal", Method = "Purge", Technique = "BlockErase",
                Tool = "Blancco Drive Eraser", ToolVersion = "7.14", VerificationMethod = "full read-back", VerificationResult = "Passed", Destination = "ExternalReuse",
                DataBackedUp = "No", PerformerName = "Matrix", PerformerTitle = "Technician", PerformerLocation = "Bench", PerformerContact = "matrix@example.org",
            },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied)),
        Upload(AnotherTenant, "/purchases/{id:guid}/sanitization/report", "an erasure report for Maple Valley's certified lot (records closed)", r => new { id = r.CertifiedLot },
            new("report", "erasure-report.csv", System.Text.Encoding.UTF8.GetBytes("Device serial,Medium serial,Verification result\r\nMATRIX-0001,SSD-MATRIX,Passed\r\n")),
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/purchases/{id:guid}/sanitization/report/progress", "the progress of an erasure report upload for Maple Valley's certified lot",
            r => new { id = r.CertifiedLot },
            new(SignIn,       Denied,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied)),
        Upload(AnotherTenant, "/purchases/{id:guid}/receiving-list", "a receiving list for Maple Valley's certified lot (receiving closed)", r => new { id = r.CertifiedLot },
            new("list", "received.csv", System.Text.Encoding.UTF8.GetBytes("Serial\r\nMATRIX-0001\r\n")),
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,     Denied,       Denied)),
        Get(CallersOwn, "/purchases/receiving-list-template.csv", "the receiving list's template (headers only)", _ => null,
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Ok,           Denied,       Denied)),
        Get(CallersOwn, "/purchases/erasure-report-template.csv", "the erasure report's template (headers only)", _ => null,
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Denied,       Denied,       Denied)),
        // Validation and re-checks are open to the buyer's organization admin as well as its technicians, so a school's
        // admin passes the duty check and then finds no such lot among its own purchases.
        Post(AnotherTenant, "/purchases/{id:guid}/validation/{recordId:guid}", "a medium record of Maple Valley's certified lot", r => new { id = r.CertifiedLot, recordId = r.CertifiedMedium },
            _ => new { decision = "Accept", Name = "Matrix Validator", Title = "Lead", Location = "Bench", Contact = "matrix@example.org" },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,       Denied,       Denied)),
        Post(AnotherTenant, "/purchases/{id:guid}/validation/accept-all", "every medium record of Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            _ => new { through = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), Name = "Matrix Validator", Title = "Lead", Location = "Bench", Contact = "matrix@example.org" },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,       Denied,       Denied)),
        Post(AnotherTenant, "/purchases/{id:guid}/quality-checks/{checkId:guid}", "a quality check of Maple Valley's certified lot", r => new { id = r.CertifiedLot, checkId = r.CertifiedMedium },
            _ => new { passed = "true", Name = "Matrix Validator", Title = "Lead", Location = "Bench", Contact = "matrix@example.org" },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     NotFound,       Denied,       Denied)),
        Get(AnotherTenant, "/purchases/{id:guid}/certificate.pdf", "Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            new(SignIn,       Denied,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied)),

        // Listings: a refurbisher's own storefront stock
        Get(CallersOwn, "/listings", "the caller's listings", _ => null,
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Denied,       Denied,       Denied)),
        Get(CallersOwn, "/listings/new", "the new-listing form", _ => null,
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Denied,       Denied,       Denied)),
        Post(CallersOwn, "/listings/new", "a new listing of the caller's own", _ => null,
            _ => new { Title = "Matrix Chromebook (refurbished)", Category = "Chromebook", Manufacturer = "Dell", Model = "Chromebook 3110", RamGb = "4", StorageGb = "32",
                Grade = "A", Functional = "Working", BatteryHealthPercent = "90", Price = "99", Quantity = "1", WarrantyMonths = "12" },
            new(SignIn,       Denied,       Redirected,   Denied,       Redirected,   Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/listings/{id:guid}/edit", "the buyer's listing (only its seller edits it)", r => new { id = r.BuyerListing },
            new(SignIn,       Denied,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/listings/{id:guid}/edit", "the buyer's listing, with a stale version", r => new { id = r.BuyerListing },
            _ => new { Version = "-1", Category = "Chromebook", Manufacturer = "Dell", Model = "Chromebook 3110", RamGb = "4", StorageGb = "32",
                Grade = "A", Functional = "Working", BatteryHealthPercent = "90", Price = "99", Quantity = "1", WarrantyMonths = "12" },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/listings/{id:guid}/resume", "the buyer's listing, already on sale", r => new { id = r.BuyerListing }, _ => null,
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/listings/{id:guid}/pause", "the buyer's paused listing", r => new { id = r.PausedListing }, _ => null,
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied)),

        // Listings: stock from bought lots, bulk uploads and photos
        Get(CallersOwn, "/listings/from-lot", "the caller's certified purchases", _ => null,
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/listings/from-lot/{lotId:guid}", "the devices of the buyer's certified lot", r => new { lotId = r.CertifiedLot },
            new(SignIn,       Denied,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/listings/from-lot/{lotId:guid}", "the buyer's certified lot, with a serial it does not hold", r => new { lotId = r.CertifiedLot },
            _ => new { Serials = "NOT-A-SERIAL-OF-THE-LOT", Grade = "A", Functional = "Working", BatteryHealthPercent = "90", WarrantyMonths = "12", Price = "99" },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied)),
        Get(CallersOwn, "/listings/upload", "the bulk-upload form", _ => null,
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Denied,       Denied,       Denied)),
        Get(CallersOwn, "/listings/upload/template.csv", "the bulk-upload template", _ => null,
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Denied,       Denied,       Denied)),
        Upload(CallersOwn, "/listings/upload", "a file of listings with a condition nobody grades", _ => null,
            new("file", "listings.csv", "SKU,Brand,Model,Condition,Price,Quantity,RAM,Storage\nMATRIX-1,Dell,Chromebook 3110,Gently loved,99,1,4,32\n"u8.ToArray()),
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/listings/{id:guid}/photos", "the photos of the buyer's listing", r => new { id = r.BuyerListing },
            new(SignIn,       Denied,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied)),
        Upload(AnotherTenant, "/listings/{id:guid}/photos", "the buyer's listing, with a text file named like a photo", r => new { id = r.BuyerListing },
            new("photo", "lid.png", "not an image at all"u8.ToArray()),
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied)) with { Form = _ => new { altText = "Lid" } },
        Post(AnotherTenant, "/listings/{id:guid}/photos/{photoId:guid}/remove", "a photo the buyer's listing does not have", r => new { id = r.BuyerListing, photoId = Guid.Empty }, _ => null,
            new(SignIn,       Denied,       NotFound,     Denied,       NotFound,     Denied,       Denied,       Denied)),
        Get(Everyone, "/store/listings/{id:guid}/photos/{photoId:guid}", "a photo the demo refurbisher's listing does not have", r => new { id = r.Listing, photoId = Guid.Empty },
            new(NotFound,     NotFound,     NotFound,     NotFound,     NotFound,     NotFound,     NotFound,     NotFound)),
        Get(Everyone, "/store/listings/{id:guid}/photos/{photoId:guid}/thumbnail", "a photo the demo refurbisher's listing does not have", r => new { id = r.Listing, photoId = Guid.Empty },
            new(NotFound,     NotFound,     NotFound,     NotFound,     NotFound,     NotFound,     NotFound,     NotFound)),

        // Storefront: anyone browses; schools and districts buy
        Get(Everyone, "/store", "the catalog", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        Get(Everyone, "/store/listings/{id:guid}", "a listing of the demo refurbisher", r => new { id = r.Listing },
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        Get(Everyone, "/store/class-sets", "class sets of the whole catalog", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        Get(CallersOwn, "/store/cart", "the caller's cart", _ => null,
            new(SignIn,       Ok,           Denied,       Ok,           Denied,       Ok,           Denied,       Denied)),
        Post(Everyone, "/store/cart", "more of a listing than is in stock", _ => null, r => new { listingId = r.Listing, quantity = "5000" },
            new(SignIn,       Refused,      Denied,       Refused,      Denied,       Refused,      Denied,       Denied)),
        Post(Everyone, "/store/class-sets/cart", "a class set of more than is in stock", _ => null,
            r => new Dictionary<string, string> { ["parts[0].ListingId"] = r.Listing.ToString(), ["parts[0].Quantity"] = "5000" },
            new(SignIn,       Refused,      Denied,       Refused,      Denied,       Refused,      Denied,       Denied)),
        Post(CallersOwn, "/store/cart/{listingId:guid}/quantity", "a listing that is not in the caller's cart", r => new { listingId = r.Listing }, _ => new { quantity = "1" },
            new(SignIn,       NotFound,     Denied,       NotFound,     Denied,       NotFound,     Denied,       Denied)),
        Post(CallersOwn, "/store/cart/{listingId:guid}/remove", "a listing that is not in the caller's cart", r => new { listingId = r.Listing }, _ => null,
            new(SignIn,       Redirected,   Denied,       Redirected,   Denied,       Redirected,   Denied,       Denied)),
        Get(CallersOwn, "/store/checkout", "the caller's empty cart", _ => null,
            new(SignIn,       Redirected,   Denied,       Redirected,   Denied,       Redirected,   Denied,       Denied)),
        Post(CallersOwn, "/store/checkout", "the caller's empty cart", _ => null, _ => new { Method = "PurchaseOrder", PurchaseOrderNumber = "PO-MATRIX-2" },
            new(SignIn,       Refused,      Denied,       Refused,      Denied,       Refused,      Denied,       Denied)),
        Get(CallersOwn, "/store/orders", "the caller's orders", _ => null,
            new(SignIn,       Ok,           Denied,       Ok,           Denied,       Ok,           Denied,       Denied)),
        Get(AnotherTenant, "/store/orders/{id:guid}", "Maple Valley's storefront order", r => new { id = r.Order },
            new(SignIn,       Ok,           Denied,       NotFound,     Denied,       NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/store/orders/{id:guid}/pay/card", "the open invoice of Maple Valley's order (no card payments here)", r => new { id = r.Order },
            r => new { invoiceId = r.OrderInvoice },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       NotFound,     Denied,       Denied)),

        Post(AnotherTenant, "/store/orders/{id:guid}/pay/po", "Maple Valley's order already paid by purchase order", r => new { id = r.Order },
            _ => new { purchaseOrderNumber = "MV-PO-OTHER-1" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/store/orders/{id:guid}/cancel", "Maple Valley's paid order", r => new { id = r.PaidOrder }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       NotFound,     Denied,       Denied)),

        Post(AnotherTenant, "/store/orders/{id:guid}/approve", "Maple Valley's order (only a school's approvers approve)", r => new { id = r.Order }, _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/store/orders/{id:guid}/reject", "Maple Valley's order (only a school's approvers turn orders down)", r => new { id = r.Order },
            _ => new { reason = "Not in the budget" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied)),

        // Shipping: the refurbisher that sold an order ships it; the school that placed it confirms receipt
        Get(CallersOwn, "/store/sales", "the orders the caller's refurbisher sold", _ => null,
            new(SignIn,       Denied,       Ok,           Denied,       Ok,           Denied,       Denied,       Denied)),
        Get(AnotherTenant, "/store/sales/{id:guid}", "Maple Valley's order, sold by the buyer caller", r => new { id = r.Order },
            new(SignIn,       Denied,       Ok,           Denied,       NotFound,     Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/store/sales/{id:guid}/shipments", "Maple Valley's order, shipping a line it does not have", r => new { id = r.Order },
            _ => new Dictionary<string, string>
            {
                ["Carrier"] = "Ups", ["TrackingNumber"] = "1Z999AA10123456784", ["Lines[0].OrderLineId"] = UnknownDeviceModel.ToString(), ["Lines[0].Quantity"] = "1",
            },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/store/sales/{id:guid}/shipments/{shipmentId:guid}/delivered", "the delivered shipment of Maple Valley's paid order",
            r => new { id = r.PaidOrder, shipmentId = r.PaidOrderShipment }, _ => new { deliveredOn = "2026-01-02" },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     Denied,       Denied,       Denied)),
        Post(AnotherTenant, "/store/orders/{id:guid}/shipments/{shipmentId:guid}/received", "the delivered shipment of Maple Valley's paid order",
            r => new { id = r.PaidOrder, shipmentId = r.PaidOrderShipment }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       NotFound,     Denied,       Denied)),

        // Returns: the school that bought asks, the seller answers and resolves, the admin decides for a silent seller
        Post(AnotherTenant, "/store/orders/{id:guid}/returns", "Maple Valley's delivered order, more units than were delivered", r => new { id = r.PaidOrder },
            _ => new { OrderLineId = UnknownDeviceModel, Kind = "Return", Quantity = "5", Reason = "DoesNotWork" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       NotFound,     Denied,       Denied)),
        Post(AnotherTenant, "/store/orders/{id:guid}/disputes", "a dispute of Maple Valley's delivered order claiming more than was paid", r => new { id = r.PaidOrder },
            _ => new { reason = "Damaged", details = "Matrix: two screens cracked", amountClaimed = "99999999" },
            new(SignIn,       Refused,      Denied,       NotFound,     Denied,       NotFound,     Denied,       Denied)),
        Get(CallersOwn, "/store/returns", "the caller's organization's returns", _ => null,
            new(SignIn,       Ok,           Ok,           Ok,           Ok,           Ok,           Denied,       Denied)),
        Get(CallersOwn, "/admin/returns", "the returns whose sellers did not answer in time", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Get(AnotherTenant, "/store/returns/{id:guid}", "Maple Valley's return, sold by the buyer caller", r => new { id = r.Return },
            new(SignIn,       Ok,           Ok,           NotFound,     NotFound,     NotFound,     Ok,           Ok)),
        // Its photos: Maple Valley (the school) and the seller see them, the admin who may decide too; finance has no use for them.
        Get(AnotherTenant, "/store/returns/{id:guid}/photos/{photoId:guid}", "the photo attached to Maple Valley's return", r => new { id = r.Return, photoId = r.ReturnPhoto },
            new(SignIn,       Ok,           Ok,           NotFound,     NotFound,     NotFound,     Denied,       Ok)),
        Get(AnotherTenant, "/store/returns/{id:guid}/photos/{photoId:guid}/thumbnail", "the thumbnail of the photo attached to Maple Valley's return",
            r => new { id = r.Return, photoId = r.ReturnPhoto },
            new(SignIn,       Ok,           Ok,           NotFound,     NotFound,     NotFound,     Denied,       Ok)),
        Post(AnotherTenant, "/store/returns/{id:guid}/answer", "Maple Valley's return, already approved", r => new { id = r.Return },
            _ => new { approve = "true", text = "Send it to our dock." },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     Denied,       Denied,       Refused)),
        Post(AnotherTenant, "/store/returns/{id:guid}/resolve", "Maple Valley's approved return, refunding more than was paid", r => new { id = r.Return },
            _ => new { outcome = "Refund", refundAmount = "99999" },
            new(SignIn,       Denied,       Refused,      Denied,       NotFound,     Denied,       Denied,       NotFound)),

        // Organization settings: each organization's admin keeps its own
        Get(CallersOwn, "/organization/settings", "the caller's organization's settings", _ => null,
            new(SignIn,       Ok,           Denied,       Ok,           Ok,           Ok,           Denied,       Ok)),
        Post(CallersOwn, "/organization/settings/approval-limit", "an approval limit (a school's rule)", _ => null, _ => new { limit = "2500" },
            new(SignIn,       Refused,      Denied,       Refused,      Refused,      Redirected,   Denied,       Refused)),
        // Ship-to sites: each organization's admin keeps its own (refurbishers have none to keep)
        Get(CallersOwn, "/organization/sites", "the caller's organization's ship-to sites", _ => null,
            new(SignIn,       Ok,           Denied,       Ok,           Ok,           Ok,           Denied,       Ok)),
        Post(CallersOwn, "/organization/sites", "a site with a ZIP that is not one (refused before anything is saved)", _ => null,
            _ => new { Name = "Matrix site", Street1 = "1 Main St", City = "Kent", State = "WA", PostalCode = "980" },
            new(SignIn,       Refused,      Denied,       Refused,      Refused,      Refused,      Denied,       Refused)),
        Post(AnotherTenant, "/organization/sites/{id:guid}", "Maple Valley's receiving site, with the values it already has", r => new { id = r.Site },
            _ => new { Name = "Maple Valley SD – central receiving", Attention = "IT Receiving Dock", Street1 = "22225 SE 231st St", City = "Maple Valley", State = "WA", PostalCode = "98038" },
            new(SignIn,       Redirected,   Denied,       NotFound,     NotFound,     NotFound,     Denied,       NotFound)),
        Post(AnotherTenant, "/organization/sites/{id:guid}/retire", "Maple Valley's retired site (already retired)", r => new { id = r.RetiredSite }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     NotFound,     NotFound,     Denied,       NotFound)),
        Post(AnotherTenant, "/organization/sites/{id:guid}/restore", "Maple Valley's receiving site (in use, nothing to restore)", r => new { id = r.Site }, _ => null,
            new(SignIn,       Refused,      Denied,       NotFound,     NotFound,     NotFound,     Denied,       NotFound)),
        // Federal funding awards: a district's admin or approvers keep its own; other kinds of organization are told they are a district's
        Get(CallersOwn, "/organization/funding-awards", "the caller's district's funding awards", _ => null,
            new(SignIn,       Ok,           Denied,       Ok,           Ok,           Ok,           Denied,       Ok)),
        Post(CallersOwn, "/organization/funding-awards", "an award with no federal participation (refused before anything is recorded)", _ => null,
            _ => new { Name = "ESSER III", AwardDate = "2021-03-24", FederalPercent = "0" },
            new(SignIn,       Refused,      Denied,       Refused,      Refused,      Refused,      Denied,       Refused)),
        Post(AnotherTenant, "/organization/funding-awards/{id:guid}", "Maple Valley's ESSER III award, with the values it already has", r => new { id = r.FundingAward },
            _ => new { Name = "ESSER III", AwardDate = "2021-03-24", FederalPercent = "100" },
            new(SignIn,       Redirected,   Denied,       NotFound,     NotFound,     NotFound,     Denied,       NotFound)),

        // Payments: Stripe's webhook authenticates by signature, and no webhook secret is configured here
        Post(Everyone, "/webhooks/stripe", "a webhook without a configured secret", _ => null, _ => null,
            new(NotFound,     NotFound,     NotFound,     NotFound,     NotFound,     NotFound,     NotFound,     NotFound)),

        // Verification: anyone holding a certificate's code may check it
        Get(Everyone, "/verify", "the verification form", _ => null,
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),
        Get(Everyone, "/verify/{code}", "the code of Maple Valley's certificate", r => new { code = r.CertificateCode },
            new(Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok,           Ok)),

        // Finance: platform staff see across organizations; only finance records money
        Get(CallersOwn, "/finance", "the finance overview", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok,           Ok)),
        Get(CallersOwn, "/finance/invoices", "every open invoice", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok,           Ok)),
        Post(AnotherTenant, "/finance/invoices/{id:guid}/paid", "the paid invoice of Maple Valley's certified lot", r => new { id = r.CertifiedInvoice },
            _ => new { method = "Ach", reference = "ACH-MATRIX-1" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused,      Denied)),
        Get(CallersOwn, "/finance/terms", "every buyer's net terms", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok,           Ok)),
        Post(AnotherTenant, "/finance/organizations/{id:guid}/terms", "Maple Valley's net terms, set to the net 30 they already are", r => new { id = r.Organization },
            _ => new { netTermsDays = "30" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Redirected,   Redirected)),
        Get(CallersOwn, "/finance/payouts", "every payout", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok,           Ok)),
        Post(AnotherTenant, "/finance/payouts/{id:guid}/approve", "Maple Valley's payout, already sent", r => new { id = r.Payout }, _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused,      Denied)),
        Post(AnotherTenant, "/finance/payouts/{id:guid}/sent", "Maple Valley's payout, already sent", r => new { id = r.Payout }, _ => new { reference = "ACH-TRACE-MATRIX" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused,      Denied)),
        Get(CallersOwn, "/finance/ledger", "the ledger", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok,           Ok)),
        Get(AnotherTenant, "/finance/lots/{id:guid}", "the money trail of Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok,           Ok)),
        Get(AnotherTenant, "/finance/orders/{id:guid}", "the money trail of Maple Valley's storefront order", r => new { id = r.Order },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok,           Ok)),
        Get(CallersOwn, "/finance/trial-balance", "the trial balance of the current month", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok,           Ok)),
        Get(CallersOwn, "/finance/reconciliation", "the Stripe reconciliation of the current month (Stripe not configured: said so)", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok,           Ok)),
        Get(CallersOwn, "/finance/disputes", "every buyer's dispute", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok,           Ok)),
        Get(CallersOwn, "/finance/refunds", "every refund owed to a buyer", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok,           Ok)),
        Post(AnotherTenant, "/finance/refunds/{id:guid}/sent", "a refund id that names no refund (Maple Valley's certified lot's id)", r => new { id = r.CertifiedLot },
            _ => new { method = "Ach", reference = "ACH-TRACE-MATRIX" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       NotFound,     Denied)),
        Post(AnotherTenant, "/finance/disputes/{id:guid}/resolve", "a dispute id that names no dispute (Maple Valley's certified lot's id)", r => new { id = r.CertifiedLot },
            _ => new { outcome = "NoRefund", note = "Matrix" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       NotFound)),
        Get(CallersOwn, "/finance/export", "the ledger as CSV", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok,           Ok)) with { Query = "?list=Ledger&format=Csv" },

        // Invoices: the organization that pays one reads it (and its PDF); platform finance reads every invoice
        Get(CallersOwn, "/invoices", "the invoices the caller's organization pays (the platform's admin sees the platform's: none)", _ => null,
            new(SignIn,       Ok,           Ok,           Ok,           Ok,           Ok,           Denied,       Ok)),
        Get(AnotherTenant, "/invoices/{id:guid}/invoice.pdf", "the invoice of Maple Valley's storefront order", r => new { id = r.OrderInvoice },
            new(SignIn,       Ok,           NotFound,     NotFound,     NotFound,     NotFound,     Ok,           Ok)),
        Get(AnotherTenant, "/store/orders/{id:guid}/packing-slip.pdf", "the packing slip of Maple Valley's storefront order (its seller prints it too)", r => new { id = r.Order },
            new(SignIn,       Ok,           Ok,           NotFound,     NotFound,     NotFound,     Ok,           Ok)),
        Get(AnotherTenant, "/store/orders/{id:guid}/shipments/{shipmentId:guid}/packing-slip.pdf", "the packing slip of the shipment of Maple Valley's paid order",
            r => new { id = r.PaidOrder, shipmentId = r.PaidOrderShipment },
            new(SignIn,       Ok,           Ok,           NotFound,     NotFound,     NotFound,     Ok,           Ok)),

        // Admin: platform data only (changes to reference data are refused by validation: a saved model or price
        // guide would revalue every open lot in the background while the matrix runs)
        Get(CallersOwn, "/admin", "the admins' start: the organizations", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Redirected)),
        Get(CallersOwn, "/admin/fees", "the fee schedule and its versions", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Post(CallersOwn, "/admin/fees", "a fee schedule with a 60% buyer's premium (refused before a version is saved)", _ => null,
            _ => new { buyerPremiumPercent = "60", sellerCommissionPercent = "0", storefrontCommissionPercent = "8", minimumBuyerPremium = "0", minimumSellerCommission = "0", minimumStorefrontCommission = "0" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
        Get(CallersOwn, "/admin/tax-rates", "the sales tax table and its history", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Post(CallersOwn, "/admin/tax-rates", "a rate effective in the past (refused before an entry is saved)", _ => null,
            _ => new { state = "WA", ratePercent = "7", effectiveOn = "2001-01-01" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
        Get(CallersOwn, "/admin/organizations", "every organization and the review queue", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Get(AnotherTenant, "/admin/organizations/{id:guid}", "Maple Valley's review page", r => new { id = r.Organization },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Get(AnotherTenant, "/admin/organizations/{id:guid}/documents/{documentId:guid}", "Maple Valley's W-9", r => new { id = r.Organization, documentId = r.W9 },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Post(AnotherTenant, "/admin/organizations/{id:guid}/documents/{documentId:guid}/approve", "Maple Valley's W-9, already approved", r => new { id = r.Organization, documentId = r.W9 }, _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
        Post(AnotherTenant, "/admin/organizations/{id:guid}/documents/{documentId:guid}/reject", "Maple Valley's W-9, already approved", r => new { id = r.Organization, documentId = r.W9 },
            _ => new { reason = "Matrix" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
        Post(AnotherTenant, "/admin/organizations/{id:guid}/verify", "Maple Valley, already verified", r => new { id = r.Organization }, _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
        Post(AnotherTenant, "/admin/organizations/{id:guid}/reject", "Maple Valley, verified (no application to reject)", r => new { id = r.Organization }, _ => new { reason = "Matrix" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
        Post(AnotherTenant, "/admin/organizations/{id:guid}/suspend", "Maple Valley, without a reason", r => new { id = r.Organization }, _ => new { reason = "" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
        Post(AnotherTenant, "/admin/organizations/{id:guid}/reinstate", "Maple Valley, verified (not suspended)", r => new { id = r.Organization }, _ => new { reason = "Matrix" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
        Get(CallersOwn, "/admin/models", "the device models", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Post(CallersOwn, "/admin/models", "a device model without a name", _ => null, _ => new { name = "", manufacturer = "", category = "Chromebook" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
        Post(CallersOwn, "/admin/models/{id:guid}/delete", "a device model that does not exist", _ => new { id = UnknownDeviceModel }, _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       NotFound)),
        Post(CallersOwn, "/admin/price-guide", "a price guide with a grade factor out of range", _ => null, _ => new { GradeA = "5" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
        Get(CallersOwn, "/admin/emails", "the e-mail log", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Get(CallersOwn, "/admin/reconciliations", "the queue of receiving reconciliations", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Get(AnotherTenant, "/admin/reconciliations/{id:guid}", "the reconciliation of Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Post(AnotherTenant, "/admin/reconciliations/{id:guid}/resolve", "the matched (undisputed) reconciliation of Maple Valley's certified lot", r => new { id = r.CertifiedLot },
            _ => new { adjustment = "0", note = "Matrix resolution" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
        Get(CallersOwn, "/admin/certificates", "the certificate chain check", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Get(CallersOwn, "/admin/outbox", "the outbox", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Post(CallersOwn, "/admin/outbox/{id:guid}/retry", "a parked outbox message, not due for a year", r => new { id = r.DeadOutboxMessage }, _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Redirected)),
        Get(CallersOwn, "/admin/audit", "the whole audit trail", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Get(CallersOwn, "/admin/audit/export.csv", "the whole audit trail as CSV", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Get(CallersOwn, "/admin/audit/export.xlsx", "the whole audit trail as Excel", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),

        // Organizations: an organization admin reads the organization's own trail (the demo organizations' people are
        // their admins; the buyer's one sign-in is not); platform staff read the whole trail under /admin/audit instead
        Get(CallersOwn, "/organization/activity", "the caller's organization's audit trail", _ => null,
            new(SignIn,       Ok,           Denied,       Ok,           Ok,           Ok,           Denied,       Ok)),
        Get(CallersOwn, "/organization/activity", "the caller's organization's trail, filtered to one of Maple Valley's actions", _ => null,
            new(SignIn,       Ok,           Denied,       Ok,           Ok,           Ok,           Denied,       Ok)) with { Query = "?action=Lots.RecordBoardApproval" },
        Get(CallersOwn, "/admin/users", "every account", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Get(CallersOwn, "/admin/users", "a search for Maple Valley's accounts", _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)) with { Query = "?q=Maple&status=active&twoFactor=on" },
        Get(AnotherTenant, "/admin/users/{id:guid}", "a member of Maple Valley", r => new { id = r.Member },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Ok)),
        Post(AnotherTenant, "/admin/users/{id:guid}/deactivate", "a member of Maple Valley, without a reason", r => new { id = r.Member }, _ => new { reason = "" },
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
        Post(AnotherTenant, "/admin/users/{id:guid}/reactivate", "an active member of Maple Valley", r => new { id = r.Member }, _ => null,
            new(SignIn,       Denied,       Denied,       Denied,       Denied,       Denied,       Denied,       Refused)),
    ];

    /// <summary>Each entry of the table for each caller; method, route and target apart so the runner shows them whole.</summary>
    public static TheoryData<string, string, string, Caller> Cases()
    {
        var cases = new TheoryData<string, string, string, Caller>();
        foreach (var entry in Table)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                cases.Add(entry.Method, entry.Pattern + entry.Query, entry.Target, caller);
            }
        }

        return cases;
    }

    [Fact]
    public void The_table_has_an_entry_for_every_route_the_app_maps_and_for_no_other()
    {
        var mapped = app.MappedRoutes();
        var listed = Table.Select(r => r.Route).ToHashSet();
        var missing = mapped.Except(listed).Order().ToList();
        var stale = listed.Except(mapped).Order().ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            (missing.Count == 0 ? "" : $"Routes with no expected outcomes in the tenant matrix: {string.Join(", ", missing)}. ") +
            (stale.Count == 0 ? "" : $"Table entries with no such route: {string.Join(", ", stale)}."));
    }

    [Fact]
    public void No_stranger_is_let_through_to_another_tenants_records_in_the_table()
    {
        var letThrough = Table.Where(r => r.Aim == AnotherTenant)
            .SelectMany(r => Strangers.Where(c => r.Expected.For(c) is not (NotFound or Denied or SignIn)).Select(c => $"{r.Name}: {c} {r.Expected.For(c)}"))
            .ToList();
        Assert.True(letThrough.Count == 0, $"A stranger may only get NotFound, Denied or SignIn on another tenant's records: {string.Join("; ", letThrough)}");
    }

    [Fact]
    public async Task The_private_marks_the_matrix_looks_for_are_on_their_owners_pages()
    {
        foreach (var mark in app.Records.PrivateMarks)
        {
            var session = await app.SessionAsync(mark.SeenBy, fresh: false);
            var page = WebUtility.HtmlDecode(await session.Browser.GetPageAsync(mark.OnPage));
            Assert.True(page.Contains(mark.Text, StringComparison.Ordinal), $"{mark.OnPage} should show {mark.SeenBy} \"{mark.Text}\"");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_route_answers_every_caller_as_the_table_expects(string method, string route, string target, Caller caller)
    {
        var entry = Table.Single(r => r.Method == method && r.Pattern + r.Query == route && r.Target == target);
        var records = app.Records;
        var url = UrlOf(entry, records);
        var session = await app.SessionAsync(caller, entry.EndsSession);
        var expected = entry.Expected.For(caller);

        // A post turned away at sign-in or by its role never reaches an action; every other one may change nothing arranged.
        var before = entry.Method == "POST" && expected is not (SignIn or Denied or Unauthorized or Forbidden) ? await app.SnapshotAsync() : null;
        using var response = await SendAsync(session, entry, url, records);
        var outcome = OutcomeOf(response);
        var body = await response.Content.ReadAsStringAsync();
        if (outcome is Refused or Redirected)
        {
            // The message of a refusal (or a success) waits in the session for the next page it renders: read it where a
            // person would, on the page the redirect leads to, so it is never taken for content of the route asked for next
            // (a refused W-9 names the EIN its form carried, which is Maple Valley's).
            using var _ = await session.Browser.Http.GetAsync(response.Headers.Location);
        }

        Assert.True(outcome == expected,
            $"{caller}: {(entry.Method == "POST" ? "POST" : "GET")} {url} ({entry.Target}) should be {expected}, was {outcome}: HTTP {(int)response.StatusCode} {response.Headers.Location}");

        if (outcome == Ok && entry.Aim != Everyone && Strangers.Contains(caller))
        {
            var shown = records.PrivateMarks.Where(m => WebUtility.HtmlDecode(body).Contains(m.Text, StringComparison.Ordinal)).Select(m => m.Text).ToList();
            Assert.True(shown.Count == 0, $"{caller}'s {url} shows Maple Valley's private records: {string.Join(", ", shown)}");
        }

        if (before is not null)
        {
            var after = await app.SnapshotAsync();
            Assert.True(after == before, $"{caller}'s POST {url} changed Maple Valley's arranged records:\n{Difference(before, after)}");
        }
    }

    private static RouteCase Get(Aim aim, string pattern, string target, Func<MapleValleyRecords, object?> values, Expected expected) =>
        new("GET", pattern, aim, target, values, expected);

    /// <summary>A route mapped for every method (no HTTP method metadata); the matrix sends it a GET.</summary>
    private static RouteCase Any(Aim aim, string pattern, string target, Func<MapleValleyRecords, object?> values, Expected expected) =>
        new("ANY", pattern, aim, target, values, expected);

    private static RouteCase Post(Aim aim, string pattern, string target, Func<MapleValleyRecords, object?> values, Func<MapleValleyRecords, object?> form, Expected expected) =>
        new("POST", pattern, aim, target, values, expected) { Form = form };

    private static RouteCase Upload(Aim aim, string pattern, string target, Func<MapleValleyRecords, object?> values, UploadedFile file, Expected expected) =>
        new("POST", pattern, aim, target, values, expected) { File = file };

    /// <summary>The route's pattern with each parameter replaced by the case's value; a parameter without one fails the case.</summary>
    private static string UrlOf(RouteCase entry, MapleValleyRecords records)
    {
        var values = new RouteValueDictionary(entry.Values(records));
        var path = RouteParameter().Replace(entry.Pattern, match =>
            values.TryGetValue(match.Groups["name"].Value, out var value) && value is not null
                ? Uri.EscapeDataString(Convert.ToString(value, CultureInfo.InvariantCulture)!)
                : throw new InvalidOperationException($"{entry.Name} gives no value for {match.Value}."));
        return (path.Length > 1 ? path.TrimEnd('/') : path) + entry.Query;
    }

    private static async Task<HttpResponseMessage> SendAsync(CallerSession session, RouteCase entry, string url, MapleValleyRecords records)
    {
        using var request = new HttpRequestMessage(entry.Method == "POST" ? HttpMethod.Post : HttpMethod.Get, url);
        request.Headers.Referrer = new Uri(session.Browser.Http.BaseAddress!, CameFrom);
        if (entry.Method == "POST")
        {
            var token = new KeyValuePair<string, string>("__RequestVerificationToken", session.Token);
            var fields = new RouteValueDictionary(entry.Form?.Invoke(records))
                .Select(f => new KeyValuePair<string, string>(f.Key, Convert.ToString(f.Value, CultureInfo.InvariantCulture) ?? ""))
                .Append(token);
            if (entry.File is { } file)
            {
                var multipart = new MultipartFormDataContent();
                foreach (var (name, value) in fields)
                {
                    multipart.Add(new StringContent(value), name);
                }

                multipart.Add(new ByteArrayContent(file.Content), file.Field, file.FileName);
                request.Content = multipart;
            }
            else
            {
                request.Content = new FormUrlEncodedContent(fields);
            }
        }

        return await session.Browser.Http.SendAsync(request);
    }

    private static Outcome OutcomeOf(HttpResponseMessage response)
    {
        if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308)
        {
            var location = new Uri(new Uri("http://localhost"), response.Headers.Location!);
            return location.AbsolutePath.ToLowerInvariant() switch
            {
                "/account/login" => SignIn,
                "/account/denied" => Denied,
                _ when location.PathAndQuery == CameFrom => Refused,
                _ => Redirected,
            };
        }

        return response.StatusCode switch
        {
            HttpStatusCode.OK => Ok,
            HttpStatusCode.NotFound => NotFound,
            HttpStatusCode.Unauthorized => Unauthorized,
            HttpStatusCode.Forbidden => Forbidden,
            HttpStatusCode.BadRequest => BadRequest,
            HttpStatusCode.InternalServerError => ServerError,
            _ => Other,
        };
    }

    private static string Difference(string before, string after)
    {
        var was = before.Split('\n');
        var now = after.Split('\n');
        return string.Join("\n", was.Except(now).Select(l => $"- {l.Trim()}").Concat(now.Except(was).Select(l => $"+ {l.Trim()}")).Take(40));
    }

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex RouteParameter();
}

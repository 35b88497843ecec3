using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Tests.Domain.Organizations;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Marketplace.Tests.Features.Organizations;

/// <summary>Signing organizations up, uploading their documents and reading the mail the app delivers, as people do it.</summary>
internal static partial class OrganizationTestKit
{
    public const string Password = "Signup-pass-2026!";

    /// <summary>A sign-up form as a refurbisher (or another kind) fills it in, with an address of its own.</summary>
    public static Dictionary<string, string> SignUpForm(string email, string legalName, string kind = "Refurbisher", string? nces = null) => new()
    {
        ["Kind"] = kind,
        ["LegalName"] = legalName,
        ["Street"] = "1120 N Division St",
        ["City"] = "Spokane",
        ["State"] = "WA",
        ["PostalCode"] = "99202",
        ["Phone"] = "(509) 555-0188",
        ["Ein"] = SampleOrganizations.Ein,
        ["NcesId"] = nces ?? "",
        ["ApplicantName"] = "Jordan Alvarez",
        ["Email"] = email,
        ["Password"] = Password,
    };

    public static string NewEmail(string who = "applicant") => $"{who}-{Guid.NewGuid():N}@signup.test";

    /// <summary>Posts the upload form of /organization/documents with a file, as a browser would.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this BrowserClient client, string kind, string number, string issuer, DateOnly issuedOn,
        DateOnly? expiresOn, string fileName, byte[] content, Dictionary<string, string>? extra = null)
    {
        var token = await client.TokenAsync("/organization/documents");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
            { new StringContent(number), "Number" },
            { new StringContent(issuer), "Issuer" },
            { new StringContent(issuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), "IssuedOn" },
            { new StringContent(expiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""), "ExpiresOn" },
            { new ByteArrayContent(content), "file", fileName },
        };
        foreach (var (name, value) in extra ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/organization/documents") { Content = form };
        request.Headers.Referrer = new Uri(client.Http.BaseAddress!, "/organization/documents");
        return await client.Http.SendAsync(request);
    }

    /// <summary>Follows a post's redirect and returns the page the person lands on.</summary>
    public static async Task<string> LandingAsync(this BrowserClient client, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return WebUtility.HtmlDecode(await client.GetPageAsync(response.Headers.Location!.OriginalString));
    }

    /// <summary>An organization that applied (pending review) with one confirmed admin holding every duty of its kind, as a confirmed sign-up leaves it.</summary>
    public static async Task<(string Email, Guid OrganizationId)> AddApplicantAsync(this MarketplaceFactory factory, OrganizationKind kind)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var organization = SampleOrganizations.Applied(kind, DateTimeOffset.UtcNow, $"Applicant {kind} {Guid.NewGuid():N}");
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        var email = NewEmail(kind.ToString().ToLowerInvariant());
        await scope.ServiceProvider.AddPersonAsync(organization.Id, email, "Jordan Alvarez", [Roles.OrganizationAdmin, .. Roles.DutiesOf(kind)]);
        return (email, organization.Id);
    }

    /// <summary>The message delivered to <paramref name="to"/> whose subject contains <paramref name="subject"/>, as written to the pickup folder.</summary>
    public static Task<MimeMessage> DeliveredAsync(this MarketplaceFactory factory, string to, string subject) =>
        MarketplaceFactory.EventuallyAsync(() =>
        {
            var folder = Path.Combine(factory.DataFolder, "mail");
            var found = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(Read).OfType<MimeMessage>()
                    .FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && (m.Subject ?? "").Contains(subject, StringComparison.Ordinal))
                : null;
            return Task.FromResult(found);
        }, $"an e-mail to {to} about \"{subject}\"");

    /// <summary>A delivered message, or null while the app is still writing it.</summary>
    public static MimeMessage? Read(string path)
    {
        try
        {
            return MimeMessage.Load(path);
        }
        catch (Exception ex) when (ex is IOException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The e-mails logged for <paramref name="to"/> (the copies admins read at /admin/emails).</summary>
    public static Task<List<Marketplace.Web.Infrastructure.Email.EmailMessage>> LoggedAsync(this MarketplaceFactory factory, string to) =>
        factory.WithDbAsync(db => db.EmailMessages.AsNoTracking().Where(e => e.To == to).OrderBy(e => e.SentAt).ToListAsync());

    /// <summary>The confirmation link in a delivered message, as the path and query the app serves.</summary>
    public static string ConfirmationLink(this MimeMessage message)
    {
        var link = ConfirmLink().Match(message.TextBody ?? "");
        Assert.True(link.Success, $"no confirmation link in: {message.TextBody}");
        return new Uri(link.Value).PathAndQuery;
    }

    [GeneratedRegex(@"http://marketplace\.test/account/confirm-email\?user=[0-9a-f-]+&token=\S+")]
    private static partial Regex ConfirmLink();
}

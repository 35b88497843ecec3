using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Fulfillment;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Sanitization;

/// <summary>
/// The certificates of lots certified through the app form a chain an admin checks; the public page shows a certificate's
/// SHA-256 and answers for one serial at a time; the district takes a period's certificates as one archive. Its own app:
/// the tests alter and remove certificates.
/// </summary>
public sealed class CertificateChainTests : IAsyncLifetime
{
    private const string Admin = "admin@demo.k12";

    private readonly MarketplaceFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<(SoldLot Lot, Certificate Certificate)> CertifiedAsync()
    {
        var lot = await _factory.ReceivedLotAsync();
        await _factory.SanitizeEverySerialAsync(lot);
        var certificate = await MarketplaceFactory.EventuallyAsync(
            () => _factory.WithDbAsync(db => db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.LotId == lot.Id)), "the certificate job");
        return (lot, certificate);
    }

    [Fact]
    public async Task Certificates_link_in_issue_order_and_the_admin_check_names_an_altered_one_and_a_removed_one()
    {
        var (_, first) = await CertifiedAsync();
        var (_, second) = await CertifiedAsync();
        var (_, third) = await CertifiedAsync();
        Assert.Equal([first.Sequence + 1, first.Sequence + 2], new[] { second.Sequence, third.Sequence });
        Assert.Equal((first.Sha256, second.Sha256), (second.PreviousSha256, third.PreviousSha256));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(second.Pdf)), second.Sha256);

        var admin = await BrowserClient.SignInAsync(_factory, Admin);
        Assert.Contains("The chain holds: all 3 certificates match their recorded hashes", await admin.GetPageAsync("/admin/certificates"));

        // Someone with database access edits the second certificate's PDF.
        var amended = second.Pdf.Concat("\n% amended\n"u8.ToArray()).ToArray();
        await _factory.WithDbAsync(db => db.Certificates.Where(c => c.Id == second.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Pdf, amended)));
        var altered = await admin.GetPageAsync("/admin/certificates");
        Assert.Contains("The chain is broken after 1 of 3 certificates.", altered);
        Assert.Contains($"Certificate no. {second.Sequence} ({second.VerificationCode}, lot", altered);
        Assert.Contains("was altered", altered);

        // Put back, then the third is removed: the chain ends early, which only a later certificate could show; remove the second instead.
        await _factory.WithDbAsync(db => db.Certificates.Where(c => c.Id == second.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Pdf, second.Pdf)));
        await _factory.WithDbAsync(db => db.Certificates.Where(c => c.Id == second.Id).ExecuteDeleteAsync());
        var removed = System.Net.WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/certificates"));
        Assert.Contains($"Certificate no. {second.Sequence} is missing: the chain goes from no. {first.Sequence} ({first.VerificationCode}) to no. {third.Sequence} ({third.VerificationCode}", removed);
    }

    [Fact]
    public async Task The_public_page_shows_the_PDF_hash_and_answers_for_one_serial_without_listing_the_others()
    {
        var (lot, certificate) = await CertifiedAsync();
        var anonymous = _factory.CreateClient();

        var page = await anonymous.GetStringAsync($"/verify/{certificate.VerificationCode}");
        Assert.Contains(certificate.Sha256, page);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(certificate.Pdf)), certificate.Sha256);
        Assert.DoesNotContain(lot.Serials[0], page);

        // Typed as a person reads it off a label: lower case, with spaces.
        var covered = await anonymous.GetStringAsync($"/verify/{certificate.VerificationCode}?serial={Uri.EscapeDataString(" " + lot.Serials[1].ToLowerInvariant() + " ")}");
        Assert.Contains($"Serial <span class=\"mono\">{lot.Serials[1]}</span> is covered by certificate {certificate.VerificationCode}.", covered);
        Assert.DoesNotContain(lot.Serials[0], covered);
        Assert.DoesNotContain(lot.Serials[2], covered);

        var other = await anonymous.GetStringAsync($"/verify/{certificate.VerificationCode}?serial=5CD0000XYZ");
        Assert.Contains("Serial <span class=\"mono\">5CD0000XYZ</span> is not covered by certificate", other);
    }

    [Fact]
    public async Task The_district_downloads_a_periods_certificates_as_one_archive_and_an_empty_or_backwards_period_is_explained()
    {
        var (lot, certificate) = await CertifiedAsync();
        var district = await BrowserClient.SignInAsync(_factory, LotJourneys.District);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Contains("Download certificates (.zip)", await district.GetPageAsync("/lots"));

        var response = await district.Http.GetAsync($"/lots/certificates.zip?from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var entry = Assert.Single(zip.Entries, e => e.Name == $"certificate-{lot.Number}-{certificate.VerificationCode}.pdf");
        using var pdf = new MemoryStream();
        await using (var stream = entry.Open())
        {
            await stream.CopyToAsync(pdf);
        }

        Assert.Equal(certificate.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf.ToArray())));

        var empty = await district.Http.GetAsync("/lots/certificates.zip?from=2020-01-01&to=2020-06-30");
        Assert.Contains("No certificate was issued for your lots between January 1, 2020 and June 30, 2020.", System.Net.WebUtility.HtmlDecode(await FollowAsync(district, empty)));
        var backwards = await district.Http.GetAsync($"/lots/certificates.zip?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");
        Assert.Contains("the end of the period comes before its start", System.Net.WebUtility.HtmlDecode(await FollowAsync(district, backwards)));

        // Another district's archive holds none of Maple Valley's certificates.
        var other = await BrowserClient.SignInAsync(_factory, "district2@demo.k12");
        var theirs = await other.Http.GetAsync($"/lots/certificates.zip?from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        Assert.DoesNotContain(certificate.VerificationCode, await FollowAsync(other, theirs));
    }

    /// <summary>A refused download sends the browser back with the message; the page it lands on shows it.</summary>
    private static async Task<string> FollowAsync(BrowserClient client, HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect ? await client.GetPageAsync(response.Headers.Location!.OriginalString) : await response.Content.ReadAsStringAsync();
}

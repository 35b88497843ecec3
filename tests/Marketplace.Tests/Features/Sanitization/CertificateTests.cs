using System.Net;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Sanitization;

/// <summary>One app and one lot certified by the background job, shared by the tests that only read its certificate.</summary>
public sealed class CertificateApp : MarketplaceFactory
{
    private readonly Lazy<Task<(SoldLot Lot, Certificate Certificate)>> _certified;

    public CertificateApp() => _certified = new(CertifyAsync);

    public Task<(SoldLot Lot, Certificate Certificate)> CertifiedLotAsync() => _certified.Value;

    public Task<Certificate> CertificateAsync(Guid lotId) =>
        EventuallyAsync(() => WithDbAsync(db => db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.LotId == lotId)), "the certificate job");

    private async Task<(SoldLot, Certificate)> CertifyAsync()
    {
        var lot = await this.ReceivedLotAsync();
        await this.SanitizeEverySerialAsync(lot);
        return (lot, await CertificateAsync(lot.Id));
    }
}

public sealed class CertificateTests(CertificateApp app) : IClassFixture<CertificateApp>
{
    [Fact]
    public async Task The_background_job_issues_the_certificate_once_every_medium_is_accepted_and_the_sample_passed()
    {
        var lot = await app.ReceivedLotAsync();
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        await app.SanitizeThroughThePageAsync(lot.Id, lot.Serials);
        var certificate = await app.CertificateAsync(lot.Id);

        Assert.Equal(lot.Serials.Count, certificate.DeviceCount);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(certificate.Pdf, 0, 4));
        Assert.NotNull(await app.WithDbAsync(db => db.LotFulfillments.Where(f => f.LotId == lot.Id).Select(f => f.CertifiedAt).SingleAsync()));
        Assert.Equal(LotStage.Certified, await app.StageAsync(lot.Id));
        Assert.Contains(certificate.VerificationCode, await buyer.GetPageAsync(lot.PurchaseUrl));
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var lotPage = await district.GetPageAsync(lot.LotUrl);
        Assert.Contains($"href=\"/verify/{certificate.VerificationCode}\"", lotPage);
        Assert.Contains($"href=\"{lot.LotUrl}/certificate.pdf\"", lotPage);
    }

    [Fact]
    public async Task The_certificate_PDF_reads_back_every_serial_its_medium_and_the_800_88_fields_validation_and_quality_control()
    {
        var (lot, certificate) = await app.CertifiedLotAsync();
        var path = Path.Combine(Directory.CreateTempSubdirectory("certificate-readback").FullName, "certificate.pdf");
        await File.WriteAllBytesAsync(path, certificate.Pdf);

        var text = await ExternalTool.RunAsync("pdftotext", "-layout", path, "-");

        Assert.All(lot.Serials, serial => Assert.Contains(serial, text));
        Assert.All(lot.Serials, serial => Assert.Contains($"EMMC-{serial}", text));
        foreach (var expected in new[]
                 {
                     certificate.VerificationCode, lot.Number, DemoLots.District, DemoLots.Refurbisher, "NIST SP 800-88 Rev. 2", "Purge", "Block erase",
                     "IEEE 2883-2022", "Blancco Drive Eraser 7.14", "full read-back", "Verification: Passed", "Priya Natarajan", "Ken Okafor",
                     "External reuse", "Quality control (R2v3)", "Performed by (sanitization)", "Verified by (quality control)", "Validated by",
                 })
        {
            Assert.Contains(expected, text);
        }
    }

    [Fact]
    public async Task The_certificate_PDF_is_served_to_the_district_and_the_buyer_of_the_lot()
    {
        var (lot, certificate) = await app.CertifiedLotAsync();
        var district = await BrowserClient.SignInAsync(app, LotJourneys.District);
        var buyer = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        foreach (var response in new[] { await district.Http.GetAsync($"{lot.LotUrl}/certificate.pdf"), await buyer.Http.GetAsync($"{lot.PurchaseUrl}/certificate.pdf") })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"certificate-{certificate.VerificationCode}.pdf", response.Content.Headers.ContentDisposition?.FileName);
            Assert.Equal(certificate.Pdf, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_certificate_PDF_is_hidden_from_everyone_else()
    {
        var (lot, _) = await app.CertifiedLotAsync();
        var otherDistrict = await BrowserClient.SignInAsync(app, "district2@demo.k12");
        var otherRefurbisher = await BrowserClient.SignInAsync(app,
            await app.AddOrganizationWithUserAsync($"Evergreen Recyclers {Guid.NewGuid():N}", OrganizationKind.Refurbisher));
        var school = await BrowserClient.SignInAsync(app, "school@demo.k12");

        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrict.Http.GetAsync($"{lot.LotUrl}/certificate.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherRefurbisher.Http.GetAsync($"{lot.PurchaseUrl}/certificate.pdf")).StatusCode);
        (await school.Http.GetAsync($"{lot.LotUrl}/certificate.pdf")).AssertAccessDenied();
        (await school.Http.GetAsync($"{lot.PurchaseUrl}/certificate.pdf")).AssertAccessDenied();
        (await BrowserClient.Anonymous(app).Http.GetAsync($"{lot.LotUrl}/certificate.pdf")).AssertSentToSignIn();
    }

    [Fact]
    public async Task Anyone_can_verify_a_genuine_certificate_by_its_code()
    {
        var (lot, certificate) = await app.CertifiedLotAsync();
        var anonymous = BrowserClient.Anonymous(app);

        var page = WebUtility.HtmlDecode(await anonymous.GetPageAsync($"/verify/{certificate.VerificationCode.ToLowerInvariant()}"));
        var searched = WebUtility.HtmlDecode(await anonymous.GetPageAsync($"/verify?code={certificate.VerificationCode}"));

        foreach (var shown in new[] { page, searched })
        {
            Assert.Contains("Genuine certificate", shown);
            Assert.Contains($"data-testid=\"certificate-code\">{certificate.VerificationCode}<", shown);
            Assert.Contains(lot.Number, shown);
            Assert.Contains(DemoLots.District, shown);
            Assert.Contains(DemoLots.Refurbisher, shown);
            Assert.Contains($"{lot.Serials.Count} serials sanitized per NIST SP 800-88", shown);
        }
    }

    [Fact]
    public async Task An_unknown_code_says_no_certificate_has_it()
    {
        await app.CertifiedLotAsync();

        var response = await BrowserClient.Anonymous(app).Http.GetAsync("/verify/ZZZZ9999QQ");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("No certificate has the code", page);
        Assert.Contains("ZZZZ9999QQ", page);
        Assert.DoesNotContain("Genuine certificate", page);
    }
}

using System.Net;
using Marketplace.Tests.Domain.Organizations;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Features.Organizations;

public sealed class DocumentTests : IAsyncLifetime
{
    private readonly MarketplaceFactory _factory = new();
    private readonly DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("w9.pdf", "a spreadsheet renamed", "is not a PDF, PNG or JPEG file, whatever its name says")]
    [InlineData("w9.pdf", "a PDF cut short", "starts like a PDF but is incomplete")]
    [InlineData("w9.png", "a PNG header on nothing", "could not be read as a PNG picture")]
    public async Task A_file_that_is_not_really_a_PDF_or_a_picture_is_refused_with_the_reason_and_nothing_is_stored(string fileName, string content, string reason)
    {
        var (email, organization) = await _factory.AddApplicantAsync(OrganizationKind.District);
        var district = await BrowserClient.SignInAsync(_factory, email);
        byte[] bytes = content switch
        {
            "a spreadsheet renamed" => "Serial,Model\n5CD0417XYZ,Chromebook 3100\n"u8.ToArray(),
            "a PDF cut short" => SampleOrganizations.Pdf[..20],
            _ => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13],
        };

        var page = await district.LandingAsync(await district.UploadAsync("W9", SampleOrganizations.Ein, "Dana Whitfield", _today, null, fileName, bytes));

        Assert.Contains("That didn't work", page);
        Assert.Contains($"File: {fileName} ", page);
        Assert.Contains(reason, page);
        Assert.False(await _factory.WithDbAsync(db => db.OrganizationDocuments.AnyAsync(d => d.OrganizationId == organization)));
    }

    [Fact]
    public async Task A_picture_of_the_document_is_accepted_as_what_its_content_says_it_is()
    {
        var (email, organization) = await _factory.AddApplicantAsync(OrganizationKind.School);
        var school = await BrowserClient.SignInAsync(_factory, email);

        await school.LandingAsync(await school.UploadAsync("TaxExemptCertificate", "WA-SST-77", "Washington", _today.AddDays(-10), null, "scan.pdf",
            LotFilesTestKit.Png(120, 80), new() { ["TaxExemptForm"] = "StreamlinedSalesTax", ["ExemptionReason"] = "EducationalOrganization" }));

        var stored = await _factory.WithDbAsync(db => db.OrganizationDocuments.AsNoTracking().SingleAsync(d => d.OrganizationId == organization));
        Assert.Equal(("image/png", DocumentKind.TaxExemptCertificate, TaxExemptForm.StreamlinedSalesTax, ExemptionReason.EducationalOrganization, DocumentStatus.Pending),
            (stored.ContentType, stored.Kind, stored.TaxExemptForm, stored.ExemptionReason, stored.Status));
    }

    [Fact]
    public async Task A_rejected_document_shows_its_reason_to_the_organization_which_uploads_a_corrected_one()
    {
        var (email, organization) = await _factory.AddApplicantAsync(OrganizationKind.District);
        var district = await BrowserClient.SignInAsync(_factory, email);
        await district.LandingAsync(await district.UploadAsync("W9", SampleOrganizations.Ein, "Dana Whitfield", _today.AddDays(-1), null, "w9.pdf", SampleOrganizations.Pdf));
        var w9 = await _factory.WithDbAsync(db => db.OrganizationDocuments.Where(d => d.OrganizationId == organization).Select(d => d.Id).SingleAsync());

        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");
        var review = $"/admin/organizations/{organization}";
        await admin.SubmitAsync(review, $"{review}/documents/{w9}/reject", new() { ["reason"] = "Line 2 is blank: the W-9 must carry the business name." });

        var documents = WebUtility.HtmlDecode(await district.GetPageAsync("/organization/documents"));
        Assert.Contains("Reason: Line 2 is blank: the W-9 must carry the business name.", documents);
        Assert.Contains("your W-9 was rejected (Line 2 is blank: the W-9 must carry the business name.): upload a corrected one", documents);
        Assert.Contains("by Sam Adeyemi", documents);
        var mail = await _factory.DeliveredAsync(email, "Your W-9 was rejected");
        Assert.Contains("Line 2 is blank", mail.TextBody);

        await district.LandingAsync(await district.UploadAsync("W9", SampleOrganizations.Ein, "Dana Whitfield", _today, null, "w9-corrected.pdf", SampleOrganizations.Pdf));
        var kept = await _factory.WithDbAsync(db => db.OrganizationDocuments.AsNoTracking().Where(d => d.OrganizationId == organization).OrderBy(d => d.UploadedAt)
            .Select(d => d.Status).ToListAsync());
        Assert.Equal([DocumentStatus.Rejected, DocumentStatus.Pending], kept);
    }

    [Fact]
    public async Task A_document_downloads_as_an_attachment_for_its_organizations_admin_and_platform_admins_only()
    {
        var (maple, w9) = await _factory.WithDbAsync(async db =>
        {
            var id = await db.Organizations.Where(o => o.Name == DemoLots.District).Select(o => o.Id).SingleAsync();
            return (id, await db.OrganizationDocuments.Where(d => d.OrganizationId == id && d.Kind == DocumentKind.W9).Select(d => d.Id).SingleAsync());
        });
        var owner = await BrowserClient.SignInAsync(_factory, "district@demo.k12");
        var admin = await BrowserClient.SignInAsync(_factory, "admin@demo.k12");

        using var own = await owner.Http.GetAsync($"/organization/documents/{w9}/file");
        using var reviewed = await admin.Http.GetAsync($"/admin/organizations/{maple}/documents/{w9}");
        using var stranger = await (await BrowserClient.SignInAsync(_factory, "district2@demo.k12")).Http.GetAsync($"/organization/documents/{w9}/file");
        using var inventory = await (await BrowserClient.SignInAsync(_factory, "inventory@demo.k12")).Http.GetAsync($"/organization/documents/{w9}/file");
        using var wrongOrganization = await admin.Http.GetAsync($"/admin/organizations/{Guid.NewGuid()}/documents/{w9}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(("attachment", "application/pdf", "no-store"), (own.Content.Headers.ContentDisposition?.DispositionType, own.Content.Headers.ContentType?.MediaType, own.Headers.CacheControl?.ToString()));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await own.Content.ReadAsByteArrayAsync())[..5]);
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        Assert.Equal("attachment", reviewed.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        inventory.AssertAccessDenied();
        Assert.Equal(HttpStatusCode.NotFound, wrongOrganization.StatusCode);
    }

    [Fact]
    public async Task Another_organizations_documents_and_review_pages_are_not_reachable()
    {
        var cedar = await _factory.WithDbAsync(db => db.Organizations.Where(o => o.Name == "Cedar Ridge Unified School District").Select(o => o.Id).SingleAsync());
        var district = await BrowserClient.SignInAsync(_factory, "district@demo.k12");

        (await district.Http.GetAsync($"/admin/organizations/{cedar}")).AssertAccessDenied();
        (await district.Http.GetAsync("/admin/organizations")).AssertAccessDenied();
        var own = WebUtility.HtmlDecode(await district.GetPageAsync("/organization/documents"));
        Assert.Contains("Maple Valley School District", own);
        Assert.DoesNotContain("Cedar Ridge", own);
    }

    [Fact]
    public async Task A_member_who_is_not_its_admin_reads_where_the_organization_stands_but_uploads_nothing()
    {
        var inventory = await BrowserClient.SignInAsync(_factory, "inventory@demo.k12");

        var page = WebUtility.HtmlDecode(await inventory.GetPageAsync("/organization/documents"));

        Assert.Contains("Your organization is verified", page);
        Assert.Contains("Your organization's admin uploads its documents.", page);
        Assert.DoesNotContain("Upload for review", page);
    }
}

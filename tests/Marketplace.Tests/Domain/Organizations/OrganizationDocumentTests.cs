using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Tests.Domain.Organizations;

public sealed class OrganizationDocumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    [Fact]
    public void A_W9_signed_more_than_three_years_ago_is_refused()
    {
        var district = SampleOrganizations.Applied(OrganizationKind.District, Now);

        var refused = Assert.Throws<DomainException>(() => SampleOrganizations.Uploaded(district, DocumentKind.W9, Now, issued: Today.AddYears(-3).AddDays(-1)));

        Assert.StartsWith("Signature date: a W-9 counts for 3 years after it is signed", refused.Message);
    }

    [Fact]
    public void A_W9_must_certify_the_organizations_own_EIN()
    {
        var district = SampleOrganizations.Applied(OrganizationKind.District, Now);

        var refused = Assert.Throws<DomainException>(() => OrganizationDocument.Upload(district,
            new DocumentDetails(DocumentKind.W9, "91-6001948", "Dana Whitfield", Today, null), new DocumentFile("w9.pdf", "application/pdf", SampleOrganizations.Pdf), "Dana", null, Now));

        Assert.Equal($"Number: the W-9 certifies EIN 91-6001948, but {district.Name}'s EIN is 27-3184406. Upload the organization's own W-9.", refused.Message);
    }

    [Fact]
    public void A_certification_needs_an_expiry_date_that_has_not_passed()
    {
        var refurbisher = SampleOrganizations.Applied(OrganizationKind.Refurbisher, Now);
        var file = new DocumentFile("r2.pdf", "application/pdf", SampleOrganizations.Pdf);

        var noExpiry = Assert.Throws<DomainException>(() => OrganizationDocument.Upload(refurbisher,
            new DocumentDetails(DocumentKind.R2v3, "R2V3-1", "SERI", Today.AddYears(-1), null), file, "Priya", null, Now));
        var expired = Assert.Throws<DomainException>(() => OrganizationDocument.Upload(refurbisher,
            new DocumentDetails(DocumentKind.R2v3, "R2V3-1", "SERI", Today.AddYears(-3), Today.AddDays(-1)), file, "Priya", null, Now));

        Assert.Equal("Expires on: enter the date the R2v3 certification expires.", noExpiry.Message);
        Assert.StartsWith("Expires on: this R2v3 expired on", expired.Message);
    }

    [Fact]
    public void A_tax_exempt_certificate_says_which_form_and_why()
    {
        var school = SampleOrganizations.Applied(OrganizationKind.School, Now);

        var refused = Assert.Throws<DomainException>(() => OrganizationDocument.Upload(school,
            new DocumentDetails(DocumentKind.TaxExemptCertificate, "WA-1", "Washington", Today, null), new DocumentFile("sst.pdf", "application/pdf", SampleOrganizations.Pdf), "Marcus", null, Now));

        Assert.StartsWith("Form:", refused.Message);
    }

    [Fact]
    public void A_school_cannot_upload_a_data_destruction_certification()
    {
        var school = SampleOrganizations.Applied(OrganizationKind.School, Now);

        Assert.StartsWith("Document: a school cannot upload a R2v3",
            Assert.Throws<DomainException>(() => SampleOrganizations.Uploaded(school, DocumentKind.R2v3, Now)).Message);
    }

    [Fact]
    public void Approving_a_renewal_supersedes_the_earlier_approval_which_stays_on_file()
    {
        var refurbisher = SampleOrganizations.Applied(OrganizationKind.Refurbisher, Now);
        var first = SampleOrganizations.Approved(refurbisher, DocumentKind.R2v3, Now, Today.AddDays(20));
        var renewal = SampleOrganizations.Uploaded(refurbisher, DocumentKind.R2v3, Now, Today.AddYears(3));

        renewal.Approve([first, renewal], "Sam Adeyemi", null, Now.AddDays(1));

        Assert.Equal((DocumentStatus.Superseded, renewal.Id, DocumentStatus.Approved), (first.Status, first.SupersededById, renewal.Status));
        Assert.Equal(("Sam Adeyemi", Now.AddDays(1)), (renewal.ReviewedBy, renewal.ReviewedAt));
    }

    [Fact]
    public void A_document_is_reviewed_once_and_a_rejection_needs_a_reason()
    {
        var school = SampleOrganizations.Applied(OrganizationKind.School, Now);
        var document = SampleOrganizations.Uploaded(school, DocumentKind.TaxExemptCertificate, Now);

        Assert.StartsWith("Reason:", Assert.Throws<DomainException>(() => document.Reject(" ", "Sam", null, Now)).Message);
        document.Reject("Unsigned.", "Sam", null, Now);

        Assert.Equal((DocumentStatus.Rejected, "Unsigned."), (document.Status, document.RejectionReason));
        Assert.Throws<DomainException>(() => document.Approve([], "Sam", null, Now));
    }

    [Fact]
    public void Expiry_notices_come_30_and_7_days_before_and_after_the_end_each_once()
    {
        var refurbisher = SampleOrganizations.Applied(OrganizationKind.Refurbisher, Now);
        var ends = Today.AddDays(40);
        var certificate = SampleOrganizations.Approved(refurbisher, DocumentKind.EStewards, Now, ends);

        Assert.Null(certificate.DueNotice(ends.AddDays(-31)));
        Assert.Equal(ExpiryNotice.ThirtyDays, certificate.DueNotice(ends.AddDays(-30)));
        certificate.NoticeSent(ExpiryNotice.ThirtyDays, Now);
        Assert.Null(certificate.DueNotice(ends.AddDays(-29)));
        Assert.Equal(ExpiryNotice.SevenDays, certificate.DueNotice(ends.AddDays(-7)));
        certificate.NoticeSent(ExpiryNotice.SevenDays, Now);
        Assert.Null(certificate.DueNotice(ends));
        Assert.Equal(ExpiryNotice.Expired, certificate.DueNotice(ends.AddDays(1)));
        certificate.NoticeSent(ExpiryNotice.Expired, Now);
        Assert.Null(certificate.DueNotice(ends.AddDays(2)));
    }

    [Fact]
    public void A_late_run_sends_only_the_most_urgent_notice()
    {
        var refurbisher = SampleOrganizations.Applied(OrganizationKind.Refurbisher, Now);
        var certificate = SampleOrganizations.Approved(refurbisher, DocumentKind.R2v3, Now, Today.AddDays(40));

        Assert.Equal(ExpiryNotice.SevenDays, certificate.DueNotice(Today.AddDays(36)));
        certificate.NoticeSent(ExpiryNotice.SevenDays, Now);

        Assert.Null(certificate.DueNotice(Today.AddDays(37)));
        Assert.NotNull(certificate.ThirtyDayNoticeSentAt);
    }
}

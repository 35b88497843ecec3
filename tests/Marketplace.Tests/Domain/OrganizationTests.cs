using Marketplace.Tests.Domain.Organizations;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Tests.Domain;

/// <summary>An organization's standing: applied → verified or rejected; verified → suspended → reinstated.</summary>
public sealed class OrganizationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    [Fact]
    public void A_sign_up_applies_with_its_identifiers_written_one_way()
    {
        var district = Organization.Apply(new OrganizationApplication(OrganizationKind.District, "  Maple Valley School District ", "22225 SE 231st St", "Maple Valley",
            "wa", "98038", "(425) 555-0100", "916001948", "53 04650", PrivateSchool: false), Now);

        Assert.Equal((OrganizationStatus.Applied, "Maple Valley School District", "WA", "425-555-0100", "91-6001948", "5304650", Now),
            (district.Status, district.Name, district.State, district.Phone, district.Ein, district.NcesId, district.AppliedAt));
    }

    [Theory]
    [InlineData(OrganizationKind.District, "WA", "530465", "NCES ID: enter the district's 7-digit NCES ID.")]
    [InlineData(OrganizationKind.District, "OR", "5304650", "NCES ID: 5304650 is not an ID of OR; NCES IDs in OR start with 41.")]
    [InlineData(OrganizationKind.School, "WA", "5304650", "NCES ID: enter the school's 12-digit NCES ID, or say it is a private school without one.")]
    public void A_public_district_or_school_gives_the_NCES_ID_of_its_state(OrganizationKind kind, string state, string nces, string message)
    {
        var refused = Assert.Throws<DomainException>(() =>
            Organization.Apply(new OrganizationApplication(kind, "Somewhere", "1 Main St", "Salem", state, "97301", "503-555-0100", "93-6002417", nces, false), Now));

        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void A_private_school_may_say_it_has_no_NCES_ID_and_a_refurbisher_has_none()
    {
        var school = Organization.Apply(new OrganizationApplication(OrganizationKind.School, "St. Brendan School", "1 Main St", "Bend", "OR", "97701", "541-555-0100",
            "93-6002417", null, PrivateSchool: true), Now);
        var refurbisher = Organization.Apply(new OrganizationApplication(OrganizationKind.Refurbisher, "Renew ITAD", "1 Main St", "Bend", "OR", "97701", "541-555-0100",
            "93-6002417", "5304650", PrivateSchool: true), Now);

        Assert.Equal((true, (string?)null), (school.IsPrivateSchool, school.NcesId));
        Assert.Equal((false, (string?)null), (refurbisher.IsPrivateSchool, refurbisher.NcesId));
    }

    [Theory]
    [InlineData("07-1234567")]
    [InlineData("91-123456")]
    [InlineData("91/1234567")]
    public void An_EIN_that_cannot_be_one_is_refused_naming_the_field(string ein)
    {
        var refused = Assert.Throws<DomainException>(() => SampleApplication(ein));

        Assert.StartsWith("EIN:", refused.Message);
    }

    [Fact]
    public void An_application_is_verified_once_its_required_documents_are_approved()
    {
        var district = SampleOrganizations.Applied(OrganizationKind.District, Now);
        var w9 = SampleOrganizations.Uploaded(district, DocumentKind.W9, Now);

        var early = Assert.Throws<DomainException>(() => district.Verify([w9], Today, "Sam Adeyemi", Now));
        w9.Approve([], "Sam Adeyemi", null, Now);
        district.Verify([w9], Today, "Sam Adeyemi", Now.AddHours(1));

        Assert.Contains("Approve the organization's W-9 before verifying it", early.Message);
        Assert.Equal((OrganizationStatus.Verified, "Sam Adeyemi", Now.AddHours(1), (string?)null),
            (district.Status, district.StatusChangedBy, district.StatusChangedAt, district.StatusReason));
    }

    [Fact]
    public void A_rejected_application_keeps_its_reason_and_may_be_verified_later()
    {
        var school = SampleOrganizations.Applied(OrganizationKind.School, Now);
        school.Reject("  The NCES ID belongs to another school.  ", "Sam Adeyemi", Now);
        Assert.Equal((OrganizationStatus.Rejected, "The NCES ID belongs to another school."), (school.Status, school.StatusReason));

        school.Verify([SampleOrganizations.Approved(school, DocumentKind.TaxExemptCertificate, Now)], Today, "Sam Adeyemi", Now);

        Assert.Equal(OrganizationStatus.Verified, school.Status);
    }

    [Fact]
    public void A_verified_organization_is_suspended_with_a_reason_and_reinstated()
    {
        var (refurbisher, _) = SampleOrganizations.Verified(OrganizationKind.Refurbisher, Now);

        refurbisher.Suspend("Certificate of insurance lapsed.", "Sam Adeyemi", Now);
        Assert.Equal((OrganizationStatus.Suspended, "Certificate of insurance lapsed."), (refurbisher.Status, refurbisher.StatusReason));
        refurbisher.Reinstate("Insurance renewed through 2027.", "Sam Adeyemi", Now.AddDays(3));

        Assert.Equal((OrganizationStatus.Verified, "Insurance renewed through 2027.", Now.AddDays(3)), (refurbisher.Status, refurbisher.StatusReason, refurbisher.StatusChangedAt));
    }

    [Theory]
    [InlineData("reject a verified organization")]
    [InlineData("suspend an application")]
    [InlineData("reinstate a verified organization")]
    [InlineData("verify a suspended organization")]
    public void A_decision_out_of_turn_is_refused(string decision)
    {
        var (verified, documents) = SampleOrganizations.Verified(OrganizationKind.District, Now);
        var applied = SampleOrganizations.Applied(OrganizationKind.District, Now);
        Action act = decision switch
        {
            "reject a verified organization" => () => verified.Reject("No.", "Sam", Now),
            "suspend an application" => () => applied.Suspend("No.", "Sam", Now),
            "reinstate a verified organization" => () => verified.Reinstate("No.", "Sam", Now),
            _ => () =>
            {
                verified.Suspend("Unpaid fees.", "Sam", Now);
                verified.Verify(documents, Today, "Sam", Now);
            },
        };

        Assert.Throws<DomainException>(act);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Rejecting_and_suspending_need_a_reason(string reason)
    {
        var applied = SampleOrganizations.Applied(OrganizationKind.School, Now);
        var (verified, _) = SampleOrganizations.Verified(OrganizationKind.School, Now);

        Assert.StartsWith("Reason:", Assert.Throws<DomainException>(() => applied.Reject(reason, "Sam", Now)).Message);
        Assert.StartsWith("Reason:", Assert.Throws<DomainException>(() => verified.Suspend(reason, "Sam", Now)).Message);
        Assert.Equal((OrganizationStatus.Applied, OrganizationStatus.Verified), (applied.Status, verified.Status));
    }

    private static Organization SampleApplication(string ein) =>
        Organization.Apply(new OrganizationApplication(OrganizationKind.Refurbisher, "Renew ITAD", "1 Main St", "Tacoma", "WA", "98409", "253-555-0100", ein, null, false), Now);
}

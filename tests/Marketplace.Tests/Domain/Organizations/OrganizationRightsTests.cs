using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Tests.Domain.Organizations;

/// <summary>What an organization may do, computed from its standing, its documents and the day.</summary>
public sealed class OrganizationRightsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    [Fact]
    public void A_verified_refurbisher_with_a_current_certification_trades_and_buys_data_bearing_devices()
    {
        var rights = SampleOrganizations.CertifiedRefurbisher(Now);

        Assert.Equal((true, true, (string?)null), (rights.MayTrade, rights.MayBuyDataBearingDevices, rights.WhyNotDataBearing("quote on it")));
        Assert.Equal(DocumentKind.R2v3, rights.Certification?.Kind);
    }

    [Fact]
    public void A_certification_counts_through_its_last_day_and_ends_the_day_after_by_itself()
    {
        var (refurbisher, documents) = SampleOrganizations.Verified(OrganizationKind.Refurbisher, Now, certification: DocumentKind.NaidAaa, certificationEnds: Today.AddDays(10));

        var lastDay = OrganizationRights.Of(refurbisher, documents, Today.AddDays(10));
        var dayAfter = OrganizationRights.Of(refurbisher, documents, Today.AddDays(11));

        Assert.True(lastDay.MayBuyDataBearingDevices);
        Assert.Equal((true, false), (dayAfter.MayTrade, dayAfter.MayBuyDataBearingDevices));
        Assert.Contains($"Your NAID AAA ended on {Today.AddDays(10):MMMM d, yyyy}", dayAfter.WhyNotDataBearing("quote on this lot"));
    }

    [Fact]
    public void A_W9_counts_for_three_years_after_it_was_signed_then_trading_stops_until_a_current_one_is_approved()
    {
        var (district, documents) = SampleOrganizations.Verified(OrganizationKind.District, Now);
        var signed = documents.Single().IssuedOn;

        Assert.True(OrganizationRights.Of(district, documents, signed.AddYears(3)).MayTrade);
        var ended = OrganizationRights.Of(district, documents, signed.AddYears(3).AddDays(1));

        Assert.False(ended.MayTrade);
        Assert.Equal("Your organization cannot list a lot until its documents are current: "
            + $"your W-9 ended on {signed.AddYears(3):MMMM d, yyyy} (a W-9 counts for 3 years after it is signed): upload a current one.", ended.WhyNot("list a lot"));
    }

    [Fact]
    public void An_applicant_is_told_what_to_upload_then_that_it_waits_for_review()
    {
        var applicant = SampleOrganizations.Applied(OrganizationKind.District, Now);
        var w9 = SampleOrganizations.Uploaded(applicant, DocumentKind.W9, Now);

        var nothingYet = OrganizationRights.Of(applicant, [], Today);
        var uploaded = OrganizationRights.Of(applicant, [w9], Today);
        w9.Approve([], "Sam Adeyemi", null, Now);
        var approved = OrganizationRights.Of(applicant, [w9], Today);

        Assert.Equal("Your organization is not verified yet, so it cannot list a lot. First: upload your W-9 (signed within the last 3 years). "
            + "A platform admin then reviews the application.", nothingYet.WhyNot("list a lot"));
        Assert.Contains("your W-9 is waiting for review by a platform admin", uploaded.WhyNot("list a lot"));
        Assert.Equal("Your organization is not verified yet, so it cannot list a lot. A platform admin is reviewing its application.", approved.WhyNot("list a lot"));
        Assert.False(approved.MayTrade);
    }

    [Fact]
    public void A_rejected_or_suspended_organization_cannot_trade_and_is_told_why()
    {
        var rejected = SampleOrganizations.Applied(OrganizationKind.School, Now);
        rejected.Reject("The tax-exempt certificate names another school.", "Sam", Now);
        var (suspended, documents) = SampleOrganizations.Verified(OrganizationKind.School, Now);
        suspended.Suspend("Unpaid invoices past 120 days.", "Sam", Now);

        Assert.Contains("application was rejected (The tax-exempt certificate names another school.)", OrganizationRights.Of(rejected, [], Today).WhyNot("check out"));
        Assert.Contains("is suspended (Unpaid invoices past 120 days.), so it cannot check out", OrganizationRights.Of(suspended, documents, Today).WhyNot("check out"));
    }

    [Fact]
    public void A_refusal_links_to_the_documents_page()
    {
        var applicant = OrganizationRights.Of(SampleOrganizations.Applied(OrganizationKind.School, Now), [], Today);

        var refused = Assert.Throws<DomainException>(() => applicant.RequireTrade("check out"));

        Assert.Equal(new Remedy("Organization documents", "/organization/documents"), refused.Remedy);
        Assert.Contains("upload your tax-exempt certificate", refused.Message);
    }

    [Fact]
    public void A_rejected_document_is_named_with_its_reason()
    {
        var applicant = SampleOrganizations.Applied(OrganizationKind.Refurbisher, Now);
        var w9 = SampleOrganizations.Uploaded(applicant, DocumentKind.W9, Now);
        w9.Reject("The signature is missing.", "Sam", null, Now);

        Assert.Contains("your W-9 was rejected (The signature is missing.): upload a corrected one", OrganizationRights.Of(applicant, [w9], Today).WhyNot("quote"));
    }

    [Theory]
    [InlineData(OrganizationKind.District)]
    [InlineData(OrganizationKind.School)]
    public void Only_refurbishers_buy_data_bearing_devices(OrganizationKind kind)
    {
        var (organization, documents) = SampleOrganizations.Verified(kind, Now);

        Assert.Equal((true, false), (OrganizationRights.Of(organization, documents, Today).MayTrade, OrganizationRights.Of(organization, documents, Today).MayBuyDataBearingDevices));
    }

    [Fact]
    public void Another_organizations_documents_count_for_nothing()
    {
        var (refurbisher, _) = SampleOrganizations.Verified(OrganizationKind.Refurbisher, Now);
        var (other, theirs) = SampleOrganizations.Verified(OrganizationKind.Refurbisher, Now, certification: DocumentKind.R2v3);

        Assert.False(OrganizationRights.Of(refurbisher, theirs, Today).MayTrade);
        Assert.True(OrganizationRights.Of(other, theirs, Today).MayBuyDataBearingDevices);
    }
}

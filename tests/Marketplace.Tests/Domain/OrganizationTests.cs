using Marketplace.Web.Domain;

namespace Marketplace.Tests.Domain;

public sealed class OrganizationTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static Organization Refurbisher() => new()
    {
        Name = "GreenCycle ITAD",
        Kind = OrganizationKind.Refurbisher,
        IsVerified = true,
        Certification = CertificationStandard.EStewards,
        CertificationExpires = Today.AddMonths(6),
    };

    [Fact]
    public void A_verified_refurbisher_with_a_current_certification_may_buy_data_bearing_devices() =>
        Assert.True(Refurbisher().MayBuyDataBearingDevices(Today));

    [Fact]
    public void A_certification_expiring_today_still_counts()
    {
        var organization = Refurbisher();
        organization.CertificationExpires = Today;

        Assert.True(organization.MayBuyDataBearingDevices(Today));
    }

    [Theory]
    [InlineData("not verified")]
    [InlineData("no certification")]
    [InlineData("certification expired yesterday")]
    [InlineData("no expiry date on file")]
    public void A_refurbisher_may_not_buy_data_bearing_devices_when(string reason)
    {
        var organization = Refurbisher();
        switch (reason)
        {
            case "not verified":
                organization.IsVerified = false;
                break;
            case "no certification":
                organization.Certification = CertificationStandard.None;
                break;
            case "certification expired yesterday":
                organization.CertificationExpires = Today.AddDays(-1);
                break;
            default:
                organization.CertificationExpires = null;
                break;
        }

        Assert.False(organization.MayBuyDataBearingDevices(Today));
    }

    [Theory]
    [InlineData(OrganizationKind.District)]
    [InlineData(OrganizationKind.School)]
    [InlineData(OrganizationKind.Platform)]
    public void Only_refurbishers_may_buy_data_bearing_devices(OrganizationKind kind)
    {
        var organization = new Organization
        {
            Name = "Certified but not a refurbisher",
            Kind = kind,
            IsVerified = true,
            Certification = CertificationStandard.R2v3,
            CertificationExpires = Today.AddYears(1),
        };

        Assert.False(organization.MayBuyDataBearingDevices(Today));
    }
}

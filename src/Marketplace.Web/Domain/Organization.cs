namespace Marketplace.Web.Domain;

public enum OrganizationKind { District, Refurbisher, School, Platform }

public enum CertificationStandard { None, R2v3, EStewards, NaidAaa }

public sealed class Organization
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public OrganizationKind Kind { get; init; }
    public string? City { get; set; }
    public string? State { get; set; }
    public bool IsVerified { get; set; }
    public CertificationStandard Certification { get; set; }
    public string? CertificationNumber { get; set; }
    public DateOnly? CertificationExpires { get; set; }

    /// <summary>Stripe Connect account for payouts; payouts are recorded for finance to send when absent.</summary>
    public string? StripeAccountId { get; set; }

    /// <summary>Only verified refurbishers with a current R2v3, e-Stewards or NAID AAA certificate may buy data-bearing devices.</summary>
    public bool MayBuyDataBearingDevices(DateOnly today) =>
        Kind == OrganizationKind.Refurbisher
        && IsVerified
        && Certification != CertificationStandard.None
        && CertificationExpires is { } expires && expires >= today;
}

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

    /// <summary>
    /// A school's rule: storefront orders above this total need an approver's yes before they are invoiced.
    /// Null: no approval step.
    /// </summary>
    public decimal? OrderApprovalLimit { get; private set; }

    public void SetOrderApprovalLimit(decimal? limit)
    {
        if (Kind != OrganizationKind.School && limit is not null)
        {
            throw new DomainException("Only schools set an order approval limit.");
        }

        if (limit is < 0)
        {
            throw new DomainException("The approval limit cannot be negative.");
        }

        OrderApprovalLimit = limit;
    }

    /// <summary>Whether an order of this total, placed by someone who is not an approver, waits for one.</summary>
    public bool OrderNeedsApproval(decimal total) => Kind == OrganizationKind.School && OrderApprovalLimit is { } limit && total > limit;

    /// <summary>Stripe Connect account for payouts; payouts are recorded for finance to send when absent.</summary>
    public string? StripeAccountId { get; set; }

    /// <summary>Only verified refurbishers with a current R2v3, e-Stewards or NAID AAA certificate may buy data-bearing devices.</summary>
    public bool MayBuyDataBearingDevices(DateOnly today) =>
        Kind == OrganizationKind.Refurbisher
        && IsVerified
        && Certification != CertificationStandard.None
        && CertificationExpires is { } expires && expires >= today;
}

using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Features.Storefront;

/// <summary>What decides an order's sales tax: the buyer's current exemption certificate, else the ship-to state's rate in force.</summary>
internal static class SalesTaxes
{
    /// <summary>
    /// The buyer's approved tax-exempt certificate that has not expired (<see cref="OrganizationDocument.IsCurrent"/>), the most
    /// recently approved when several are. The certificate exempts the order wherever it ships: the Streamlined Sales Tax
    /// certificate is accepted by its member states, and a school or district buys for its own state.
    /// </summary>
    public static async Task<OrganizationDocument?> ExemptionOfAsync(MarketplaceDb db, Guid buyerId, DateOnly today, CancellationToken cancellationToken) =>
        (await db.OrganizationDocuments.AsNoTracking()
            .Where(d => d.OrganizationId == buyerId && d.Kind == DocumentKind.TaxExemptCertificate && d.Status == DocumentStatus.Approved)
            .ToListAsync(cancellationToken))
        .Where(d => d.IsCurrent(today)).OrderByDescending(d => d.ReviewedAt).FirstOrDefault();

    public static async Task<SalesTaxRate?> RateInForceAsync(MarketplaceDb db, string state, DateOnly day, CancellationToken cancellationToken) =>
        SalesTaxRate.InForce(await db.SalesTaxRates.AsNoTracking().Where(r => r.State == state && r.EffectiveOn <= day).ToListAsync(cancellationToken), state, day);
}

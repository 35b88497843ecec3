using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure.Audit;
using Marketplace.Web.Infrastructure.Identity;

namespace Marketplace.Web.Data;

/// <summary>
/// Who may see which organization data, in one place. Every query of organization-owned rows starts
/// from one of these instead of writing its own predicate, so a new page cannot forget one. Platform
/// staff (finance, admin) pass only where a method says so.
/// </summary>
public static class TenantAccess
{
    /// <summary>Platform roles see across organizations where a method allows it.</summary>
    public static bool IsPlatformStaff(this ICurrentUser user) => user.IsInRole(Roles.Finance) || user.IsInRole(Roles.Admin);

    /// <summary>The people of the signed-in person's organization (active or not).</summary>
    public static IQueryable<AppUser> PeopleOf(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.Users.Where(u => u.OrganizationId == organizationId);
    }

    /// <summary>The invitations the signed-in person's organization sent.</summary>
    public static IQueryable<Domain.People.Invitation> InvitationsOf(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.Invitations.Where(i => i.OrganizationId == organizationId);
    }

    /// <summary>The signed-in district's own lots.</summary>
    public static IQueryable<Lot> LotsOwnedBy(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.Lots.Where(l => l.DistrictId == organizationId);
    }

    /// <summary>Lots the signed-in person's organization won (a refurbisher, or a school).</summary>
    public static IQueryable<Lot> LotsBoughtBy(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        // "Id IN (the buyer's sales)": the sales' buyer index finds the few, instead of a probe per lot of the whole table.
        return db.Lots.Where(l => db.Sales.Where(s => s.BuyerId == organizationId).Select(s => s.LotId).Contains(l.Id));
    }

    /// <summary>
    /// Whether the signed-in person's organization won this lot: its sales seeked by the lot, never the buyer's whole history
    /// (<see cref="LotsBoughtBy"/> filtered to one lot lists every sale of the buyer first).
    /// </summary>
    public static Task<bool> HasBoughtAsync(this MarketplaceDb db, ICurrentUser user, Guid lotId, CancellationToken cancellationToken) =>
        db.SalesOfLotBoughtBy(user, lotId).AnyAsync(cancellationToken);

    /// <summary>The lot, when the signed-in person's organization won it: found by its id and its own sales.</summary>
    public static IQueryable<Lot> LotBoughtBy(this MarketplaceDb db, ICurrentUser user, Guid lotId)
    {
        var won = db.SalesOfLotBoughtBy(user, lotId);
        return db.Lots.Where(l => l.Id == lotId && won.Any());
    }

    /// <summary>The lot's sales the signed-in person's organization won (one, or none), found by the lot.</summary>
    public static IQueryable<Sale> SalesOfLotBoughtBy(this MarketplaceDb db, ICurrentUser user, Guid lotId)
    {
        var organizationId = user.RequireOrganization();
        return db.Sales.Where(s => s.LotId == lotId && s.BuyerId == organizationId);
    }

    /// <summary>
    /// Lots whose sale is open, and lots offered to the organization after a forfeit: any refurbisher may look at them to
    /// quote or bid; a school sees only those holding no data-bearing devices, the only lots it may ever buy (a lot with
    /// storage that may hold student data goes to a certified processor).
    /// </summary>
    public static IQueryable<Lot> LotsOpenForQuotes(this MarketplaceDb db, ICurrentUser user)
    {
        var sales = db.SalesOpenTo(user);
        return db.Lots.Where(l => sales.Any(s => s.LotId == l.Id));
    }

    /// <summary>The sales a lot buyer may look at now (<see cref="LotsOpenForQuotes"/>); none for anyone else.</summary>
    private static IQueryable<Sale> SalesOpenTo(this MarketplaceDb db, ICurrentUser user)
    {
        var refurbisher = user.IsInRole(Roles.RefurbisherStaff);
        if (!refurbisher && !user.IsInRole(Roles.SchoolStaff))
        {
            return db.Sales.Where(_ => false);
        }

        var organizationId = user.RequireOrganization();
        return db.Sales.Where(s => (s.Status == SaleStatus.Open || (s.Status == SaleStatus.Offered && s.OfferedToId == organizationId))
                                   && (refurbisher || !s.HoldsDataBearingDevices));
    }

    /// <summary>
    /// Every lot whose sale is open, whoever asks: what any refurbisher may see. Only for background work that writes to
    /// refurbishers about such lots (saved-search matches); pages use <see cref="LotsOpenForQuotes"/>.
    /// </summary>
    /// <param name="forSchool">Only the lots a school may buy (no data-bearing devices), as <see cref="LotsOpenForQuotes"/> shows a school.</param>
    public static IQueryable<Lot> LotsOnTheMarket(this MarketplaceDb db, bool forSchool = false) =>
        db.Lots.Where(l => db.Sales.Any(s => s.LotId == l.Id && s.Status == SaleStatus.Open && (!forSchool || !s.HoldsDataBearingDevices)));

    /// <summary>The signed-in person's own watches (a watchlist is personal, not the organization's).</summary>
    public static IQueryable<Domain.Market.LotWatch> WatchesOf(this MarketplaceDb db, ICurrentUser user)
    {
        var (userId, organizationId) = (user.UserId, user.RequireOrganization());
        return db.LotWatches.Where(w => w.UserId == userId && w.OrganizationId == organizationId);
    }

    /// <summary>The signed-in person's own saved searches.</summary>
    public static IQueryable<Domain.Market.SavedSearch> SavedSearchesOf(this MarketplaceDb db, ICurrentUser user)
    {
        var (userId, organizationId) = (user.UserId, user.RequireOrganization());
        return db.SavedSearches.Where(s => s.UserId == userId && s.OrganizationId == organizationId);
    }

    /// <summary>The lots a person may look at: their district's, their organization's purchases, and lots open to it (<see cref="LotsOpenForQuotes"/>).</summary>
    public static IQueryable<Lot> LotsVisibleTo(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        var open = db.SalesOpenTo(user);
        return db.Lots.Where(l => l.DistrictId == organizationId
            || db.Sales.Any(s => s.LotId == l.Id && s.BuyerId == organizationId)
            || open.Any(s => s.LotId == l.Id));
    }

    /// <summary>Lots the district or the buyer may look at, and every lot for platform staff.</summary>
    public static IQueryable<Lot> LotsOfPartiesOrPlatform(this MarketplaceDb db, ICurrentUser user)
    {
        if (user.IsPlatformStaff())
        {
            return db.Lots;
        }

        var organizationId = user.RequireOrganization();
        return db.Lots.Where(l => l.DistrictId == organizationId || db.Sales.Any(s => s.LotId == l.Id && s.BuyerId == organizationId));
    }

    /// <summary>Receiving reconciliations of the organization's lots, as district or buyer; every one for platform staff.</summary>
    public static IQueryable<Domain.Fulfillment.LotReconciliation> ReconciliationsVisibleTo(this MarketplaceDb db, ICurrentUser user)
    {
        if (user.IsPlatformStaff())
        {
            return db.LotReconciliations;
        }

        var organizationId = user.RequireOrganization();
        return db.LotReconciliations.Where(r => r.DistrictId == organizationId || r.BuyerId == organizationId);
    }

    /// <summary>The signed-in district's reconciliation of its lot, to decide on; "not found" for anyone else's.</summary>
    public static async Task<Domain.Fulfillment.LotReconciliation> ReconciliationOfOwnLotAsync(this MarketplaceDb db, Guid lotId, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (!await db.LotsOwnedBy(user).AnyAsync(l => l.Id == lotId, cancellationToken))
        {
            throw new NotFoundException("Lot");
        }

        var organizationId = user.RequireOrganization();
        return await db.LotReconciliations.SingleOrDefaultAsync(r => r.LotId == lotId && r.DistrictId == organizationId, cancellationToken)
               ?? throw new DomainException("The lot is reconciled when the buyer finishes receiving it; it has not yet.");
    }

    /// <summary>The district's own lots or the refurbisher's purchases: the two parties of a sold lot.</summary>
    public static IQueryable<Lot> LotsOfParties(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.Lots.Where(l => l.DistrictId == organizationId || db.Sales.Any(s => s.LotId == l.Id && s.BuyerId == organizationId));
    }

    public static IQueryable<Sale> SalesOwnedBy(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.Sales.Where(s => s.DistrictId == organizationId);
    }

    public static IQueryable<LotFulfillment> FulfillmentsOwnedBy(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.LotFulfillments.Where(f => f.DistrictId == organizationId);
    }

    public static IQueryable<LotFulfillment> FulfillmentsBoughtBy(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.LotFulfillments.Where(f => f.BuyerId == organizationId);
    }

    /// <summary>Devices of the given lots (already filtered by one of the lot methods above).</summary>
    public static IQueryable<Device> DevicesOf(this MarketplaceDb db, IQueryable<Lot> lots) =>
        db.Devices.Where(d => lots.Any(l => l.Id == d.LotId));

    public static IQueryable<ImportJob> ImportJobsOwnedBy(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.ImportJobs.Where(j => j.OrganizationId == organizationId);
    }

    /// <summary>Invoices the signed-in organization has to pay.</summary>
    public static IQueryable<Invoice> InvoicesPayableBy(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.Invoices.Where(i => i.PayerId == organizationId);
    }

    /// <summary>Storefront orders the signed-in organization placed.</summary>
    public static IQueryable<Order> OrdersPlacedBy(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.Orders.Where(o => o.BuyerId == organizationId);
    }

    /// <summary>The ship-to sites of the signed-in organization, retired ones included.</summary>
    public static IQueryable<ShippingSite> ShippingSitesOf(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.ShippingSites.Where(s => s.OrganizationId == organizationId);
    }

    /// <summary>Storefront orders the signed-in refurbisher sold (and ships).</summary>
    public static IQueryable<Order> OrdersSoldBy(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.Orders.Where(o => o.SellerId == organizationId);
    }

    /// <summary>Platform finance and admins see every storefront order; an organization sees those it placed or sold.</summary>
    public static IQueryable<Order> OrdersVisibleTo(this MarketplaceDb db, ICurrentUser user)
    {
        if (user.IsInRole(Roles.Finance) || user.IsInRole(Roles.Admin))
        {
            return db.Orders;
        }

        var organizationId = user.RequireOrganization();
        return db.Orders.Where(o => o.BuyerId == organizationId || o.SellerId == organizationId);
    }

    /// <summary>Returns and warranty claims the signed-in organization made (as the school) or must answer (as the seller); every one for platform staff.</summary>
    public static IQueryable<ReturnRequest> ReturnsVisibleTo(this MarketplaceDb db, ICurrentUser user)
    {
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Finance))
        {
            return db.ReturnRequests;
        }

        var organizationId = user.RequireOrganization();
        return db.ReturnRequests.Where(r => r.BuyerId == organizationId || r.SellerId == organizationId);
    }

    /// <summary>The documents the signed-in organization uploaded (W-9, certificates), whatever their review.</summary>
    public static IQueryable<OrganizationDocument> DocumentsOwnedBy(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.OrganizationDocuments.Where(d => d.OrganizationId == organizationId);
    }

    /// <summary>Platform admins review every organization's documents; anyone else sees only their own organization's.</summary>
    public static IQueryable<OrganizationDocument> DocumentsVisibleTo(this MarketplaceDb db, ICurrentUser user) =>
        user.IsInRole(Roles.Admin) ? db.OrganizationDocuments : db.DocumentsOwnedBy(user);

    /// <summary>The signed-in refurbisher's storefront listings.</summary>
    public static IQueryable<Listing> ListingsOwnedBy(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.Listings.Where(l => l.SellerId == organizationId);
    }

    /// <summary>The signed-in organization's audit trail: what its people did, and failed sign-ins to their accounts.</summary>
    public static IQueryable<AuditRecord> AuditTrailOf(this MarketplaceDb db, ICurrentUser user)
    {
        var organizationId = user.RequireOrganization();
        return db.AuditRecords.Where(r => r.OrganizationId == organizationId);
    }

    /// <summary>
    /// The audit trail of the district's own lot and its devices, whoever acted (a buyer's receiving, a background job):
    /// the device's chain of custody. Empty for anyone else's lot.
    /// </summary>
    public static IQueryable<AuditRecord> AuditTrailOfOwnLot(this MarketplaceDb db, ICurrentUser user, Guid lotId)
    {
        var organizationId = user.RequireOrganization();
        return db.AuditRecords.Where(r => r.LotId == lotId && db.Lots.Any(l => l.Id == lotId && l.DistrictId == organizationId));
    }
}

using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Fulfillment;

internal static class FulfillmentLoading
{
    /// <summary>The fulfillment of the signed-in district's lot; a lot not yet paid has none.</summary>
    public static async Task<LotFulfillment> LoadDistrictFulfillmentAsync(this MarketplaceDb db, Guid lotId, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (!await db.LotsOwnedBy(user).AnyAsync(l => l.Id == lotId, cancellationToken))
        {
            throw new NotFoundException("Lot");
        }

        return await db.FulfillmentsOwnedBy(user).SingleOrDefaultAsync(f => f.LotId == lotId, cancellationToken)
               ?? throw new DomainException("A pickup can be scheduled once the buyer has paid.");
    }

    /// <summary>The fulfillment of a lot the signed-in refurbisher bought and paid for.</summary>
    public static async Task<LotFulfillment> LoadBuyerFulfillmentAsync(this MarketplaceDb db, Guid lotId, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (!await db.LotsBoughtBy(user).AnyAsync(l => l.Id == lotId, cancellationToken))
        {
            throw new NotFoundException("Lot");
        }

        return await db.FulfillmentsBoughtBy(user).SingleOrDefaultAsync(f => f.LotId == lotId, cancellationToken)
               ?? throw new DomainException("This lot is not paid yet; pickup and receiving open once the invoice is paid.");
    }
}

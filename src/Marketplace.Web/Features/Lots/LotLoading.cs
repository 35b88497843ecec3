using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

public static class LotLoading
{
    /// <summary>The lot (never its devices, which may number tens of thousands), only if it belongs to the signed-in district.</summary>
    public static async Task<Lot> LoadOwnLotAsync(this MarketplaceDb db, Guid lotId, ICurrentUser user, CancellationToken cancellationToken) =>
        await db.LotsOwnedBy(user).SingleOrDefaultAsync(l => l.Id == lotId, cancellationToken)
        ?? throw new NotFoundException("Lot");

    /// <summary>Whether a serial is already in this lot or another open lot of the district; the lot number that holds it, or null.</summary>
    public static Task<string?> LotHoldingSerialAsync(this MarketplaceDb db, Guid districtId, string serial, CancellationToken cancellationToken) =>
        db.Devices.Where(d => d.Serial == serial)
            .Join(db.Lots.Where(l => l.DistrictId == districtId).Open(db), d => d.LotId, l => l.Id, (d, l) => l.Number)
            .FirstOrDefaultAsync(cancellationToken);
}

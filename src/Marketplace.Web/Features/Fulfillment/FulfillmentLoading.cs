using Marketplace.Web.Domain.Fulfillment;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>The fulfillment of a lot, and which side of it the signed-in organization is on.</summary>
internal sealed record PartyFulfillment(LotFulfillment Fulfillment, bool IsDistrict)
{
    /// <summary>The district scans at its dock before the hand-over; the buyer scans at its facility when the lot arrives.</summary>
    public ScanStage Stage => IsDistrict ? ScanStage.HandOver : ScanStage.Receiving;
}

internal static class FulfillmentLoading
{
    private const string NotPaidYet = "Pickup opens once the buyer has paid.";

    /// <summary>The fulfillment of the signed-in district's lot, with its proposed windows; a lot not yet paid has none.</summary>
    public static async Task<LotFulfillment> LoadDistrictFulfillmentAsync(this MarketplaceDb db, Guid lotId, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (!await db.LotsOwnedBy(user).AnyAsync(l => l.Id == lotId, cancellationToken))
        {
            throw new NotFoundException("Lot");
        }

        return await db.FulfillmentsOwnedBy(user).Include(f => f.Windows).SingleOrDefaultAsync(f => f.LotId == lotId, cancellationToken)
               ?? throw new DomainException(NotPaidYet);
    }

    /// <summary>The fulfillment of a lot the signed-in refurbisher bought and paid for, with its proposed windows.</summary>
    public static async Task<LotFulfillment> LoadBuyerFulfillmentAsync(this MarketplaceDb db, Guid lotId, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (!await db.HasBoughtAsync(user, lotId, cancellationToken))
        {
            throw new NotFoundException("Lot");
        }

        return await db.FulfillmentsBoughtBy(user).Include(f => f.Windows).SingleOrDefaultAsync(f => f.LotId == lotId, cancellationToken)
               ?? throw new DomainException("This lot is not paid yet; pickup and receiving open once the invoice is paid.");
    }

    /// <summary>
    /// The fulfillment of a lot the signed-in organization is a party of, as its district or its buyer; anyone else gets "not
    /// found". Untracked unless <paramref name="tracked"/>: scans and queries read it without writing through its version.
    /// </summary>
    public static async Task<PartyFulfillment> LoadPartyFulfillmentAsync(this MarketplaceDb db, Guid lotId, ICurrentUser user, bool tracked, CancellationToken cancellationToken)
    {
        var organizationId = user.RequireOrganization();
        var fulfillment = await (tracked ? TrackedFulfillmentOf : FulfillmentOf)(db, lotId, cancellationToken);
        // The fulfillment names both parties, so a party's scan (ten a lot at receiving alone) needs no second read; the
        // lot is read only to tell anyone else "not found" from its own district's "not paid yet".
        if (fulfillment is not null && (fulfillment.DistrictId == organizationId || fulfillment.BuyerId == organizationId))
        {
            return new PartyFulfillment(fulfillment, fulfillment.DistrictId == organizationId);
        }

        var lot = await db.LotsOfParties(user).Where(l => l.Id == lotId).Select(l => new { l.DistrictId }).SingleOrDefaultAsync(cancellationToken)
                  ?? throw new NotFoundException("Lot");
        var isDistrict = lot.DistrictId == organizationId;
        // The lot's other party is the buyer only once it has paid; before that a refurbisher is no party of the fulfillment.
        if (fulfillment is null || (!isDistrict && fulfillment.BuyerId != organizationId))
        {
            throw new DomainException(isDistrict ? NotPaidYet : "This lot is not paid yet; pickup and receiving open once the invoice is paid.");
        }

        return new PartyFulfillment(fulfillment, isDistrict);
    }

    // Compiled once (EF.CompileAsyncQuery): every scan reads its lot's fulfillment, ten times a lot, where building and
    // matching the query's expression tree cost EF Core more than SQLite's run of it.
    private static readonly Func<MarketplaceDb, Guid, CancellationToken, Task<LotFulfillment?>> FulfillmentOf = EF.CompileAsyncQuery(
        (MarketplaceDb db, Guid lotId, CancellationToken _) => db.LotFulfillments.AsNoTracking().SingleOrDefault(f => f.LotId == lotId));

    private static readonly Func<MarketplaceDb, Guid, CancellationToken, Task<LotFulfillment?>> TrackedFulfillmentOf = EF.CompileAsyncQuery(
        (MarketplaceDb db, Guid lotId, CancellationToken _) => db.LotFulfillments.SingleOrDefault(f => f.LotId == lotId));

    /// <summary>Devices of the lot still enrolled in device management: what the hand-over waits for.</summary>
    public static Task<int> StillEnrolledAsync(this MarketplaceDb db, Guid lotId, CancellationToken cancellationToken) =>
        db.Devices.CountAsync(d => d.LotId == lotId && d.Enrollment == Domain.Lots.EnrollmentStatus.Enrolled, cancellationToken);

    /// <summary>Who is acting, as custody events and scans record them.</summary>
    public static CustodyActor Actor(this ICurrentUser user) => new(user.UserId, user.Name, user.RequireOrganization());

    public static string StageName(this ScanStage stage) => stage == ScanStage.HandOver ? "hand-over" : "receiving";
}

using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Organizations;

namespace Marketplace.Web.Features.Sales;

/// <summary>One accepted bid as the viewer may see it: a sealed bid's amount only to its bidder until the close (then to the district), an auction's maximum only to its bidder.</summary>
public sealed record BidRow(string Bidder, DateTimeOffset PlacedAt, decimal? Amount, decimal? PriceAfter, bool Mine, bool Replaced, string? Certification, int Forfeits);

/// <summary>
/// The state of a lot's sale by its mode's rules, as one viewer may see it. Sealed bids stay sealed for everyone (other
/// bidders, the district, platform staff) until the close; an auction shows its price, its bids as the prices they made
/// and whether the reserve is met, never a maximum but the viewer's own.
/// </summary>
public sealed record SalePanel(
    SaleMode Mode, SaleStatus Status, int Round, DateTimeOffset? ClosesAt, DateTimeOffset? ScheduledCloseAt, int SoftCloseMinutes,
    decimal? StartPrice, decimal? CurrentPrice, bool HasReserve, bool ReserveMet, decimal? BuyNowPrice, bool OffersBuyNow,
    int BidCount, int Bidders, decimal? MinimumBid, bool? Leading, decimal? MyAmount, bool BidsSealed, IReadOnlyList<BidRow> Bids,
    string? LeaderName, string? NextBidder, decimal? NextBidderPrice, string? OfferedTo, decimal? OfferPrice, DateTimeOffset? OfferExpiresAt,
    bool OfferedToMe, DateTimeOffset? PaymentDueAt, IReadOnlyList<string> ForfeitedBy)
{
    public bool IsBidding => Mode is SaleMode.SealedBid or SaleMode.Auction;

    public bool WasExtended => ClosesAt > ScheduledCloseAt;

    public static async Task<SalePanel> ReadAsync(MarketplaceDb db, Sale sale, Guid viewer, bool isDistrict, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        var round = sale.Bids.Where(b => b.Round == sale.Round).OrderBy(b => b.PlacedAt).ThenBy(b => b.Id).ToList();
        var bidderIds = round.Select(b => b.BidderId).Distinct().ToList();
        var ids = bidderIds.Concat(new[] { sale.LeaderId, sale.OfferedToId }.OfType<Guid>()).Concat(sale.Forfeits.Select(f => f.BuyerId)).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var certifications = isDistrict ? await db.CurrentCertificationsOfAsync(bidderIds, today, cancellationToken) : null;
        var forfeits = isDistrict ? await db.ForfeitsOfAsync(bidderIds, cancellationToken) : [];
        var sealedNow = sale.Mode == SaleMode.SealedBid && sale.Status == SaleStatus.Open;
        // Other bidders appear as "Bidder 1", "Bidder 2" in the order they first bid; the district sees names.
        var labels = bidderIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => isDistrict ? names.GetValueOrDefault(x.id, "Unknown") : x.id == viewer ? "You" : $"Bidder {x.i + 1}");
        var rows = round
            .Where(b => !sealedNow || b.BidderId == viewer)
            .Where(b => sale.Mode != SaleMode.SealedBid || isDistrict || b.BidderId == viewer)
            .Select(b => new BidRow(labels[b.BidderId], b.PlacedAt,
                Amount: b.BidderId == viewer || (sale.Mode == SaleMode.SealedBid && isDistrict) ? b.Amount : null,
                b.PriceAfter, b.BidderId == viewer, b.Replaced,
                certifications?.GetValueOrDefault(b.BidderId)?.Standing,
                forfeits.GetValueOrDefault(b.BidderId)))
            .OrderByDescending(b => b.PlacedAt)
            .ToList();
        var mine = round.Where(b => b.BidderId == viewer && !b.Replaced).OrderByDescending(b => b.Amount).FirstOrDefault();
        var next = isDistrict && sale.Status == SaleStatus.Forfeited ? sale.NextBidder() : null;
        return new SalePanel(
            sale.Mode, sale.Status, sale.Round, sale.ClosesAt, sale.ScheduledCloseAt, sale.SoftCloseMinutes,
            sale.StartPrice, sale.CurrentPrice, sale.ReservePrice is not null, sale.ReserveMet, sale.BuyNowPrice, sale.OffersBuyNow(now),
            sale.BidCount, bidderIds.Count,
            sale.Status == SaleStatus.Open && sale.IsBidding ? sale.MinimumBid(viewer) : null,
            sale.Mode == SaleMode.Auction && bidderIds.Contains(viewer) ? sale.LeaderId == viewer : null,
            sale.Mode == SaleMode.Auction && sale.LeaderId == viewer ? sale.LeaderMaximum : mine?.Amount,
            sealedNow, rows,
            sale.LeaderId is { } leader && (isDistrict || leader == viewer) ? names.GetValueOrDefault(leader) : null,
            next is { } n ? names.GetValueOrDefault(n.Bidder) : null, next?.Price,
            sale.OfferedToId is { } offered && isDistrict ? names.GetValueOrDefault(offered) : null,
            sale.OfferedToId is not null && (isDistrict || sale.OfferedToId == viewer) ? sale.OfferPrice : null,
            sale.OfferExpiresAt, sale.OfferedToId == viewer, sale.PaymentDueAt,
            isDistrict ? sale.Forfeits.Where(f => f.Round == sale.Round).Select(f => names.GetValueOrDefault(f.BuyerId, "Unknown")).ToList() : []);
    }
}

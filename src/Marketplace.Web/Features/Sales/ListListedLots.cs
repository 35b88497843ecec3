using Marketplace.Web.Domain.Organizations;
using AutoMapper;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Market;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Sales;

/// <summary>
/// The refurbisher's marketplace: lots open for quotes or bids, filtered, sorted and a page at a time (all in SQL, see
/// <see cref="MarketSearch"/>), and the lots it won with their stage, a page at a time too.
/// </summary>
public static class ListListedLots
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Query(MarketFilter? Filter = null, int Page = 1, int WonPage = 1) : IQuery<Result>;

    /// <param name="QuoteNotice">Why the organization cannot quote at all, if it cannot.</param>
    /// <param name="DataBearingNotice">Why it cannot quote on lots holding data-bearing devices, if it can quote but not on those.</param>
    /// <param name="ZipNotice">Why the distance filter was not applied (a ZIP code no state has), if it was not.</param>
    /// <param name="OnlyWithoutData">A school is looking: it is shown only lots holding no data-bearing devices.</param>
    public sealed record Result(PageOf<MarketLotRow> Listed, PageOf<LotSummary> Won, MarketFilter Filter, StandingNotice? QuoteNotice, StandingNotice? DataBearingNotice,
        IReadOnlyList<string> Manufacturers, IReadOnlyList<string> Models, string? ZipNotice, bool MayWatch, IReadOnlySet<Guid> Watched, DateTimeOffset Now,
        bool OnlyWithoutData = false)
    {
        /// <summary>Lots the organization won and paid for but has not collected by their removal deadline, on any page.</summary>
        public int OverduePickups { get; init; }

        /// <summary>This search's address, ready for a page number of the open lots.</summary>
        public string PageUrlPrefix => $"/market?{Search}page=";

        /// <summary>This search's address, ready for a page number of the won lots.</summary>
        public string WonPageUrlPrefix => $"/market?{Search}page={Listed.Page}&won=";

        private string Search => Filter.ToQueryString() is { Length: > 0 } query ? query + "&" : "";
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var filter = query.Filter ?? new MarketFilter();
            var now = clock.Now;
            var organizationId = user.RequireOrganization();
            var rights = await db.RightsOfAsync(user, clock, cancellationToken);
            var open = db.LotsOpenForQuotes(user).AsNoTracking();
            var matching = MarketSearch.Apply(db, open, filter, now);
            var listed = await MarketSearch.Ordered(db, matching, filter.Sort)
                .Select(r => new MarketLotRow(r.Lot.Id, r.Lot.Number, r.Lot.Title,
                    db.Organizations.Where(o => o.Id == r.Lot.DistrictId).Select(o => o.Name).First(),
                    db.Organizations.Where(o => o.Id == r.Lot.DistrictId).Select(o => o.State).First(),
                    r.Lot.Manifest.Devices, r.Lot.Manifest.EstimatePoint, r.Lot.ListedAt, r.Sale.Mode, r.Sale.ClosesAt, r.Sale.StartPrice,
                    r.Sale.CurrentPrice, r.Sale.BuyNowPrice, r.Sale.BidCount, r.Sale.LeaderId != null && r.Sale.LeaderId == organizationId))
                .ToPageAsync(query.Page, PageSize, cancellationToken);

            var shown = listed.Rows.Select(r => r.Id).ToList();
            var watched = (await db.WatchesOf(user).Where(w => shown.Contains(w.LotId)).Select(w => w.LotId).ToListAsync(cancellationToken)).ToHashSet();
            var won = await WonAsync(query.WonPage, cancellationToken);
            var today = clock.Today;
            var overdue = await db.FulfillmentsBoughtBy(user).CountAsync(f => f.PickedUpAt == null && f.RemovalDueOn < today, cancellationToken);
            var quoteNotice = rights.NoticeFor("quote");
            // Suggestions come from the device-model reference table (a few hundred rows), not from every listed lot's groups.
            var known = await db.DeviceModels.AsNoTracking().Select(m => new { m.Manufacturer, m.Name }).ToListAsync(cancellationToken);
            var manufacturers = known.Select(m => m.Manufacturer).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
            var models = known.Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
            var zipNotice = filter.Zip is { } zip && Domain.Market.UsGeography.StateOfZip(zip) is null
                ? $"ZIP code {zip} is not one we can place in a state, so the distance filter was left out."
                : null;
            var school = rights.Kind == OrganizationKind.School;
            return new Result(listed, won, filter, quoteNotice,
                quoteNotice is null && !school ? rights.DataBearingNoticeFor("quote on lots holding data-bearing devices") : null,
                manufacturers, models, zipNotice, user.May<WatchLot.Command>(), watched, now, school) { OverduePickups = overdue };
        }

        private async Task<PageOf<LotSummary>> WonAsync(int requested, CancellationToken cancellationToken)
        {
            var bought = db.LotsBoughtBy(user).AsNoTracking();
            var total = await bought.CountAsync(cancellationToken);
            var (page, pages) = Paging.Clamp(total, requested, PageSize);
            var ids = await bought.OrderByDescending(l => l.ListedAt).ThenBy(l => l.Number).Skip((page - 1) * PageSize).Take(PageSize).Select(l => l.Id).ToListAsync(cancellationToken);
            var rows = await db.Lots.AsNoTracking().Where(l => ids.Contains(l.Id)).WithProgress(db)
                .Join(db.Organizations, x => x.Lot.DistrictId, o => o.Id, (x, o) => new
                {
                    Row = x,
                    District = o.Name,
                    Hammer = db.Sales.Where(s => s.LotId == x.Lot.Id).Select(s => s.HammerPrice).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            var summaries = rows.Select(r =>
            {
                var summary = mapper.Map<LotSummary>(r.Row.Lot);
                summary.Stage = r.Row.Progress.Stage;
                summary.DistrictName = r.District;
                summary.HammerPrice = r.Hammer;
                summary.RemovalDueOn = r.Row.RemovalDueOn;
                summary.PickupOverdue = r.Row.PickupOverdueOn(clock.Today);
                return summary;
            }).OrderBy(s => ids.IndexOf(s.Id)).ToList();
            return new PageOf<LotSummary>(summaries, page, pages, total, PageSize);
        }
    }
}

/// <summary>A lot on the marketplace list: what it holds, how it is sold and where its sale stands.</summary>
/// <param name="Leading">The viewer's organization holds the auction's highest bid.</param>
public sealed record MarketLotRow(Guid Id, string Number, string Title, string District, string? State, int Devices, decimal Estimate, DateTimeOffset? ListedAt,
    SaleMode Mode, DateTimeOffset? ClosesAt, decimal? StartPrice, decimal? CurrentPrice, decimal? BuyNowPrice, int BidCount, bool Leading)
{
    /// <summary>The sale's state by its mode's rules: an auction's standing price, a sealed sale's bid count (never its amounts), a fixed price.</summary>
    public string SaleState => Mode switch
    {
        SaleMode.Auction when BidCount == 0 => $"Opening bid {StartPrice:C}, no bids yet",
        SaleMode.Auction => $"{CurrentPrice:C} after {BidCount} bid{(BidCount == 1 ? "" : "s")}{(Leading ? " (you lead)" : "")}"
                            + (BuyNowPrice is { } auctionBuyNow ? $" · buy now {auctionBuyNow:C}" : ""),
        SaleMode.SealedBid => $"{BidCount} sealed bid{(BidCount == 1 ? "" : "s")}; amounts stay hidden until the close",
        SaleMode.BuyNow => $"Buy now for {BuyNowPrice:C}",
        _ => "Taking quotes",
    };
}

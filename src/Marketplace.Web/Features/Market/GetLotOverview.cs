using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Sales;

namespace Marketplace.Web.Features.Market;

/// <summary>
/// What a refurbisher weighs before quoting or bidding on a listed lot, read from a handful of rows whatever the lot's
/// size: counts by model × grade and the years of Chrome OS updates left (from the lot's <see cref="ManifestGroup"/>
/// rows), the sale's state by its mode's rules, the close (the server's; pages only display it), the pickup area and
/// the district's rules for payment and removal.
/// </summary>
public static class GetLotOverview
{
    /// <summary>The update-runway chart's last bar counts this many years or more.</summary>
    public const int YearsChartCap = 8;

    [AllowedRoles(Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Query(Guid LotId) : IQuery<Result>;

    public sealed record ModelGrades(string Model, string? Manufacturer, DeviceCategory Category, IReadOnlyDictionary<CosmeticGrade, int> Grades, int Total);

    /// <param name="Years">0 = past or within a year of its AUE date; the last entry counts <see cref="YearsChartCap"/> years or more.</param>
    public sealed record YearsBar(int Years, int Devices)
    {
        public string Label => Years == 0 ? "Under 1" : Years >= YearsChartCap ? $"{YearsChartCap}+" : Years.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <param name="PickupArea">City and state of the district; the dock's address is given to the buyer at award.</param>
    /// <param name="PayBy">If the sale closes as scheduled and is awarded then: the payment deadline.</param>
    /// <param name="RemoveBy">…and the end of the removal window after paying on that deadline.</param>
    public sealed record Result(Guid LotId, string Number, IReadOnlyList<ModelGrades> Mix, IReadOnlyList<YearsBar> Years, int DevicesWithoutAue,
        SaleMode Mode, SaleStatus Status, DateTimeOffset? ClosesAt, bool Extended, MarketLotRow Row, bool ReserveMet, bool HasReserve,
        string PickupArea, DateTimeOffset? PayBy, DateTimeOffset? RemoveBy, bool Watched, bool MayWatch, DateTimeOffset Now)
    {
        public int PaymentBusinessDays => Sale.DefaultPaymentBusinessDays;
        public int RemovalBusinessDays => LotFulfillment.RemovalBusinessDays;
        public bool IsPastClose => ClosesAt is { } closes && Now >= closes;
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var now = clock.Now;
            var lot = await db.LotsOpenForQuotes(user).AsNoTracking().Where(l => l.Id == query.LotId)
                          .Select(l => new { l.Id, l.Number, l.Title, l.DistrictId, l.Manifest.Devices, l.Manifest.EstimatePoint, l.ListedAt })
                          .SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Listed lot");
            var sale = await db.Sales.AsNoTracking().SingleAsync(s => s.LotId == lot.Id, cancellationToken);
            var district = await db.Organizations.AsNoTracking().Where(o => o.Id == lot.DistrictId).Select(o => new { o.Name, o.City, o.State }).SingleAsync(cancellationToken);
            var groups = await db.ManifestGroups.AsNoTracking().Where(g => g.LotId == lot.Id).ToListAsync(cancellationToken);

            var mix = groups.GroupBy(g => (g.Model, g.Category))
                .Select(g => new ModelGrades(g.Key.Model, g.Select(x => x.Manufacturer).FirstOrDefault(m => m is not null), g.Key.Category,
                    g.GroupBy(x => x.Grade).ToDictionary(x => x.Key, x => x.Sum(y => y.Devices)), g.Sum(x => x.Devices)))
                .OrderByDescending(m => m.Total).ThenBy(m => m.Model, StringComparer.Ordinal)
                .ToList();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var years = groups.Where(g => g.AueDate is not null)
                .GroupBy(g => Math.Min(YearsChartCap, (int)Math.Floor(AueYears.Left(g.AueDate, today)!.Value)))
                .ToDictionary(g => g.Key, g => g.Sum(x => x.Devices));
            var bars = years.Count == 0 ? [] : Enumerable.Range(0, YearsChartCap + 1).Select(y => new YearsBar(y, years.GetValueOrDefault(y))).ToList();

            DateTimeOffset? payBy = sale.ClosesAt is { } closes ? BusinessCalendar.AddBusinessDays(closes, Sale.DefaultPaymentBusinessDays) : null;
            DateTimeOffset? removeBy = payBy is { } paid ? BusinessCalendar.AddBusinessDays(paid, LotFulfillment.RemovalBusinessDays) : null;
            var row = new MarketLotRow(lot.Id, lot.Number, lot.Title, district.Name, district.State, lot.Devices, lot.EstimatePoint, lot.ListedAt, sale.Mode, sale.ClosesAt,
                sale.StartPrice, sale.CurrentPrice, sale.BuyNowPrice, sale.BidCount, sale.LeaderId == organizationId);
            var watched = await db.WatchesOf(user).AnyAsync(w => w.LotId == lot.Id, cancellationToken);
            return new Result(lot.Id, lot.Number, mix, bars, groups.Where(g => g.AueDate is null).Sum(g => g.Devices), sale.Mode, sale.Status, sale.ClosesAt,
                sale.ClosesAt is not null && sale.ScheduledCloseAt is not null && sale.ClosesAt > sale.ScheduledCloseAt, row, sale.ReserveMet, sale.ReservePrice is not null,
                $"{district.City}, {district.State}", payBy, removeBy, watched, user.May<WatchLot.Command>(), now);
        }
    }
}

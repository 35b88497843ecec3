using AutoMapper;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sales;

/// <summary>A lot on the market as a refurbisher sees it: the manifest, its own quote and the sale by its mode (the overview has the device mix).</summary>
public static class GetListedLot
{
    [AllowedRoles(Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Query(Guid LotId, DeviceFilter? Filter = null) : IQuery<Result>;

    /// <param name="QuoteNotice">Why the organization cannot quote on this lot (standing, documents, certification), shown instead of the form.</param>
    public sealed record Result(LotSummary Lot, string? Description, string? PickupArea, DevicePage Devices, QuoteRow? MyQuote, int QuoteCount,
        bool HoldsDataBearingDevices, StandingNotice? QuoteNotice, SalePanel Sale);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var lot = await db.LotsOpenForQuotes(user).AsNoTracking().SingleOrDefaultAsync(l => l.Id == query.LotId, cancellationToken)
                      ?? throw new NotFoundException("Listed lot");
            var sale = await db.Sales.AsNoTracking().Include(s => s.Quotes).Include(s => s.Bids).Include(s => s.Forfeits).AsSplitQuery()
                .SingleAsync(s => s.LotId == lot.Id, cancellationToken);
            var summary = mapper.Map<LotSummary>(lot);
            summary.Stage = LotStage.Listed;
            var district = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == lot.DistrictId, cancellationToken);
            summary.DistrictName = district.Name;
            var devices = await GetLotDevices.Handler.ReadAsync(db, mapper, lot.Id, lot.Manifest.Devices, query.Filter ?? new DeviceFilter(), false, cancellationToken);
            var mine = sale.Quotes.SingleOrDefault(q => q.RefurbisherId == organizationId && q.Status == QuoteStatus.Active);
            var myQuote = mine is null ? null : new QuoteRow(mine.Id, mine.RefurbisherId, "", null, mine.Amount, mine.Note, mine.SubmittedAt, mine.ValidUntil, mine.Status) { PerDevice = mine.PerDevice };
            var rights = await db.RightsOfAsync(user, clock, cancellationToken);
            return new Result(summary, lot.Description, $"{district.City}, {district.State}", devices, myQuote,
                sale.Quotes.Count(q => q.Status == QuoteStatus.Active), sale.HoldsDataBearingDevices,
                sale.HoldsDataBearingDevices ? rights.DataBearingNoticeFor(Sale.OnThisLot(sale.BuyerAction)) : rights.NoticeFor(sale.BuyerAction),
                await SalePanel.ReadAsync(db, sale, organizationId, isDistrict: false, clock.Now, clock.Today, cancellationToken));
        }
    }
}

using AutoMapper;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sales;

/// <summary>The refurbisher's marketplace: lots open for quotes, and the lots it won with their stage.</summary>
public static class ListListedLots
{
    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Query : IQuery<Result>;

    /// <param name="QuoteNotice">Why the organization cannot quote at all, if it cannot.</param>
    /// <param name="DataBearingNotice">Why it cannot quote on lots holding data-bearing devices, if it can quote but not on those.</param>
    public sealed record Result(IReadOnlyList<LotSummary> Listed, IReadOnlyList<LotSummary> Won, StandingNotice? QuoteNotice, StandingNotice? DataBearingNotice);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var rights = await db.RightsOfAsync(user, clock, cancellationToken);
            var listed = await Summaries(db.LotsOpenForQuotes(user).OrderByDescending(l => l.ListedAt), cancellationToken);
            var won = await Summaries(db.LotsBoughtBy(user), cancellationToken);
            var quoteNotice = rights.NoticeFor("quote");
            return new Result(listed, won.OrderByDescending(l => l.ListedAt).ToList(), quoteNotice,
                quoteNotice is null ? rights.DataBearingNoticeFor("quote on lots holding data-bearing devices") : null);
        }

        private async Task<List<LotSummary>> Summaries(IQueryable<Domain.Lots.Lot> lots, CancellationToken cancellationToken)
        {
            var rows = await lots.AsNoTracking().WithProgress(db)
                .Join(db.Organizations, x => x.Lot.DistrictId, o => o.Id, (x, o) => new
                {
                    Row = x,
                    District = o.Name,
                    Hammer = db.Sales.Where(s => s.LotId == x.Lot.Id).Select(s => s.HammerPrice).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            return rows.Select(r =>
            {
                var summary = mapper.Map<LotSummary>(r.Row.Lot);
                summary.Stage = r.Row.Progress.Stage;
                summary.DistrictName = r.District;
                summary.HammerPrice = r.Hammer;
                return summary;
            }).ToList();
        }
    }
}

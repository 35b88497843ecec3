using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Admin;

/// <summary>The fee schedule in force and every version before it, newest first, with how many sales each was applied to.</summary>
public static class ListFeeSchedules
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.Admin)]
    public sealed record Query(int Page = 1) : IQuery<Result>;

    public sealed record Version(FeeSchedule Schedule, int LotSales, int Orders);

    public sealed record Result(FeeSchedule Current, PageOf<Version> History);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var current = await db.CurrentFeeScheduleAsync(cancellationToken);
            var history = await db.FeeSchedules.AsNoTracking().OrderByDescending(f => f.Id)
                .Select(f => new Version(f, db.Sales.Count(s => s.FeeScheduleId == f.Id), db.Orders.Count(o => o.FeeScheduleId == f.Id)))
                .ToPageAsync(query.Page, PageSize, cancellationToken);
            return new Result(current, history);
        }
    }
}

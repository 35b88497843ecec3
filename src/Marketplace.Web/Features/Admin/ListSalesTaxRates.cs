using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Admin;

/// <summary>The sales tax table: each state's rate in force today (and the next one when it is scheduled), and every entry ever made, newest first.</summary>
public static class ListSalesTaxRates
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Admin)]
    public sealed record Query(int Page = 1) : IQuery<Result>;

    /// <param name="Next">A rate entered for a later day, which takes over then.</param>
    public sealed record StateRate(string State, SalesTaxRate? Current, SalesTaxRate? Next);

    public sealed record Result(DateOnly Today, IReadOnlyList<StateRate> States, PageOf<SalesTaxRate> History);

    public sealed class Handler(MarketplaceDb db, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = clock.Today;
            // At most a few entries per state and year: the whole table is small enough to read at once.
            var all = await db.SalesTaxRates.AsNoTracking().ToListAsync(cancellationToken);
            var states = Domain.Market.UsGeography.StateCenters.Keys.Order(StringComparer.Ordinal)
                .Select(s => new StateRate(s, SalesTaxRate.InForce(all, s, today),
                    all.Where(r => r.State == s && r.EffectiveOn > today).OrderBy(r => r.EffectiveOn).ThenByDescending(r => r.Id).FirstOrDefault()))
                .ToList();
            var history = await db.SalesTaxRates.AsNoTracking().OrderByDescending(r => r.Id).ToPageAsync(query.Page, PageSize, cancellationToken);
            return new Result(today, states, history);
        }
    }
}

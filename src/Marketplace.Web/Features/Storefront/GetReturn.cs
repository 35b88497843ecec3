using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

/// <summary>One return or warranty claim, for the school that made it, the seller that answers it and platform staff.</summary>
public static class GetReturn
{
    [AllowedRoles(Roles.SchoolStaff, Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.Finance, Roles.Admin)]
    public sealed record Query(Guid ReturnId) : IQuery<Result>;

    /// <param name="IsSeller">The caller's organization sold the units (it answers and resolves).</param>
    public sealed record Result(ReturnRequest Return, string OrderNumber, Guid OrderId, string Item, string Buyer, string Seller, bool IsSeller, bool Overdue);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await db.ReturnsVisibleTo(user).AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.ReturnId, cancellationToken)
                          ?? throw new NotFoundException("Return");
            var line = await db.OrderLines.Where(l => l.Id == request.OrderLineId).Join(db.Orders, l => l.OrderId, o => o.Id, (l, o) => new { l.Title, o.Number })
                .SingleAsync(cancellationToken);
            var names = await db.Organizations.Where(o => o.Id == request.BuyerId || o.Id == request.SellerId).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            return new Result(request, line.Number, request.OrderId, line.Title, names.GetValueOrDefault(request.BuyerId, ""), names.GetValueOrDefault(request.SellerId, ""),
                user.OrganizationId == request.SellerId, request.IsOverdue(clock.Now));
        }
    }
}

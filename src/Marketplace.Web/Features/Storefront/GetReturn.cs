using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Web.Features.Storefront;

/// <summary>One return or warranty claim, for the school that made it, the seller that answers it and platform staff.</summary>
public static class GetReturn
{
    [AllowedRoles(Roles.SchoolStaff, Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.Finance, Roles.Admin)]
    public sealed record Query(Guid ReturnId) : IQuery<Result>;

    /// <param name="IsSeller">The caller's organization sold the units (it answers and resolves).</param>
    /// <param name="Photos">The school's photos, for those who may open them (<see cref="GetReturnPhotoFile"/>); empty for anyone else.</param>
    public sealed record Result(ReturnRequest Return, string OrderNumber, Guid OrderId, string Item, string Buyer, string Seller, bool IsSeller, bool Overdue,
        IReadOnlyList<ReturnPhotoRow> Photos);

    public sealed record ReturnPhotoRow(Guid Id, string FileName, int Width, int Height);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var request = await db.ReturnsVisibleTo(user).AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.ReturnId, cancellationToken)
                          ?? throw new NotFoundException("Return");
            var line = await db.OrderLines.Where(l => l.Id == request.OrderLineId).Join(db.Orders, l => l.OrderId, o => o.Id, (l, o) => new { l.Title, o.Number })
                .SingleAsync(cancellationToken);
            var names = await db.Organizations.Where(o => o.Id == request.BuyerId || o.Id == request.SellerId).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
            var seesPhotos = user.May<GetReturnPhotoFile.Query>();
            var photos = seesPhotos
                ? await db.ReturnPhotos.AsNoTracking().Where(p => p.ReturnRequestId == request.Id)
                    // Photos sent before positions were kept are all at 0: they fall back to the order of their upload time and id.
                    .OrderBy(p => p.Position).ThenBy(p => p.UploadedAt).ThenBy(p => p.Id)
                    .Select(p => new ReturnPhotoRow(p.Id, p.FileName, p.Width, p.Height)).ToListAsync(cancellationToken)
                : [];
            return new Result(request, line.Number, request.OrderId, line.Title, names.GetValueOrDefault(request.BuyerId, ""), names.GetValueOrDefault(request.SellerId, ""),
                user.OrganizationId == request.SellerId, request.IsOverdue(clock.Now), photos);
        }
    }
}

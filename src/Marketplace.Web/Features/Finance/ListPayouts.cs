using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Features.Shared;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

public static class ListPayouts
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Finance, Roles.Admin)]
    public sealed record Query(int Page = 1) : IQuery<PageOf<Row>>;

    public sealed record Row(Guid Id, string LotNumber, string District, decimal Amount, PayoutMethod Method, PayoutStatus Status, DateTimeOffset RecordedAt,
        DateTimeOffset? ApprovedAt, string? ApprovedBy, DateTimeOffset? SentAt, string? Reference);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, PageOf<Row>>
    {
        // Payouts waiting for finance come first, then the rest, newest first.
        public async ValueTask<PageOf<Row>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Payouts.OrderBy(p => p.Status == PayoutStatus.Sent).ThenByDescending(p => p.RecordedAt).ThenBy(p => p.Id)
                .Join(db.Lots, p => p.LotId, l => l.Id, (p, l) => new { p, l.Number })
                .Join(db.Organizations, x => x.p.PayeeId, o => o.Id, (x, o) => new Row(x.p.Id, x.Number, o.Name, x.p.Amount, x.p.Method, x.p.Status, x.p.RecordedAt,
                    x.p.ApprovedAt, x.p.ApprovedBy, x.p.SentAt, x.p.Reference))
                .ToPageAsync(query.Page, PageSize, cancellationToken);
    }
}

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
    public sealed record Query(int Page = 1, PayoutStatus? Status = null) : IQuery<PageOf<Row>>;

    public sealed record Row(Guid Id, Guid LotId, string LotNumber, string District, decimal Amount, PayoutMethod Method, PayoutStatus Status, DateTimeOffset RecordedAt,
        DateTimeOffset? ApprovedAt, string? ApprovedBy, DateTimeOffset? SentAt, string? Reference);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, PageOf<Row>>
    {
        public async ValueTask<PageOf<Row>> Handle(Query query, CancellationToken cancellationToken) =>
            await Rows(db, query.Status).ToPageAsync(query.Page, PageSize, cancellationToken);
    }

    /// <summary>Payouts waiting for finance come first, then the rest, newest first; the queue and its export read the same rows.</summary>
    public static IQueryable<Row> Rows(MarketplaceDb db, PayoutStatus? status)
    {
        var payouts = status is { } only ? db.Payouts.Where(p => p.Status == only) : db.Payouts;
        return payouts.OrderBy(p => p.Status == PayoutStatus.Sent).ThenByDescending(p => p.RecordedAt).ThenBy(p => p.Id)
            .Join(db.Lots, p => p.LotId, l => l.Id, (p, l) => new { p, l.Number })
            .Join(db.Organizations, x => x.p.PayeeId, o => o.Id, (x, o) => new Row(x.p.Id, x.p.LotId, x.Number, o.Name, x.p.Amount, x.p.Method, x.p.Status, x.p.RecordedAt,
                x.p.ApprovedAt, x.p.ApprovedBy, x.p.SentAt, x.p.Reference));
    }
}

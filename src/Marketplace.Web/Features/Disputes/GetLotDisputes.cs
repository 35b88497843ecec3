using Marketplace.Web.Domain.Finance;

namespace Marketplace.Web.Features.Disputes;

/// <summary>
/// A lot's buyer disputes as its page shows them, to its district, its buyer and platform staff: each with its outcome,
/// and for the buyer whether (and until when) it may open one.
/// </summary>
public static class GetLotDisputes
{
    [AllowedRoles(Roles.AnyMember)]
    public sealed record Query(Guid LotId) : IQuery<Result>;

    public sealed record Result(Guid LotId, IReadOnlyList<BuyerDispute> Disputes, bool IsBuyer, DateTimeOffset? Deadline, string? CannotOpenBecause, decimal Refundable);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.LotsOfPartiesOrPlatform(user).AnyAsync(l => l.Id == query.LotId, cancellationToken))
            {
                throw new NotFoundException("Lot");
            }

            var disputes = await db.BuyerDisputes.AsNoTracking().Where(d => d.LotId == query.LotId).OrderByDescending(d => d.OpenedAt).ToListAsync(cancellationToken);
            var fulfillment = await db.LotFulfillments.AsNoTracking().Where(f => f.LotId == query.LotId).Select(f => new { f.BuyerId, f.ReceivedAt })
                .SingleOrDefaultAsync(cancellationToken);
            var isBuyer = !user.IsPlatformStaff() && fulfillment is not null && fulfillment.BuyerId == user.OrganizationId;
            if (!isBuyer)
            {
                return new Result(query.LotId, disputes, false, null, null, 0);
            }

            var invoice = await db.Invoices.AsNoTracking().Where(i => i.LotId == query.LotId && i.PayerId == fulfillment!.BuyerId && i.Status != InvoiceStatus.Void)
                .OrderByDescending(i => i.IssuedAt).FirstOrDefaultAsync(cancellationToken);
            var why = invoice is null ? "There is no invoice of yours for this lot."
                : BuyerDispute.CannotOpenBecause(fulfillment!.ReceivedAt, invoice, disputes.Any(d => d.State == DisputeState.Open), clock.Now);
            return new Result(query.LotId, disputes, true, fulfillment!.ReceivedAt is { } received ? BuyerDispute.Deadline(received) : null, why,
                invoice is null ? 0 : invoice.Amount - invoice.RefundedAmount);
        }
    }
}

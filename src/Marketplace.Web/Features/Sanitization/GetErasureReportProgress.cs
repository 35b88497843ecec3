using Marketplace.Web.Infrastructure.Web;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>How far the caller's erasure report upload for a lot they bought has got, for the progress bar its page shows meanwhile.</summary>
public static class GetErasureReportProgress
{
    /// <param name="Working">False before the upload reached the server and after its answer: the page then waits for the answer itself.</param>
    public sealed record Progress(bool Working, string Phase, int Done, int Total, int Percent);

    [AllowedRoles(Roles.RefurbisherTechnician)]
    public sealed record Query(Guid LotId, string? Token) : IQuery<Progress>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, RequestProgress requests) : IQueryHandler<Query, Progress>
    {
        public async ValueTask<Progress> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.FulfillmentsBoughtBy(user).AnyAsync(f => f.LotId == query.LotId, cancellationToken))
            {
                throw new NotFoundException("Lot");
            }

            return requests.Of(user.UserId, query.LotId, query.Token) is { } state
                ? new Progress(true, state.Phase, state.Done, state.Total, state.Percent)
                : new Progress(false, "Sending the file", 0, 0, 0);
        }
    }
}

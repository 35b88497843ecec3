using AutoMapper;
using AutoMapper.QueryableExtensions;

namespace Marketplace.Web.Features.Admin;

public static class ListOutbox
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(IReadOnlyList<OutboxRow> Pending, IReadOnlyList<OutboxRow> Recent, int Completed);

    public sealed class Handler(MarketplaceDb db, IMapper mapper) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var pending = await db.OutboxMessages.Where(m => m.CompletedAt == null).OrderBy(m => m.DueAt).Take(200).ProjectTo<OutboxRow>(mapper.ConfigurationProvider).ToListAsync(cancellationToken);
            var recent = await db.OutboxMessages.Where(m => m.CompletedAt != null).OrderByDescending(m => m.CompletedAt).Take(50).ProjectTo<OutboxRow>(mapper.ConfigurationProvider).ToListAsync(cancellationToken);
            var completed = await db.OutboxMessages.CountAsync(m => m.CompletedAt != null, cancellationToken);
            return new Result(pending, recent, completed);
        }
    }
}

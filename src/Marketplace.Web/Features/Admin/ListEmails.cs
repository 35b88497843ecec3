using AutoMapper;
using AutoMapper.QueryableExtensions;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Admin;

public static class ListEmails
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Admin)]
    public sealed record Query(int Page = 1) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<EmailRow> Messages, int Page, int Pages);

    public sealed class Handler(MarketplaceDb db, IMapper mapper) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var total = await db.EmailMessages.CountAsync(cancellationToken);
            var (page, pages) = Paging.Clamp(total, query.Page, PageSize);
            var messages = await db.EmailMessages.OrderByDescending(m => m.SentAt).Skip((page - 1) * PageSize).Take(PageSize).ProjectTo<EmailRow>(mapper.ConfigurationProvider).ToListAsync(cancellationToken);
            return new Result(messages, page, pages);
        }
    }
}

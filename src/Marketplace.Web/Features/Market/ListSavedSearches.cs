namespace Marketplace.Web.Features.Market;

/// <summary>The person's saved searches, newest first, each with its filters in words and how many lots it was e-mailed about.</summary>
public static class ListSavedSearches
{
    [AllowedRoles(Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Guid Id, string Name, string QueryString, string Description, DateTimeOffset CreatedAt, int LotsNotified);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await db.SavedSearchesOf(user)
                .OrderByDescending(s => s.CreatedAt)
                .Select(s => new { s.Id, s.Name, s.Query, s.CreatedAt, Notified = db.SavedSearchMatches.Count(m => m.SavedSearchId == s.Id) })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new Row(r.Id, r.Name, r.Query, MarketFilter.Parse(r.Query).Describe(), r.CreatedAt, r.Notified)).ToList();
        }
    }
}

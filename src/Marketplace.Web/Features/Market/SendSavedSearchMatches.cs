using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Market;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Market;

/// <summary>
/// Every quarter hour (a Hangfire recurring job): for each saved search, the lots listed since it was saved that match it
/// and that its owner has not heard of, in one e-mail per search. Each search × lot is recorded in the transaction that
/// queues the e-mail (unique in the database), so a second or overlapping run sends nothing twice. The search runs the
/// marketplace page's own filters (<see cref="MarketSearch"/>).
/// </summary>
public static class SendSavedSearchMatches
{
    /// <summary>Lots named in one e-mail; more wait for the next run.</summary>
    public const int LotsPerEmail = 20;

    [AllowedRoles(Roles.System)]
    public sealed record Command : ICommand<int>;

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.Now;
            var searches = await db.SavedSearches.AsNoTracking()
                .Where(s => db.Users.Any(u => u.Id == s.UserId && u.DeactivatedAt == null))
                .OrderBy(s => s.CreatedAt)
                .ToListAsync(cancellationToken);
            var owners = searches.Select(s => s.OrganizationId).Distinct().ToList();
            var schools = (await db.Organizations.Where(o => owners.Contains(o.Id) && o.Kind == OrganizationKind.School).Select(o => o.Id)
                .ToListAsync(cancellationToken)).ToHashSet();
            var notified = 0;
            foreach (var search in searches)
            {
                var filter = MarketFilter.Parse(search.Query);
                var since = search.CreatedAt;
                var searchId = search.Id;
                var lots = await MarketSearch.Apply(db, db.LotsOnTheMarket(forSchool: schools.Contains(search.OrganizationId)), filter, now)
                    .Where(l => l.ListedAt >= since && !db.SavedSearchMatches.Any(m => m.SavedSearchId == searchId && m.LotId == l.Id))
                    .OrderBy(l => l.ListedAt).ThenBy(l => l.Number)
                    .Take(LotsPerEmail)
                    .Select(l => new { l.Id, l.Number, l.Title, l.Manifest.Devices })
                    .ToListAsync(cancellationToken);
                if (lots.Count == 0)
                {
                    continue;
                }

                db.SavedSearchMatches.AddRange(lots.Select(l => new SavedSearchMatch { SavedSearchId = search.Id, LotId = l.Id, NotifiedAt = now }));
                var list = string.Join("\n", lots.Select(l => $"- {l.Number} “{l.Title}”, {l.Devices:N0} devices: {configuration.PageUrl($"/market/lots/{l.Id}")}"));
                outbox.EmailAccount(search.UserId,
                    lots.Count == 1 ? $"A new lot matches “{search.Name}”" : $"{lots.Count} new lots match “{search.Name}”",
                    $"Newly listed on the marketplace and matching your saved search “{search.Name}” ({filter.Describe()}):\n\n{list}\n\n"
                    + $"The whole search: {configuration.PageUrl("/market" + (search.Query.Length == 0 ? "" : "?" + search.Query))}\n"
                    + $"Your saved searches: {configuration.PageUrl("/market/searches")}");
                notified += lots.Count;
            }

            return notified;
        }
    }
}

using Marketplace.Web.Features.Account;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// An organization admin reads the organization's trail: what its people did, their sign-ins and failed sign-ins to their
/// accounts, filtered by person, action and period. Read-only.
/// </summary>
public static class ListOrganizationActivity
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Query(Guid? Person = null, string? Action = null, DateOnly? From = null, DateOnly? To = null, int Page = 1) : IQuery<Result>;

    public sealed record Person(Guid Id, string Name);

    public sealed record Result(Query Filter, IReadOnlyList<Person> People, PageOf<AuditEntry> Entries)
    {
        /// <summary>The filter as a query string, for the pager.</summary>
        public string PagerPrefix =>
            $"/organization/activity?person={Filter.Person}&action={Uri.EscapeDataString(Filter.Action ?? "")}&from={Filter.From:yyyy-MM-dd}&to={Filter.To:yyyy-MM-dd}&page=";
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var people = await db.Users.Where(u => u.OrganizationId == organizationId).OrderBy(u => u.DisplayName)
                .Select(u => new Person(u.Id, u.DisplayName)).ToListAsync(cancellationToken);

            var records = db.AuditTrailOf(user).Between(query.From, query.To);
            if (query.Person is { } person)
            {
                // What the person did, and the failed sign-ins to their account (which nobody signed in did).
                var account = person.ToString();
                records = records.Where(r => r.ActorUserId == person || (r.Action == RecordSignIn.SignInFailed && r.EntityId == account));
            }

            if (!string.IsNullOrWhiteSpace(query.Action))
            {
                var action = query.Action.Trim();
                records = records.Where(r => r.Action == action);
            }

            return new Result(query, people, await records.Newest(db).ToPageAsync(query.Page, AuditEntries.PageSize, cancellationToken));
        }
    }
}

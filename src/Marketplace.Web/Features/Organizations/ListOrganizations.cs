using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Shared;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// Platform admins' list of organizations, the review queue first: applications waiting longest, then organizations with
/// documents to review. Filtered by standing and kind, searched by name or EIN, a page at a time.
/// </summary>
public static class ListOrganizations
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.Admin)]
    public sealed record Query(OrganizationStatus? Status = null, OrganizationKind? Kind = null, string? Search = null, int Page = 1) : IQuery<Result>;

    public sealed record Result(PageOf<OrganizationListRow> Organizations, Query Filter, int ApplicationsWaiting, int DocumentsWaiting)
    {
        /// <summary>The list's address with this filter, ready for a page number.</summary>
        public string PageUrlPrefix =>
            "/admin/organizations?" + string.Concat(
                Filter.Status is { } status ? $"status={status}&" : "",
                Filter.Kind is { } kind ? $"kind={kind}&" : "",
                string.IsNullOrWhiteSpace(Filter.Search) ? "" : $"q={Uri.EscapeDataString(Filter.Search.Trim())}&") + "page=";
    }

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizations = db.Organizations.AsNoTracking().Where(o => o.Kind != OrganizationKind.Platform);
            if (query.Status is { } status)
            {
                organizations = organizations.Where(o => o.Status == status);
            }

            if (query.Kind is { } kind)
            {
                organizations = organizations.Where(o => o.Kind == kind);
            }

            if (query.Search?.Trim() is { Length: > 0 } search)
            {
                // An EIN is found however it was typed (with or without its hyphen); a name by any part of it.
                var ein = PublicIdentifiers.NormalizeEin(search);
                var upper = search.ToUpperInvariant();
                organizations = organizations.Where(o => o.Name.ToUpper().Contains(upper) || (ein != null && o.Ein == ein));
            }

            var pending = DocumentStatus.Pending;
            var page = await organizations
                .Select(o => new
                {
                    o.Id, o.Name, o.Kind, o.City, o.State, o.Ein, o.Status, o.AppliedAt,
                    Members = db.Users.Count(u => u.OrganizationId == o.Id),
                    ToReview = db.OrganizationDocuments.Count(d => d.OrganizationId == o.Id && d.Status == pending),
                })
                .OrderBy(x => x.Status == OrganizationStatus.Applied ? 0 : 1)
                .ThenBy(x => x.ToReview > 0 ? 0 : 1)
                .ThenBy(x => x.AppliedAt)
                .ThenBy(x => x.Name)
                .Select(x => new OrganizationListRow(x.Id, x.Name, x.Kind, x.City, x.State, x.Ein, x.Status, x.AppliedAt, x.Members, x.ToReview))
                .ToPageAsync(query.Page, PageSize, cancellationToken);
            var applications = await db.Organizations.CountAsync(o => o.Status == OrganizationStatus.Applied, cancellationToken);
            var documents = await db.OrganizationDocuments.CountAsync(d => d.Status == pending, cancellationToken);
            return new Result(page, query, applications, documents);
        }
    }
}

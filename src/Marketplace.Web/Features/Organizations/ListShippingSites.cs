using FluentValidation;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// The organization's ship-to sites for its admin, a page at a time (a large district keeps hundreds): those in use
/// first, then the retired ones (kept for the orders that name them), found by name, city or ZIP.
/// </summary>
public static class ListShippingSites
{
    public const int PageSize = 25;

    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Query(Guid? Editing = null, int Page = 1, string? Search = null) : IQuery<Result>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Search).MaximumLength(120).WithMessage("Search for at most 120 characters.");
    }

    /// <param name="Editing">The site whose details the form shows, when the admin asked to change one.</param>
    /// <param name="Buys">False for an organization that does not buy in the storefront (a refurbisher): it has no sites to keep.</param>
    public sealed record Result(string Organization, bool Buys, PageOf<ShippingSite> Sites, string? Search, ShippingSite? Editing, IReadOnlyList<string> States)
    {
        /// <summary>The list's URL at another page, the search kept.</summary>
        public string PageUrl => Search is null ? "/organization/sites?page=" : $"/organization/sites?search={Uri.EscapeDataString(Search)}&page=";
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => new { o.Name, o.Kind }).SingleAsync(cancellationToken);
            var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
            var sites = db.ShippingSitesOf(user).AsNoTracking();
            if (search is not null)
            {
                var pattern = LikePattern.Containing(search);
                sites = sites.Where(s => EF.Functions.Like(s.Name, pattern, LikePattern.Escape) || EF.Functions.Like(s.City, pattern, LikePattern.Escape) || EF.Functions.Like(s.PostalCode, pattern, LikePattern.Escape));
            }

            var page = await sites.OrderBy(s => s.RetiredAt != null).ThenBy(s => s.Name).ThenBy(s => s.Id).ToPageAsync(query.Page, PageSize, cancellationToken);
            var editing = query.Editing is { } id
                ? await db.ShippingSitesOf(user).AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Site")
                : null;
            return new Result(organization.Name, ShippingSites.Buys(organization.Kind), page, search, editing,
                [.. Domain.Market.UsGeography.StateCenters.Keys.Order(StringComparer.Ordinal)]);
        }
    }
}

/// <summary>What the site use cases share.</summary>
public static class ShippingSites
{
    /// <summary>Schools and districts buy refurbished devices and so ship to sites; refurbishers and the platform do not.</summary>
    public static bool Buys(OrganizationKind kind) => kind is OrganizationKind.School or OrganizationKind.District;

    internal static async Task RequireBuyerAsync(MarketplaceDb db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var organizationId = user.RequireOrganization();
        var kind = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Kind).SingleAsync(cancellationToken);
        if (!Buys(kind))
        {
            throw new DomainException("Ship-to sites belong to schools and districts, which buy in the storefront.");
        }
    }
}

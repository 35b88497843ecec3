using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The organization's ship-to sites for its admin: those in use first, then the retired ones (kept for the orders that name them).</summary>
public static class ListShippingSites
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Query(Guid? Editing = null) : IQuery<Result>;

    /// <param name="Editing">The site whose details the form shows, when the admin asked to change one.</param>
    /// <param name="Buys">False for an organization that does not buy in the storefront (a refurbisher): it has no sites to keep.</param>
    public sealed record Result(string Organization, bool Buys, IReadOnlyList<ShippingSite> Sites, ShippingSite? Editing, IReadOnlyList<string> States);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => new { o.Name, o.Kind }).SingleAsync(cancellationToken);
            // A few dozen sites at most per district: one read, sorted here so retired sites sink whatever the provider.
            var sites = (await db.ShippingSitesOf(user).AsNoTracking().ToListAsync(cancellationToken))
                .OrderBy(s => s.RetiredAt is not null).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
            var editing = query.Editing is { } id ? sites.SingleOrDefault(s => s.Id == id) ?? throw new NotFoundException("Site") : null;
            return new Result(organization.Name, ShippingSites.Buys(organization.Kind), sites, editing,
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

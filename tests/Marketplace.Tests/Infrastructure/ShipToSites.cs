using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Ship-to sites for tests that check out: the site a buyer's organization ships to (one is added if it has none).</summary>
internal static class ShipToSites
{
    /// <summary>The first site in use of <paramref name="email"/>'s organization, by name; a Washington site is added when it has none.</summary>
    public static Task<Guid> SiteOfAsync(this MarketplaceFactory factory, string email, string state = "WA") =>
        factory.WithDbAsync(async db =>
        {
            var organizationId = await db.Users.Where(u => u.Email == email).Select(u => u.OrganizationId).SingleAsync();
            var sites = await db.ShippingSites.Where(s => s.OrganizationId == organizationId && s.RetiredAt == null).ToListAsync();
            if (sites.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(s => s.State == state) is { } site)
            {
                return site.Id;
            }

            var added = ShippingSite.Create(organizationId, new ShippingSiteDetails($"Receiving ({state})", "Front office", "100 Main St", null, "Springfield", state,
                state == "WA" ? "98001" : "97001"));
            db.ShippingSites.Add(added);
            await db.SaveChangesAsync();
            return added.Id;
        });
}

internal static partial class ShipToSiteForms
{
    /// <summary>The site the checkout page offers first (checked), as a browser would post it.</summary>
    public static async Task<string> ShipToSiteAsync(this BrowserClient buyer)
    {
        var match = CheckedSite().Match(await buyer.GetPageAsync("/store/checkout"));
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("The checkout page offers no ship-to site.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"ShipToSiteId\"[^>]*value=\"([0-9a-f-]{36})\"[^>]*checked")]
    private static partial System.Text.RegularExpressions.Regex CheckedSite();
}

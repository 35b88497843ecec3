using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Market;
using Marketplace.Web.Domain.Sales;

namespace Marketplace.Web.Features.Market;

/// <summary>
/// A <see cref="MarketFilter"/> as SQL over lots already narrowed by tenant access: every filter is a predicate on the
/// lot row, its one sale (unique by lot), its district or its few <see cref="ManifestGroup"/> rows, so the database
/// counts and pages the matches and never reads a device. Shared by the marketplace page and the saved-search job, so
/// an e-mail names exactly the lots the page would show.
/// </summary>
public static class MarketSearch
{
    public static IQueryable<Lot> Apply(MarketplaceDb db, IQueryable<Lot> lots, MarketFilter filter, DateTimeOffset now)
    {
        if (States(filter) is { } states)
        {
            lots = lots.Where(l => db.Organizations.Any(o => o.Id == l.DistrictId && states.Contains(o.State!)));
        }

        if (filter.Category is not null || filter.Grade is not null || filter.Manufacturer is not null || filter.Model is not null)
        {
            // One group must match every device filter: "grade A Chromebooks", not "a Chromebook and something of grade A".
            var groups = db.ManifestGroups.AsQueryable();
            if (filter.Category is { } category)
            {
                groups = groups.Where(g => g.Category == category);
            }

            if (filter.Grade is { } grade)
            {
                groups = groups.Where(g => g.Grade == grade);
            }

            if (filter.Manufacturer?.ToUpperInvariant() is { } manufacturer)
            {
                groups = groups.Where(g => g.Manufacturer != null && g.Manufacturer.ToUpper().Contains(manufacturer));
            }

            if (filter.Model?.ToUpperInvariant() is { } model)
            {
                groups = groups.Where(g => g.Model.ToUpper().Contains(model));
            }

            lots = lots.Where(l => groups.Any(g => g.LotId == l.Id));
        }

        if (filter.MinYearsOfUpdates is { } years)
        {
            // Every device whose AUE date is known has the runway asked for (and the lot has some such devices).
            var cutoff = DateOnly.FromDateTime(now.UtcDateTime).AddDays((int)Math.Ceiling(years * 365.25));
            lots = lots.Where(l => db.ManifestGroups.Any(g => g.LotId == l.Id && g.AueDate != null)
                                   && !db.ManifestGroups.Any(g => g.LotId == l.Id && g.AueDate != null && g.AueDate < cutoff));
        }

        if (filter.MinDevices is { } min)
        {
            lots = lots.Where(l => l.Manifest.Devices >= min);
        }

        if (filter.MaxDevices is { } max)
        {
            lots = lots.Where(l => l.Manifest.Devices <= max);
        }

        if (filter.Mode is { } mode)
        {
            lots = lots.Where(l => db.Sales.Any(s => s.LotId == l.Id && s.Mode == mode));
        }

        if (filter.ClosingWithinHours is { } hours)
        {
            var until = now.AddHours(hours);
            lots = lots.Where(l => db.Sales.Any(s => s.LotId == l.Id && s.ClosesAt != null && s.ClosesAt > now && s.ClosesAt <= until));
        }

        return lots;
    }

    /// <summary>The states the place filters allow (state, region and distance from a ZIP together), or null when none is set.</summary>
    public static IReadOnlyList<string>? States(MarketFilter filter)
    {
        IEnumerable<string>? states = null;
        if (filter.State is { } state)
        {
            states = [state];
        }

        if (filter.Region is { } region)
        {
            states = states is null ? UsGeography.Regions[region] : states.Intersect(UsGeography.Regions[region]);
        }

        // A ZIP code no state has is left out (the page says so) rather than matching nothing.
        if (filter.Zip is { } zip && UsGeography.StatesWithin(zip, filter.Miles ?? 0) is { } near)
        {
            states = states is null ? near : states.Intersect(near);
        }

        return states?.ToList();
    }

    /// <summary>Lots with their sale, in the order asked; ties by newest listing, then number, so pages never overlap.</summary>
    public static IQueryable<LotOnSale> Ordered(MarketplaceDb db, IQueryable<Lot> lots, MarketSort sort)
    {
        var rows = lots.Join(db.Sales, l => l.Id, s => s.LotId, (l, s) => new LotOnSale { Lot = l, Sale = s });
        var ordered = sort switch
        {
            MarketSort.ClosingSoon => rows.OrderBy(r => r.Sale.ClosesAt == null).ThenBy(r => r.Sale.ClosesAt).ThenByDescending(r => r.Lot.ListedAt),
            MarketSort.MostDevices => rows.OrderByDescending(r => r.Lot.Manifest.Devices).ThenByDescending(r => r.Lot.ListedAt),
            MarketSort.FewestDevices => rows.OrderBy(r => r.Lot.Manifest.Devices).ThenByDescending(r => r.Lot.ListedAt),
            MarketSort.HighestEstimate => rows.OrderByDescending(r => r.Lot.Manifest.EstimatePoint).ThenByDescending(r => r.Lot.ListedAt),
            _ => rows.OrderByDescending(r => r.Lot.ListedAt),
        };
        return ordered.ThenBy(r => r.Lot.Number);
    }
}

/// <summary>A listed lot and its sale, as the marketplace query carries them to its projection.</summary>
public sealed class LotOnSale
{
    public required Lot Lot { get; init; }
    public required Sale Sale { get; init; }
}

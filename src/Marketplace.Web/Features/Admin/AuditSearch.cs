using System.Globalization;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Audit;

namespace Marketplace.Web.Features.Admin;

/// <summary>
/// What a platform admin looks for in the whole trail: an organization, a person (name or e-mail, any part), an action,
/// an entity (its id, a serial, a lot, invoice or order number: a lot's number finds everything done to the lot) and a
/// period of UTC days. The same filter lists the trail and exports it.
/// </summary>
public sealed record AuditSearch(Guid? Organization = null, string? Person = null, string? Action = null, string? Entity = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>Longer terms match nothing anyway; cutting them keeps a pasted page of text out of the query.</summary>
    private const int MaxTerm = 200;

    /// <summary>The filter as query-string pairs, for the pager and the export links.</summary>
    public string ToQuery() => string.Join("&",
        $"organization={Organization}",
        $"person={Uri.EscapeDataString(Person ?? "")}",
        $"action={Uri.EscapeDataString(Action ?? "")}",
        $"entity={Uri.EscapeDataString(Entity ?? "")}",
        $"from={From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        $"to={To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");

    public async Task<IQueryable<AuditRecord>> ApplyAsync(MarketplaceDb db, CancellationToken cancellationToken)
    {
        var records = db.AuditRecords.Between(From, To);
        if (Organization is { } organization)
        {
            records = records.Where(r => r.OrganizationId == organization);
        }

        if (Term(Action) is { } action)
        {
            records = records.Where(r => r.Action == action);
        }

        if (Term(Person) is { } person)
        {
            var pattern = LikePattern.Containing(person);
            records = records.Where(r => EF.Functions.Like(r.ActorName, pattern, LikePattern.Escape)
                || db.Users.Any(u => u.Id == r.ActorUserId && EF.Functions.Like(u.Email!, pattern, LikePattern.Escape)));
        }

        if (Term(Entity) is { } entity)
        {
            // A lot's number stands for the lot and everything in it; serials are stored upper-case.
            var lots = await db.Lots.Where(l => l.Number == entity).Select(l => (Guid?)l.Id).ToListAsync(cancellationToken);
            if (Guid.TryParse(entity, out var id))
            {
                lots.Add(id);
                entity = id.ToString();
            }

            var upper = entity.ToUpperInvariant();
            records = records.Where(r => r.EntityId == entity || r.EntityLabel == entity || r.EntityLabel == upper || lots.Contains(r.LotId));
        }

        return records;
    }

    private static string? Term(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().Truncate(MaxTerm);

}

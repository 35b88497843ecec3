using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Features.Organizations;

/// <summary>A current data-destruction certification as every page shows it (a quote's refurbisher, a storefront seller, a certificate).</summary>
public sealed record CertificationRow(Guid OrganizationId, DocumentKind Kind, string Number, DateOnly? ExpiresOn)
{
    public override string ToString() => $"{Kind.Words()} {Number}";

    /// <summary>"R2v3 until Dec 2027": how comparisons of quotes and bids name a buyer's certification.</summary>
    public string Standing => $"{Kind.Words()}{(ExpiresOn is { } until ? $" until {until:MMM yyyy}" : "")}";
}

/// <summary>
/// Reading what an organization may do, and its certifications, from its documents: the one place the app asks, so a
/// refusal and a page never disagree.
/// </summary>
public static class OrganizationStanding
{
    // Compiled once: every command that trades (a bid, a quote, a checkout) reads the rights first, and a busy auction
    // spent a noticeable share of each bid translating these two queries' expressions again.
    private static readonly Func<MarketplaceDb, Guid, CancellationToken, Task<Organization?>> OrganizationOf = EF.CompileAsyncQuery(
        (MarketplaceDb db, Guid organizationId, CancellationToken cancellationToken) => db.Organizations.AsNoTracking().SingleOrDefault(o => o.Id == organizationId));

    // Superseded documents count for nothing; the rest are few, and their files are never read here.
    private static readonly Func<MarketplaceDb, Guid, IAsyncEnumerable<OrganizationDocument>> DocumentsOf = EF.CompileAsyncQuery(
        (MarketplaceDb db, Guid organizationId) => db.OrganizationDocuments.AsNoTracking()
            .Where(d => d.OrganizationId == organizationId && d.Status != DocumentStatus.Superseded));

    /// <summary>What the organization may do today (<see cref="OrganizationRights"/>), from its standing and its documents.</summary>
    public static async Task<OrganizationRights> RightsOfAsync(this MarketplaceDb db, Guid organizationId, DateOnly today, CancellationToken cancellationToken)
    {
        var organization = await OrganizationOf(db, organizationId, cancellationToken) ?? throw new NotFoundException("Organization");
        var documents = await DocumentsOf(db, organizationId).ToListAsync(cancellationToken);
        return OrganizationRights.Of(organization, documents, today);
    }

    /// <summary>The signed-in person's organization's rights.</summary>
    public static Task<OrganizationRights> RightsOfAsync(this MarketplaceDb db, ICurrentUser user, IClock clock, CancellationToken cancellationToken) =>
        db.RightsOfAsync(user.RequireOrganization(), clock.Today, cancellationToken);

    /// <summary>Refuses <paramref name="action"/> ("list a lot", "check out") unless the signed-in person's organization may trade, saying what is missing.</summary>
    public static async Task RequireTradeAsync(this MarketplaceDb db, ICurrentUser user, IClock clock, string action, CancellationToken cancellationToken) =>
        (await db.RightsOfAsync(user, clock, cancellationToken)).RequireTrade(action);

    /// <summary>
    /// Approved R2v3, e-Stewards and NAID AAA certificates that have not ended by <paramref name="today"/>: every page that
    /// shows an organization's certification reads it from here (the rule is <see cref="OrganizationDocument.IsCurrent"/>'s).
    /// </summary>
    public static IQueryable<OrganizationDocument> CurrentCertifications(this MarketplaceDb db, DateOnly today) =>
        db.OrganizationDocuments
            .Where(d => d.Status == DocumentStatus.Approved
                        && (d.Kind == DocumentKind.R2v3 || d.Kind == DocumentKind.EStewards || d.Kind == DocumentKind.NaidAaa)
                        && (d.ExpiresOn == null || d.ExpiresOn >= today));

    /// <summary>Each of these organizations' current certification with the latest end (none for the uncertified).</summary>
    public static async Task<Dictionary<Guid, CertificationRow>> CurrentCertificationsOfAsync(this MarketplaceDb db, IReadOnlyCollection<Guid> organizationIds,
        DateOnly today, CancellationToken cancellationToken) =>
        (await db.CurrentCertifications(today).Where(c => organizationIds.Contains(c.OrganizationId))
            .Select(d => new CertificationRow(d.OrganizationId, d.Kind, d.Number, d.ExpiresOn))
            .ToListAsync(cancellationToken))
            .GroupBy(c => c.OrganizationId)
            .ToDictionary(g => g.Key, g => Latest(g));

    /// <summary>
    /// One organization's current certification with the latest end, or null. Asked by id rather than as a list of one: a
    /// list parameter makes EF Core generate the query's SQL again on every run, and a certificate asks twice per lot.
    /// </summary>
    public static async Task<CertificationRow?> CurrentCertificationOfAsync(this MarketplaceDb db, Guid organizationId, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.CurrentCertifications(today).Where(c => c.OrganizationId == organizationId)
            .Select(d => new CertificationRow(d.OrganizationId, d.Kind, d.Number, d.ExpiresOn))
            .ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : Latest(rows);
    }

    private static CertificationRow Latest(IEnumerable<CertificationRow> rows) => rows.OrderByDescending(c => c.ExpiresOn ?? DateOnly.MaxValue).First();
}

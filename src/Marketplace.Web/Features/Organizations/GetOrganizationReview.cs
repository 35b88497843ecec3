using AutoMapper;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Features.Organizations;

/// <summary>One organization as a platform admin reviews it: identifiers, address, contact, people, documents and standing.</summary>
public static class GetOrganizationReview
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query(Guid OrganizationId) : IQuery<Result>;

    public sealed record Member(string Name, string? Email, bool EmailConfirmed);

    /// <param name="TradeNotice">What stops the organization trading today, in the words its people read.</param>
    public sealed record Result(OrganizationProfile Organization, IReadOnlyList<Member> Members, IReadOnlyList<DocumentRow> Documents,
        IReadOnlyList<RequiredDocument> Required, CurrentCertification? Certification, StandingNotice? TradeNotice);

    public sealed class Handler(MarketplaceDb db, IMapper mapper, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.OrganizationId, cancellationToken)
                               ?? throw new NotFoundException("Organization");
            var members = await db.Users.AsNoTracking().Where(u => u.OrganizationId == organization.Id).OrderBy(u => u.DisplayName)
                .Select(u => new Member(u.DisplayName, u.Email, u.EmailConfirmed)).ToListAsync(cancellationToken);
            var documents = await DocumentRows.ReadAsync(db.OrganizationDocuments.Where(d => d.OrganizationId == organization.Id), mapper, clock.Today, cancellationToken);
            var rights = await db.RightsOfAsync(organization.Id, clock.Today, cancellationToken);
            return new Result(mapper.Map<OrganizationProfile>(organization), members, documents, rights.Required, rights.Certification,
                rights.NoticeFor("list lots, quote, pay or check out"));
        }
    }
}

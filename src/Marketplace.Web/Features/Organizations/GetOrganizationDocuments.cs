using AutoMapper;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// An organization's own documents page: where it stands, what it still needs to trade, and every document it uploaded
/// with its review. Every member reads it (refusals elsewhere link here); the organization admin uploads.
/// </summary>
public static class GetOrganizationDocuments
{
    [AllowedRoles(Roles.DistrictStaff, Roles.RefurbisherStaff, Roles.SchoolStaff, Roles.OrganizationAdmin)]
    public sealed record Query : IQuery<Result>;

    /// <param name="TradeNotice">What stops the organization trading today, if anything.</param>
    /// <param name="Kinds">The kinds of document the organization may upload.</param>
    public sealed record Result(OrganizationProfile Organization, StandingNotice? TradeNotice, IReadOnlyList<RequiredDocument> Required,
        CurrentCertification? Certification, IReadOnlyList<DocumentRow> Documents, IReadOnlyList<DocumentKind> Kinds);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
            var rights = await db.RightsOfAsync(organizationId, clock.Today, cancellationToken);
            var documents = await DocumentRows.ReadAsync(db.DocumentsOwnedBy(user), mapper, clock.Today, cancellationToken);
            return new Result(mapper.Map<OrganizationProfile>(organization), rights.NoticeFor("list lots, quote, pay or check out"), rights.Required,
                rights.Certification, documents, OrganizationDocument.KindsFor(organization.Kind));
        }
    }
}

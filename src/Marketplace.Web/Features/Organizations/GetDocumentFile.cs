namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// A document's file, for its organization's admin or a platform admin reviewing it; anyone else is told it does not exist.
/// </summary>
public static class GetDocumentFile
{
    /// <param name="OrganizationId">When given (the admins' review page), the document must belong to that organization.</param>
    [AllowedRoles(Roles.OrganizationAdmin, Roles.Admin)]
    public sealed record Query(Guid DocumentId, Guid? OrganizationId = null) : IQuery<Result>;

    public sealed record Result(string FileName, string ContentType, byte[] Content);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var file = await db.DocumentsVisibleTo(user)
                .Where(d => d.Id == query.DocumentId && (query.OrganizationId == null || d.OrganizationId == query.OrganizationId) && d.FileName != null)
                .Join(db.OrganizationDocumentFiles, d => d.Id, f => f.DocumentId, (d, f) => new Result(d.FileName!, d.ContentType!, f.Content))
                .SingleOrDefaultAsync(cancellationToken);
            return file ?? throw new NotFoundException("Document");
        }
    }
}

using Marketplace.Web.Domain.Imports;

namespace Marketplace.Web.Features.Imports;

public static class GetImportStatus
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(Guid JobId) : IQuery<Result>;

    public sealed record Result(ImportJob Job, string LotNumber, ProgressSnapshot? Progress, IReadOnlyList<ImportIssue> FirstIssues);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, ImportProgress progress) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var job = await db.LoadImportJobAsync(query.JobId, user, cancellationToken);
            var lotNumber = await db.Lots.Where(l => l.Id == job.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
            var issues = await db.ImportIssues.AsNoTracking().Where(i => i.ImportJobId == job.Id).OrderBy(i => i.Row).ThenBy(i => i.Column).Take(200).ToListAsync(cancellationToken);
            return new Result(job, lotNumber, job.IsWorking ? progress.Get(job.Id) : null, issues);
        }
    }
}

using AutoMapper;
using AutoMapper.QueryableExtensions;

namespace Marketplace.Web.Features.Imports;

public static class GetImportStatus
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(Guid JobId) : IQuery<Result>;

    public sealed record Result(ImportJobView Job, string LotNumber, ProgressSnapshot? Progress, IReadOnlyList<ImportIssueRow> FirstIssues);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, ImportProgress progress, IMapper mapper) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var job = await db.LoadImportJobAsync(query.JobId, user, cancellationToken);
            var lotNumber = await db.Lots.Where(l => l.Id == job.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
            var issues = await db.ImportIssues.Where(i => i.ImportJobId == job.Id).OrderBy(i => i.Row).ThenBy(i => i.Column).Take(200)
                .ProjectTo<ImportIssueRow>(mapper.ConfigurationProvider).ToListAsync(cancellationToken);
            return new Result(mapper.Map<ImportJobView>(job), lotNumber, job.IsWorking ? progress.Get(job.Id) : null, issues);
        }
    }
}

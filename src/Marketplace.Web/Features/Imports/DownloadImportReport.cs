namespace Marketplace.Web.Features.Imports;

/// <summary>The row-level report as CSV, for the district to fix its sheet and upload again.</summary>
public static class DownloadImportReport
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(Guid JobId) : IQuery<(string FileName, byte[] Csv)>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, (string FileName, byte[] Csv)>
    {
        public async ValueTask<(string FileName, byte[] Csv)> Handle(Query query, CancellationToken cancellationToken)
        {
            var job = await db.LoadImportJobAsync(query.JobId, user, cancellationToken);
            var issues = await db.ImportIssues.AsNoTracking().Where(i => i.ImportJobId == job.Id).OrderBy(i => i.Row).ThenBy(i => i.Column).ToListAsync(cancellationToken);
            var csv = SpreadsheetCsv.Write(["Row", "Column", "Value", "Problem"], issues.Select(i => new[] { i.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Column, i.Value, i.Reason }));
            return ($"{Path.GetFileNameWithoutExtension(job.FileName)}-problems.csv", csv);
        }
    }
}

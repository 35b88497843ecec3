using System.Text.Json;
using AutoMapper;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Infrastructure.Spreadsheets;

namespace Marketplace.Web.Features.Imports;

/// <summary>Step 2: the mapping screen — headers, the guessed mapping (with the district's choices for files with these headers) and a preview.</summary>
public static class GetImportMapping
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(Guid JobId) : IQuery<Result>;

    public sealed record Result(ImportJobView Job, string LotNumber, IReadOnlyList<string> Headers, IReadOnlyList<HeaderProblem> HeaderProblems,
        IReadOnlyDictionary<ManifestField, int> Mapping, IReadOnlyDictionary<AssetStatusKind, AssetStatusEffect> Statuses, IReadOnlyList<ManifestRow> Preview,
        bool Remembered, string? SerialHint, string? Encoding);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IMapper mapper) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var job = await db.LoadImportJobAsync(query.JobId, user, cancellationToken);
            var lotNumber = await db.Lots.Where(l => l.Id == job.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
            var head = ManifestHead.FromJson(job.HeaderJson);
            var headerSet = ManifestFields.HeaderSet(head.Headers);
            var saved = await db.ImportMappings.AsNoTracking()
                .SingleOrDefaultAsync(m => m.OrganizationId == job.OrganizationId && m.HeaderSet == headerSet, cancellationToken);
            var remembered = saved is null ? null : JsonSerializer.Deserialize<Dictionary<ManifestField, string>>(saved.MappingJson);
            var mapping = job.MappingJson is not null
                ? ImportMappingJson.Read(job.MappingJson)
                : ManifestMapping.Of(ManifestFields.Guess(head.Headers, head.UnusableColumns, remembered, job.Preset));
            return new Result(mapper.Map<ImportJobView>(job), lotNumber, head.Headers, head.HeaderProblems, mapping.Columns, mapping.Statuses, head.Preview,
                remembered is not null,
                mapping.Columns.ContainsKey(ManifestField.Serial) ? null : ManifestFields.NoSerialExplanation(head.Headers, head.UnusableColumns, job.Preset),
                head.Encoding);
        }
    }
}

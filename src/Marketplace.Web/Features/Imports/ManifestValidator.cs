using Marketplace.Web.Data;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Imports;

/// <summary>The outcome of checking every row; header notes are issues too, but about a column, not a row.</summary>
public sealed record ManifestCheck(IReadOnlyList<DeviceDraft> Valid, IReadOnlyList<ImportIssue> Issues, int TotalRows, int HeaderNotes);

/// <summary>
/// Checks every row of a manifest: the row itself (<see cref="ManifestRowParser"/>), serials repeated in
/// the file, and serials already in this lot or in another open lot of the district.
/// </summary>
public sealed class ManifestValidator(MarketplaceDb db)
{
    public async Task<ManifestCheck> CheckAsync(ImportJob job, ManifestReader reader, ManifestMapping mapping,
        Action<int, int> progress, CancellationToken cancellationToken)
    {
        var models = await db.DeviceModels.AsNoTracking().ToDictionaryAsync(m => m.NormalizedName, cancellationToken);
        var taken = await SerialsInOpenLotsAsync(job.OrganizationId, cancellationToken);
        var parser = new ManifestRowParser(job.LotId, reader.Headers, mapping.Columns, job.Preset, models, mapping.Statuses);

        var issues = reader.HeaderProblems
            .Select(p => new ImportIssue { ImportJobId = job.Id, Row = 1, Column = $"{ManifestFields.ColumnLetter(p.Column)} (header)", Reason = p.Reason })
            .ToList();
        var valid = new List<DeviceDraft>();
        var firstRowOfSerial = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var total = 0;
        var estimatedRows = (int)Math.Max(1, job.FileBytes / 80);
        foreach (var row in reader.Rows())
        {
            total++;
            if (total % 1000 == 0)
            {
                progress(total, Math.Max(estimatedRows, total));
            }

            var (draft, rowIssues) = parser.Parse(row, job.Id);
            issues.AddRange(rowIssues);
            if (draft is null)
            {
                continue;
            }

            if (!firstRowOfSerial.TryAdd(draft.Serial, row.RowNumber))
            {
                issues.Add(SerialIssue(job, draft, mapping.Columns, reader, $"Serial {draft.Serial} is also on row {firstRowOfSerial[draft.Serial]} of this file."));
                continue;
            }

            if (taken.TryGetValue(draft.Serial, out var lot))
            {
                issues.Add(SerialIssue(job, draft, mapping.Columns, reader, lot.Id == job.LotId
                    ? $"Serial {draft.Serial} is already in this lot."
                    : $"Serial {draft.Serial} is already in open lot {lot.Number}."));
                continue;
            }

            valid.Add(draft);
        }

        progress(total, total);
        return new ManifestCheck(valid, issues, total, reader.HeaderProblems.Count);
    }

    /// <summary>Drops drafts whose serial another open lot (or this one) has taken since they were checked.</summary>
    public async Task<IReadOnlyList<DeviceDraft>> WithoutTakenSerialsAsync(ImportJob job, IReadOnlyList<DeviceDraft> drafts, CancellationToken cancellationToken)
    {
        var taken = await SerialsInOpenLotsAsync(job.OrganizationId, cancellationToken);
        return taken.Count == 0 ? drafts : drafts.Where(d => !taken.ContainsKey(d.Serial)).ToList();
    }

    private async Task<Dictionary<string, (Guid Id, string Number)>> SerialsInOpenLotsAsync(Guid districtId, CancellationToken cancellationToken)
    {
        var rows = await db.Devices
            .Join(db.Lots.Where(l => l.DistrictId == districtId).Open(db),
                d => d.LotId, l => l.Id, (d, l) => new { d.Serial, l.Id, l.Number })
            .ToListAsync(cancellationToken);
        var taken = new Dictionary<string, (Guid, string)>(rows.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            taken.TryAdd(row.Serial, (row.Id, row.Number));
        }

        return taken;
    }

    private static ImportIssue SerialIssue(ImportJob job, DeviceDraft draft, IReadOnlyDictionary<ManifestField, int> mapping, ManifestReader reader, string reason)
    {
        var column = mapping[ManifestField.Serial];
        return new ImportIssue
        {
            ImportJobId = job.Id,
            Row = draft.Row,
            Column = $"{ManifestFields.ColumnLetter(column)} ({reader.Headers[column]})",
            Value = draft.Serial,
            Reason = reason,
        };
    }
}

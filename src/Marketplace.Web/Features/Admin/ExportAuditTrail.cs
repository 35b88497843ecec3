using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Spreadsheets;

namespace Marketplace.Web.Features.Admin;

public enum AuditExportFormat { Csv, Xlsx }

/// <summary>
/// The filtered trail as CSV or Excel, newest first, through the app's spreadsheet writers: every cell is text, and a
/// value a spreadsheet would run as a formula (a lot titled "=HYPERLINK(…)") is neutralised.
/// </summary>
public static class ExportAuditTrail
{
    /// <summary>One file holds at most this many records (an .xlsx of them is built in memory); narrower filters export the rest.</summary>
    public const int MaxRows = 50_000;

    [AllowedRoles(Roles.Admin)]
    public sealed record Query(AuditSearch Filter, AuditExportFormat Format) : IQuery<Result>;

    public sealed record Result(string FileName, string ContentType, byte[] Content);

    public sealed class Handler(MarketplaceDb db, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var records = await query.Filter.ApplyAsync(db, cancellationToken);
            var entries = await records.Newest(db).Take(MaxRows).ToListAsync(cancellationToken);
            var name = $"audit-trail-{clock.Now.UtcDateTime:yyyyMMdd-HHmm}";
            return query.Format == AuditExportFormat.Xlsx
                ? new Result($"{name}.xlsx", SpreadsheetXlsx.ContentType, SpreadsheetXlsx.Write("Audit trail", "Audit trail", Columns, entries))
                : new Result($"{name}.csv", "text/csv", SpreadsheetCsv.Write(Columns.Headers, Columns.Format(entries)));
        }
    }

    internal static readonly SpreadsheetColumns<AuditEntry> Columns = new SpreadsheetColumns<AuditEntry>()
        .Text("When (UTC)", 20, e => e.When)
        .Text("Person", 24, e => e.ActorName)
        .Text("Organization", 28, e => e.Organization)
        .Text("Client address", 16, e => e.ClientAddress)
        .Text("Action", 24, e => e.What)
        .Text("Entity", 18, e => e.EntityType is null ? null : AuditEntries.Words(e.EntityType))
        .Text("Entity ID", 38, e => e.EntityId)
        .Text("Serial or number", 18, e => e.EntityLabel)
        .Text("Lot", 16, e => e.LotNumber)
        .Text("Changes", 60, e => string.Join("\n", e.ChangeLines));
}

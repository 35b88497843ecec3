using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Spreadsheets;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>
/// The buyer uploads the list of serials it received (CSV or .xlsx: a serial or asset tag per row, with the grade and model
/// each arrived in when not as declared, and the box), instead of scanning them one by one: each row is a receiving scan,
/// matched as the scan page matches, and a value that is no serial or asset tag of the lot is kept as an extra. All or
/// nothing: a file with any problem records nothing and lists them by row and column. Uploading again (or after scanning)
/// replaces a device's scan whose grade, model or box changed and leaves the others as they are.
/// </summary>
public static class UploadReceivingList
{
    public const string Serial = nameof(Serial), Grade = nameof(Grade), Model = nameof(Model), Box = nameof(Box);

    /// <summary>A lot's receiving list: 50,000 devices (the largest lot) and some extras, in at most 10 MB.</summary>
    public static readonly TableLimits Limits = new(MaxRows: 60_000, MaxBytes: MaxBytes, RowsAre: "serials");

    public const long MaxBytes = 10L * 1024 * 1024;

    public static readonly IReadOnlyList<TableField> Fields =
    [
        new(Serial, "Serial", true, "Serial number", "Device serial", "Device serial number", "System serial", "Service tag", "Serial or asset tag", "Asset tag",
            "Scanned", "Barcode"),
        new(Grade, "Grade as received", false, "Receiving grade", "Received grade", "Grade received", "Cosmetic grade", "Grade", "Condition"),
        new(Model, "Model as received", false, "Received model", "Model received", "Model"),
        new(Box, "Box", false, "Box or pallet", "Box number", "Pallet", "Carton", "Container"),
    ];

    /// <summary>Grade words besides A–D, as receiving sheets write them; blank (or "as declared") keeps the declared grade.</summary>
    private static readonly Dictionary<string, CosmeticGrade?> Grades = new(StringComparer.Ordinal)
    {
        ["a"] = CosmeticGrade.A, ["gradea"] = CosmeticGrade.A, ["excellent"] = CosmeticGrade.A, ["likenew"] = CosmeticGrade.A,
        ["b"] = CosmeticGrade.B, ["gradeb"] = CosmeticGrade.B, ["good"] = CosmeticGrade.B, ["verygood"] = CosmeticGrade.B,
        ["c"] = CosmeticGrade.C, ["gradec"] = CosmeticGrade.C, ["fair"] = CosmeticGrade.C,
        ["d"] = CosmeticGrade.D, ["graded"] = CosmeticGrade.D, ["poor"] = CosmeticGrade.D, ["damaged"] = CosmeticGrade.D,
        ["asdeclared"] = null, ["declared"] = null, ["same"] = null,
    };

    public const string AcceptedGrades = "A, B, C or D (or Excellent, Good, Fair, Poor), or leave it blank for \"as declared\"";

    /// <param name="Mapping">Field name → header, as chosen on the mapping step ("" for "not in this file"); null to map by headers alone.</param>
    [AllowedRoles(Roles.RefurbisherTechnician, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId, string FileName, byte[] Content, IReadOnlyDictionary<string, string>? Mapping = null) : ICommand<Result>;

    /// <param name="Added">Devices recorded as received for the first time.</param>
    /// <param name="Updated">Devices already scanned whose grade, model or box the file changed.</param>
    /// <param name="Unchanged">Devices already scanned as the file says.</param>
    /// <param name="Extras">Values that are no serial or asset tag of the lot, kept as extras.</param>
    public sealed record Result(string LotNumber, string FileName, int Added, int Updated, int Unchanged, int Extras, IReadOnlyList<TableProblem> Problems, int ProblemCount,
        TableMappingStep? Mapping, IReadOnlyList<string> Headers, IReadOnlyDictionary<string, string> Choices)
    {
        public bool Recorded => Mapping is null && ProblemCount == 0;

        public UploadRefusal Refusal => new(FileName, "list", Mapping, Problems, ProblemCount, Headers);

        /// <summary>"212 serials recorded as received from receiving.xlsx (200 new, 12 updated, 3 extras)".</summary>
        public string Summary => $"{Added + Updated + Unchanged:N0} serials recorded as received from {FileName} ({Added:N0} new, {Updated:N0} updated" +
                                 (Unchanged > 0 ? $", {Unchanged:N0} unchanged" : "") + (Extras > 0 ? $", {Extras:N0} not in the manifest kept as extras" : "") + ")";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).TableFileName();
            RuleFor(c => c.Content).TableContent(MaxBytes);
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var party = await db.LoadPartyFulfillmentAsync(command.LotId, user, tracked: false, cancellationToken);
            if (party.IsDistrict)
            {
                throw new DomainException("The buyer records what it received; the district scans at its dock before the hand-over.");
            }

            var fulfillment = party.Fulfillment;
            fulfillment.EnsureAcceptsScans(ScanStage.Receiving);
            var table = UploadedTable.ReadOrRefuse(command.FileName, command.Content, Limits);

            var lotNumber = await db.Lots.Where(l => l.Id == fulfillment.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
            var mapping = table.Map(Fields, command.Mapping);
            if (!mapping.IsComplete)
            {
                return new Result(lotNumber, table.FileName, 0, 0, 0, 0, [], 0, TableMappingStep.Of(table, mapping), table.Headers, mapping.Choices);
            }

            // The lot's devices by serial and by asset tag, upper case, as the scan page matches them whatever their case.
            var devices = await db.Devices.AsNoTracking().Where(d => d.LotId == fulfillment.LotId).Select(d => new { d.Id, d.Serial, d.AssetTag }).ToListAsync(cancellationToken);
            var bySerial = devices.ToDictionary(d => d.Serial.ToUpperInvariant(), d => d.Id, StringComparer.Ordinal);
            var byTag = devices.Where(d => d.AssetTag is not null).GroupBy(d => d.AssetTag!.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
            var problems = new TableProblems(mapping);
            var rows = Read(table, mapping, bySerial, byTag, problems);
            if (problems.Count > 0)
            {
                return new Result(lotNumber, table.FileName, 0, 0, 0, 0, problems.Shown, problems.Count, null, table.Headers, mapping.Choices);
            }

            var inForce = await db.DeviceScans.AsNoTracking().Where(s => s.LotId == fulfillment.LotId && s.Stage == ScanStage.Receiving && s.RemovedAt == null)
                .Select(s => new { s.Id, s.DeviceId, s.Value, s.Grade, s.ReceivedModel, s.Box }).ToListAsync(cancellationToken);
            var scanned = inForce.Where(s => s.DeviceId is not null).ToDictionary(s => s.DeviceId!.Value);
            var extrasScanned = inForce.Where(s => s.DeviceId is null).Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
            var now = clock.Now;
            var actor = user.Actor();
            var replaced = new List<Guid>();
            var (added, updated, unchanged, extras) = (0, 0, 0, 0);
            foreach (var row in rows)
            {
                if (row.DeviceId is { } deviceId && scanned.TryGetValue(deviceId, out var earlier))
                {
                    if (earlier.Grade == row.Condition?.Grade && string.Equals(earlier.ReceivedModel, row.Condition?.Model, StringComparison.Ordinal) && earlier.Box == row.Box)
                    {
                        unchanged++;
                        continue;
                    }

                    replaced.Add(earlier.Id);
                    updated++;
                }
                else if (row.DeviceId is null && extrasScanned.Contains(row.Label.Value))
                {
                    unchanged++;
                    continue;
                }
                else if (row.DeviceId is null)
                {
                    extras++;
                }
                else
                {
                    added++;
                }

                var scan = fulfillment.RecordScan(ScanStage.Receiving, row.Label, row.DeviceId, row.Box, actor, now, row.Condition);
                db.DeviceScans.Add(scan);
                db.CustodyEvents.Add(CustodyEvent.Of(CustodyEventKind.Scanned, fulfillment.LotId, row.DeviceId, actor, now, null,
                    $"{(row.DeviceId is null ? "Unknown value" : "Received")} {row.Label.Raw}, row {row.Number:N0} of {table.FileName}" +
                    (scan.Box is { } box ? $", box {box}" : "") + scan.ReceivedWords, ScanStage.Receiving));
            }

            // The replaced scans are taken back before their successors are saved: one scan per device and stage stays in force.
            if (replaced.Count > 0)
            {
                await db.DeviceScans.Where(s => replaced.Contains(s.Id))
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.RemovedAt, now).SetProperty(s => s.RemovedByUserId, user.UserId), cancellationToken);
            }

            return new Result(lotNumber, table.FileName, added, updated, unchanged, extras, [], 0, null, table.Headers, mapping.Choices);
        }

        private sealed record Row(int Number, ScannedLabel Label, Guid? DeviceId, ReceivedCondition? Condition, string? Box);

        /// <summary>Each row's label read as a scan is, its grade understood, and each device (or extra value) listed once.</summary>
        private static List<Row> Read(UploadedTable table, TableMapping mapping, Dictionary<string, Guid> bySerial, Dictionary<string, Guid> byTag, TableProblems problems)
        {
            var rows = new List<Row>(table.Rows.Count);
            var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in table.Rows)
            {
                if (row.ShapeProblem is { } shape)
                {
                    problems.Add(row.Number, null, shape);
                    continue;
                }

                ScannedLabel label;
                try
                {
                    label = ScannedLabel.Read(mapping.Cell(row, Serial));
                }
                catch (DomainException ex)
                {
                    problems.AddFor(row.Number, Serial, ex.Message);
                    continue;
                }

                var before = problems.Count;
                CosmeticGrade? grade = null;
                if (mapping.Cell(row, Grade) is { } gradeCell && !Grades.TryGetValue(UploadedTable.NormalizeHeader(gradeCell), out grade))
                {
                    problems.AddFor(row.Number, Grade, $"\"{Infrastructure.Web.Refusal.Shown(gradeCell)}\" is not a grade we know. Write {AcceptedGrades}.");
                }

                var model = mapping.Cell(row, Model);
                if (model is { Length: > ReconciliationLine.MaxModelLength })
                {
                    problems.AddFor(row.Number, Model, $"A model name has at most {ReconciliationLine.MaxModelLength} characters.");
                }

                var box = mapping.Cell(row, Box);
                if (box is { Length: > DeviceScan.MaxBoxLength })
                {
                    problems.AddFor(row.Number, Box, $"A box number has at most {DeviceScan.MaxBoxLength} characters.");
                }

                Guid? deviceId = bySerial.TryGetValue(label.Value, out var bySerialId) ? bySerialId : byTag.TryGetValue(label.Value, out var byTagId) ? byTagId : null;
                var key = deviceId?.ToString() ?? label.Value;
                if (!firstRowOf.TryAdd(key, row.Number))
                {
                    problems.AddFor(row.Number, Serial, $"{label.Raw} is the same device as row {firstRowOf[key]:N0}; list each device once.");
                }

                if (problems.Count > before)
                {
                    continue;
                }

                rows.Add(new Row(row.Number, label, deviceId, grade is null && model is null ? null : new ReceivedCondition(grade, model), box));
            }

            return rows;
        }
    }

    /// <summary>An empty list with our headers, for buyers who keep their receiving sheet by hand.</summary>
    public static byte[] Template() => SpreadsheetCsv.Write([.. Fields.Select(f => f.Label)], []);
}

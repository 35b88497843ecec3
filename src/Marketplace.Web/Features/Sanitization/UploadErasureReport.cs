using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Infrastructure.Spreadsheets;
using Marketplace.Web.Infrastructure.Web;
using Marketplace.Web.Jobs;
using static Marketplace.Web.Features.Sanitization.ErasureReportFields;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>
/// The refurbisher's technician uploads the erasure software's report (CSV or .xlsx) for a lot they bought: one row per
/// storage medium, each recorded as <see cref="RecordSanitization"/> records a scan — the same validator, the same domain
/// method, keyed by (device, medium serial), so uploading the file again updates its media instead of adding them twice.
/// All or nothing: a file with any problem records nothing and gets the list of problems, row and column named. Values the
/// file has no column for come from the form sent with it (the performer, typically), as the scan form keeps its values.
/// The lot's devices, records and failed re-checks are read once each, whatever the number of rows.
/// </summary>
public static class UploadErasureReport
{
    /// <param name="Defaults">The form's values, used where the file has no column (or a blank cell) for a field.</param>
    /// <param name="Mapping">Field name → header, as chosen on the mapping step ("" for "not in this file"); null to map by headers alone.</param>
    [AllowedRoles(Roles.RefurbisherTechnician)]
    /// <param name="ProgressToken">The form's token for its progress bar (<see cref="RequestProgress"/>); null when no script runs.</param>
    public sealed record Command(Guid LotId, string FileName, byte[] Content, MediumReport Defaults, IReadOnlyDictionary<string, string>? Mapping = null,
        string? ProgressToken = null) : ICommand<Result>, IPreparedBeforeTransaction;

    /// <summary>
    /// Reads the file before the transaction: a report of tens of thousands of rows takes its time to parse, and SQLite's
    /// write lock, which every other write of the marketplace waits for, is not held meanwhile. The file is the command's
    /// own, so what is read here is what the handler would read; a file that cannot be read is refused by the handler, in
    /// its turn after the lot's checks.
    /// </summary>
    public sealed class Reading(ICurrentUser user, RequestProgress requests) : IPreparation<Command>
    {
        private readonly Prepared<Command, UploadedTable> _read = new();

        internal UploadedTable TableOf(Command command) =>
            _read.For(command) ?? UploadedTable.ReadOrRefuse(command.FileName, command.Content, Limits);

        public ValueTask PrepareAsync(Command command, CancellationToken cancellationToken)
        {
            requests.Track(user.UserId, command.LotId, command.ProgressToken).Report(new RequestProgress.State("Reading the file", 0, 0));
            try
            {
                _read.Keep(command, UploadedTable.Read(command.FileName, command.Content, Limits));
            }
            catch (TableFormatException)
            {
                // Refused by the handler, with the same message, once it has checked the lot.
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Recorded (no problems, no mapping step), or refused with its problems, or waiting for the uploader to map columns.</summary>
    /// <param name="Choices">Field name → the header of the column that filled it ("" for none), for the form sent again.</param>
    public sealed record Result(string LotNumber, string FileName, int Added, int Updated, IReadOnlyList<TableProblem> Problems, int ProblemCount, TableMappingStep? Mapping,
        IReadOnlyList<string> Headers, IReadOnlyDictionary<string, string> Choices)
    {
        public bool Recorded => Mapping is null && ProblemCount == 0;

        public int Media => Added + Updated;

        /// <summary>"1,204 media recorded (1,180 new, 24 updated) from blancco-export.xlsx".</summary>
        public string Summary => $"{Media:N0} {(Media == 1 ? "medium" : "media")} recorded ({Added:N0} new, {Updated:N0} updated) from {FileName}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).TableFileName();
            RuleFor(c => c.Content).TableContent(Limits.MaxBytes);
            RuleFor(c => c.Defaults).NotNull();
            RuleFor(c => c.ProgressToken).MaximumLength(RequestProgress.MaxTokenLength).WithMessage("The page's progress token is too long; reload the page and upload again.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, RequestProgress requests, Reading reading) : ICommandHandler<Command, Result>
    {
        private static readonly RecordSanitization.Validator RowValidator = new();

        /// <summary>Rows checked between two reports of progress.</summary>
        private const int ProgressEvery = 500;

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.FulfillmentsBoughtBy(user).AsNoTracking().SingleOrDefaultAsync(f => f.LotId == command.LotId, cancellationToken)
                              ?? throw new NotFoundException("Lot");
            fulfillment.EnsureAcceptsSanitization();
            var progress = requests.Track(user.UserId, command.LotId, command.ProgressToken);
            progress.Report(new RequestProgress.State("Reading the file", 0, 0));
            var table = reading.TableOf(command);

            var lotNumber = await db.Lots.Where(l => l.Id == fulfillment.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
            var mapping = table.Map(All, command.Mapping);
            if (!mapping.IsComplete)
            {
                var step = TableMappingStep.Of(table, mapping);
                return new Result(lotNumber, table.FileName, 0, 0, [], 0, step, table.Headers, mapping.Choices);
            }

            var problems = new TableProblems(mapping);
            var devices = await db.Devices.AsNoTracking().Where(d => d.LotId == fulfillment.LotId).ToDictionaryAsync(d => d.Serial, StringComparer.Ordinal, cancellationToken);
            var missing = fulfillment.MissingCount == 0 ? [] : await db.DevicesReportedMissing()
                .Where(id => db.Devices.Any(d => d.Id == id && d.LotId == fulfillment.LotId)).ToHashSetAsync(cancellationToken);
            var rows = Read(table, mapping, command.Defaults, devices, missing, lotNumber, problems, progress);
            if (problems.Count > 0)
            {
                return Refusal(lotNumber, table, mapping, problems);
            }

            var records = await db.SanitizationRecords.Where(r => r.LotId == fulfillment.LotId).ToDictionaryAsync(r => (r.DeviceId, r.MediumSerial), cancellationToken);
            var failedChecks = await db.QualityChecks.Where(c => c.LotId == fulfillment.LotId && c.Result == QualityCheckResult.Failed)
                .ToDictionaryAsync(c => c.RecordId, cancellationToken);
            var withMedia = records.Keys.Select(k => k.DeviceId).ToHashSet();
            var added = new List<SanitizationRecord>();
            var (newDevices, updated) = (0, 0);
            foreach (var (number, device, report) in rows)
            {
                var existing = records.GetValueOrDefault((device.Id, SanitizationRecord.NormalizeSerial(report)));
                try
                {
                    var record = fulfillment.RecordSanitization(device, existing, withMedia.Contains(device.Id), report, user.UserId, clock.Now);
                    if (existing is null)
                    {
                        added.Add(record);
                        newDevices += withMedia.Add(device.Id) ? 1 : 0;
                    }
                    else
                    {
                        updated++;
                        // As for a scan: a repeat after a failed quality check waits for a fresh re-check once it is accepted again.
                        failedChecks.GetValueOrDefault(existing.Id)?.Reopen();
                    }
                }
                catch (DomainException ex)
                {
                    problems.Add(number, null, ex.Message);
                }
            }

            if (problems.Count > 0)
            {
                // Nothing is saved yet (the counters move last): forgetting the repeats already applied leaves the transaction empty.
                db.ChangeTracker.Clear();
                return Refusal(lotNumber, table, mapping, problems);
            }

            progress.Report(new RequestProgress.State($"Recording {rows.Count:N0} media", rows.Count, rows.Count));
            db.SanitizationRecords.AddRange(added);
            await SanitizationProgress.MoveAsync(db, outbox, fulfillment.Id, devices: newDevices, recorded: added.Count, cancellationToken: cancellationToken);
            return new Result(lotNumber, table.FileName, added.Count, updated, [], 0, null, table.Headers, mapping.Choices);
        }

        /// <summary>Each row as the scan form would send it, checked by its validator, its serial found in the lot and its medium listed once.</summary>
        private static List<(int Row, Device Device, MediumReport Report)> Read(UploadedTable table, TableMapping mapping, MediumReport defaults,
            Dictionary<string, Device> devices, HashSet<Guid> missing, string lotNumber, TableProblems problems, IProgress<RequestProgress.State> progress)
        {
            var rows = new List<(int, Device, MediumReport)>(table.Rows.Count);
            var firstRowOf = new Dictionary<(Guid, string), int>();
            var read = 0;
            foreach (var row in table.Rows)
            {
                if (read++ % ProgressEvery == 0)
                {
                    progress.Report(new RequestProgress.State("Checking rows", read - 1, table.Rows.Count));
                }

                if (row.ShapeProblem is { } shape)
                {
                    problems.Add(row.Number, null, shape);
                    continue;
                }

                var before = problems.Count;
                var report = Report(row, mapping, defaults, problems);
                var serialCell = mapping.Cell(row, DeviceSerial) ?? "";
                if (report is null)
                {
                    continue;
                }

                foreach (var error in RowValidator.Validate(new RecordSanitization.Command(Guid.Empty, serialCell, report)).Errors)
                {
                    problems.AddFor(row.Number, FieldOf(error.PropertyName), error.ErrorMessage);
                }

                if (problems.Count > before)
                {
                    continue;
                }

                string serial;
                try
                {
                    serial = SerialNumber.Parse(serialCell);
                }
                catch (DomainException ex)
                {
                    problems.AddFor(row.Number, DeviceSerial, ex.Message);
                    continue;
                }

                if (!devices.TryGetValue(serial, out var device))
                {
                    problems.AddFor(row.Number, DeviceSerial, $"Serial {serial} is not in lot {lotNumber}. Check the report, or whether the device came from another lot.");
                    continue;
                }

                if (missing.Contains(device.Id))
                {
                    problems.AddFor(row.Number, DeviceSerial, LotReconciliation.ReportedMissing(serial));
                    continue;
                }

                var medium = SanitizationRecord.NormalizeSerial(report);
                if (!firstRowOf.TryAdd((device.Id, medium), row.Number))
                {
                    problems.AddFor(row.Number, MediumSerial, $"Medium {medium} of serial {serial} is also on row {firstRowOf[(device.Id, medium)]:N0}; list each medium once.");
                    continue;
                }

                rows.Add((row.Number, device, report));
            }

            return rows;
        }

        /// <summary>The row's medium report: each field from its cell, or from the form where the file has no value; null when a word is not understood.</summary>
        private static MediumReport? Report(TableRow row, TableMapping mapping, MediumReport defaults, TableProblems problems)
        {
            var understood = true;
            var mediaType = Word(ErasureReportFields.MediaType, defaults.MediaType, TryMediaType);
            var noMedium = mediaType == Domain.Fulfillment.MediaType.None;
            SanitizationMethod? method = noMedium ? null : defaults.Method;
            if (mapping.Cell(row, Method) is { } methodCell)
            {
                if (!TryMethod(methodCell, out method))
                {
                    Refuse(Method, methodCell);
                }
            }

            var technique = mapping.Cell(row, Technique) is null && noMedium ? SanitizationTechnique.Inspection : Word(Technique, defaults.Technique, TryTechnique);
            var result = Word(ErasureReportFields.VerificationResult, defaults.VerificationResult, TryResult);
            var destination = Word(Destination, defaults.Destination, TryDestination);
            var backedUp = Word(ErasureReportFields.DataBackedUp, defaults.DataBackedUp, TryBackedUp);
            var performer = new PersonOfRecord(
                Text(PerformerName, defaults.Performer.Name), Text(PerformerTitle, defaults.Performer.Title),
                Text(PerformerLocation, defaults.Performer.Location), Text(PerformerContact, defaults.Performer.Contact));
            return understood
                ? new MediumReport(Text(MediumSerial, ""), Text(Manufacturer, defaults.Manufacturer), Text(Model, defaults.Model), mediaType,
                    Text(MediaSource, defaults.MediaSource), Text(Confidentiality, defaults.Confidentiality), method, technique, Text(StandardFollowed, defaults.StandardFollowed),
                    Text(Tool, defaults.Tool), Text(ToolVersion, defaults.ToolVersion), Text(VerificationMethod, defaults.VerificationMethod), result, destination, backedUp,
                    Text(BackupLocation, defaults.BackupLocation), performer)
                : null;

            string Text(string field, string? fallback) => mapping.Cell(row, field) ?? fallback ?? "";

            T Word<T>(string field, T fallback, TryParse<T> parse)
            {
                if (mapping.Cell(row, field) is not { } cell)
                {
                    return fallback;
                }

                if (parse(cell, out var value))
                {
                    return value;
                }

                Refuse(field, cell);
                return fallback;
            }

            void Refuse(string field, string cell)
            {
                understood = false;
                problems.AddFor(row.Number, field, $"\"{Infrastructure.Web.Refusal.Shown(cell)}\" is not a {Field(field).Label.ToLowerInvariant()} we know. Write one of: {Accepted(field)}.");
            }
        }

        private static Result Refusal(string lotNumber, UploadedTable table, TableMapping mapping, TableProblems problems) =>
            new(lotNumber, table.FileName, 0, 0, problems.Shown, problems.Count, null, table.Headers, mapping.Choices);

        /// <summary>"Medium.Performer.Name" (the validator's property path) → "PerformerName"; "Serial" → "DeviceSerial".</summary>
        private static string FieldOf(string propertyName) => propertyName switch
        {
            nameof(RecordSanitization.Command.Serial) => DeviceSerial,
            _ => propertyName.Replace("Medium.", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal),
        };

        private delegate bool TryParse<T>(string cell, out T value);
    }
}

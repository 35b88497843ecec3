using System.Text.Json;
using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Imports;

/// <summary>Step 1: the district uploads a manifest to a draft lot; the headers are read at once, the rows later.</summary>
public static class UploadManifest
{
    private static readonly string[] Extensions = [".csv", ".txt", ".tsv", ".xlsx"];

    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid LotId, string FileName, byte[] Content) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).NotEmpty().WithMessage("Choose a CSV or .xlsx file to upload.")
                .Must(name => Extensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
                .WithMessage(c => $"\"{c.FileName}\" is not a CSV or .xlsx file. Export the sheet as CSV or Excel workbook (.xlsx); old .xls files must be saved as .xlsx first.");
            RuleFor(c => c.Content).Must(c => c.Length > 0).WithMessage("The file is empty.")
                .Must(c => c.LongLength <= ImportJob.MaxFileBytes).WithMessage($"The file is larger than {ImportJob.MaxFileBytes / 1024 / 1024} MB; split it into several files.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            lot.EnsureDraft("Importing devices");
            ManifestReader reader;
            try
            {
                reader = ManifestReader.Open(command.FileName, command.Content);
            }
            catch (ManifestFormatException ex)
            {
                throw new DomainException(ex.Message);
            }

            var job = new ImportJob
            {
                LotId = lot.Id,
                OrganizationId = lot.DistrictId,
                FileName = Path.GetFileName(command.FileName).Truncate(255),
                FileBytes = command.Content.LongLength,
                HeaderJson = reader.Head().ToJson(),
                Preset = ManifestFields.DetectPreset(reader.Headers),
                CreatedAt = clock.Now,
            };
            db.ImportJobs.Add(job);
            db.ImportFiles.Add(new ImportFile { ImportJobId = job.Id, Content = command.Content });
            return job.Id;
        }
    }
}

/// <summary>Step 2: the mapping screen — headers, the guessed (or remembered) mapping and a preview.</summary>
public static class GetImportMapping
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(Guid JobId) : IQuery<Result>;

    public sealed record Result(ImportJob Job, string LotNumber, IReadOnlyList<string> Headers, IReadOnlyList<HeaderProblem> HeaderProblems,
        IReadOnlyDictionary<ManifestField, int> Mapping, IReadOnlyList<ManifestRow> Preview, bool Remembered);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var job = await db.LoadImportJobAsync(query.JobId, user, cancellationToken);
            var lotNumber = await db.Lots.Where(l => l.Id == job.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
            var head = ManifestHead.FromJson(job.HeaderJson);
            var saved = await db.ImportMappings.AsNoTracking().SingleOrDefaultAsync(m => m.OrganizationId == job.OrganizationId, cancellationToken);
            var remembered = saved is null ? null : JsonSerializer.Deserialize<Dictionary<ManifestField, string>>(saved.MappingJson);
            var mapping = job.MappingJson is not null
                ? ImportMappingJson.Read(job.MappingJson)
                : ManifestFields.Guess(head.Headers, head.UnusableColumns, remembered, job.Preset);
            return new Result(job, lotNumber, head.Headers, head.HeaderProblems, mapping, head.Preview, remembered is not null);
        }
    }
}

/// <summary>Step 3: the district confirms the mapping; validation of every row runs in the background.</summary>
public static class StartImportValidation
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid JobId, IReadOnlyDictionary<ManifestField, int> Mapping) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Mapping).Must(m => m.ContainsKey(ManifestField.Serial))
                .WithMessage("Choose the column that holds the serial number: every device is tracked by its serial.");
            RuleFor(c => c.Mapping).Must(m => m.Values.Distinct().Count() == m.Count)
                .WithMessage("Each column can fill only one field; two fields point at the same column.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var job = await db.LoadImportJobAsync(command.JobId, user, cancellationToken);
            var headers = ManifestHead.FromJson(job.HeaderJson);
            if (command.Mapping.Values.Any(i => i < 0 || i >= headers.Headers.Count || headers.UnusableColumns.Contains(i)))
            {
                throw new DomainException("A chosen column does not exist or has a blank or duplicate header.");
            }

            job.StartValidation(ImportMappingJson.Write(command.Mapping));
            var remembered = JsonSerializer.Serialize(command.Mapping.ToDictionary(m => m.Key, m => headers.Headers[m.Value]));
            var saved = await db.ImportMappings.SingleOrDefaultAsync(m => m.OrganizationId == job.OrganizationId, cancellationToken);
            if (saved is null)
            {
                db.ImportMappings.Add(new ImportMapping { OrganizationId = job.OrganizationId, MappingJson = remembered, UpdatedAt = clock.Now });
            }
            else
            {
                saved.MappingJson = remembered;
                saved.UpdatedAt = clock.Now;
            }

            await db.ImportIssues.Where(i => i.ImportJobId == job.Id).ExecuteDeleteAsync(cancellationToken);
            outbox.Enqueue(new ValidateImport.Command(job.Id));
            return Unit.Value;
        }
    }
}

/// <summary>Background: reads and checks every row, and records each problem with its row and column.</summary>
public static class ValidateImport
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid JobId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ManifestValidator validator, ImportProgress progress) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var job = await db.ImportJobs.SingleAsync(j => j.Id == command.JobId, cancellationToken);
            if (job.Status != ImportStatus.Validating)
            {
                return Unit.Value;
            }

            var reader = await db.OpenManifestAsync(job, cancellationToken);
            var check = await validator.CheckAsync(job, reader, ImportMappingJson.Read(job.MappingJson!),
                (done, total) => progress.Report(job.Id, "Checking rows", done, total), cancellationToken);
            await db.InsertManyAsync(check.Issues, cancellationToken);
            job.FinishValidation(check.TotalRows, check.Valid.Count, check.Issues.Count);
            progress.Checked(job.Id, job.MappingJson!, check.Valid);
            return Unit.Value;
        }
    }
}

/// <summary>Step 4: import every valid row (accepting the reported problems) — or, with none, all rows.</summary>
public static class ConfirmImport
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid JobId, bool AcceptIssues) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var job = await db.LoadImportJobAsync(command.JobId, user, cancellationToken);
            job.StartImport(command.AcceptIssues);
            outbox.Enqueue(new CommitImport.Command(job.Id));
            return Unit.Value;
        }
    }
}

/// <summary>Background: writes the valid rows to the lot in one transaction: all of them or, on any failure, none.</summary>
public static class CommitImport
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid JobId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ManifestValidator validator, ImportProgress progress, IClock clock, ManifestChanges manifest) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var job = await db.ImportJobs.SingleAsync(j => j.Id == command.JobId, cancellationToken);
            if (job.Status != ImportStatus.Importing)
            {
                return Unit.Value;
            }

            var lot = await db.Lots.SingleAsync(l => l.Id == job.LotId, cancellationToken);
            if (!lot.IsDraft)
            {
                job.Fail($"Lot {lot.Number} was submitted before the import ran; nothing was imported.", clock.Now);
                return Unit.Value;
            }

            // The rows checked a moment ago are reused when this process did the check; serials are
            // checked against the database again either way, since another lot may have taken one since.
            var drafts = progress.TakeChecked(job.Id, job.MappingJson!) is { } cached
                ? await validator.WithoutTakenSerialsAsync(job, cached, cancellationToken)
                : (await validator.CheckAsync(job, await db.OpenManifestAsync(job, cancellationToken), ImportMappingJson.Read(job.MappingJson!),
                    (done, total) => progress.Report(job.Id, "Checking rows", done, total), cancellationToken)).Valid;
            var imported = await db.InsertManyAsync(drafts.Select(d => d.Device), cancellationToken,
                done => progress.Report(job.Id, "Adding devices", done, drafts.Count));
            VersionInterceptor.Touch(db, lot);
            manifest.Changed(lot.Id);
            job.Complete(imported, clock.Now);
            progress.Clear(job.Id);
            return Unit.Value;
        }
    }
}

public static class CancelImport
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid JobId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, ImportProgress progress) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var job = await db.LoadImportJobAsync(command.JobId, user, cancellationToken);
            job.Cancel(clock.Now);
            progress.TakeChecked(job.Id, job.MappingJson ?? "");
            return Unit.Value;
        }
    }
}

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

internal static class ImportMappingJson
{
    public static string Write(IReadOnlyDictionary<ManifestField, int> mapping) => JsonSerializer.Serialize(mapping.ToDictionary(m => m.Key.ToString(), m => m.Value));

    public static Dictionary<ManifestField, int> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(json)!.ToDictionary(m => Enum.Parse<ManifestField>(m.Key), m => m.Value);
}

internal static class ImportJobLoading
{
    public static async Task<ManifestReader> OpenManifestAsync(this MarketplaceDb db, ImportJob job, CancellationToken cancellationToken)
    {
        var content = await db.ImportFiles.Where(f => f.ImportJobId == job.Id).Select(f => f.Content).SingleAsync(cancellationToken);
        return ManifestReader.Open(job.FileName, content);
    }

    public static async Task<ImportJob> LoadImportJobAsync(this MarketplaceDb db, Guid jobId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var organizationId = user.RequireOrganization();
        return await db.ImportJobs.SingleOrDefaultAsync(j => j.Id == jobId && j.OrganizationId == organizationId, cancellationToken)
               ?? throw new NotFoundException("Import");
    }
}

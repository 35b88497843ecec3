using Marketplace.Web.Domain.Imports;

namespace Marketplace.Web.Features.Imports;

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
            job.FinishValidation(check.TotalRows, check.Valid.Count, check.Issues.Count, check.HeaderNotes);
            progress.Checked(job.Id, job.MappingJson!, check.Valid);
            return Unit.Value;
        }
    }
}

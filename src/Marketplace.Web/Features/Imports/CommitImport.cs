using Marketplace.Web.Features.Lots;
using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Domain.Imports;

namespace Marketplace.Web.Features.Imports;

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

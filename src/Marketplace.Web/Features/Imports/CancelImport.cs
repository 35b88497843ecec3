namespace Marketplace.Web.Features.Imports;

public static class CancelImport
{
    [AllowedRoles(Roles.DistrictInventory)]
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

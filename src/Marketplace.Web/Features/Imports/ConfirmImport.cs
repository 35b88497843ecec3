using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Imports;

/// <summary>Step 4: import every valid row (accepting the reported problems) — or, with none, all rows.</summary>
public static class ConfirmImport
{
    [AllowedRoles(Roles.DistrictInventory)]
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

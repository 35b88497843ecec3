using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Reconciliation;

/// <summary>The district accepts the proposed adjustment: it is posted, and the funds follow once the lot is certified.</summary>
public static class ApproveReconciliation
{
    [AllowedRoles(Roles.DistrictApprover)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var reconciliation = await db.ReconciliationOfOwnLotAsync(command.LotId, user, cancellationToken);
            var now = clock.Now;
            reconciliation.Approve(user.Name, now);
            await ReconciliationSettlement.SettledAsync(db, outbox, reconciliation, now, cancellationToken);
            return Unit.Value;
        }
    }
}

using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Reconciliation;

/// <summary>The district contests the reconciliation with a reason; the platform's admins resolve it.</summary>
public static class DisputeReconciliation
{
    [AllowedRoles(Roles.DistrictApprover)]
    public sealed record Command(Guid LotId, string Reason) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why you dispute the reconciliation: the admin who resolves it reads your reason.")
                .MaximumLength(LotReconciliation.MaxReasonLength).WithMessage($"Keep the reason under {LotReconciliation.MaxReasonLength} characters.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var reconciliation = await db.ReconciliationOfOwnLotAsync(command.LotId, user, cancellationToken);
            reconciliation.Dispute(command.Reason, user.Name, clock.Now);
            var number = await db.Lots.Where(l => l.Id == reconciliation.LotId).Select(l => l.Number).SingleAsync(cancellationToken);
            outbox.Email(reconciliation.BuyerId, $"Lot {number}: the district disputes the receiving reconciliation",
                $"The district disputes the reconciliation of lot {number}: \"{reconciliation.DisputeReason}\"\nThe platform's admins will resolve it and tell both sides.",
                Roles.RefurbisherBuyer, Roles.RefurbisherTechnician, Roles.SchoolBuyer);
            return Unit.Value;
        }
    }
}

using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Reconciliation;

/// <summary>A platform admin settles a disputed reconciliation with the adjustment that stands and a note both sides read.</summary>
public static class ResolveReconciliation
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid LotId, decimal? Adjustment, string Note) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Adjustment).NotNull().WithMessage("Enter the adjustment that stands, in dollars ($0.00 for none).")
                .GreaterThanOrEqualTo(0).WithMessage("The adjustment cannot be negative: the buyer never pays more than the price agreed.");
            RuleFor(c => c.Note).NotEmpty().WithMessage("Explain the resolution: both organizations read it.")
                .MaximumLength(LotReconciliation.MaxReasonLength).WithMessage($"Keep the note under {LotReconciliation.MaxReasonLength} characters.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var reconciliation = await db.LotReconciliations.SingleOrDefaultAsync(r => r.LotId == command.LotId, cancellationToken) ?? throw new NotFoundException("Reconciliation");
            var now = clock.Now;
            reconciliation.Resolve(command.Adjustment ?? 0, command.Note, user.Name, now);
            await ReconciliationSettlement.SettledAsync(db, outbox, reconciliation, now, cancellationToken);
            return Unit.Value;
        }
    }
}

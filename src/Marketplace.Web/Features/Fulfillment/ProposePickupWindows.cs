using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>The buyer offers one or more windows to collect a paid lot; the district's people are told and confirm one.</summary>
public static class ProposePickupWindows
{
    [AllowedRoles(Roles.RefurbisherBuyer, Roles.RefurbisherTechnician, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId, IReadOnlyList<ProposedWindow> Windows) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Windows).NotEmpty().WithMessage("Propose at least one pickup window: a day, and the time the driver arrives and leaves by.")
                .Must(w => w.Count <= LotFulfillment.MaxWindowsProposedAtOnce).WithMessage($"Propose at most {LotFulfillment.MaxWindowsProposedAtOnce} windows at a time.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.LoadBuyerFulfillmentAsync(command.LotId, user, cancellationToken);
            var added = fulfillment.ProposeWindows(command.Windows, user.UserId, user.Name, clock.Now);
            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == fulfillment.LotId).Select(l => new { l.Number, l.Title }).SingleAsync(cancellationToken);
            var buyer = await db.Organizations.AsNoTracking().Where(o => o.Id == fulfillment.BuyerId).Select(o => o.Name).SingleAsync(cancellationToken);
            outbox.Email(fulfillment.DistrictId, $"Pickup windows proposed for lot {lot.Number}",
                $"{buyer} proposes to collect lot {lot.Number} ({lot.Title}, {fulfillment.DeviceCount:N0} devices) in one of these windows:\n" +
                string.Concat(added.Select(w => $"  • {w.Describe()}\n")) +
                $"Confirm one (with the dock, the on-site contact and the number of boxes or pallets), or ask for other windows. " +
                $"The removal deadline is {fulfillment.RemovalDueOn:MMMM d, yyyy}.\n{configuration.PageUrl($"/lots/{fulfillment.LotId}#pickup")}",
                Roles.DistrictInventory, Roles.DistrictApprover);
            return added.Count;
        }
    }
}

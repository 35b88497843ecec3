using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>
/// Reminds both sides the day before a pickup. Queued in the outbox for that time when a window is confirmed, naming the
/// confirmation (its revision): if the pickup moved since, or the lot was already collected, the reminder is stale and says
/// nothing; the confirmation of the new window queued its own.
/// </summary>
public static class SendPickupReminder
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid LotId, int Revision) : ICommand<bool>;

    public sealed class Handler(MarketplaceDb db, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.LotFulfillments.AsNoTracking().SingleOrDefaultAsync(f => f.LotId == command.LotId, cancellationToken);
            if (fulfillment is null || !fulfillment.IsReminderCurrent(command.Revision))
            {
                return false;
            }

            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == fulfillment.LotId).Select(l => new { l.Number, l.PickupAddress }).SingleAsync(cancellationToken);
            var subject = $"Reminder: pickup tomorrow for lot {lot.Number}";
            var notice = ConfirmPickupWindow.PickupNotice(lot.Number, lot.PickupAddress, fulfillment);
            outbox.Email(fulfillment.BuyerId, subject, notice + $"\n{configuration.PageUrl($"/purchases/{fulfillment.LotId}")}", Roles.RefurbisherTechnician, Roles.RefurbisherBuyer);
            outbox.Email(fulfillment.DistrictId, subject,
                notice + "\nBefore the driver arrives: confirm every enrolled device was deprovisioned, and scan the devices as they are packed." +
                $"\n{configuration.PageUrl($"/lots/{fulfillment.LotId}")}", Roles.DistrictInventory);
            return true;
        }
    }
}

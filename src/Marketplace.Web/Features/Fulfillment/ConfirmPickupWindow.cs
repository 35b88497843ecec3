using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>
/// The district books one of the buyer's windows, with the dock, the on-site contact, the boxes or pallets and any
/// instructions. Both sides are e-mailed now and reminded the day before; confirming another window moves the pickup, and
/// the reminder queued for the old one stays silent (<see cref="SendPickupReminder"/>).
/// </summary>
public static class ConfirmPickupWindow
{
    [AllowedRoles(Roles.DistrictInventory, Roles.DistrictApprover)]
    public sealed record Command(Guid LotId, Guid WindowId, string Dock, string Contact, int Packages, string? Instructions) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.WindowId).NotEmpty().WithMessage("Choose one of the proposed windows.");
            RuleFor(c => c.Dock).NotEmpty().WithMessage("Say where the driver loads: the dock, door or room.").MaximumLength(200);
            RuleFor(c => c.Contact).NotEmpty().WithMessage("Name who meets the driver and how to reach them.").MaximumLength(200);
            RuleFor(c => c.Packages).InclusiveBetween(1, 10_000).WithMessage("Say how many boxes or pallets will be handed over (1 or more).");
            RuleFor(c => c.Instructions).MaximumLength(1000).WithMessage("Instructions: at most 1,000 characters.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.LoadDistrictFulfillmentAsync(command.LotId, user, cancellationToken);
            var moved = fulfillment.IsPickupScheduled;
            var window = fulfillment.ConfirmWindow(command.WindowId, new PickupArrangements(command.Dock, command.Contact, command.Packages, command.Instructions), clock.Now);
            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == fulfillment.LotId).Select(l => new { l.Number, l.Title, l.PickupAddress }).SingleAsync(cancellationToken);
            var notice = PickupNotice(lot.Number, lot.PickupAddress, fulfillment);
            var subject = moved ? $"Pickup of lot {lot.Number} moved to {window.Date:MMMM d}" : $"Pickup confirmed for lot {lot.Number}";
            outbox.Email(fulfillment.BuyerId, subject, notice + $"\n{configuration.PageUrl($"/purchases/{fulfillment.LotId}")}", Roles.RefurbisherTechnician, Roles.RefurbisherBuyer);
            outbox.Email(fulfillment.DistrictId, subject, notice + $"\n{configuration.PageUrl($"/lots/{fulfillment.LotId}")}", Roles.DistrictInventory);

            // The reminder is scheduled outbox work (it survives restarts) and names the confirmation it is for.
            if (fulfillment.ReminderDueAt(clock.Now) is { } remindAt)
            {
                outbox.Enqueue(new SendPickupReminder.Command(fulfillment.LotId, fulfillment.PickupRevision), remindAt);
            }

            return window.Describe();
        }
    }

    /// <summary>The confirmed pickup as both sides' e-mails state it.</summary>
    internal static string PickupNotice(string lotNumber, string? address, LotFulfillment fulfillment) =>
        $"Pickup for lot {lotNumber} ({fulfillment.DeviceCount:N0} devices, {fulfillment.ExpectedPackages:N0} boxes or pallets) is on " +
        $"{fulfillment.PickupDate:dddd, MMMM d, yyyy}, {fulfillment.PickupWindow} (local time at the dock).\n" +
        $"Address: {address ?? "as agreed with the district"}\nDock: {fulfillment.PickupDock}\nOn-site contact: {fulfillment.PickupContact}\n" +
        (fulfillment.PickupInstructions is { } instructions ? $"Instructions: {instructions}\n" : "") +
        $"Removal deadline: {fulfillment.RemovalDueOn:MMMM d, yyyy}.";
}

using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;

namespace Marketplace.Web.Features.Pickups;

public static class SchedulePickup
{
    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Command(Guid LotId, DateOnly Date, string Window, string Contact) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Window).NotEmpty().WithMessage("Choose a pickup window.").MaximumLength(100);
            RuleFor(c => c.Contact).NotEmpty().WithMessage("Name who meets the driver and how to reach them.").MaximumLength(200);
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadDistrictLotAsync(command.LotId, user, cancellationToken);
            lot.SchedulePickup(command.Date, command.Window, command.Contact, clock.Today);
            var notice = $"Pickup for lot {lot.Number} ({lot.Devices.Count} devices) is scheduled on {command.Date:dddd, MMMM d, yyyy}, {command.Window}.\n" +
                         $"Address: {lot.PickupAddress}\nContact: {command.Contact}";
            outbox.Email(lot.BuyerId!.Value, $"Pickup scheduled for lot {lot.Number}", notice);

            // A reminder the day before, as scheduled outbox work that survives restarts.
            var reminderAt = new DateTimeOffset(command.Date.AddDays(-1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
            if (reminderAt > clock.Now)
            {
                outbox.Enqueue(new SendEmail.Command(lot.BuyerId!.Value, $"Reminder: pickup tomorrow for lot {lot.Number}", notice), reminderAt);
            }

            return Unit.Value;
        }
    }
}

public static class MarkPickedUp
{
    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadPurchasedLotAsync(command.LotId, user, cancellationToken);
            lot.MarkPickedUp(clock.Now);
            outbox.Email(lot.DistrictId, $"Lot {lot.Number} was picked up", $"{lot.Devices.Count} devices of lot {lot.Number} left your site on {clock.Now:MMMM d, yyyy} and are in transit.");
            return Unit.Value;
        }
    }
}

public static class MarkReceived
{
    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Command(Guid LotId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadPurchasedLotAsync(command.LotId, user, cancellationToken);
            lot.MarkReceived(clock.Now);
            outbox.Email(lot.DistrictId, $"Lot {lot.Number} was received", $"The buyer received lot {lot.Number}. Data sanitization is recorded serial by serial; your certificate follows automatically.");
            return Unit.Value;
        }
    }
}

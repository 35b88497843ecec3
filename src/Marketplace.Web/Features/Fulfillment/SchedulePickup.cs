using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>The district schedules (or moves) the pickup of a paid lot; the buyer is told now and reminded the day before.</summary>
public static class SchedulePickup
{
    [AllowedRoles(Roles.DistrictInventory)]
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
            var fulfillment = await db.LoadDistrictFulfillmentAsync(command.LotId, user, cancellationToken);
            fulfillment.SchedulePickup(command.Date, command.Window, command.Contact, clock.Today);
            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == fulfillment.LotId).Select(l => new { l.Number, l.PickupAddress }).SingleAsync(cancellationToken);
            var notice = $"Pickup for lot {lot.Number} ({fulfillment.DeviceCount} devices) is scheduled on {command.Date:dddd, MMMM d, yyyy}, {command.Window}.\n" +
                         $"Address: {lot.PickupAddress}\nContact: {command.Contact}";
            outbox.Email(fulfillment.BuyerId, $"Pickup scheduled for lot {lot.Number}", notice, Roles.RefurbisherTechnician);

            // A reminder the day before, as scheduled outbox work that survives restarts.
            var reminderAt = new DateTimeOffset(command.Date.AddDays(-1).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
            if (reminderAt > clock.Now)
            {
                outbox.Enqueue(new SendEmail.Command(fulfillment.BuyerId, $"Reminder: pickup tomorrow for lot {lot.Number}", notice), reminderAt);
            }

            return Unit.Value;
        }
    }
}

using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Fulfillment;

/// <summary>The district can make none of the proposed windows: they are declined and the buyer is asked, with a note, for others.</summary>
public static class AskForOtherPickupWindows
{
    public const int MaxNoteLength = 500;

    [AllowedRoles(Roles.DistrictInventory, Roles.DistrictApprover)]
    public sealed record Command(Guid LotId, string? Note) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).MaximumLength(MaxNoteLength).WithMessage($"The note: at most {MaxNoteLength} characters.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var fulfillment = await db.LoadDistrictFulfillmentAsync(command.LotId, user, cancellationToken);
            var declined = fulfillment.AskForOtherWindows(command.Note, clock.Now);
            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == fulfillment.LotId).Select(l => new { l.Number }).SingleAsync(cancellationToken);
            outbox.Email(fulfillment.BuyerId, $"Other pickup windows needed for lot {lot.Number}",
                (declined.Count == 0 ? "" : $"The district cannot make {(declined.Count == 1 ? "the window" : "the windows")} you proposed for lot {lot.Number}:\n" +
                    string.Concat(declined.Select(w => $"  • {w.Describe()}\n"))) +
                (fulfillment.OtherWindowsRequest is { } note ? $"The district writes: {note}\n" : "") +
                (fulfillment.IsPickupScheduled ? $"The pickup stays booked for {fulfillment.PickupDate:MMMM d}, {fulfillment.PickupWindow}, until another window is confirmed.\n" : "") +
                $"Please propose other windows before the removal deadline, {fulfillment.RemovalDueOn:MMMM d, yyyy}.\n{configuration.PageUrl($"/purchases/{fulfillment.LotId}")}",
                Roles.RefurbisherBuyer, Roles.RefurbisherTechnician);
            return Unit.Value;
        }
    }
}

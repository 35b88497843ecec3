using System.Text;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// The refurbisher records a shipment of one of its orders: the carrier and tracking number, and how many units of which
/// lines (with their serials) are in it. Both sides are told what shipped and how to track it.
/// </summary>
public static class RecordShipment
{
    /// <param name="Serials">One per line; required for serialized units, optional otherwise.</param>
    public sealed record Line(Guid OrderLineId, int Quantity, string? Serials);

    [AllowedRoles(Roles.RefurbisherBuyer)]
    public sealed record Command(Guid OrderId, Carrier Carrier, string? CarrierName, string TrackingNumber, IReadOnlyList<Line> Lines, string? IdempotencyKey = null)
        : ICommand<Guid>, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Carrier).IsInEnum().WithMessage("Choose the carrier.");
            RuleFor(c => c.CarrierName).NotEmpty().When(c => c.Carrier == Carrier.Other).WithMessage("Name the carrier.")
                .MaximumLength(Shipment.MaxCarrierNameLength).WithMessage($"A carrier's name has at most {Shipment.MaxCarrierNameLength} characters.");
            RuleFor(c => c.TrackingNumber).Custom((number, context) =>
            {
                if (Shipment.TrackingNumberProblem(number) is { } problem)
                {
                    context.AddFailure(problem);
                }
            });
            RuleForEach(c => c.Lines).Must(l => l.Quantity >= 0).WithMessage("A quantity shipped cannot be negative.");
            RuleFor(c => c.Lines).Must(lines => lines.Any(l => l.Quantity > 0)).WithMessage("Choose what ships: a quantity for at least one line.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var order = await db.OrdersSoldBy(user).Include(o => o.Lines).Include(o => o.Shipments).ThenInclude(s => s.Lines)
                            .SingleOrDefaultAsync(o => o.Id == command.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            var items = command.Lines.Select(l => new ShipmentItem(l.OrderLineId, l.Quantity, ShipmentLine.SplitSerials(l.Serials))).ToList();
            var listingIds = order.Lines.Select(l => l.ListingId).Distinct().ToList();
            // Units stocked from bought lots ship by serial: the serials are required, and each becomes sold to this order.
            var serialized = (await db.Listings.Where(l => listingIds.Contains(l.Id) && l.IsSerialized).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();
            var shipment = order.Ship(command.Carrier, command.CarrierName, command.TrackingNumber, items, serialized,
                user.UserId, clock.Now);
            foreach (var line in shipment.Lines)
            {
                var listingId = order.Lines.Single(l => l.Id == line.OrderLineId).ListingId;
                if (serialized.Contains(listingId))
                {
                    await db.MarkSerialsSoldAsync(listingId, line.SerialList, order.Id, clock.Now, cancellationToken);
                }
            }

            var (subject, body) = ShipmentNotice.Shipped(order, shipment);
            outbox.Email(order.BuyerId, subject, body, Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover);
            outbox.Email(order.SellerId, subject, body, Roles.RefurbisherBuyer);
            return shipment.Id;
        }
    }
}

/// <summary>The shipping and delivery e-mails: the same facts for the school and the refurbisher.</summary>
internal static class ShipmentNotice
{
    public static (string Subject, string Body) Shipped(Order order, Shipment shipment)
    {
        var body = new StringBuilder();
        body.Append($"Shipment {shipment.Sequence} of order {order.Number}{(order.PurchaseOrderNumber is { } po ? $" (purchase order {po})" : "")} ")
            .Append($"left on {shipment.ShippedAt:MMMM d, yyyy} by {shipment.CarrierWords}, tracking number {shipment.TrackingNumber}.");
        if (shipment.TrackingUrl is { } track)
        {
            body.Append($"\nTrack it: {track}");
        }

        body.Append("\n\nIn this shipment:\n").Append(Items(order, shipment));
        var value = shipment.Lines.Sum(l => Line(order, l).UnitPrice * l.Quantity);
        body.Append($"\n\n{shipment.Devices} device(s) worth {value:C} of the order's {order.Total:C}.");
        body.Append(order.ShippedAt is null
            ? $" {order.Lines.Sum(order.QuantityToShip)} device(s) of the order are still to ship."
            : " Every device of the order has now shipped.");
        body.Append($"\n\nShip to:\n{order.ShipTo}");
        var subject = order.ShippedAt is not null && shipment.Sequence == 1 ? $"Order {order.Number} shipped" : $"Order {order.Number}: shipment {shipment.Sequence} shipped";
        return (subject, body.ToString());
    }

    public static (string Subject, string Body) Delivered(Order order, Shipment shipment)
    {
        var body = new StringBuilder();
        body.Append($"Shipment {shipment.Sequence} of order {order.Number} ({shipment.CarrierWords} {shipment.TrackingNumber}) was delivered on {shipment.DeliveredAt:MMMM d, yyyy}")
            .Append(shipment.DeliveryConfirmedBy == DeliveryConfirmation.Buyer ? ", as the school confirmed." : ", as the seller recorded.");
        body.Append("\n\nDelivered:\n").Append(Items(order, shipment));
        if (order.DeliveredAt is { } all)
        {
            body.Append($"\n\nEvery device of order {order.Number} ({order.Lines.Sum(l => l.Quantity)} device(s), {order.Total:C}) has now been delivered. ")
                .Append($"Returns are accepted until {all.AddDays(Listing.ReturnWindowDays):MMMM d, yyyy} ({Listing.ReturnWindowDays} days); ")
                .Append("warranty claims for the months stated on each line, from delivery.");
        }

        var subject = order.DeliveredAt is not null ? $"Order {order.Number} delivered" : $"Order {order.Number}: shipment {shipment.Sequence} delivered";
        return (subject, body.ToString());
    }

    public static void SendDelivered(Outbox outbox, Order order, Shipment shipment)
    {
        var (subject, body) = Delivered(order, shipment);
        outbox.Email(order.BuyerId, subject, body, Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover);
        outbox.Email(order.SellerId, subject, body, Roles.RefurbisherBuyer);
    }

    private static OrderLine Line(Order order, ShipmentLine line) => order.Lines.Single(l => l.Id == line.OrderLineId);

    private static string Items(Order order, Shipment shipment) =>
        string.Join("\n", shipment.Lines.Select(l =>
        {
            var line = Line(order, l);
            var serials = l.SerialList;
            return $"  {l.Quantity} × {line.Title} at {line.UnitPrice:C} = {line.UnitPrice * l.Quantity:C}" + (serials.Count > 0 ? $"\n    Serials: {string.Join(", ", serials)}" : "");
        }));
}

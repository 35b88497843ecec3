using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// The school asks to return delivered units (within 30 days) or claims warranty on a unit that failed (within the line's
/// warranty months). The seller has 3 business days to answer; both sides are told.
/// </summary>
public static class RequestReturn
{
    /// <param name="Serials">The units' serials, one per line; required for a warranty claim on units shipped with serials.</param>
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Command(Guid OrderId, Guid OrderLineId, ReturnKind Kind, int Quantity, string? Serials, ReturnReason Reason, string? Details,
        string? IdempotencyKey = null) : ICommand<Guid>, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose a return or a warranty claim.");
            RuleFor(c => c.Reason).IsInEnum().WithMessage("Choose the reason.");
            RuleFor(c => c.Quantity).GreaterThanOrEqualTo(0).WithMessage("The quantity cannot be negative.");
            RuleFor(c => c.Details).MaximumLength(ReturnRequest.MaxDetailsLength)
                .WithMessage($"The description has at most {ReturnRequest.MaxDetailsLength:N0} characters.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var order = await db.OrdersPlacedBy(user).Include(o => o.Lines).Include(o => o.Shipments).ThenInclude(s => s.Lines).AsSplitQuery()
                            .SingleOrDefaultAsync(o => o.Id == command.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            var line = order.Lines.SingleOrDefault(l => l.Id == command.OrderLineId) ?? throw new DomainException($"Order {order.Number} has no such line.");
            var earlier = await db.ReturnRequests.Where(r => r.OrderLineId == line.Id).ToListAsync(cancellationToken);
            var request = ReturnRequest.Open(order, line, command.Kind, command.Quantity, ShipmentLine.SplitSerials(command.Serials), command.Reason, command.Details,
                earlier, user.UserId, clock.Now);
            db.ReturnRequests.Add(request);

            var body = $"{user.Name} asked for a {request.KindWords.ToLowerInvariant()} ({request.Number}) on order {order.Number}:\n" +
                       $"  {request.Quantity} × {line.Title} at {line.UnitPrice:C} = {request.MaxRefund:C}" +
                       (request.SerialList.Count > 0 ? $"\n  Serials: {string.Join(", ", request.SerialList)}" : "") +
                       $"\nReason: {request.Reason.Words()}{(request.Details is { } d ? $" — {d}" : "")}\n\n" +
                       $"The seller answers by {request.SellerAnswerDue:MMMM d, yyyy} ({ReturnRequest.SellerAnswerBusinessDays} business days); after that the marketplace decides.";
            outbox.Email(order.SellerId, $"{request.KindWords} {request.Number} on order {order.Number}: answer by {request.SellerAnswerDue:MMM d}", body, Roles.RefurbisherBuyer);
            outbox.Email(order.BuyerId, $"{request.KindWords} {request.Number} requested on order {order.Number}", body,
                Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover);
            return request.Id;
        }
    }
}

using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Payments;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// An order waiting for a card payment is paid by purchase order instead (net terms): the open card
/// checkout is closed first, so the buyer cannot pay twice.
/// </summary>
public static class PayOrderByPurchaseOrder
{
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Command(Guid OrderId, string PurchaseOrderNumber, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.PurchaseOrderNumber).NotEmpty().WithMessage("Enter your purchase order number.")
                .MaximumLength(64).WithMessage("A purchase order number has at most 64 characters.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IPaymentProvider payments, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var (order, invoice) = await db.LoadWithInvoiceAsync(user, command.OrderId, withLines: false, cancellationToken);
            await db.RequireTradeAsync(user, clock, "pay", cancellationToken);
            order.PayByPurchaseOrder(command.PurchaseOrderNumber);
            if (invoice is null)
            {
                throw new DomainException($"Order {order.Number} has no invoice yet.");
            }

            await payments.CloseCardCheckoutAsync(order, invoice, "; no purchase order is needed.", cancellationToken);

            invoice.PayByPurchaseOrder(command.PurchaseOrderNumber);
            return Unit.Value;
        }
    }
}

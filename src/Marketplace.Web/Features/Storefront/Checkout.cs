using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;
using Marketplace.Web.Infrastructure.Inbox;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// Turns the cart into one order (and one invoice) per refurbisher, reserving stock. Payment follows:
/// a purchase order number now, or a card through Stripe Checkout.
/// </summary>
public static class Checkout
{
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Command(PaymentMethod Method, string? PurchaseOrderNumber, string ShipTo, string? IdempotencyKey = null) : ICommand<Result>, IIdempotentCommand;

    public sealed record Result(IReadOnlyList<Guid> OrderIds, IReadOnlyList<Guid> InvoiceIds);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Method).Must(m => m is PaymentMethod.PurchaseOrder or PaymentMethod.Card).WithMessage("Pay by purchase order or card.");
            RuleFor(c => c.PurchaseOrderNumber).NotEmpty().When(c => c.Method == PaymentMethod.PurchaseOrder)
                .WithMessage("Enter your purchase order number.").MaximumLength(64);
            RuleFor(c => c.ShipTo).NotEmpty().WithMessage("Enter the shipping address.").MaximumLength(400);
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var buyerId = user.RequireOrganization();
            var items = await db.CartItems.Where(c => c.UserId == user.UserId).ToListAsync(cancellationToken);
            if (items.Count == 0)
            {
                throw new DomainException("Your cart is empty.");
            }

            var listingIds = items.Select(i => i.ListingId).ToList();
            var listings = await db.Listings.Where(l => listingIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
            var fees = await db.FeeSchedules.SingleAsync(cancellationToken);
            var now = clock.Now;
            var orders = new List<Guid>();
            var invoices = new List<Guid>();
            foreach (var group in items.GroupBy(i => listings[i.ListingId].SellerId))
            {
                var order = new Order
                {
                    Number = ReferenceNumber.New("ORD"),
                    BuyerId = buyerId,
                    PlacedByUserId = user.UserId,
                    SellerId = group.Key,
                    PaymentMethod = command.Method,
                    PurchaseOrderNumber = command.PurchaseOrderNumber?.Trim(),
                    ShipTo = command.ShipTo.Trim(),
                    Shipping = fees.StorefrontFlatShipping,
                    PlacedAt = now,
                };
                foreach (var item in group)
                {
                    order.AddLine(listings[item.ListingId], item.Quantity);
                }

                var invoice = new Invoice
                {
                    Number = ReferenceNumber.New("INV"),
                    PayerId = buyerId,
                    OrderId = order.Id,
                    Description = $"Order {order.Number}: {order.Lines.Sum(l => l.Quantity)} refurbished devices + shipping",
                    Amount = order.Total,
                    Method = command.Method,
                    PurchaseOrderNumber = order.PurchaseOrderNumber,
                    IssuedAt = now,
                    DueOn = clock.Today.AddDays(Invoice.DefaultNetTermsDays),
                };
                db.Orders.Add(order);
                db.Invoices.Add(invoice);
                db.LedgerTransactions.Add(LedgerPostings.StorefrontSale(order, fees.StorefrontCommissionRate, now));
                outbox.Email(order.SellerId, $"New order {order.Number}", $"A school ordered {order.Lines.Sum(l => l.Quantity)} devices ({order.Total:C}). Payment: {command.Method}.");
                orders.Add(order.Id);
                invoices.Add(invoice.Id);
            }

            db.CartItems.RemoveRange(items);
            return new Result(orders, invoices);
        }
    }
}

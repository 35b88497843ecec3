using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Jobs;
using Marketplace.Web.Infrastructure.Inbox;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// Turns the cart into one order (and one invoice) per refurbisher, reserving stock. Payment: a purchase
/// order number now, or a card through Stripe Checkout, whose session is opened inside this command's
/// transaction: if Stripe refuses, no order, invoice, reservation or ledger posting is left behind.
/// </summary>
public static class Checkout
{
    [AllowedRoles(Roles.StorefrontBuyers)]
    /// <param name="ShipToSiteId">One of the buyer organization's ship-to sites in use; each order keeps a copy of its address.</param>
    /// <param name="OrdersUrl">The buyer's orders page; a card checkout returns to the order's page below it.</param>
    public sealed record Command(PaymentMethod Method, string? PurchaseOrderNumber, Guid? ShipToSiteId, Uri? OrdersUrl = null, string? IdempotencyKey = null)
        : ICommand<Result>, IIdempotentCommand;

    /// <param name="CardCheckoutUrl">Where to send the buyer to pay by card; null for a purchase order or an order held for approval.</param>
    /// <param name="HeldForApproval">How many of the orders wait for the school's approver (above its approval limit).</param>
    public sealed record Result(IReadOnlyList<Guid> OrderIds, IReadOnlyList<Guid> InvoiceIds, string? CardCheckoutUrl = null, int HeldForApproval = 0);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IPaymentProvider payments)
        {
            RuleFor(c => c.Method).Must(m => m is PaymentMethod.PurchaseOrder or PaymentMethod.Card).WithMessage("Choose how to pay: purchase order or card.");
            RuleFor(c => c.Method).Must(_ => payments.AcceptsCards).When(c => c.Method == PaymentMethod.Card)
                .WithMessage("Card payments are not available on this marketplace; pay by purchase order.");
            RuleFor(c => c.PurchaseOrderNumber).NotEmpty().When(c => c.Method == PaymentMethod.PurchaseOrder)
                .WithMessage("Enter your purchase order number.").MaximumLength(64);
            RuleFor(c => c.ShipToSiteId).NotNull().WithMessage("Ship to: choose one of your school sites.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IPaymentProvider payments,
        Microsoft.Extensions.Options.IOptions<PaymentTermsOptions> paymentTerms) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var buyerId = user.RequireOrganization();
            var items = await db.CartItems.Where(c => c.UserId == user.UserId).ToListAsync(cancellationToken);
            if (items.Count == 0)
            {
                throw new DomainException("Your cart is empty.");
            }

            await db.RequireTradeAsync(user, clock, "check out", cancellationToken);

            var listingIds = items.Select(i => i.ListingId).ToList();
            var listings = await db.Listings.Where(l => listingIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
            if (command.Method == PaymentMethod.Card && listings.Values.Select(l => l.SellerId).Distinct().Count() > 1)
            {
                throw new DomainException("A card payment pays one refurbisher's order at a time. Pay by purchase order, or check out each refurbisher's items separately.");
            }

            var site = await db.ShippingSitesOf(user).AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.ShipToSiteId, cancellationToken)
                       ?? throw new DomainException("Ship to: choose one of your organization's sites.");
            if (!site.IsActive)
            {
                throw new DomainException($"Ship to: {site.Name} was retired; choose a site in use.");
            }

            var fees = await db.CurrentFeeScheduleAsync(cancellationToken);
            var exemption = await SalesTaxes.ExemptionOfAsync(db, buyerId, clock.Today, cancellationToken);
            var taxRate = exemption is null ? await SalesTaxes.RateInForceAsync(db, site.State, clock.Today, cancellationToken) : null;
            var buyer = await db.Organizations.SingleAsync(o => o.Id == buyerId, cancellationToken);
            var approver = user.IsInRole(Roles.SchoolApprover);
            var held = 0;
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
                    ShipTo = site.Label,
                    ShipToSiteId = site.Id,
                    ShipToState = site.State,
                    Shipping = fees.StorefrontFlatShipping,
                    PlacedAt = now,
                };
                foreach (var item in group)
                {
                    order.AddLine(listings[item.ListingId], item.Quantity);
                }

                order.ApplyFees(fees);
                order.ApplySalesTax(exemption, taxRate);
                db.Orders.Add(order);
                orders.Add(order.Id);
                if (!approver && buyer.OrderNeedsApproval(order.Total))
                {
                    order.HoldForApproval();
                    held++;
                    outbox.Email(buyerId, $"Order {order.Number} needs your approval",
                        $"{user.Name} placed order {order.Number} for {order.Total:C}, above your school's approval limit of {buyer.OrderApprovalLimit:C}. " +
                        "Approve or turn it down from the school's orders page; the devices stay reserved until then.", Roles.SchoolApprover);
                    continue;
                }

                if (command.Method == PaymentMethod.Card && order.Total > paymentTerms.Value.WireThreshold)
                {
                    throw new DomainException($"Order total {order.Total:C} is above {paymentTerms.Value.WireThreshold:C0}: pay it by purchase order and ACH or wire, not by card.");
                }

                var invoice = OrderInvoicing.Issue(db, outbox, order, fees, clock, buyer.NetTermsDays);
                invoices.Add(invoice.Id);
                if (command.Method == PaymentMethod.Card)
                {
                    var ordersPage = command.OrdersUrl ?? throw new InvalidOperationException("A card checkout needs the orders page to return to.");
                    var back = new Uri(ordersPage, order.Id.ToString());
                    var checkout = await payments.StartCardCheckoutAsync(invoice, back, back, cancellationToken);
                    invoice.CheckoutSessionId = checkout.SessionId;
                    db.CartItems.RemoveRange(items);
                    return new Result(orders, invoices, checkout.RedirectUrl);
                }
            }

            db.CartItems.RemoveRange(items);
            return new Result(orders, invoices, HeldForApproval: held);
        }
    }
}

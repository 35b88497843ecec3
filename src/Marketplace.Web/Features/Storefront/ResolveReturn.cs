using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// An approved return ends: a refund (full or partial, bounded by what was paid for the units), a replacement (the same
/// listing's stock, taken under its version token, so the last unit is never promised twice) or, for a warranty claim, a repair.
/// A card payment is refunded through Stripe, whose refund event posts the ledger; an unpaid purchase order's invoice is
/// credited here and a paid one owes the money back through finance. Either way the refund gives back its share of the
/// sales tax and takes the seller's share back from what it is owed.
/// </summary>
public static class ResolveReturn
{
    /// <param name="RefundAmount">Required for a refund.</param>
    [AllowedRoles(Roles.RefurbisherBuyer, Roles.Admin)]
    public sealed record Command(Guid ReturnId, ReturnOutcome Outcome, decimal? RefundAmount, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Outcome).IsInEnum().WithMessage("Choose a refund, a replacement or a repair.");
            RuleFor(c => c.RefundAmount).NotNull().GreaterThan(0).When(c => c.Outcome == ReturnOutcome.Refund).WithMessage("Enter the amount to refund.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IPaymentProvider payments, StripeEvents refunds) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var platform = user.IsInRole(Roles.Admin);
            var requests = platform ? db.ReturnRequests.Where(r => r.DecidedByPlatform) : db.ReturnRequests.Where(r => r.SellerId == user.RequireOrganization());
            var request = await requests.SingleOrDefaultAsync(r => r.Id == command.ReturnId, cancellationToken) ?? throw new NotFoundException("Return");
            var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == request.OrderId, cancellationToken);
            var line = order.Lines.Single(l => l.Id == request.OrderLineId);
            var now = clock.Now;
            string outcome;
            switch (command.Outcome)
            {
                case ReturnOutcome.Refund:
                    var amount = command.RefundAmount.GetValueOrDefault();
                    request.ResolveWithRefund(amount, now);
                    outcome = await RefundAsync(order, request, amount, cancellationToken);
                    break;
                case ReturnOutcome.Replacement:
                    request.ResolveWithReplacement(now);
                    var listing = await db.Listings.SingleAsync(l => l.Id == request.ListingId, cancellationToken);
                    listing.Reserve(request.Quantity);
                    outcome = $"The seller sends {request.Quantity} replacement {line.Title} from its stock; its tracking follows.";
                    break;
                default:
                    request.ResolveWithRepair(now);
                    outcome = $"The seller repairs the unit{(request.Quantity == 1 ? "" : "s")} under warranty and sends {(request.Quantity == 1 ? "it" : "them")} back.";
                    break;
            }

            var subject = $"{request.KindWords} {request.Number} resolved: {command.Outcome.Words().ToLowerInvariant()}";
            var body = $"{request.KindWords} {request.Number} on order {order.Number} ({request.Quantity} × {line.Title}) is resolved. {outcome}";
            outbox.Email(request.BuyerId, subject, body, Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover);
            outbox.Email(request.SellerId, subject, body, Roles.RefurbisherBuyer);
            return Unit.Value;
        }

        private async Task<string> RefundAsync(Order order, ReturnRequest request, decimal amount, CancellationToken cancellationToken)
        {
            var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.OrderId == order.Id, cancellationToken)
                          ?? throw new DomainException($"Order {order.Number} has no invoice to refund.");
            if (invoice.Method == PaymentMethod.Card && invoice.Status == InvoiceStatus.Paid)
            {
                // Keyed by the return, so a retried command never refunds twice; charge.refunded posts the ledger once per refund id.
                var chargeId = invoice.StripeChargeId ?? throw new DomainException($"Invoice {invoice.Number} has no card charge on record to refund.");
                var refundId = await payments.RefundAsync(chargeId, new Money(amount, invoice.Currency), $"rma-refund-{request.Id}",
                    new Dictionary<string, string> { ["invoice"] = invoice.Number, ["return"] = request.Number }, cancellationToken);
                return $"{amount:C} is refunded to the card that paid invoice {invoice.Number} (Stripe refund {refundId}).";
            }

            if (invoice.Status == InvoiceStatus.Void)
            {
                throw new DomainException($"Invoice {invoice.Number} is void: nothing was paid to refund.");
            }

            // An open invoice is credited (less to pay); a paid one owes the money back through finance. Either way the seller's
            // share comes off what it is owed (or is taken back from a transfer already sent), as for a card refund.
            var description = $"{request.KindWords} {request.Number} credited on invoice {invoice.Number}";
            var owed = await refunds.CreditDecidedRefundAsync(invoice, $"rma-credit:{request.Id}", description, amount, $"reversal-rma-{request.Id}", cancellationToken);
            return owed is not null
                ? $"Invoice {invoice.Number} was already paid, so {amount:C} is owed back to you (refund {owed.Number}); the marketplace's finance team sends it by ACH or check."
                : $"{amount:C} is credited on invoice {invoice.Number}: {invoice.AmountDue:C} is left to pay.";
        }
    }
}

using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Payments;
using Marketplace.Web.Features.Settlement;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Disputes;

/// <summary>
/// A platform admin decides a buyer's dispute: no refund, a partial or a full refund of what was paid. A card payment is
/// refunded through Stripe (idempotency key from the dispute's id; a transfer already sent to the seller is reversed by
/// its share); an unpaid purchase-order invoice is credited, and a paid one (purchase order, ACH, check) owes the money back
/// through finance's refunds-owed queue. The ledger posts the refund balanced: the seller's share off its payable, the
/// platform's share off its revenue. A lot payout held for the dispute is queued for release again.
/// </summary>
public static class ResolveDispute
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid DisputeId, DisputeOutcome Outcome, decimal? Amount, string Note) : ICommand<DisputeOutcome>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Outcome).IsInEnum().WithMessage("Choose the outcome: no refund, a partial or a full refund.");
            RuleFor(c => c.Amount).NotNull().WithMessage("Enter the amount of the partial refund, in dollars.")
                .GreaterThan(0).WithMessage("A partial refund is more than $0.")
                .PrecisionScale(18, 2, true).WithMessage("Enter the refund in dollars and cents.")
                .When(c => c.Outcome == DisputeOutcome.PartialRefund);
            RuleFor(c => c.Note).NotEmpty().WithMessage("Explain the decision: both organizations read it.")
                .MaximumLength(BuyerDispute.MaxNoteLength).WithMessage($"Keep the note under {BuyerDispute.MaxNoteLength} characters.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IPaymentProvider payments, StripeEvents refunds)
        : ICommandHandler<Command, DisputeOutcome>
    {
        public async ValueTask<DisputeOutcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var dispute = await db.BuyerDisputes.SingleOrDefaultAsync(d => d.Id == command.DisputeId, cancellationToken) ?? throw new NotFoundException("Dispute");
            var invoice = await db.Invoices.SingleAsync(i => i.Id == dispute.InvoiceId, cancellationToken);
            var reference = await ReferenceAsync(dispute, cancellationToken);
            var now = clock.Now;
            var amount = dispute.Resolve(command.Outcome, command.Amount, invoice.Amount - invoice.RefundedAmount, command.Note, user.Name, now);

            BuyerRefund? owed = null;
            if (amount > 0)
            {
                var description = $"Dispute {dispute.Number} on {reference} resolved: {command.Outcome.InSentence()} on invoice {invoice.Number}";
                if (invoice.Method == PaymentMethod.Card && invoice.StripeChargeId is { } chargeId)
                {
                    var refundId = await payments.RefundAsync(chargeId, new Money(amount, invoice.Currency), dispute.RefundIdempotencyKey,
                        new Dictionary<string, string> { ["dispute_id"] = dispute.Id.ToString(), ["dispute_number"] = dispute.Number, ["invoice_id"] = invoice.Id.ToString() },
                        cancellationToken);
                    dispute.RecordStripeRefund(refundId);
                    // The reversal's key is the one the refund's webhook would use: if charge.refunded is applied before this
                    // commits, Stripe answers both with the same reversal, and the refund posting's key lets one of them in.
                    await refunds.ReturnDecidedRefundAsync(invoice, dispute.RefundPostingKey, description, amount, LedgerAccount.StripeClearing,
                        $"reversal-{refundId}", cancellationToken);
                }
                else
                {
                    // An open purchase-order invoice is credited (less to pay); a paid one owes the money back through finance.
                    owed = await refunds.CreditDecidedRefundAsync(invoice, dispute.RefundPostingKey, description, amount, $"reversal-{dispute.RefundIdempotencyKey}",
                        cancellationToken);
                }
            }

            var how = amount == 0 ? ""
                : dispute.StripeRefundId is { } refund ? $" It is refunded to the card used (Stripe refund {refund})."
                : owed is not null ? $" Invoice {invoice.Number} was already paid, so {amount:C} is owed back to you (refund {owed.Number}); the marketplace's finance team sends it by ACH or check."
                : $" It is credited on invoice {invoice.Number}: {invoice.AmountDue:C} is left to pay.";
            var buyerRoles = dispute.OrderId is null ? new[] { Roles.RefurbisherBuyer } : [Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover];
            outbox.Email(dispute.BuyerId, $"Dispute {dispute.Number} on {reference}: {dispute.OutcomeWords}",
                $"The platform decided your dispute of {reference}: {dispute.OutcomeWords}.{how}\nThe admin's note: \"{dispute.ResolutionNote}\"",
                buyerRoles);
            outbox.Email(dispute.SellerId, $"Dispute {dispute.Number} on {reference}: {dispute.OutcomeWords}",
                $"The platform decided the buyer's dispute of {reference}: {dispute.OutcomeWords}." +
                (amount > 0 ? " Your share of the refund comes off what you are owed for the sale (or is taken back from a transfer already sent)." : "") +
                $"\nThe admin's note: \"{dispute.ResolutionNote}\"");
            if (owed is not null)
            {
                outbox.Email(await db.PlatformOrganizationIdAsync(cancellationToken), $"Refund {owed.Number} of {amount:C} owed to the buyer ({dispute.Number})",
                    $"Dispute {dispute.Number} on {reference} was resolved with a refund of {amount:C}. The buyer paid invoice {invoice.Number} by {invoice.Method.InSentence()}: " +
                    "send the refund and record it in the finance workspace's refunds owed to buyers.",
                    Roles.Finance);
            }

            // The seller's payout waited for the decision: release it now (it is paid less the seller's share of any refund).
            if (dispute.LotId is { } lotId)
            {
                await db.QueueReleaseIfOnHoldAsync(outbox, lotId, cancellationToken);
            }

            return command.Outcome;
        }

        private async Task<string> ReferenceAsync(BuyerDispute dispute, CancellationToken cancellationToken) =>
            dispute.LotId is { } lotId ? "lot " + await db.Lots.Where(l => l.Id == lotId).Select(l => l.Number).SingleAsync(cancellationToken)
            : dispute.OrderId is { } orderId ? "order " + await db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync(cancellationToken)
            : $"invoice {dispute.InvoiceId}";
    }
}

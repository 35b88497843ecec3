using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Finance;

/// <summary>
/// Finance sent a refund owed to a buyer (ACH trace, check number or wire reference): buyer credits are paid from cash,
/// balanced, and the buyer is told.
/// </summary>
public static class RecordBuyerRefundSent
{
    [AllowedRoles(Roles.Finance)]
    public sealed record Command(Guid RefundId, PaymentMethod Method, string Reference, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Method).Must(m => m is PaymentMethod.Ach or PaymentMethod.Check or PaymentMethod.Wire)
                .WithMessage("Choose how the refund was sent: ACH, check or wire.");
            RuleFor(c => c.Reference).NotEmpty().WithMessage("Enter the ACH trace, check number or wire reference of the refund sent.")
                .MaximumLength(BuyerRefund.MaxReferenceLength).WithMessage($"Keep the reference under {BuyerRefund.MaxReferenceLength} characters.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var refund = await db.BuyerRefunds.SingleOrDefaultAsync(r => r.Id == command.RefundId, cancellationToken) ?? throw new NotFoundException("Refund");
            var now = clock.Now;
            refund.RecordSent(command.Method, command.Reference, user.Name, now);
            var invoiceNumber = await db.Invoices.Where(i => i.Id == refund.InvoiceId).Select(i => i.Number).SingleAsync(cancellationToken);
            var districtId = refund.LotId is { } lotId ? await db.Lots.Where(l => l.Id == lotId).Select(l => (Guid?)l.DistrictId).SingleAsync(cancellationToken) : null;
            db.LedgerTransactions.Add(LedgerPostings.BuyerRefundSent(refund, invoiceNumber, now, districtId));
            outbox.Email(refund.PayerId, $"Refund {refund.Number} of {refund.Amount:C} sent",
                $"The {refund.Amount:C} owed back to you on invoice {invoiceNumber} ({refund.Reason}) was sent by {refund.SentBy?.Words()} (reference {refund.SentReference}).");
            return Unit.Value;
        }
    }
}

using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Infrastructure.Inbox;

namespace Marketplace.Web.Features.Payments;

/// <summary>
/// Finance records money received (PO paid, ACH, wire or check) with its reference and, from the bank statement, the amount
/// and the day it arrived; the payment posts to cash (not Stripe clearing) in the ledger.
/// </summary>
public static class MarkInvoicePaid
{
    [AllowedRoles(Roles.Finance)]
    public sealed record Command(Guid InvoiceId, PaymentMethod Method, string Reference, string? IdempotencyKey = null, decimal? Amount = null, DateOnly? ReceivedOn = null)
        : ICommand, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("Enter the payment reference (check number, ACH trace or wire reference).").MaximumLength(128);
            RuleFor(c => c.Method).IsInEnum().NotEqual(PaymentMethod.Card).WithMessage("Card payments are recorded by Stripe, not by hand.");
            RuleFor(c => c.Amount).GreaterThan(0).WithMessage("Enter the amount received, more than zero.");
            RuleFor(c => c.ReceivedOn).NotNull().When(c => c.Amount is not null).WithMessage("Enter the date the money arrived in the bank.");
            RuleFor(c => c.Amount).NotNull().When(c => c.ReceivedOn is not null).WithMessage("Enter the amount received.");
        }
    }

    public sealed class Handler(MarketplaceDb db, InvoiceSettlement settlement) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == command.InvoiceId, cancellationToken) ?? throw new NotFoundException("Invoice");
            var receipt = command is { Amount: { } amount, ReceivedOn: { } receivedOn } ? new BankReceipt(amount, receivedOn) : null;
            await settlement.SettleAsync(invoice, command.Method, command.Reference, cancellationToken, receipt);
            return Unit.Value;
        }
    }
}

using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Payments;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Infrastructure.Inbox;

namespace Marketplace.Web.Features.Payments;

/// <summary>Starts a Stripe Checkout Session for an open invoice and returns where to send the buyer.</summary>
public static class StartCardPayment
{
    [AllowedRoles(Roles.RefurbisherBuyer, Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover)]
    public sealed record Command(Guid InvoiceId, Uri SuccessUrl, Uri CancelUrl, string? IdempotencyKey = null) : ICommand<string>, IIdempotentCommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IPaymentProvider payments, IClock clock, Microsoft.Extensions.Options.IOptions<PaymentTermsOptions> terms)
        : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var invoice = await db.InvoicesPayableBy(user).SingleOrDefaultAsync(i => i.Id == command.InvoiceId, cancellationToken) ?? throw new NotFoundException("Invoice");
            await db.RequireTradeAsync(user, clock, "pay", cancellationToken);
            if (invoice.Status != InvoiceStatus.Open)
            {
                throw new DomainException($"Invoice {invoice.Number} is already {invoice.Status.ToString().ToLowerInvariant()}.");
            }

            if (invoice.RequiresBankTransfer(terms.Value.WireThreshold))
            {
                throw new DomainException($"Invoice {invoice.Number} ({invoice.Amount:C}) is above {terms.Value.WireThreshold:C0}: pay it by ACH or wire to the details on the invoice, not by card.");
            }

            var checkout = await payments.StartCardCheckoutAsync(invoice, command.SuccessUrl, command.CancelUrl, cancellationToken);
            invoice.Method = PaymentMethod.Card;
            invoice.CheckoutSessionId = checkout.SessionId;
            return checkout.RedirectUrl;
        }
    }
}

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

/// <summary>Stripe reported a completed Checkout Session (webhook, verified by signature). Safe to receive twice.</summary>
public static class RecordCardPayment
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(string CheckoutSessionId, string PaymentReference, string? IdempotencyKey = null) : ICommand<bool>, IIdempotentCommand;

    public sealed class Handler(MarketplaceDb db, InvoiceSettlement settlement, ILogger<Handler> logger) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.CheckoutSessionId == command.CheckoutSessionId, cancellationToken);
            if (invoice is null)
            {
                logger.LogWarning("Stripe session {SessionId} matches no invoice", command.CheckoutSessionId);
                return false;
            }

            if (invoice.Status == InvoiceStatus.Paid)
            {
                return true;
            }

            await settlement.SettleAsync(invoice, PaymentMethod.Card, command.PaymentReference, cancellationToken);
            return true;
        }
    }
}

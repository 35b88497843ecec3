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

namespace Marketplace.Web.Features.Payments;

/// <summary>The buyer commits to pay an open invoice by purchase order (net terms); finance records the money when it arrives.</summary>
public static class PayByPurchaseOrder
{
    [AllowedRoles(Roles.RefurbisherStaff, Roles.SchoolBuyer, Roles.DistrictStaff)]
    public sealed record Command(Guid InvoiceId, string PurchaseOrderNumber) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.PurchaseOrderNumber).NotEmpty().WithMessage("Enter your purchase order number.").MaximumLength(64);
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var invoice = await db.LoadPayerInvoiceAsync(command.InvoiceId, user, cancellationToken);
            if (invoice.Status != InvoiceStatus.Open)
            {
                throw new DomainException($"Invoice {invoice.Number} is already {invoice.Status.ToString().ToLowerInvariant()}.");
            }

            invoice.Method = PaymentMethod.PurchaseOrder;
            invoice.PurchaseOrderNumber = command.PurchaseOrderNumber.Trim();
            var platform = await db.Organizations.Where(o => o.Kind == OrganizationKind.Platform).Select(o => o.Id).FirstOrDefaultAsync(cancellationToken);
            if (platform != Guid.Empty)
            {
                outbox.Email(platform, $"Purchase order {invoice.PurchaseOrderNumber} for {invoice.Number}",
                    $"Purchase order {invoice.PurchaseOrderNumber} was recorded against invoice {invoice.Number} ({invoice.Amount:C}, due {invoice.DueOn:MMMM d, yyyy}). Mark it paid on the finance page when the money arrives.");
            }

            return Unit.Value;
        }
    }
}

/// <summary>Starts a Stripe Checkout Session for an open invoice and returns where to send the buyer.</summary>
public static class StartCardPayment
{
    [AllowedRoles(Roles.RefurbisherStaff, Roles.SchoolBuyer, Roles.DistrictStaff)]
    public sealed record Command(Guid InvoiceId, Uri SuccessUrl, Uri CancelUrl) : ICommand<string>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IPaymentProvider payments) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var invoice = await db.LoadPayerInvoiceAsync(command.InvoiceId, user, cancellationToken);
            if (invoice.Status != InvoiceStatus.Open)
            {
                throw new DomainException($"Invoice {invoice.Number} is already {invoice.Status.ToString().ToLowerInvariant()}.");
            }

            var checkout = await payments.StartCardCheckoutAsync(invoice, command.SuccessUrl, command.CancelUrl, cancellationToken);
            invoice.Method = PaymentMethod.Card;
            invoice.CheckoutSessionId = checkout.SessionId;
            return checkout.RedirectUrl;
        }
    }
}

/// <summary>Finance records money received (PO paid, ACH, wire or check).</summary>
public static class MarkInvoicePaid
{
    [AllowedRoles(Roles.Finance)]
    public sealed record Command(Guid InvoiceId, PaymentMethod Method, string Reference) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).NotEmpty().WithMessage("Enter the payment reference (check number, ACH trace or wire reference).").MaximumLength(128);
            RuleFor(c => c.Method).IsInEnum().NotEqual(PaymentMethod.Card).WithMessage("Card payments are recorded by Stripe, not by hand.");
        }
    }

    public sealed class Handler(MarketplaceDb db, InvoiceSettlement settlement) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == command.InvoiceId, cancellationToken) ?? throw new NotFoundException("Invoice");
            await settlement.SettleAsync(invoice, command.Method, command.Reference, cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Stripe reported a completed Checkout Session (webhook, verified by signature). Safe to receive twice.</summary>
public static class RecordCardPayment
{
    [AllowedRoles(Roles.System)]
    public sealed record Command(string CheckoutSessionId, string PaymentReference) : ICommand<bool>;

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

/// <summary>What happens when an invoice is paid, however the money came: ledger, lot or order, notices.</summary>
public sealed class InvoiceSettlement(MarketplaceDb db, IClock clock, Outbox outbox)
{
    public async Task SettleAsync(Invoice invoice, PaymentMethod method, string reference, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        invoice.MarkPaid(method, reference, now);
        db.LedgerTransactions.Add(LedgerPostings.Payment(invoice, now));
        if (invoice.LotId is { } lotId)
        {
            var lot = await db.Lots.SingleAsync(l => l.Id == lotId, cancellationToken);
            lot.MarkPaid(now);
            outbox.Email(lot.DistrictId, $"Lot {lot.Number} is paid: schedule the pickup",
                $"The buyer paid for lot {lot.Number} ({lot.Title}). The funds are held until the devices are received and certified as sanitized. Schedule the pickup from the lot page.");
        }

        if (invoice.OrderId is { } orderId)
        {
            var order = await db.Orders.SingleAsync(o => o.Id == orderId, cancellationToken);
            order.MarkPaid(now);
            outbox.Email(order.SellerId, $"Order {order.Number} is paid: ship it",
                $"Order {order.Number} ({order.Total:C}) is paid. Ship to: {order.ShipTo}");
        }

        outbox.Email(invoice.PayerId, $"Payment received for {invoice.Number}", $"We received {invoice.Amount:C} for invoice {invoice.Number}. Reference: {reference}.");
    }
}

public static class InvoiceLoading
{
    public static async Task<Invoice> LoadPayerInvoiceAsync(this MarketplaceDb db, Guid invoiceId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var organizationId = user.RequireOrganization();
        return await db.Invoices.SingleOrDefaultAsync(i => i.Id == invoiceId && i.PayerId == organizationId, cancellationToken)
               ?? throw new NotFoundException("Invoice");
    }
}

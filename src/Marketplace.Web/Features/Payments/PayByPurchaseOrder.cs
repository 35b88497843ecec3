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

/// <summary>The buyer commits to pay an open invoice by purchase order (net terms); finance records the money when it arrives.</summary>
public static class PayByPurchaseOrder
{
    [AllowedRoles(Roles.RefurbisherBuyer, Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover)]
    public sealed record Command(Guid InvoiceId, string PurchaseOrderNumber, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.PurchaseOrderNumber).NotEmpty().WithMessage("Enter your purchase order number.").MaximumLength(64);
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, Outbox outbox, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var invoice = await db.InvoicesPayableBy(user).SingleOrDefaultAsync(i => i.Id == command.InvoiceId, cancellationToken) ?? throw new NotFoundException("Invoice");
            await db.RequireTradeAsync(user, clock, "pay", cancellationToken);
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
                    $"Purchase order {invoice.PurchaseOrderNumber} was recorded against invoice {invoice.Number} ({invoice.Amount:C}, due {invoice.DueOn:MMMM d, yyyy}). Mark it paid on the finance page when the money arrives.", Roles.Finance);
            }

            return Unit.Value;
        }
    }
}

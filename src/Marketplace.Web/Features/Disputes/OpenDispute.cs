using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Disputes;

/// <summary>
/// The buyer of a lot or of a storefront order disputes what it received (missing, not as described, damaged), with the
/// amount it claims, within five business days of receiving it (a lot's receipt at the buyer's dock; an order's delivery).
/// The seller and the platform's admins are told; the admin resolves it.
/// </summary>
public static class OpenDispute
{
    /// <summary>Exactly one of <paramref name="LotId"/> and <paramref name="OrderId"/>: what the dispute is about.</summary>
    [AllowedRoles(Roles.RefurbisherBuyer, Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover)]
    public sealed record Command(Guid? LotId, Guid? OrderId, BuyerDisputeReason Reason, string Details, decimal? AmountClaimed) : ICommand<Guid>
    {
        public static Command ForLot(Guid lotId, BuyerDisputeReason reason, string details, decimal? amountClaimed) => new(lotId, null, reason, details, amountClaimed);

        public static Command ForOrder(Guid orderId, BuyerDisputeReason reason, string details, decimal? amountClaimed) => new(null, orderId, reason, details, amountClaimed);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c).Must(c => (c.LotId is null) != (c.OrderId is null)).WithMessage("Dispute one purchase: a lot or an order.");
            RuleFor(c => c.Reason).IsInEnum().WithMessage("Choose why you dispute the purchase.");
            RuleFor(c => c.Details).NotEmpty().WithMessage("Describe what is wrong (which devices, what you found): the admin who decides reads it.")
                .MaximumLength(BuyerDispute.MaxDetailsLength).WithMessage($"Keep the description under {BuyerDispute.MaxDetailsLength} characters.");
            RuleFor(c => c.AmountClaimed).NotNull().WithMessage("Enter the amount you claim back, in dollars.")
                .GreaterThan(0).WithMessage("The amount claimed must be more than $0.")
                .PrecisionScale(18, 2, true).WithMessage("Enter the amount claimed in dollars and cents.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var buyerId = user.RequireOrganization();
            var purchase = command.LotId is { } lotId ? await LotAsync(lotId, buyerId, cancellationToken) : await OrderAsync(command.OrderId!.Value, cancellationToken);
            var invoice = await db.Invoices.Where(i => i.PayerId == buyerId && i.Status != InvoiceStatus.Void
                                  && (command.LotId != null ? i.LotId == command.LotId : i.OrderId == command.OrderId))
                              .OrderByDescending(i => i.IssuedAt).FirstOrDefaultAsync(cancellationToken)
                          ?? throw new DomainException($"{purchase.Reference} has no invoice of yours to dispute.");
            var anotherOpen = await db.BuyerDisputes.AnyAsync(d => d.InvoiceId == invoice.Id && d.State == DisputeState.Open, cancellationToken);

            var dispute = BuyerDispute.Open(ReferenceNumber.New("DSP"), invoice, purchase.SellerId, purchase.ReceivedAt, anotherOpen, command.Reason, command.Details,
                command.AmountClaimed ?? 0, user.Name, clock.Now);
            db.BuyerDisputes.Add(dispute);

            outbox.Email(purchase.SellerId, $"{purchase.Reference}: the buyer opened dispute {dispute.Number}",
                $"The buyer of {purchase.InSentence} disputes what it received ({dispute.Reason.InSentence()}) and claims {dispute.AmountClaimed:C}:\n\"{dispute.Details}\"\n" +
                "The platform's admins decide it (no refund, a partial or a full refund) and tell both sides; a refund comes off what the sale owes you, " +
                "and your payout for it waits for the decision.",
                purchase.SellerRoles);
            outbox.Email(buyerId, $"Dispute {dispute.Number} opened for {purchase.InSentence}",
                $"We received your dispute of {purchase.InSentence} ({dispute.AmountClaimed:C} claimed). The platform's admins will decide it and tell you by e-mail.",
                Roles.RefurbisherBuyer, Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover);
            outbox.Email(await db.PlatformOrganizationIdAsync(cancellationToken), $"Dispute {dispute.Number} to decide ({purchase.InSentence})",
                $"The buyer of {purchase.InSentence} disputes it ({dispute.Reason.InSentence()}, {dispute.AmountClaimed:C} claimed). Decide it in the finance workspace's disputes queue.",
                Roles.Admin);
            return dispute.Id;
        }

        private sealed record Purchase(string Kind, string Number, Guid SellerId, DateTimeOffset? ReceivedAt, string[] SellerRoles)
        {
            public string Reference => $"{Kind} {Number}";

            public string InSentence => $"{Kind.ToLowerInvariant()} {Number}";
        }

        private async Task<Purchase> LotAsync(Guid lotId, Guid buyerId, CancellationToken cancellationToken)
        {
            var lot = await db.LotBoughtBy(user, lotId).Select(l => new { l.Id, l.Number, l.DistrictId }).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Lot");
            var receivedAt = await db.LotFulfillments.Where(f => f.LotId == lot.Id && f.BuyerId == buyerId).Select(f => f.ReceivedAt).SingleOrDefaultAsync(cancellationToken);
            return new Purchase("Lot", lot.Number, lot.DistrictId, receivedAt, [Roles.DistrictApprover]);
        }

        /// <summary>The order's delivery is its receipt: the last of its shipments delivered.</summary>
        private async Task<Purchase> OrderAsync(Guid orderId, CancellationToken cancellationToken)
        {
            var order = await db.OrdersPlacedBy(user).Where(o => o.Id == orderId).Select(o => new { o.Number, o.SellerId, o.DeliveredAt }).SingleOrDefaultAsync(cancellationToken)
                        ?? throw new NotFoundException("Order");
            return new Purchase("Order", order.Number, order.SellerId, order.DeliveredAt, [Roles.RefurbisherBuyer]);
        }
    }
}

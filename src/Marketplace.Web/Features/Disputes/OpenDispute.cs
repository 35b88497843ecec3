using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Disputes;

/// <summary>
/// The buyer of a lot disputes what it received (missing, not as described, damaged), with the amount it claims, within
/// five business days of receiving it. The seller and the platform's admins are told; the admin resolves it.
/// </summary>
public static class OpenDispute
{
    [AllowedRoles(Roles.RefurbisherBuyer, Roles.SchoolBuyer)]
    public sealed record Command(Guid LotId, BuyerDisputeReason Reason, string Details, decimal? AmountClaimed) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
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
            var lot = await db.LotsBoughtBy(user).Where(l => l.Id == command.LotId).Select(l => new { l.Id, l.Number, l.DistrictId }).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Lot");
            var buyerId = user.RequireOrganization();
            var invoice = await db.Invoices.Where(i => i.LotId == lot.Id && i.PayerId == buyerId && i.Status != InvoiceStatus.Void)
                              .OrderByDescending(i => i.IssuedAt).FirstOrDefaultAsync(cancellationToken)
                          ?? throw new DomainException($"Lot {lot.Number} has no invoice of yours to dispute.");
            var receivedAt = await db.LotFulfillments.Where(f => f.LotId == lot.Id && f.BuyerId == buyerId).Select(f => f.ReceivedAt).SingleOrDefaultAsync(cancellationToken);
            var anotherOpen = await db.BuyerDisputes.AnyAsync(d => d.InvoiceId == invoice.Id && d.State == DisputeState.Open, cancellationToken);

            var dispute = BuyerDispute.Open(ReferenceNumber.New("DSP"), invoice, lot.DistrictId, receivedAt, anotherOpen, command.Reason, command.Details,
                command.AmountClaimed ?? 0, user.Name, clock.Now);
            db.BuyerDisputes.Add(dispute);

            outbox.Email(lot.DistrictId, $"Lot {lot.Number}: the buyer opened dispute {dispute.Number}",
                $"The buyer of lot {lot.Number} disputes what it received ({dispute.Reason.InSentence()}) and claims {dispute.AmountClaimed:C}:\n\"{dispute.Details}\"\n" +
                "The platform's admins decide it (no refund, a partial or a full refund) and tell both sides; a refund comes off what the lot owes you.",
                Roles.DistrictApprover);
            outbox.Email(buyerId, $"Dispute {dispute.Number} opened for lot {lot.Number}",
                $"We received your dispute of lot {lot.Number} ({dispute.AmountClaimed:C} claimed). The platform's admins will decide it and tell you by e-mail.",
                Roles.RefurbisherBuyer, Roles.SchoolBuyer);
            outbox.Email(await db.PlatformOrganizationIdAsync(cancellationToken), $"Dispute {dispute.Number} to decide (lot {lot.Number})",
                $"The buyer of lot {lot.Number} disputes it ({dispute.Reason.InSentence()}, {dispute.AmountClaimed:C} claimed). Decide it in the finance workspace's disputes queue.",
                Roles.Admin);
            return dispute.Id;
        }
    }
}

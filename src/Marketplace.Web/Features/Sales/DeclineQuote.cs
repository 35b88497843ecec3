using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Sales;

/// <summary>The district turns a quote down (too low, wrong terms); the refurbisher is told why and may quote again.</summary>
public static class DeclineQuote
{
    [AllowedRoles(Roles.DistrictApprover)]
    public sealed record Command(Guid LotId, Guid QuoteId, string? Reason) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).MaximumLength(500).WithMessage("Reason: at most 500 characters.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            var sale = await db.Sales.Include(s => s.Quotes).SingleOrDefaultAsync(s => s.LotId == lot.Id, cancellationToken)
                       ?? throw new DomainException("Quotes can only be declined while the lot is listed.");
            var quote = sale.Decline(command.QuoteId);
            var reason = string.IsNullOrWhiteSpace(command.Reason) ? "" : $"\nThe district's note: {command.Reason.Trim()}";
            outbox.Email(quote.RefurbisherId, $"Your quote for lot {lot.Number} was declined",
                $"The district declined your quote of {quote.Amount:C} for lot {lot.Number} ({lot.Title}).{reason}\nThe lot is still listed; you may send a new quote.", Roles.RefurbisherBuyer);
            return Unit.Value;
        }
    }
}

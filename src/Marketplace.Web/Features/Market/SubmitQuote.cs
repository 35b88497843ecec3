using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Market;

public static class SubmitQuote
{
    [AllowedRoles(Roles.RefurbisherStaff)]
    public sealed record Command(Guid LotId, decimal Amount, string? Note) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Amount).GreaterThan(0).WithMessage("Enter a quote amount greater than $0.00.")
                .LessThan(100_000_000).WithMessage("That quote amount is too large.");
            RuleFor(c => c.Note).MaximumLength(1000);
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var refurbisher = await db.Organizations.SingleAsync(o => o.Id == organizationId, cancellationToken);
            var lot = await db.LoadLotAsync(command.LotId, cancellationToken);
            if (lot.Status != Domain.Lots.LotStatus.Listed)
            {
                throw new NotFoundException("Listed lot");
            }

            var quote = lot.SubmitQuote(refurbisher, command.Amount, command.Note, clock.Now);
            outbox.Email(lot.DistrictId, $"New quote on lot {lot.Number}",
                $"{refurbisher.Name} quoted {quote.Amount:C} for lot {lot.Number} ({lot.Title}). The quote is valid until {quote.ValidUntil:MMMM d, yyyy}.");
            return Unit.Value;
        }
    }
}

using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Sales;

/// <summary>
/// A refurbisher quotes for a lot open for quotes (for the whole lot, or per device), with its conditions and how long it
/// holds (30 days unless it says otherwise), or replaces its quote; the district is told.
/// </summary>
public static class SubmitQuote
{
    [AllowedRoles(Roles.RefurbisherBuyer, Roles.SchoolBuyer, Roles.SchoolApprover)]
    public sealed record Command(Guid LotId, decimal Amount, string? Note, bool PerDevice = false, int ValidDays = Sale.DefaultQuoteValidityDays) : ICommand, IReadsRightsFirst;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Amount).GreaterThan(0).WithMessage("Enter a quote amount greater than $0.00.")
                .LessThan(100_000_000).WithMessage("That quote amount is too large.");
            RuleFor(c => c.ValidDays).InclusiveBetween(1, Sale.MaxQuoteValidityDays).WithMessage($"Valid for: 1 to {Sale.MaxQuoteValidityDays} days.");
            RuleFor(c => c.Note).MaximumLength(1000);
        }
    }

    public sealed class Handler(MarketplaceDb db, ActingOrganization acting, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var rights = await acting.RightsAsync(cancellationToken);
            var refurbisher = await db.Organizations.AsNoTracking().Where(o => o.Id == rights.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
            var sale = await db.Sales.Include(s => s.Quotes).SingleOrDefaultAsync(s => s.LotId == command.LotId && s.Status == SaleStatus.Open, cancellationToken)
                       ?? throw new NotFoundException("Listed lot");
            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == sale.LotId).Select(l => new { l.Number, l.Title, l.Manifest.Devices }).SingleAsync(cancellationToken);
            var quote = command.PerDevice
                ? sale.SubmitQuotePerDevice(rights, command.Amount, lot.Devices, command.Note, clock.Now, command.ValidDays)
                : sale.SubmitQuote(rights, command.Amount, command.Note, clock.Now, command.ValidDays);
            var priced = quote.PerDevice is { } each ? $" ({each:C} a device × {lot.Devices:N0})" : "";
            outbox.Email(sale.DistrictId, $"New quote on lot {lot.Number}",
                $"{refurbisher} quoted {quote.Amount:C}{priced} for lot {lot.Number} ({lot.Title}). The quote is valid until {quote.ValidUntil:MMMM d, yyyy}.", Roles.DistrictApprover);
            return Unit.Value;
        }
    }
}

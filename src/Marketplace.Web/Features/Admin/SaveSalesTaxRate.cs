using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;

namespace Marketplace.Web.Features.Admin;

/// <summary>
/// An admin sets a state's sales tax rate from a day on: a new entry of the table, never an edit, so orders placed before
/// that day keep the rate they were taxed at (each order copies its rate).
/// </summary>
public static class SaveSalesTaxRate
{
    /// <summary>The rate in percent as the form shows it (6.5 = 6.5%).</summary>
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(string? State, decimal? RatePercent, bool TaxesShipping, DateOnly? EffectiveOn, string? Reason, string? IdempotencyKey = null)
        : ICommand, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IClock clock)
        {
            RuleFor(c => c.State).NotEmpty().WithMessage("State: choose the state the rate applies to.")
                .Must(s => s is null || Domain.Market.UsGeography.StateCenters.ContainsKey(s.Trim().ToUpperInvariant()))
                .WithMessage(c => $"State: \"{c.State}\" is not a US state's two-letter code.");
            RuleFor(c => c.RatePercent).NotNull().WithMessage("Rate: enter the rate in percent (0 for a state without sales tax).")
                .InclusiveBetween(0m, SalesTaxRate.MaxRate * 100).WithMessage($"Rate: enter a rate from 0% to {SalesTaxRate.MaxRate * 100:0}%.")
                .Must(r => r is null || decimal.Round(r.Value, 4) == r.Value).WithMessage("Rate: use at most four decimals (6.5 or 10.25).");
            RuleFor(c => c.EffectiveOn).NotNull().WithMessage("Effective date: enter the first day orders are taxed at this rate.")
                .Must(d => d is null || d >= clock.Today).WithMessage("Effective date: a new rate starts today or later; orders already placed keep theirs.");
            RuleFor(c => c.Reason).MaximumLength(400).WithMessage("Reason: keep it under 400 characters.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command>
    {
        public ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var rate = SalesTaxRate.Set(command.State!, command.RatePercent!.Value / 100m, command.TaxesShipping, command.EffectiveOn!.Value, clock.Today,
                user.Name, command.Reason, clock.Now);
            db.SalesTaxRates.Add(rate);
            return ValueTask.FromResult(Unit.Value);
        }
    }
}

using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;

namespace Marketplace.Web.Features.Admin;

/// <summary>
/// An admin changes the fees: a new fee schedule version, in force for sales from now on. Lots already awarded and orders
/// already placed keep the version (and the amounts) they were sold under.
/// </summary>
public static class SaveFeeSchedule
{
    /// <summary>Rates in percent as the form shows them (10 = 10%); minimums in dollars.</summary>
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(decimal? BuyerPremiumPercent, decimal? SellerCommissionPercent, decimal? StorefrontCommissionPercent,
        decimal? MinimumBuyerPremium, decimal? MinimumSellerCommission, decimal? MinimumStorefrontCommission, string? Reason, string? IdempotencyKey = null)
        : ICommand<int>, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Percent(c => c.BuyerPremiumPercent, "Buyer's premium");
            Percent(c => c.SellerCommissionPercent, "Seller commission");
            Percent(c => c.StorefrontCommissionPercent, "Storefront commission");
            Minimum(c => c.MinimumBuyerPremium, "Minimum buyer's premium");
            Minimum(c => c.MinimumSellerCommission, "Minimum seller commission");
            Minimum(c => c.MinimumStorefrontCommission, "Minimum storefront commission");
            RuleFor(c => c.Reason).MaximumLength(400).WithMessage("Keep the reason under 400 characters.");
        }

        private void Percent(System.Linq.Expressions.Expression<Func<Command, decimal?>> rate, string name) =>
            RuleFor(rate).NotNull().WithMessage($"Enter the {name.ToLowerInvariant()} in percent (0 to 50).")
                .InclusiveBetween(0m, 50m).WithMessage($"{name} must be between 0% and 50%.")
                .Must(r => r is null || decimal.Round(r.Value, 2) == r.Value).WithMessage($"{name}: use at most two decimals (12.5 for 12.5%).");

        private void Minimum(System.Linq.Expressions.Expression<Func<Command, decimal?>> amount, string name) =>
            RuleFor(amount).NotNull().WithMessage($"Enter the {name.ToLowerInvariant()} in dollars (0 for none).")
                .GreaterThanOrEqualTo(0m).WithMessage($"{name} cannot be negative.")
                .LessThanOrEqualTo(1_000_000m).WithMessage($"{name} cannot be more than $1,000,000.")
                .Must(m => m is null || decimal.Round(m.Value, 2) == m.Value).WithMessage($"{name}: enter dollars and cents.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var current = await db.CurrentFeeScheduleAsync(cancellationToken);
            var next = current.Next(new FeeRates(command.BuyerPremiumPercent!.Value / 100m, command.SellerCommissionPercent!.Value / 100m,
                    command.StorefrontCommissionPercent!.Value / 100m, command.MinimumBuyerPremium!.Value, command.MinimumSellerCommission!.Value,
                    command.MinimumStorefrontCommission!.Value),
                user.Name, command.Reason, clock.Now);
            db.FeeSchedules.Add(next);
            return next.Id;
        }
    }
}

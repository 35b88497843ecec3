using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Admin;

/// <summary>The price guide's factors and category base prices behind every instant estimate.</summary>
public static class SavePriceGuide
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(decimal GradeA, decimal GradeB, decimal GradeC, decimal GradeD, decimal MinorFault, decimal NotWorking, decimal ForParts,
        int FullRunwayYears, decimal ExpiredRunwayFactor, decimal RangeSpread, Dictionary<DeviceCategory, decimal> CategoryPrices) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            foreach (var (name, factor) in new (string, System.Linq.Expressions.Expression<Func<Command, decimal>>)[]
                     {
                         ("Grade A", c => c.GradeA), ("Grade B", c => c.GradeB), ("Grade C", c => c.GradeC), ("Grade D", c => c.GradeD),
                         ("Minor fault", c => c.MinorFault), ("Not working", c => c.NotWorking), ("For parts", c => c.ForParts),
                         ("Expired runway", c => c.ExpiredRunwayFactor),
                     })
            {
                RuleFor(factor).InclusiveBetween(0, 2).WithMessage($"The {name} factor must be between 0 and 2 (1 = full price).");
            }

            RuleFor(c => c.RangeSpread).InclusiveBetween(0, 0.9m).WithMessage("The range spread must be between 0 and 0.9.");
            RuleFor(c => c.FullRunwayYears).InclusiveBetween(1, 15).WithMessage("A full update runway is between 1 and 15 years.");
            RuleForEach(c => c.CategoryPrices).Must(p => p.Value is >= 0 and < 100_000).WithMessage("Category base prices must be between $0 and $100,000.");
        }
    }

    public sealed class Handler(MarketplaceDb db, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var guide = await db.PriceGuides.SingleAsync(cancellationToken);
            (guide.GradeA, guide.GradeB, guide.GradeC, guide.GradeD) = (command.GradeA, command.GradeB, command.GradeC, command.GradeD);
            (guide.MinorFault, guide.NotWorking, guide.ForParts) = (command.MinorFault, command.NotWorking, command.ForParts);
            (guide.FullRunwayYears, guide.ExpiredRunwayFactor, guide.RangeSpread) = (command.FullRunwayYears, command.ExpiredRunwayFactor, command.RangeSpread);
            foreach (var price in await db.CategoryPrices.ToListAsync(cancellationToken))
            {
                if (command.CategoryPrices.TryGetValue(price.Category, out var basePrice))
                {
                    price.BasePrice = basePrice;
                }
            }

            // Open lots show an estimate that depends on these prices and AUE dates: recompute them in the background.
            outbox.Enqueue(new RevalueLots.Command());
            return Unit.Value;
        }
    }
}

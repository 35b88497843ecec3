using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Admin;

public static class ListDeviceModels
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(IReadOnlyList<DeviceModel> Models, IReadOnlyList<CategoryPrice> CategoryPrices, PriceGuide Guide);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken) => new(
            await db.DeviceModels.AsNoTracking().OrderBy(m => m.Manufacturer).ThenBy(m => m.Name).ToListAsync(cancellationToken),
            await db.CategoryPrices.AsNoTracking().OrderBy(c => c.Category).ToListAsync(cancellationToken),
            await db.PriceGuides.AsNoTracking().SingleAsync(cancellationToken));
    }
}

/// <summary>Adds or corrects a model in the reference table (e.g. when Google extends an AUE date).</summary>
public static class SaveDeviceModel
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid? Id, string Name, string Manufacturer, DeviceCategory Category, DateOnly? AueDate, decimal? BasePrice) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the model name as district exports spell it.").MaximumLength(200);
            RuleFor(c => c.Manufacturer).NotEmpty().WithMessage("Enter the manufacturer.").MaximumLength(100);
            RuleFor(c => c.Category).IsInEnum();
            RuleFor(c => c.BasePrice).GreaterThanOrEqualTo(0).LessThan(100_000).WithMessage("The base price must be between $0 and $100,000.");
            RuleFor(c => c.AueDate).Null().When(c => c.Category != DeviceCategory.Chromebook)
                .WithMessage("Only Chromebooks have an Auto Update Expiration date.");
        }
    }

    public sealed class Handler(MarketplaceDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var normalized = DeviceModel.NormalizeName(command.Name);
            if (await db.DeviceModels.AnyAsync(m => m.NormalizedName == normalized && m.Id != command.Id, cancellationToken))
            {
                throw new DomainException($"\"{command.Name}\" is already in the reference table.");
            }

            var model = command.Id is { } id
                ? await db.DeviceModels.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) ?? throw new NotFoundException("Device model")
                : db.DeviceModels.Add(new DeviceModel { Name = command.Name, Manufacturer = command.Manufacturer }).Entity;
            model.Name = command.Name.Trim();
            model.Manufacturer = command.Manufacturer.Trim();
            model.Category = command.Category;
            model.AueDate = command.AueDate;
            model.BasePrice = command.BasePrice;
            model.Normalize();
            return Unit.Value;
        }
    }
}

public static class DeleteDeviceModel
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid Id) : ICommand;

    public sealed class Handler(MarketplaceDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var model = await db.DeviceModels.SingleOrDefaultAsync(m => m.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Device model");
            db.DeviceModels.Remove(model);
            return Unit.Value;
        }
    }
}

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

    public sealed class Handler(MarketplaceDb db) : ICommandHandler<Command>
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

            return Unit.Value;
        }
    }
}

using Marketplace.Web.Domain.Finance;

namespace Marketplace.Web.Features.Organizations;

/// <summary>A district records a federal award it bought devices with: the award date and the federal share of the purchase.</summary>
public static class RecordFundingAward
{
    [AllowedRoles(Roles.OrganizationAdmin, Roles.DistrictApprover)]
    public sealed record Command(string Name, DateOnly? AwardDate, decimal? FederalPercent) : ICommand<Guid>, IFundingAwardFields;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new FundingAwardFieldsValidator());
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var districtId = await FundingAwardRules.RequireDistrictAsync(db, user, cancellationToken);
            await FundingAwardRules.RequireUniqueNameAsync(db, districtId, command.Name, null, cancellationToken);
            var award = FundingAward.Record(districtId, command.Name, command.AwardDate!.Value, command.FederalPercent!.Value, clock.Now);
            db.FundingAwards.Add(award);
            return award.Id;
        }
    }
}

/// <summary>What recording and correcting an award both check.</summary>
internal static class FundingAwardRules
{
    public static readonly DateOnly Earliest = new(1990, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static async Task<Guid> RequireDistrictAsync(MarketplaceDb db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var organizationId = user.RequireOrganization();
        var kind = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Kind).SingleAsync(cancellationToken);
        return kind == OrganizationKind.District
            ? organizationId
            : throw new DomainException("Only a school district records federal funding awards: they decide the federal share of its lots' proceeds.");
    }

    public static async Task RequireUniqueNameAsync(MarketplaceDb db, Guid districtId, string name, Guid? except, CancellationToken cancellationToken)
    {
        var upper = name.Trim().ToUpperInvariant();
        if (await db.FundingAwards.AnyAsync(a => a.DistrictId == districtId && a.Id != except && a.Name.ToUpper() == upper, cancellationToken))
        {
            throw new DomainException($"Your district already has an award named \"{name.Trim()}\": give this one another name, or correct that one.");
        }
    }
}

/// <summary>The fields of an award, as recording and correcting one both take them.</summary>
public interface IFundingAwardFields
{
    string Name { get; }
    DateOnly? AwardDate { get; }
    decimal? FederalPercent { get; }
}

internal sealed class FundingAwardFieldsValidator : AbstractValidator<IFundingAwardFields>
{
    private const string OutOfRange = "Federal participation: a percentage above 0 and at most 100.";

    public FundingAwardFieldsValidator()
    {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Name the award as your grant records do (\"ESSER III\", \"Title IV-A 2025\").")
                .MaximumLength(FundingAward.MaxNameLength).WithMessage($"Award name: at most {FundingAward.MaxNameLength} characters.");
            RuleFor(c => c.AwardDate).NotNull().WithMessage("Award date: enter the date of the award; it decides whether the 2024 thresholds apply.")
                .InclusiveBetween(FundingAwardRules.Earliest, FundingAwardRules.Latest)
                .WithMessage($"Award date: a date between {FundingAwardRules.Earliest:yyyy} and {FundingAwardRules.Latest:yyyy}.");
            RuleFor(c => c.FederalPercent).NotNull().WithMessage("Federal participation: enter the federal share of the purchase as a percentage, such as 100.")
                .GreaterThan(0).WithMessage(OutOfRange).LessThanOrEqualTo(100).WithMessage(OutOfRange)
                .Must(p => p is null || decimal.Round(p.Value, 2) == p.Value).WithMessage("Federal participation: at most two decimals, such as 87.5.");
    }
}

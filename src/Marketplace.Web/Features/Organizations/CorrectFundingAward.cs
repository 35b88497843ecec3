namespace Marketplace.Web.Features.Organizations;

/// <summary>A district corrects an award's name, date or federal participation; its devices' federal share follows.</summary>
public static class CorrectFundingAward
{
    [AllowedRoles(Roles.OrganizationAdmin, Roles.DistrictApprover)]
    public sealed record Command(Guid AwardId, string Name, DateOnly? AwardDate, decimal? FederalPercent) : ICommand, IFundingAwardFields;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            Include(new FundingAwardFieldsValidator());
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var districtId = await FundingAwardRules.RequireDistrictAsync(db, user, cancellationToken);
            var award = await db.FundingAwards.SingleOrDefaultAsync(a => a.Id == command.AwardId && a.DistrictId == districtId, cancellationToken)
                        ?? throw new NotFoundException("Funding award");
            await FundingAwardRules.RequireUniqueNameAsync(db, districtId, command.Name, award.Id, cancellationToken);
            award.Correct(command.Name, command.AwardDate!.Value, command.FederalPercent!.Value);
            return Unit.Value;
        }
    }
}

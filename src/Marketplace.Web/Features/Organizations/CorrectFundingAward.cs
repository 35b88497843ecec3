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
            // Only a district owns awards, so the caller's organization finding it is the whole check.
            var organizationId = user.RequireOrganization();
            var award = await db.FundingAwards.SingleOrDefaultAsync(a => a.Id == command.AwardId && a.DistrictId == organizationId, cancellationToken)
                        ?? throw new NotFoundException("Funding award");
            await FundingAwardRules.RequireUniqueNameAsync(db, organizationId, command.Name, award.Id, cancellationToken);
            award.Correct(command.Name, command.AwardDate!.Value, command.FederalPercent!.Value);
            return Unit.Value;
        }
    }
}

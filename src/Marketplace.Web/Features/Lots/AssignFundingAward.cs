using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Features.Lots;

/// <summary>
/// The district links a lot's federally funded devices that have no award yet to one of its awards, in bulk: all of them, or
/// those of one model (a district usually bought a model with one grant). One set-based update, whatever the lot's size.
/// Devices already linked keep their award, so a second bulk link never moves devices another award paid for.
/// </summary>
public static class AssignFundingAward
{
    [AllowedRoles(Roles.DistrictInventory, Roles.DistrictApprover)]
    public sealed record Command(Guid LotId, Guid? AwardId, string? Model) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.AwardId).NotNull().WithMessage("Choose the funding award that paid for these devices.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            var award = await db.FundingAwards.AsNoTracking().Where(a => a.Id == command.AwardId && a.DistrictId == lot.DistrictId)
                            .Select(a => new { a.Id, a.Name }).SingleOrDefaultAsync(cancellationToken)
                        ?? throw new DomainException("Choose one of your district's funding awards: that award is not one of them.");
            var devices = db.Devices.Where(d => d.LotId == lot.Id && d.FundingSource == FundingSource.FederalGrant && d.FundingAwardId == null);
            var model = string.IsNullOrWhiteSpace(command.Model) ? null : command.Model.Trim();
            if (model is not null)
            {
                devices = devices.Where(d => d.Model == model);
            }

            var linked = await devices.ExecuteUpdateAsync(set => set.SetProperty(d => d.FundingAwardId, award.Id), cancellationToken);
            return linked > 0
                ? linked
                : throw new DomainException(model is null
                    ? $"Every federally funded device of lot {lot.Number} already has an award: nothing was linked to {award.Name}."
                    : $"No federally funded device of model {model} in lot {lot.Number} is waiting for an award: nothing was linked to {award.Name}.");
        }
    }
}

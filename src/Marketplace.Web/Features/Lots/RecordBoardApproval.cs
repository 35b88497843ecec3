using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;

namespace Marketplace.Web.Features.Lots;

/// <summary>Records the school board's approval of the disposal (minute or resolution number) on the lot.</summary>
public static class RecordBoardApproval
{
    [AllowedRoles(Roles.DistrictApprover)]
    public sealed record Command(Guid LotId, string? Reference) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reference).MaximumLength(100).WithMessage("Keep the board approval reference under 100 characters.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            lot.BoardApprovalReference = string.IsNullOrWhiteSpace(command.Reference) ? null : command.Reference.Trim();
            return Unit.Value;
        }
    }
}

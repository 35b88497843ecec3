namespace Marketplace.Web.Features.Organizations;

/// <summary>A school's admin sets the order total above which a buyer's storefront order waits for an approver (or removes the step).</summary>
public static class SetOrderApprovalLimit
{
    public const decimal Highest = 1_000_000m;

    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Command(decimal? Limit) : ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Limit).InclusiveBetween(0m, Highest).When(c => c.Limit is not null)
                .WithMessage($"Enter a limit between $0 and {Highest:C0}, or leave it empty for no approval step.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId, cancellationToken);
            organization.SetOrderApprovalLimit(command.Limit is { } limit ? decimal.Round(limit, 2) : null);
            return Unit.Value;
        }
    }
}

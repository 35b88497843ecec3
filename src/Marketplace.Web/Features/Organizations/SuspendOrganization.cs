using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Organizations;

/// <summary>A platform admin suspends a verified organization with the reason: it stops trading at once (its rights are computed from its standing).</summary>
public static class SuspendOrganization
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid OrganizationId, string Reason) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == command.OrganizationId, cancellationToken) ?? throw new NotFoundException("Organization");
            organization.Suspend(command.Reason, user.Name, clock.Now);
            outbox.Email(organization.Id, $"{organization.Name} is suspended",
                $"A platform admin suspended {organization.Name}: {organization.StatusReason}\n\n"
                + "Until it is reinstated, your organization cannot list lots, quote, pay or check out; your lots, orders and records stay as they are. "
                + $"Contact the marketplace about reinstatement. {configuration.PageUrl(OrganizationRights.DocumentsPage)}", Roles.OrganizationAdmin);
            return Unit.Value;
        }
    }
}

using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Organizations;

/// <summary>A platform admin reinstates a suspended organization, saying why; it trades again while its documents are current.</summary>
public static class ReinstateOrganization
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid OrganizationId, string Reason) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == command.OrganizationId, cancellationToken) ?? throw new NotFoundException("Organization");
            organization.Reinstate(command.Reason, user.Name, clock.Now);
            outbox.Email(organization.Id, $"{organization.Name} is reinstated",
                $"A platform admin reinstated {organization.Name}: {organization.StatusReason}\n\n"
                + $"Your organization may trade again while its documents stay current: {configuration.PageUrl(OrganizationRights.DocumentsPage)}", Roles.OrganizationAdmin);
            return Unit.Value;
        }
    }
}

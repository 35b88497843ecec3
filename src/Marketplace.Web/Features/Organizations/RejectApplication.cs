using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Organizations;

/// <summary>A platform admin rejects an application with the reason; the organization may still correct its documents and be verified later.</summary>
public static class RejectApplication
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid OrganizationId, string Reason) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == command.OrganizationId, cancellationToken) ?? throw new NotFoundException("Organization");
            organization.Reject(command.Reason, user.Name, clock.Now);
            outbox.Email(organization.Id, $"{organization.Name}'s application was rejected",
                $"A platform admin rejected {organization.Name}'s application: {organization.StatusReason}\n\n"
                + $"You can still prepare (import, draft lots, browse). Upload corrected documents and the application is reviewed again: {configuration.PageUrl(OrganizationRights.DocumentsPage)}",
                Roles.OrganizationAdmin);
            return Unit.Value;
        }
    }
}

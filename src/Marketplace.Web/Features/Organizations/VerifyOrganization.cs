using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Organizations;

/// <summary>A platform admin verifies an application whose required documents are approved: the organization may trade. Its admins are told.</summary>
public static class VerifyOrganization
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid OrganizationId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == command.OrganizationId, cancellationToken) ?? throw new NotFoundException("Organization");
            var documents = await db.OrganizationDocuments.AsNoTracking().Where(d => d.OrganizationId == organization.Id).ToListAsync(cancellationToken);
            organization.Verify(documents, clock.Today, user.Name, clock.Now);
            outbox.Email(organization.Id, $"{organization.Name} is verified",
                $"A platform admin verified {organization.Name}. Your organization may now {Grants(organization.Kind)}.\n\n"
                + $"Keep its documents current: {configuration.PageUrl(OrganizationRights.DocumentsPage)}", Roles.OrganizationAdmin);
            return Unit.Value;
        }

        private static string Grants(OrganizationKind kind) => kind switch
        {
            OrganizationKind.District => "list lots for quotes, accept offers and buy refurbished devices",
            OrganizationKind.Refurbisher => "quote on lots (those holding data-bearing devices with a current R2v3, e-Stewards or NAID AAA certification) and pay for what it wins",
            _ => "buy refurbished devices in the storefront",
        };
    }
}

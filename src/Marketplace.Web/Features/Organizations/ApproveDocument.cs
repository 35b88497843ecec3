using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Organizations;

/// <summary>A platform admin approves an uploaded document; an earlier approved one of its kind is superseded and kept. The organization's admins are told.</summary>
public static class ApproveDocument
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid OrganizationId, Guid DocumentId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var document = await db.OrganizationDocuments.SingleOrDefaultAsync(d => d.Id == command.DocumentId && d.OrganizationId == command.OrganizationId, cancellationToken)
                           ?? throw new NotFoundException("Document");
            var sameKind = await db.OrganizationDocuments
                .Where(d => d.OrganizationId == document.OrganizationId && d.Kind == document.Kind && d.Status == DocumentStatus.Approved)
                .ToListAsync(cancellationToken);
            document.Approve(sameKind, user.Name, user.UserId, clock.Now);

            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == document.OrganizationId, cancellationToken);
            outbox.Email(organization.Id, $"Your {document.Kind.InSentence()} was approved",
                $"A platform admin approved {organization.Name}'s {document.Kind.InSentence()} ({document.Number})"
                + (document.ValidUntil is { } until ? $"; it counts until {until:MMMM d, yyyy}, and we remind you 30 and 7 days before." : ".")
                + (organization.Status == OrganizationStatus.Applied ? " Your application is reviewed next." : "")
                + $"\n\nYour documents: {configuration.PageUrl(OrganizationRights.DocumentsPage)}", Roles.OrganizationAdmin);
            return Unit.Value;
        }
    }
}

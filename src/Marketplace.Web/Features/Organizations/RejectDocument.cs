using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Organizations;

/// <summary>A platform admin rejects an uploaded document with the reason, which the organization's admins read (e-mail and documents page).</summary>
public static class RejectDocument
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid OrganizationId, Guid DocumentId, string Reason) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var document = await db.OrganizationDocuments.SingleOrDefaultAsync(d => d.Id == command.DocumentId && d.OrganizationId == command.OrganizationId, cancellationToken)
                           ?? throw new NotFoundException("Document");
            document.Reject(command.Reason, user.Name, user.UserId, clock.Now);

            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == document.OrganizationId, cancellationToken);
            outbox.Email(organization.Id, $"Your {document.Kind.InSentence()} was rejected",
                $"A platform admin rejected {organization.Name}'s {document.Kind.InSentence()} ({document.Number}): {document.RejectionReason}\n\n"
                + $"Upload a corrected one: {configuration.PageUrl(OrganizationRights.DocumentsPage)}", Roles.OrganizationAdmin);
            return Unit.Value;
        }
    }
}

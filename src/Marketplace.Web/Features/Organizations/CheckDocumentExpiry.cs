using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// Daily (a Hangfire recurring job): tells organizations' admins 30 and 7 days before an approved document or certification
/// ends, and the day after it ended, that the right it granted has ended. Nothing needs switching off: rights are computed
/// from the documents and the date. Each notice is sent once and recorded on the document, in the transaction that queues
/// the e-mail, so a second run the same day, or a late run, sends nothing twice.
/// </summary>
public static class CheckDocumentExpiry
{
    private const int FirstNoticeDays = 30;

    [AllowedRoles(Roles.System)]
    public sealed record Command : ICommand<int>;

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var today = clock.Today;
            var horizon = today.AddDays(FirstNoticeDays);
            var w9SignedBy = horizon.AddYears(-OrganizationDocument.W9ValidYears);
            var candidates = await db.OrganizationDocuments
                .Where(d => d.Status == DocumentStatus.Approved
                            && ((d.ExpiresOn != null && d.ExpiresOn <= horizon) || (d.Kind == DocumentKind.W9 && d.IssuedOn <= w9SignedBy)))
                .ToListAsync(cancellationToken);
            var due = candidates.Select(d => (Document: d, Notice: d.DueNotice(today))).Where(x => x.Notice is not null).ToList();
            foreach (var group in due.GroupBy(x => x.Document.OrganizationId))
            {
                var rights = await db.RightsOfAsync(group.Key, today, cancellationToken);
                var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == group.Key).Select(o => o.Name).SingleAsync(cancellationToken);
                foreach (var (document, notice) in group)
                {
                    var (subject, body) = Message(document, notice!.Value, organization, rights, today);
                    outbox.Email(group.Key, subject, $"{body}\n\nYour documents: {configuration.PageUrl(OrganizationRights.DocumentsPage)}", Roles.OrganizationAdmin);
                    document.NoticeSent(notice.Value, clock.Now);
                }
            }

            return due.Count;
        }

        private static (string Subject, string Body) Message(OrganizationDocument document, ExpiryNotice notice, string organization, OrganizationRights rights, DateOnly today)
        {
            var what = $"{organization}'s {document.Kind.InSentence()} {document.Number}";
            var right = Grants(document.Kind, rights.Kind);
            var last = document.ValidUntil!.Value;
            if (notice != ExpiryNotice.Expired)
            {
                var days = last.DayNumber - today.DayNumber;
                return ($"Your {document.Kind.InSentence()} ends in {days} day{(days == 1 ? "" : "s")}",
                    $"{what} counts until {last:MMMM d, yyyy}"
                    + (document.Kind == DocumentKind.W9 ? $" (a W-9 counts for {OrganizationDocument.W9ValidYears} years after it is signed)" : "")
                    + ". Upload the renewed one now so a platform admin can approve it in time"
                    + (right is null ? "." : $": without it, your organization can no longer {right}."));
            }

            var stillCovered = document.IsCertification ? rights.Certification is not null : rights.MayTrade;
            return ($"Your {document.Kind.InSentence()} has ended",
                $"{what} ended on {last:MMMM d, yyyy}. "
                + (right is null ? "It no longer counts."
                    : stillCovered ? $"Another current document still lets your organization {right}."
                    : $"Your organization can no longer {right} until a current one is uploaded and approved."));
        }

        /// <summary>What a document of this kind lets an organization of that kind do, as "… can no longer {it}"; null when it is not needed for anything.</summary>
        private static string? Grants(DocumentKind document, OrganizationKind organization) =>
            OrganizationDocument.Certifications.Contains(document) ? "quote on lots holding data-bearing devices"
            : OrganizationRights.RequiredFor(organization).Contains(document) ? "list lots, quote, pay or check out"
            : null;
    }
}

using System.Globalization;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Documents;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The organization admin uploads a W-9, tax-exempt or reseller certificate, or a certification; a platform admin reviews it.</summary>
public static class UploadDocument
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Command(DocumentKind Kind, string Number, string Issuer, DateOnly? IssuedOn, DateOnly? ExpiresOn,
        TaxExemptForm? TaxExemptForm, ExemptionReason? ExemptionReason, string FileName, byte[] Content) : ICommand<Guid>;

    // Rounded up, so a file just over the limit never reads as "10.0 MB; at most 10 MB".
    public static string TooLarge(string fileName, long bytes) =>
        string.Create(CultureInfo.InvariantCulture,
            $"File: {fileName} is {Math.Ceiling(bytes * 10d / 1024 / 1024) / 10:0.0} MB; a document can be at most {OrganizationDocument.MaxBytes / 1024 / 1024} MB. Scan it at a lower resolution or in black and white, then upload it again.");

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Document: choose which document this is.");
            RuleFor(c => c.IssuedOn).NotNull().WithMessage(c => c.Kind == DocumentKind.W9 ? "Signature date: enter the date the W-9 was signed." : "Issued on: enter the date it was issued.");
            RuleFor(c => c.FileName).NotEmpty().WithMessage("File: choose the scanned document (PDF, PNG or JPEG) to upload.");
            RuleFor(c => c.Content)
                .Must(content => content.Length > 0).WithMessage(c => $"File: {c.FileName} is empty.")
                .Must(content => content.LongLength <= OrganizationDocument.MaxBytes).WithMessage(c => TooLarge(c.FileName, c.Content.LongLength));
            RuleFor(c => c.TaxExemptForm).IsInEnum();
            RuleFor(c => c.ExemptionReason).IsInEnum();
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
            var file = UploadedDocument.Read(command.FileName, command.Content);
            var document = OrganizationDocument.Upload(organization,
                new DocumentDetails(command.Kind, command.Number, command.Issuer, command.IssuedOn!.Value, command.ExpiresOn, command.TaxExemptForm, command.ExemptionReason),
                file, user.Name, user.UserId, clock.Now);
            db.OrganizationDocuments.Add(document);
            db.OrganizationDocumentFiles.Add(document.FileOf(file));

            var platform = await db.Organizations.Where(o => o.Kind == OrganizationKind.Platform).Select(o => o.Id).FirstOrDefaultAsync(cancellationToken);
            if (platform != Guid.Empty)
            {
                outbox.Email(platform, $"Document to review: {organization.Name}'s {document.Kind.InSentence()}",
                    $"{user.Name} uploaded {organization.Name}'s {document.Kind.InSentence()} ({document.Number}, issued {document.IssuedOn:MMMM d, yyyy}). "
                    + $"Approve or reject it at {configuration.PageUrl($"/admin/organizations/{organization.Id}")}", Roles.Admin);
            }

            return document.Id;
        }
    }
}

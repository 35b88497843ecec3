namespace Marketplace.Web.Domain.Organizations;

/// <summary>The papers public buyers and sellers exchange, and the data-destruction certifications a refurbisher holds.</summary>
public enum DocumentKind { W9, TaxExemptCertificate, ResellerCertificate, R2v3, EStewards, NaidAaa }

/// <summary>
/// Pending until a platform admin approves or rejects it; an approved document is superseded when a newer one of the
/// same kind is approved, and stays on file as its history.
/// </summary>
public enum DocumentStatus { Pending, Approved, Rejected, Superseded }

/// <summary>The multistate Streamlined Sales Tax exemption certificate, or the exemption form of the buyer's state.</summary>
public enum TaxExemptForm { StreamlinedSalesTax, StateForm }

/// <summary>Why a public buyer pays no sales tax (the reasons on the Streamlined Sales Tax certificate that apply here).</summary>
public enum ExemptionReason { GovernmentOrganization, EducationalOrganization }

/// <summary>A notice about a document's end, sent once each: 30 and 7 days before, and on the day after it ended.</summary>
public enum ExpiryNotice { ThirtyDays, SevenDays, Expired }

/// <summary>What the organization admin says about a document they upload.</summary>
public sealed record DocumentDetails(
    DocumentKind Kind, string Number, string Issuer, DateOnly IssuedOn, DateOnly? ExpiresOn,
    TaxExemptForm? TaxExemptForm = null, ExemptionReason? ExemptionReason = null);

/// <summary>An uploaded file whose real type was read from its content.</summary>
public sealed record DocumentFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// One document an organization uploaded, with its review. Never changed in place after review: a renewal is a new
/// document, and approving it supersedes the old one, so the history stays.
/// </summary>
public sealed class OrganizationDocument : IVersioned
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>A W-9 counts for this many years after it was signed.</summary>
    public const int W9ValidYears = 3;

    public static readonly IReadOnlyList<DocumentKind> Certifications = [DocumentKind.R2v3, DocumentKind.EStewards, DocumentKind.NaidAaa];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public DocumentKind Kind { get; init; }

    /// <summary>The certificate or registration number; on a W-9 the EIN it certifies.</summary>
    public required string Number { get; init; }

    /// <summary>Who issued it: the certification body, the state, or (W-9) who signed it.</summary>
    public required string Issuer { get; init; }

    /// <summary>The date it was issued, or a W-9's signature date.</summary>
    public DateOnly IssuedOn { get; init; }

    public DateOnly? ExpiresOn { get; init; }
    public TaxExemptForm? TaxExemptForm { get; init; }
    public ExemptionReason? ExemptionReason { get; init; }

    /// <summary>Null only for certifications carried over from before documents were uploaded.</summary>
    public string? FileName { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The file's size in bytes; its content is an <see cref="OrganizationDocumentFile"/>, read only to download it.</summary>
    public long FileSize { get; init; }

    public DateTimeOffset UploadedAt { get; init; }
    public required string UploadedBy { get; init; }
    public Guid? UploadedByUserId { get; init; }

    public DocumentStatus Status { get; private set; } = DocumentStatus.Pending;
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewedBy { get; private set; }
    public Guid? ReviewedByUserId { get; private set; }
    public string? RejectionReason { get; private set; }
    public DateTimeOffset? SupersededAt { get; private set; }
    public Guid? SupersededById { get; private set; }

    public DateTimeOffset? ThirtyDayNoticeSentAt { get; private set; }
    public DateTimeOffset? SevenDayNoticeSentAt { get; private set; }
    public DateTimeOffset? ExpiredNoticeSentAt { get; private set; }

    public int Version { get; set; }

    public bool IsCertification => Certifications.Contains(Kind);

    /// <summary>The last day it counts: its expiry date, and for a W-9 no later than three years after it was signed.</summary>
    public DateOnly? ValidUntil => Kind == DocumentKind.W9
        ? Earliest(ExpiresOn, IssuedOn.AddYears(W9ValidYears))
        : ExpiresOn;

    /// <summary>Approved, not superseded by a newer approval, and not past its last day.</summary>
    public bool IsCurrent(DateOnly today) => Status == DocumentStatus.Approved && !(ValidUntil < today);

    /// <summary>The kinds of document an organization of this kind may hold.</summary>
    public static IReadOnlyList<DocumentKind> KindsFor(OrganizationKind kind) => kind switch
    {
        OrganizationKind.District or OrganizationKind.School => [DocumentKind.W9, DocumentKind.TaxExemptCertificate],
        OrganizationKind.Refurbisher => [DocumentKind.W9, DocumentKind.ResellerCertificate, DocumentKind.R2v3, DocumentKind.EStewards, DocumentKind.NaidAaa],
        _ => [],
    };

    /// <summary>The organization admin uploads a document; it waits for a platform admin's review. Save its file with <see cref="FileOf"/>.</summary>
    public static OrganizationDocument Upload(Organization organization, DocumentDetails details, DocumentFile file, string uploadedBy, Guid? userId,
        DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var kind = details.Kind;
        var what = kind.InSentence();
        Require(KindsFor(organization.Kind).Contains(kind),
            $"Document: a {organization.Kind.Words().ToLowerInvariant()} cannot upload a {what}; choose one of: {string.Join(", ", KindsFor(organization.Kind).Select(k => k.InSentence()))}.");
        Require(file.Content.Length > 0, $"File: {file.FileName} is empty.");
        Require(file.Content.LongLength <= MaxBytes, $"File: {file.FileName} is larger than {MaxBytes / 1024 / 1024} MB.");

        var number = details.Number?.Trim() ?? "";
        Require(number.Length is > 0 and <= 64, kind == DocumentKind.W9
            ? "Number: enter the EIN the W-9 certifies (NN-NNNNNNN)."
            : $"Number: enter the {what}'s number (at most 64 characters).");
        if (kind == DocumentKind.W9)
        {
            var ein = PublicIdentifiers.NormalizeEin(number);
            Require(ein is not null, "Number: the W-9's taxpayer identification number is an EIN, written NN-NNNNNNN.");
            Require(organization.Ein is null || ein == organization.Ein,
                $"Number: the W-9 certifies EIN {ein}, but {organization.Name}'s EIN is {organization.Ein}. Upload the organization's own W-9.");
            number = ein!;
        }

        var issuer = details.Issuer?.Trim() ?? "";
        Require(issuer.Length is > 0 and <= 200, kind == DocumentKind.W9
            ? "Signed by: enter the name and title of the person who signed the W-9."
            : $"Issued by: enter who issued the {what} (at most 200 characters).");
        Require(details.IssuedOn <= today, $"{(kind == DocumentKind.W9 ? "Signature date" : "Issued on")}: {details.IssuedOn:MMMM d, yyyy} is in the future.");
        if (kind == DocumentKind.W9)
        {
            Require(details.IssuedOn.AddYears(W9ValidYears) >= today,
                $"Signature date: a W-9 counts for {W9ValidYears} years after it is signed, and this one was signed on {details.IssuedOn:MMMM d, yyyy}. Upload a newly signed W-9.");
        }

        if (Certifications.Contains(kind))
        {
            Require(details.ExpiresOn is not null, $"Expires on: enter the date the {what} certification expires.");
        }

        if (details.ExpiresOn is { } expires)
        {
            Require(expires > details.IssuedOn, $"Expires on: {expires:MMMM d, yyyy} is not after the date it was issued.");
            Require(expires >= today, $"Expires on: this {what} expired on {expires:MMMM d, yyyy}. Upload the current one.");
        }

        if (kind == DocumentKind.TaxExemptCertificate)
        {
            Require(details.TaxExemptForm is not null, "Form: say whether this is the Streamlined Sales Tax certificate or your state's exemption form.");
            Require(details.ExemptionReason is not null, "Exemption reason: choose government or educational organization.");
        }

        return new OrganizationDocument
        {
            OrganizationId = organization.Id,
            Kind = kind,
            Number = number,
            Issuer = issuer,
            IssuedOn = details.IssuedOn,
            ExpiresOn = details.ExpiresOn,
            TaxExemptForm = kind == DocumentKind.TaxExemptCertificate ? details.TaxExemptForm : null,
            ExemptionReason = kind == DocumentKind.TaxExemptCertificate ? details.ExemptionReason : null,
            FileName = file.FileName,
            ContentType = file.ContentType,
            FileSize = file.Content.LongLength,
            UploadedAt = now,
            UploadedBy = uploadedBy,
            UploadedByUserId = userId,
        };
    }

    /// <summary>The stored file of a document just uploaded.</summary>
    public OrganizationDocumentFile FileOf(DocumentFile file) => new() { DocumentId = Id, Content = file.Content };

    /// <summary>
    /// A platform admin approves the document; the organization's earlier approved documents of the same kind are
    /// superseded by it (they stay on file).
    /// </summary>
    public void Approve(IEnumerable<OrganizationDocument> sameOrganization, string by, Guid? userId, DateTimeOffset now)
    {
        RequirePending();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        Require(!(ValidUntil < today), $"This {Kind.InSentence()} ended on {ValidUntil:MMMM d, yyyy}: reject it and ask for a current one.");
        Review(DocumentStatus.Approved, null, by, userId, now);
        foreach (var older in sameOrganization.Where(d => d.Id != Id && d.OrganizationId == OrganizationId && d.Kind == Kind && d.Status == DocumentStatus.Approved))
        {
            older.Status = DocumentStatus.Superseded;
            older.SupersededAt = now;
            older.SupersededById = Id;
        }
    }

    public void Reject(string reason, string by, Guid? userId, DateTimeOffset now)
    {
        RequirePending();
        var trimmed = reason?.Trim() ?? "";
        Require(trimmed.Length > 0, "Reason: say why the document is rejected; the organization's admins read it.");
        Require(trimmed.Length <= Organization.MaxReasonLength, $"Reason: at most {Organization.MaxReasonLength} characters.");
        Review(DocumentStatus.Rejected, trimmed, by, userId, now);
    }

    /// <summary>
    /// The notice about this document's end that is due today and not sent yet, or null. A late run sends only the most
    /// urgent one (a document 5 days from its end gets the 7-day notice, never also the 30-day one).
    /// </summary>
    public ExpiryNotice? DueNotice(DateOnly today)
    {
        if (Status != DocumentStatus.Approved || ValidUntil is not { } last)
        {
            return null;
        }

        var daysLeft = last.DayNumber - today.DayNumber;
        return daysLeft switch
        {
            < 0 when ExpiredNoticeSentAt is null => ExpiryNotice.Expired,
            < 0 => null,
            <= 7 when SevenDayNoticeSentAt is null => ExpiryNotice.SevenDays,
            <= 7 => null,
            <= 30 when ThirtyDayNoticeSentAt is null => ExpiryNotice.ThirtyDays,
            _ => null,
        };
    }

    /// <summary>Records the notice as sent, and the earlier ones with it: they are no longer worth sending.</summary>
    public void NoticeSent(ExpiryNotice notice, DateTimeOffset now)
    {
        ThirtyDayNoticeSentAt ??= now;
        if (notice is ExpiryNotice.SevenDays or ExpiryNotice.Expired)
        {
            SevenDayNoticeSentAt ??= now;
        }

        if (notice is ExpiryNotice.Expired)
        {
            ExpiredNoticeSentAt ??= now;
        }
    }

    private void Review(DocumentStatus status, string? reason, string by, Guid? userId, DateTimeOffset now)
    {
        Status = status;
        RejectionReason = reason;
        ReviewedAt = now;
        ReviewedBy = by;
        ReviewedByUserId = userId;
    }

    private void RequirePending() =>
        Require(Status == DocumentStatus.Pending, $"This {Kind.InSentence()} was already reviewed: it is {Status.Words().ToLowerInvariant()}.");

    private static DateOnly? Earliest(DateOnly? a, DateOnly b) => a is { } date && date < b ? date : b;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(message);
        }
    }
}

/// <summary>
/// A document's file, in a table of its own so that lists of documents and the rights computed from them never read
/// megabytes of PDF; only a download does.
/// </summary>
public sealed class OrganizationDocumentFile
{
    public Guid DocumentId { get; init; }
    public required byte[] Content { get; init; }
}

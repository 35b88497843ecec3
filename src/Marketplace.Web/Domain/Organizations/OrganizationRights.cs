namespace Marketplace.Web.Domain.Organizations;

/// <summary>Where one kind of document an organization must hold stands today.</summary>
public enum DocumentStanding { Current, WaitingForReview, Ended, Rejected, Missing }

/// <summary>A document kind an organization needs, and how it stands.</summary>
/// <param name="Problem">What is wrong and what to do, as a clause ("your W-9 is waiting for review…"); null when current.</param>
public sealed record RequiredDocument(DocumentKind Kind, DocumentStanding Standing, string? Problem);

/// <summary>The data-destruction certification that lets a refurbisher buy data-bearing devices.</summary>
public sealed record CurrentCertification(DocumentKind Kind, string Number, DateOnly? ValidUntil)
{
    public override string ToString() => $"{Kind.Words()} {Number}";
}

/// <summary>
/// What an organization may do today, computed from its standing, its documents and the date, so rights end by
/// themselves when a document does. An organization that is not verified, was rejected or is suspended may prepare
/// (import, draft lots, browse) but not trade: list a lot, quote, pay for a lot or order, or check out. A verified one
/// trades while the documents its kind must hold stay approved and current; a refurbisher quotes on lots holding
/// data-bearing devices only with a current R2v3, e-Stewards or NAID AAA certification.
/// </summary>
public sealed class OrganizationRights
{
    /// <summary>The page where an organization's admin uploads documents: every refusal below links to it.</summary>
    public const string DocumentsPage = "/organization/documents";

    public const string DocumentsPageName = "Organization documents";

    private OrganizationRights(Organization organization, IReadOnlyList<RequiredDocument> required, CurrentCertification? certification,
        RequiredDocument certificationStanding)
    {
        OrganizationId = organization.Id;
        Kind = organization.Kind;
        Status = organization.Status;
        StatusReason = organization.StatusReason;
        Required = required;
        Certification = certification;
        CertificationStanding = certificationStanding;
    }

    public Guid OrganizationId { get; }
    public OrganizationKind Kind { get; }
    public OrganizationStatus Status { get; }
    public string? StatusReason { get; }

    /// <summary>The documents the organization's kind must hold, each with its standing today.</summary>
    public IReadOnlyList<RequiredDocument> Required { get; }

    /// <summary>The approved, current certification with the latest end, if any.</summary>
    public CurrentCertification? Certification { get; }

    private RequiredDocument CertificationStanding { get; }

    public bool MayTrade => Status == OrganizationStatus.Verified && Required.All(d => d.Standing == DocumentStanding.Current);

    public bool MayBuyDataBearingDevices => MayTrade && Kind == OrganizationKind.Refurbisher && Certification is not null;

    /// <summary>The documents an organization of this kind must hold, approved and current, to be verified and to trade.</summary>
    public static IReadOnlyList<DocumentKind> RequiredFor(OrganizationKind kind) => kind switch
    {
        // Districts and refurbishers are paid through the platform (lot proceeds, storefront sales): payees give a W-9.
        OrganizationKind.District or OrganizationKind.Refurbisher => [DocumentKind.W9],
        // A school only buys, and as a public buyer it shows why it pays no sales tax.
        OrganizationKind.School => [DocumentKind.TaxExemptCertificate],
        _ => [],
    };

    /// <param name="documents">The organization's documents (others' are ignored), whatever their status.</param>
    public static OrganizationRights Of(Organization organization, IEnumerable<OrganizationDocument> documents, DateOnly today)
    {
        var own = documents.Where(d => d.OrganizationId == organization.Id).ToList();
        var required = RequiredFor(organization.Kind).Select(kind => StandingOf([kind], own, today)).ToList();
        var certification = own.Where(d => d.IsCertification && d.IsCurrent(today))
            .OrderByDescending(d => d.ValidUntil ?? DateOnly.MaxValue)
            .Select(d => new CurrentCertification(d.Kind, d.Number, d.ValidUntil))
            .FirstOrDefault();
        return new OrganizationRights(organization, required, certification, StandingOf(OrganizationDocument.Certifications, own, today));
    }

    /// <summary>Why the organization may not trade, as a sentence about doing <paramref name="action"/> ("quote", "check out"); null when it may.</summary>
    public string? WhyNot(string action)
    {
        if (MayTrade)
        {
            return null;
        }

        var problems = Required.Where(d => d.Problem is not null).Select(d => d.Problem!).ToList();
        var documents = problems.Count == 0 ? null : string.Join("; ", problems);
        return Status switch
        {
            OrganizationStatus.Applied => $"Your organization is not verified yet, so it cannot {action}. "
                + (documents is null
                    ? "A platform admin is reviewing its application."
                    : $"First: {documents}. A platform admin then reviews the application."),
            OrganizationStatus.Rejected => $"Your organization's application was rejected ({StatusReason}), so it cannot {action}. "
                + "Upload corrected documents and a platform admin reviews the application again.",
            OrganizationStatus.Suspended => $"Your organization is suspended ({StatusReason}), so it cannot {action}. Contact the marketplace about reinstatement.",
            _ => $"Your organization cannot {action} until its documents are current: {documents}.",
        };
    }

    /// <summary>Why the organization may not quote on a lot holding data-bearing devices (<paramref name="action"/> says which); null when it may.</summary>
    public string? WhyNotDataBearing(string action)
    {
        if (WhyNot(action) is { } notTrading)
        {
            return notTrading;
        }

        if (MayBuyDataBearingDevices)
        {
            return null;
        }

        return $"Only refurbishers with a current R2v3, e-Stewards or NAID AAA certification may {action}. "
            + (Kind == OrganizationKind.Refurbisher ? Sentence(CertificationStanding.Problem) : "");
    }

    /// <summary>Refuses trading with the reason and a link to the documents page.</summary>
    public void RequireTrade(string action) => Refuse(WhyNot(action));

    /// <summary>Refuses a quote on a lot of data-bearing devices with the reason and a link to the documents page.</summary>
    public void RequireDataBearing(string action) => Refuse(WhyNotDataBearing(action));

    private static string Sentence(string? clause) => clause is { Length: > 0 } ? $"{char.ToUpperInvariant(clause[0])}{clause[1..]}." : "";

    private static void Refuse(string? reason)
    {
        if (reason is not null)
        {
            throw new DomainException(reason) { Remedy = new Remedy(DocumentsPageName, DocumentsPage) };
        }
    }

    /// <summary>How the best document among <paramref name="kinds"/> stands: current, else waiting, else ended, else rejected.</summary>
    private static RequiredDocument StandingOf(IReadOnlyList<DocumentKind> kinds, List<OrganizationDocument> documents, DateOnly today)
    {
        var name = kinds.Count == 1 ? kinds[0].InSentence() : "certification";
        var matching = documents.Where(d => kinds.Contains(d.Kind)).OrderByDescending(d => d.UploadedAt).ToList();
        if (matching.FirstOrDefault(d => d.IsCurrent(today)) is { } current)
        {
            return new RequiredDocument(current.Kind, DocumentStanding.Current, null);
        }

        if (matching.FirstOrDefault(d => d.Status == DocumentStatus.Pending) is { } waiting)
        {
            return new RequiredDocument(waiting.Kind, DocumentStanding.WaitingForReview, $"your {waiting.Kind.InSentence()} is waiting for review by a platform admin");
        }

        if (matching.FirstOrDefault(d => d.Status is DocumentStatus.Approved or DocumentStatus.Superseded) is { } ended)
        {
            return new RequiredDocument(ended.Kind, DocumentStanding.Ended,
                $"your {ended.Kind.InSentence()} ended on {ended.ValidUntil:MMMM d, yyyy}"
                + (ended.Kind == DocumentKind.W9 ? $" (a W-9 counts for {OrganizationDocument.W9ValidYears} years after it is signed)" : "")
                + ": upload a current one");
        }

        if (matching.FirstOrDefault(d => d.Status == DocumentStatus.Rejected) is { } rejected)
        {
            return new RequiredDocument(rejected.Kind, DocumentStanding.Rejected,
                $"your {rejected.Kind.InSentence()} was rejected ({rejected.RejectionReason}): upload a corrected one");
        }

        return new RequiredDocument(kinds[0], DocumentStanding.Missing, kinds.Count == 1
            ? $"upload your {name}" + (kinds[0] == DocumentKind.W9 ? $" (signed within the last {OrganizationDocument.W9ValidYears} years)" : "")
            : "no certification is on file: upload your R2v3, e-Stewards or NAID AAA certificate");
    }
}

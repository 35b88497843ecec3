using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Tests.Domain.Organizations;

/// <summary>Organizations and their documents built through their own rules, for tests that need one at a given standing.</summary>
internal static class SampleOrganizations
{
    public const string Ein = "27-3184406";

    /// <summary>A PDF's first and last bytes: enough for the content check, nothing a reader could open.</summary>
    public static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    public static Organization Applied(OrganizationKind kind, DateTimeOffset now, string? name = null) =>
        Organization.Apply(new OrganizationApplication(kind, name ?? $"{kind} {Guid.NewGuid():N}", "3302 S Pine St", "Tacoma", "WA", "98409", "253-555-0175", Ein,
            kind switch { OrganizationKind.District => "5304650", OrganizationKind.School => "530465000123", _ => null }, PrivateSchool: false), now);

    public static DocumentDetails Details(DocumentKind kind, DateOnly today, DateOnly? expires = null, DateOnly? issued = null) => kind switch
    {
        DocumentKind.W9 => new(kind, Ein, "Dana Whitfield, Director of Technology", issued ?? today.AddMonths(-1), expires),
        DocumentKind.TaxExemptCertificate => new(kind, "WA-SST-0042178", "Washington", issued ?? today.AddMonths(-1), expires, TaxExemptForm.StreamlinedSalesTax,
            ExemptionReason.EducationalOrganization),
        DocumentKind.ResellerCertificate => new(kind, "RS-601234567", "Washington Department of Revenue", issued ?? today.AddMonths(-1), expires),
        _ => new(kind, $"{kind}-2026-0912", "SERI", issued ?? today.AddYears(-1), expires ?? today.AddYears(1)),
    };

    public static OrganizationDocument Uploaded(Organization organization, DocumentKind kind, DateTimeOffset now, DateOnly? expires = null, DateOnly? issued = null) =>
        OrganizationDocument.Upload(organization, Details(kind, DateOnly.FromDateTime(now.UtcDateTime), expires, issued),
            new DocumentFile($"{kind}.pdf", "application/pdf", Pdf), "Dana Whitfield", Guid.NewGuid(), now);

    public static OrganizationDocument Approved(Organization organization, DocumentKind kind, DateTimeOffset now, DateOnly? expires = null, DateOnly? issued = null)
    {
        var document = Uploaded(organization, kind, now, expires, issued);
        document.Approve([], "Sam Adeyemi", Guid.NewGuid(), now);
        return document;
    }

    /// <summary>A verified organization holding the documents its kind needs (and a certification, if named), all approved at <paramref name="now"/>.</summary>
    public static (Organization Organization, List<OrganizationDocument> Documents) Verified(OrganizationKind kind, DateTimeOffset now, string? name = null,
        DocumentKind? certification = null, DateOnly? certificationEnds = null)
    {
        var organization = Applied(kind, now, name);
        var documents = OrganizationRights.RequiredFor(kind).Select(k => Approved(organization, k, now)).ToList();
        if (certification is { } standard)
        {
            documents.Add(Approved(organization, standard, now, certificationEnds));
        }

        organization.Verify(documents, DateOnly.FromDateTime(now.UtcDateTime), "Sam Adeyemi", now);
        return (organization, documents);
    }

    /// <summary>What a verified refurbisher may do on <paramref name="now"/>'s day, certified R2v3 for a year unless told otherwise.</summary>
    public static OrganizationRights CertifiedRefurbisher(DateTimeOffset now, DocumentKind? certification = DocumentKind.R2v3, DateOnly? certificationEnds = null)
    {
        var (organization, documents) = Verified(OrganizationKind.Refurbisher, now, "GreenCycle ITAD", certification, certificationEnds);
        return OrganizationRights.Of(organization, documents, DateOnly.FromDateTime(now.UtcDateTime));
    }
}

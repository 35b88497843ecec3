using AutoMapper;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Features.Organizations;

/// <summary>An organization as its own page and the review page show it.</summary>
public sealed record OrganizationProfile(Guid Id, string Name, OrganizationKind Kind, string? Street, string? City, string? State, string? PostalCode,
    string? Phone, string? Ein, string? NcesId, bool IsPrivateSchool, OrganizationStatus Status, string? StatusReason, DateTimeOffset? AppliedAt,
    DateTimeOffset? StatusChangedAt, string? StatusChangedBy)
{
    public string Address => string.Join(", ", new[] { Street, City, $"{State} {PostalCode}".Trim() }.Where(p => !string.IsNullOrWhiteSpace(p)));
}

/// <summary>One uploaded document with its review, newest first on both pages.</summary>
public sealed record DocumentRow(Guid Id, DocumentKind Kind, string Number, string Issuer, DateOnly IssuedOn, DateOnly? ExpiresOn, DateOnly? ValidUntil,
    TaxExemptForm? TaxExemptForm, ExemptionReason? ExemptionReason, string? FileName, string? ContentType, long FileSize, DateTimeOffset UploadedAt,
    string UploadedBy, DocumentStatus Status, DateTimeOffset? ReviewedAt, string? ReviewedBy, string? RejectionReason, DateTimeOffset? SupersededAt)
{
    /// <summary>Set when read: an approved document past its last day.</summary>
    public bool Ended { get; init; }

    public bool HasFile => FileName is not null;

    public string FileSizeText => FileSize >= 1024 * 1024 ? $"{FileSize / 1024d / 1024:0.0} MB" : $"{Math.Max(1, FileSize / 1024)} KB";
}

/// <summary>A row of the admins' list of organizations.</summary>
public sealed record OrganizationListRow(Guid Id, string Name, OrganizationKind Kind, string? City, string? State, string? Ein, OrganizationStatus Status,
    DateTimeOffset? AppliedAt, int Members, int DocumentsToReview);

public sealed class OrganizationMappingProfile : Profile
{
    public OrganizationMappingProfile()
    {
        CreateMap<Organization, OrganizationProfile>();
        CreateMap<OrganizationDocument, DocumentRow>().ForMember(r => r.Ended, o => o.Ignore());
    }
}

internal static class DocumentRows
{
    /// <summary>An organization's documents, newest first, their files left unread.</summary>
    public static async Task<List<DocumentRow>> ReadAsync(IQueryable<OrganizationDocument> documents, IMapper mapper, DateOnly today, CancellationToken cancellationToken) =>
        (await documents.AsNoTracking().OrderByDescending(d => d.UploadedAt).ToListAsync(cancellationToken))
            .Select(d => mapper.Map<DocumentRow>(d) with { Ended = d.Status == DocumentStatus.Approved && d.ValidUntil < today })
            .ToList();
}

/// <summary>The model of <c>_DocumentTable</c>: the rows, whether the reader may download its organization's files, and (admins) the organization reviewed.</summary>
public sealed record DocumentTable(IReadOnlyList<DocumentRow> Rows, bool OwnDownloads, Guid? ReviewOrganizationId = null)
{
    /// <summary>Where a row's file downloads for this reader, or null when they may not.</summary>
    public string? DownloadUrl(DocumentRow row) =>
        !row.HasFile ? null
        : ReviewOrganizationId is { } organization ? $"/admin/organizations/{organization}/documents/{row.Id}"
        : OwnDownloads ? $"/organization/documents/{row.Id}/file"
        : null;
}

/// <summary>Status words as the pages say them.</summary>
public static class StandingWords
{
    public static string Describe(this OrganizationStatus status) => status switch
    {
        OrganizationStatus.Applied => "Applied, waiting for review",
        OrganizationStatus.Verified => "Verified",
        OrganizationStatus.Rejected => "Application rejected",
        OrganizationStatus.Suspended => "Suspended",
        _ => status.Words(),
    };

    public static string Describe(this Domain.Organizations.DocumentStatus status) => status switch
    {
        Domain.Organizations.DocumentStatus.Pending => "Waiting for review",
        Domain.Organizations.DocumentStatus.Superseded => "Replaced by a newer one",
        _ => status.Words(),
    };

    public static string Describe(this Domain.Organizations.DocumentStanding standing) => standing switch
    {
        Domain.Organizations.DocumentStanding.Current => "Approved and current",
        Domain.Organizations.DocumentStanding.WaitingForReview => "Waiting for review",
        Domain.Organizations.DocumentStanding.Ended => "Ended: upload a current one",
        Domain.Organizations.DocumentStanding.Rejected => "Rejected: upload a corrected one",
        _ => "Not uploaded yet",
    };

    /// <summary>A Bootstrap badge class with enough contrast for its words.</summary>
    public static string Badge(this OrganizationStatus status) => status switch
    {
        OrganizationStatus.Verified => "text-bg-success",
        OrganizationStatus.Applied => "text-bg-warning",
        _ => "text-bg-danger",
    };
}

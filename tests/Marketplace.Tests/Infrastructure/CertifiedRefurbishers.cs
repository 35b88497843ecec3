using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// A refurbisher that may bid on lots of student devices, as an admin's approvals leave it: verified on a W-9 and a
/// current R2v3, with one buyer holding every refurbisher duty who signs in with the demo password. Shared (as a linked
/// file) by the functional tests, the browser tests and the bids benchmark, which each need bidders that already exist.
/// </summary>
public static class CertifiedRefurbishers
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <param name="ein">NN-NNNNNNN, with a prefix the IRS issues (27- is one).</param>
    public static async Task<Guid> AddAsync(IServiceProvider services, string name, string ein, string buyerEmail)
    {
        var db = services.GetRequiredService<MarketplaceDb>();
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var organization = Organization.Apply(new OrganizationApplication(OrganizationKind.Refurbisher, name, "1900 Pacific Ave", "Tacoma", "WA", "98402",
            "253-555-0119", ein, null, PrivateSchool: false), now.AddMonths(-2));
        var documents = new List<OrganizationDocument>
        {
            OrganizationDocument.Upload(organization, new DocumentDetails(DocumentKind.W9, organization.Ein!, "Owner", today.AddMonths(-1), null),
                new DocumentFile("w9.pdf", "application/pdf", Pdf), "Owner", null, now),
            OrganizationDocument.Upload(organization, new DocumentDetails(DocumentKind.R2v3, $"R2V3-{ein[3..]}", "SERI", today.AddYears(-1), today.AddYears(1)),
                new DocumentFile("r2v3.pdf", "application/pdf", Pdf), "Owner", null, now),
        };
        documents.ForEach(d => d.Approve(documents, "Platform review", null, now));
        organization.Verify(documents, today, "Platform review", now);
        db.Organizations.Add(organization);
        db.OrganizationDocuments.AddRange(documents);
        db.OrganizationDocumentFiles.AddRange(documents.Select(d => d.FileOf(new DocumentFile(d.FileName!, d.ContentType!, Pdf))));
        await db.SaveChangesAsync();

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = buyerEmail, Email = buyerEmail, EmailConfirmed = true, DisplayName = $"Buyer at {name}", OrganizationId = organization.Id };
        if (!(await users.CreateAsync(user, DemoData.DefaultPassword)).Succeeded || !(await users.AddToRolesAsync(user, Roles.DutiesOf(OrganizationKind.Refurbisher))).Succeeded)
        {
            throw new InvalidOperationException($"Could not add a buyer to {name}.");
        }

        return organization.Id;
    }
}

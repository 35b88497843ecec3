using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.E2E.Infrastructure;

/// <summary>
/// What a browser journey cannot click but the story needs: another organization that already exists, time passing (a
/// sale's close moved, as the clock would move it), and a background job run now rather than at its hour.
/// </summary>
public static class ServerBackdoor
{
    /// <summary>A verified refurbisher with a W-9 and a current R2v3 on file, and one buyer who signs in with the demo password.</summary>
    public static async Task<string> AddCertifiedRefurbisherAsync(this MarketplaceServer server, string name)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var pdf = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
        var organization = Organization.Apply(new OrganizationApplication(OrganizationKind.Refurbisher, name, "1900 Pacific Ave", "Tacoma", "WA", "98402",
            "253-555-0119", $"27-{Random.Shared.Next(1_000_000, 9_999_999)}", null, PrivateSchool: false), now.AddMonths(-2));
        var documents = new List<OrganizationDocument>
        {
            OrganizationDocument.Upload(organization, new DocumentDetails(DocumentKind.W9, organization.Ein!, "Owner", today.AddMonths(-1), null),
                new DocumentFile("w9.pdf", "application/pdf", pdf), "Owner", null, now),
            OrganizationDocument.Upload(organization, new DocumentDetails(DocumentKind.R2v3, "R2V3-2026-7781", "SERI", today.AddYears(-1), today.AddYears(1)),
                new DocumentFile("r2v3.pdf", "application/pdf", pdf), "Owner", null, now),
        };
        documents.ForEach(d => d.Approve(documents, "Platform review", null, now));
        organization.Verify(documents, today, "Platform review", now);
        db.Organizations.Add(organization);
        db.OrganizationDocuments.AddRange(documents);
        db.OrganizationDocumentFiles.AddRange(documents.Select(d => d.FileOf(new DocumentFile(d.FileName!, d.ContentType!, pdf))));
        await db.SaveChangesAsync();

        var email = $"buyer.{Guid.NewGuid():N}@{name.Split(' ')[0].ToLowerInvariant()}.test";
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Buyer at {name}", OrganizationId = organization.Id };
        if (!(await users.CreateAsync(user, DemoData.DefaultPassword)).Succeeded || !(await users.AddToRolesAsync(user, Roles.DutiesOf(OrganizationKind.Refurbisher))).Succeeded)
        {
            throw new InvalidOperationException($"Could not add a buyer to {name}.");
        }

        return email;
    }

    /// <summary>Time passes: the lot's sale now closes at <paramref name="closesAt"/>.</summary>
    public static async Task MoveCloseAsync(this MarketplaceServer server, Guid lotId, DateTimeOffset closesAt)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().Sales.Where(s => s.LotId == lotId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, closesAt).SetProperty(x => x.ScheduledCloseAt, closesAt));
    }

    /// <summary>Sends a command as the background jobs do.</summary>
    public static async Task<T> SendAsSystemAsync<T>(this MarketplaceServer server, ICommand<T> command)
    {
        await using var scope = server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public static async Task<T> QueryAsync<T>(this MarketplaceServer server, Func<MarketplaceDb, Task<T>> query)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MarketplaceDb>());
    }
}

using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Features.Sanitization;
using Marketplace.Web.Infrastructure.Identity;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Features.Sanitization;

/// <summary>
/// The certificate's PDF is drawn before the job's transaction (so SQLite's write lock is not held while it is drawn), and kept
/// only when the lot's records and checks are still at the versions it was drawn from.
/// </summary>
public sealed class CertificateDraftTests
{
    [Fact]
    public async Task The_PDF_drawn_before_the_transaction_is_kept_and_drawn_again_when_a_record_changed_in_between()
    {
        await using var app = new MarketplaceFactory();
        var lot = await app.ReceivedLotAsync(devices: 2);
        await app.SanitizeEverySerialAsync(lot);
        var first = await MarketplaceFactory.EventuallyAsync(() => app.WithDbAsync(db => db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.LotId == lot.Id)), "the certificate job");

        // Nothing changed since the drawing: the stored certificate is the drawn PDF, byte for byte.
        await UncertifyAsync(app, lot.Id);
        var (kept, drawnUnchanged) = await PrepareThenIssueAsync(app, lot.Id, between: () => Task.CompletedTask);
        Assert.Equal(drawnUnchanged, kept.Pdf);
        Assert.NotEqual(first.VerificationCode, kept.VerificationCode);

        // A record re-recorded with another tool between the drawing and the transaction: the certificate prints what is stored now.
        await UncertifyAsync(app, lot.Id);
        var (redrawn, drawnBefore) = await PrepareThenIssueAsync(app, lot.Id, between: () => app.WithDbAsync(db => db.SanitizationRecords
            .Where(r => r.LotId == lot.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Tool, "WipeDrive").SetProperty(r => r.ToolVersion, "9.2").SetProperty(r => r.Version, r => r.Version + 1))));
        Assert.NotEqual(drawnBefore, redrawn.Pdf);
        var path = Path.Combine(Directory.CreateTempSubdirectory("certificate-draft").FullName, "certificate.pdf");
        await File.WriteAllBytesAsync(path, redrawn.Pdf);
        var text = await ExternalTool.RunAsync("pdftotext", "-layout", path, "-");
        Assert.Contains("WipeDrive 9.2", text);
        Assert.DoesNotContain("Blancco", text);
    }

    /// <summary>Draws the lot's certificate in a job's scope, runs <paramref name="between"/>, then sends the job's command in the same scope.</summary>
    private static async Task<(Web.Domain.Fulfillment.Certificate Certificate, byte[] Drawn)> PrepareThenIssueAsync(MarketplaceFactory app, Guid lotId, Func<Task> between)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var draft = scope.ServiceProvider.GetRequiredService<IssueCertificate.Draft>();
        var command = new IssueCertificate.Command(lotId);
        await draft.PrepareAsync(command, CancellationToken.None);
        var drawn = draft.For(lotId)?.Pdf ?? throw new InvalidOperationException("Nothing was drawn for a lot ready for its certificate.");
        await between();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
        return (await app.WithDbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.LotId == lotId)), drawn);
    }

    /// <summary>Takes the lot back to "every medium accepted, sample passed, no certificate yet".</summary>
    private static Task UncertifyAsync(MarketplaceFactory app, Guid lotId) => app.WithDbAsync(async db =>
    {
        await db.Certificates.Where(c => c.LotId == lotId).ExecuteDeleteAsync();
        await db.LotFulfillments.Where(f => f.LotId == lotId).ExecuteUpdateAsync(set => set.SetProperty(f => f.CertifiedAt, (DateTimeOffset?)null));
    });
}

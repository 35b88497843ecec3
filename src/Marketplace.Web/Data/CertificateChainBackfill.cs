using Marketplace.Web.Domain.Fulfillment;

namespace Marketplace.Web.Data;

/// <summary>
/// Certificates issued before the chain existed have their places (the migration numbered them in issue order) but no
/// hashes: at start-up each gets the SHA-256 of its PDF and of the one before, oldest first, a batch at a time. Runs once;
/// afterwards there is nothing to fill.
/// </summary>
public static class CertificateChainBackfill
{
    public static async Task RunAsync(MarketplaceDb db, CancellationToken cancellationToken)
    {
        // Filled oldest first and before any new certificate is issued (this runs at start-up), so certificates without a hash
        // are always the newest ones: asking the last by its index answers without reading every PDF-bearing row each start.
        while (await db.Certificates.OrderByDescending(c => c.Sequence).Select(c => c.Sha256).FirstOrDefaultAsync(cancellationToken) == "")
        {
            var batch = await db.Certificates.Where(c => c.Sha256 == "").OrderBy(c => c.Sequence).Take(50)
                .Select(c => new { c.Id, c.Sequence, c.Pdf }).ToListAsync(cancellationToken);
            foreach (var certificate in batch)
            {
                var previous = await db.Certificates.Where(c => c.Sequence == certificate.Sequence - 1).Select(c => c.Sha256).SingleOrDefaultAsync(cancellationToken);
                var hash = Certificate.HashOf(certificate.Pdf);
                await db.Certificates.Where(c => c.Id == certificate.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.Sha256, hash).SetProperty(c => c.PreviousSha256, previous), cancellationToken);
            }
        }
    }
}

public static class CertificateChainQueries
{
    /// <summary>The chain's last link (its number and PDF hash), which the next certificate extends; null before the first.</summary>
    public static async Task<(long Sequence, string Sha256)?> LastCertificateLinkAsync(this MarketplaceDb db, CancellationToken cancellationToken = default) =>
        await db.Certificates.OrderByDescending(c => c.Sequence).Select(c => new { c.Sequence, c.Sha256 }).FirstOrDefaultAsync(cancellationToken) is { } last
            ? (last.Sequence, last.Sha256)
            : null;
}

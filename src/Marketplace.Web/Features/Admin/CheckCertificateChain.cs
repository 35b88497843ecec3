using Marketplace.Web.Domain.Fulfillment;

namespace Marketplace.Web.Features.Admin;

/// <summary>
/// Platform admin: walks every certificate in issue order, recomputes each PDF's SHA-256 and compares it with the hash
/// recorded at issue and with the next certificate's record of it, and names the first break (an altered PDF, an altered
/// record, a certificate removed). The PDFs are read a batch at a time, so the walk needs no more memory for 100,000.
/// </summary>
public static class CheckCertificateChain
{
    private const int Batch = 50;

    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IQuery<Result>;

    /// <param name="Break">The first break in words, or null when every certificate checked out.</param>
    public sealed record Result(int Certificates, int Checked, string? Break, DateTimeOffset CheckedAt)
    {
        public bool Holds => Break is null;
    }

    public sealed class Handler(MarketplaceDb db, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var total = await db.Certificates.CountAsync(cancellationToken);
            var chain = new CertificateChain();
            var after = 0L;
            while (true)
            {
                var links = await db.Certificates.AsNoTracking()
                    .Where(c => c.Sequence > after)
                    .OrderBy(c => c.Sequence)
                    .Take(Batch)
                    .Join(db.Lots, c => c.LotId, l => l.Id, (c, l) => new { c.Sequence, c.VerificationCode, l.Number, c.Sha256, c.PreviousSha256, c.Pdf })
                    .ToListAsync(cancellationToken);
                if (links.Count == 0 || !links.All(l => chain.Add(new CertificateLink(l.Sequence, l.VerificationCode, l.Number, l.Sha256, l.PreviousSha256, Certificate.HashOf(l.Pdf)))))
                {
                    break;
                }

                after = links[^1].Sequence;
            }

            return new Result(total, chain.Checked, chain.Break, clock.Now);
        }
    }
}

using Marketplace.Web.Domain.Fulfillment;

namespace Marketplace.Tests.Domain.Fulfillment;

public sealed class CertificateChainTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);

    /// <summary>Three certificates issued one after another, each linked to the one before.</summary>
    private static List<Certificate> Issued()
    {
        var chain = new List<Certificate>();
        foreach (var (code, pdf) in new[] { ("AAAA", "%PDF one"), ("BBBB", "%PDF two"), ("CCCC", "%PDF three") })
        {
            var last = chain.Count == 0 ? ((long, string)?)null : (chain[^1].Sequence, chain[^1].Sha256);
            chain.Add(Certificate.Issue(Guid.NewGuid(), code, At, 3, System.Text.Encoding.ASCII.GetBytes(pdf), last));
        }

        return chain;
    }

    private static CertificateLink Link(Certificate c, byte[]? pdf = null, string? recorded = null, string? previous = "keep") =>
        new(c.Sequence, c.VerificationCode, $"LOT-{c.VerificationCode}", recorded ?? c.Sha256, previous == "keep" ? c.PreviousSha256 : previous, Certificate.HashOf(pdf ?? c.Pdf));

    private static CertificateChain Walk(IEnumerable<CertificateLink> links)
    {
        var chain = new CertificateChain();
        foreach (var link in links)
        {
            chain.Add(link);
        }

        return chain;
    }

    [Fact]
    public void Each_certificate_takes_the_next_number_and_records_its_own_hash_and_the_one_before()
    {
        var issued = Issued();

        Assert.Equal([1L, 2L, 3L], issued.Select(c => c.Sequence));
        Assert.Null(issued[0].PreviousSha256);
        Assert.Equal(issued[0].Sha256, issued[1].PreviousSha256);
        Assert.Equal(issued[1].Sha256, issued[2].PreviousSha256);
        // The hash anyone can recompute: sha256sum of the file.
        Assert.Equal(64, issued[0].Sha256.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("%PDF one"u8)), issued[0].Sha256);
    }

    [Fact]
    public void An_untouched_chain_holds()
    {
        var chain = Walk(Issued().Select(c => Link(c)));

        Assert.Null(chain.Break);
        Assert.Equal(3, chain.Checked);
    }

    [Fact]
    public void A_PDF_altered_after_issue_is_named()
    {
        var issued = Issued();
        var chain = Walk([Link(issued[0]), Link(issued[1], pdf: "%PDF two, amended"u8.ToArray()), Link(issued[2])]);

        Assert.Equal(1, chain.Checked);
        Assert.StartsWith("Certificate no. 2 (BBBB, lot LOT-BBBB) was altered: its PDF's SHA-256 is", chain.Break);
    }

    [Fact]
    public void A_PDF_replaced_together_with_its_recorded_hash_is_caught_by_the_next_certificate()
    {
        var issued = Issued();
        var forged = "%PDF two, forged"u8.ToArray();
        var chain = Walk([Link(issued[0]), Link(issued[1], pdf: forged, recorded: Certificate.HashOf(forged)), Link(issued[2])]);

        Assert.Equal(2, chain.Checked);
        Assert.StartsWith("Certificate no. 3 (CCCC, lot LOT-CCCC) records", chain.Break);
        Assert.Contains("certificate no. 2 (BBBB)", chain.Break);
    }

    [Fact]
    public void A_certificate_removed_from_the_middle_is_named_by_its_number()
    {
        var issued = Issued();
        var chain = Walk([Link(issued[0]), Link(issued[2])]);

        Assert.Equal(1, chain.Checked);
        Assert.Equal("Certificate no. 2 is missing: the chain goes from no. 1 (AAAA) to no. 3 (CCCC, lot LOT-CCCC). A certificate was removed.", chain.Break);
    }

    [Fact]
    public void The_first_certificate_removed_is_named_too()
    {
        var chain = Walk(Issued().Skip(1).Select(c => Link(c)));

        Assert.StartsWith("Certificate no. 1 is missing: the chain goes from its start to no. 2 (BBBB", chain.Break);
    }
}

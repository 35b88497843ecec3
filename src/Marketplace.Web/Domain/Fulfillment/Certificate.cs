using System.Security.Cryptography;

namespace Marketplace.Web.Domain.Fulfillment;

/// <summary>
/// Certificate of data destruction (NIST SP 800-88) covering every serial of a lot. Certificates form a chain: each has
/// the next number in issue order and records the SHA-256 of its own PDF and of the one before it, so a certificate whose
/// PDF was altered, or one removed from the middle, is found by walking the chain (<see cref="CertificateChain"/>).
/// </summary>
public sealed class Certificate
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }

    /// <summary>Printed on the PDF and encoded in its QR code; anyone can verify it on the public page.</summary>
    public required string VerificationCode { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
    public int DeviceCount { get; init; }
    public required byte[] Pdf { get; init; }

    /// <summary>1 for the platform's first certificate, then one more for each; unique, so two issues cannot share a place.</summary>
    public long Sequence { get; init; }

    /// <summary>SHA-256 of <see cref="Pdf"/>, lower-case hex: what the public page shows, for a holder to compare with their copy.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The <see cref="Sha256"/> of the certificate numbered one before this; null for the first.</summary>
    public string? PreviousSha256 { get; init; }

    /// <summary>The next certificate of the chain that ends with <paramref name="last"/> (none yet: the first).</summary>
    public static Certificate Issue(Guid lotId, string verificationCode, DateTimeOffset at, int deviceCount, byte[] pdf, (long Sequence, string Sha256)? last) => new()
    {
        LotId = lotId,
        VerificationCode = verificationCode,
        IssuedAt = at,
        DeviceCount = deviceCount,
        Pdf = pdf,
        Sequence = (last?.Sequence ?? 0) + 1,
        Sha256 = HashOf(pdf),
        PreviousSha256 = last?.Sha256,
    };

    public static string HashOf(byte[] pdf) => Convert.ToHexStringLower(SHA256.HashData(pdf));
}

/// <summary>One link of the chain as stored (the PDF's hash recomputed by the reader).</summary>
public sealed record CertificateLink(long Sequence, string Code, string LotNumber, string RecordedSha256, string? PreviousSha256, string ActualSha256);

/// <summary>Walks the certificate chain in order and names the first break.</summary>
public sealed class CertificateChain
{
    private CertificateLink? _last;

    public int Checked { get; private set; }

    /// <summary>The first break found, in words an administrator can act on; null while the chain holds.</summary>
    public string? Break { get; private set; }

    /// <summary>Checks the next link (in sequence order); false once a break is found.</summary>
    public bool Add(CertificateLink link)
    {
        if (Break is not null)
        {
            return false;
        }

        var expected = (_last?.Sequence ?? 0) + 1;
        Break = link.Sequence != expected
            ? $"Certificate no. {expected} is missing: the chain goes from {(_last is null ? "its start" : $"no. {_last.Sequence} ({_last.Code})")} to no. {link.Sequence} ({link.Code}, lot {link.LotNumber}). A certificate was removed."
            : link.ActualSha256 != link.RecordedSha256
                ? $"Certificate no. {link.Sequence} ({link.Code}, lot {link.LotNumber}) was altered: its PDF's SHA-256 is {link.ActualSha256}, but {link.RecordedSha256} was recorded when it was issued."
                : link.PreviousSha256 != _last?.RecordedSha256
                    ? $"Certificate no. {link.Sequence} ({link.Code}, lot {link.LotNumber}) records {link.PreviousSha256 ?? "no"} previous hash, but certificate no. {_last?.Sequence} ({_last?.Code}) has {_last?.RecordedSha256 ?? "none"}: one of the two was altered."
                    : null;
        if (Break is not null)
        {
            return false;
        }

        _last = link;
        Checked++;
        return true;
    }
}

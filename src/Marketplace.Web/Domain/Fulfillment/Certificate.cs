namespace Marketplace.Web.Domain.Fulfillment;

/// <summary>Certificate of data destruction (NIST SP 800-88) covering every serial of a lot.</summary>
public sealed class Certificate
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }

    /// <summary>Printed on the PDF and encoded in its QR code; anyone can verify it on the public page.</summary>
    public required string VerificationCode { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
    public int DeviceCount { get; init; }
    public required byte[] Pdf { get; init; }
}

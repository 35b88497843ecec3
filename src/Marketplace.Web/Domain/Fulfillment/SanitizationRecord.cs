namespace Marketplace.Web.Domain.Fulfillment;

/// <summary>NIST SP 800-88 sanitization methods (Rev. 2, September 2025, §2.5): Clear, Purge, Destroy.</summary>
public enum SanitizationMethod { Clear, Purge, Destroy }

/// <summary>
/// One sanitization of one device, as the technician recorded it: one row per device per attempt, in its
/// own table, so recording a serial writes one row whatever the size of the lot.
/// </summary>
public sealed class SanitizationRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public Guid DeviceId { get; init; }

    /// <summary>1 for the first attempt on the device; (device, attempt) is unique.</summary>
    public int Attempt { get; init; }
    public SanitizationMethod Method { get; init; }
    public required string Tool { get; init; }

    /// <summary>The technician who verified the result.</summary>
    public required string Technician { get; init; }
    public Guid RecordedByUserId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public static string Describe(SanitizationMethod method) => method switch
    {
        SanitizationMethod.Clear => "Clear (overwrite, NIST 800-88 §2.5)",
        SanitizationMethod.Purge => "Purge (cryptographic or block erase)",
        SanitizationMethod.Destroy => "Destroy (shred / disintegrate)",
        _ => method.ToString(),
    };
}

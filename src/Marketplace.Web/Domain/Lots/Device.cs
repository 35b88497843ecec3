namespace Marketplace.Web.Domain.Lots;

public enum DeviceCategory { Chromebook, WindowsLaptop, MacBook, Tablet, Desktop, Other }

public enum CosmeticGrade { A, B, C, D }

public enum FunctionalStatus { Working, MinorFault, NotWorking, ForParts }

public enum SanitizationMethod { Clear, Purge, Destroy }

/// <summary>
/// One physical device, keyed by manufacturer serial. The same row travels from the district's
/// manifest through the lot, pickup, receiving and sanitization to the certificate.
/// </summary>
public sealed class Device
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public required string Serial { get; init; }
    public string? AssetTag { get; set; }
    public DeviceCategory Category { get; set; }
    public string? Manufacturer { get; set; }
    public required string Model { get; set; }
    public CosmeticGrade Grade { get; set; }
    public FunctionalStatus Functional { get; set; }

    public SanitizationMethod? SanitizationMethod { get; private set; }
    public string? SanitizationTool { get; private set; }
    public DateTimeOffset? SanitizedAt { get; private set; }
    public string? SanitizedBy { get; private set; }

    public bool IsSanitized => SanitizedAt is not null;

    /// <summary>Storage-bearing categories: all but "other" can hold student data.</summary>
    public bool IsDataBearing => Category != DeviceCategory.Other;

    internal void RecordSanitization(SanitizationMethod method, string tool, string technician, DateTimeOffset at)
    {
        SanitizationMethod = method;
        SanitizationTool = tool;
        SanitizedBy = technician;
        SanitizedAt = at;
    }

    public static string Describe(SanitizationMethod method) => method switch
    {
        Lots.SanitizationMethod.Clear => "Clear (overwrite, NIST 800-88 §2.5)",
        Lots.SanitizationMethod.Purge => "Purge (cryptographic or block erase)",
        Lots.SanitizationMethod.Destroy => "Destroy (shred / disintegrate)",
        _ => method.ToString(),
    };
}

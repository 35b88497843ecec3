using System.Linq.Expressions;

namespace Marketplace.Web.Domain.Lots;

public enum DeviceCategory { Chromebook, WindowsLaptop, MacBook, Tablet, Desktop, Other }

public enum CosmeticGrade { A, B, C, D }

public enum FunctionalStatus { Working, MinorFault, NotWorking, ForParts }

/// <summary>Who paid for the device; it decides whether and when it may be sold.</summary>
public enum FundingSource { Unknown, ERate, FederalGrant, State, Local, Other }

/// <summary>Chrome/MDM management state: an enrolled device must be deprovisioned before resale.</summary>
public enum EnrollmentStatus { Unknown, Enrolled, Deprovisioned }

/// <summary>What the district says it already did to the data before the buyer's own sanitization.</summary>
public enum DeclaredSanitization { Unknown, NotWiped, Wiped }

/// <summary>
/// One physical device, keyed by manufacturer serial. The same row travels from the district's
/// manifest through the lot, pickup and receiving; its sanitization records and the certificate refer to it.
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

    /// <summary>The maker's model or part number ("20LQ", "MW742LL/A"), which tells apart configurations of one model name.</summary>
    public string? ModelNumber { get; set; }
    public CosmeticGrade Grade { get; set; }
    public FunctionalStatus Functional { get; set; }
    public string? Cpu { get; set; }
    public int? RamGb { get; set; }
    public int? StorageGb { get; set; }
    public DateOnly? PurchaseDate { get; set; }

    /// <summary>What the district paid for the device, in the lot's currency, as its inventory records it.</summary>
    public decimal? PurchaseCost { get; set; }
    public FundingSource FundingSource { get; set; }

    /// <summary>The district's federal award that paid for a federally funded device, once recorded (the federal share needs it).</summary>
    public Guid? FundingAwardId { get; set; }

    /// <summary>Auto Update Expiration (Chromebooks): from the file, else from the device-model reference table.</summary>
    public DateOnly? AueDate { get; set; }

    /// <summary>When the district's asset system planned to retire the device (Snipe-IT's "EOL"); not the end of updates.</summary>
    public DateOnly? EndOfLife { get; set; }

    /// <summary>The status the district's asset system gave the device ("Ready to Deploy", "Archived"…), as written there.</summary>
    public string? AssetStatus { get; set; }
    public EnrollmentStatus Enrollment { get; set; }
    public DeclaredSanitization DeclaredSanitization { get; set; }
    public int? BatteryHealthPercent { get; set; }
    public bool? HasCharger { get; set; }
    public string? Location { get; set; }
    public string? Notes { get; set; }

    /// <summary>Whole years of Chrome OS updates left, or null when the AUE date is unknown.</summary>
    public double? YearsOfUpdatesLeft(DateOnly today) => AueYears.Left(AueDate, today);

    /// <summary>
    /// E-rate-funded equipment may not be sold within five years of purchase (FCC rules); a device with no
    /// purchase date on record counts as too young. The same rule as a query, for lots of any size.
    /// </summary>
    public static Expression<Func<Device, bool>> ERateRestrictedOn(DateOnly today)
    {
        var cutoff = ERateCutoff(today);
        return d => d.FundingSource == FundingSource.ERate && (d.PurchaseDate == null || d.PurchaseDate > cutoff);
    }

    public bool IsERateRestricted(DateOnly today) =>
        FundingSource == FundingSource.ERate && (PurchaseDate is null || PurchaseDate.Value > ERateCutoff(today));

    /// <summary>Devices bought on or before this day are five years old today.</summary>
    private static DateOnly ERateCutoff(DateOnly today) => today.AddYears(-5);

    /// <summary>Storage-bearing categories: all but "other" can hold student data.</summary>
    public bool IsDataBearing => Category != DeviceCategory.Other;
}

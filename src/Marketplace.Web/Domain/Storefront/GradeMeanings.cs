using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Domain.Storefront;

/// <summary>
/// What a grade promises a school buyer, in words shown on every listing. Cosmetic A–D follow the common
/// refurbished-device scale (CTIA-style cosmetic grading); functional status follows R2v3 Appendix C's tested
/// "fully functional" versus "key functions not working" distinction.
/// </summary>
public static class GradeMeanings
{
    public static string Cosmetic(CosmeticGrade grade) => grade switch
    {
        CosmeticGrade.A => "Like new: no visible marks at arm's length; screen free of scratches.",
        CosmeticGrade.B => "Light wear: minor scuffs or scratches on the case; screen free of marks when on.",
        CosmeticGrade.C => "Visible wear: noticeable scratches, small dents or worn keys; screen may have light marks.",
        CosmeticGrade.D => "Heavy wear: deep scratches, cracks in the case or screen blemishes; works as described.",
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, null),
    };

    public static string Functional(FunctionalStatus status) => status switch
    {
        FunctionalStatus.Working => "Fully working: every function tested (display, keyboard, ports, camera, Wi-Fi, charging) and battery health at least 80%.",
        FunctionalStatus.MinorFault => "Minor fault: works for daily use with a disclosed defect (for example a weak battery or a dead pixel).",
        FunctionalStatus.NotWorking => "Not working: does not power on or fails a key function; sold for repair.",
        FunctionalStatus.ForParts => "For parts: sold for its components only.",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>What the battery figure promises: full-charge capacity against design capacity, and the 80% floor for anything sold as working.</summary>
    public static string Battery(DeviceCategory category, FunctionalStatus status, int? healthPercent) =>
        category == DeviceCategory.Desktop && healthPercent is null ? "No battery: a desktop runs on mains power."
        : healthPercent is { } health
            ? $"At least {health}% of its design capacity when full{(status == FunctionalStatus.Working ? $"; a unit sold as working always holds at least {Listing.MinimumWorkingBatteryHealth}%" : "")}."
            : "Not measured by the seller.";

    /// <summary>The R2v3 "ready for reuse" wording for what an R2-certified seller tested and sells.</summary>
    public static string R2ReadyForReuse(FunctionalStatus status) => status switch
    {
        FunctionalStatus.Working => "R2 ready for resale: tested, key functions working (R2v3 Appendix C).",
        FunctionalStatus.MinorFault => "R2 ready for repair: tested, functions disclosed (R2v3 Appendix C).",
        _ => "R2 for materials or parts recovery (R2v3 Appendix C).",
    };
}

using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Features.Imports;

/// <summary>What an asset system's status says about a device, whatever that system calls it.</summary>
public enum AssetStatusKind
{
    /// <summary>Ready to Deploy, Deployed, Pending, In stock… or a label we do not know.</summary>
    InService,
    Archived,

    /// <summary>Broken, Undeployable, Out for Repair, Out for Diagnostics.</summary>
    Broken,

    /// <summary>Broken – Not Fixable, For parts.</summary>
    BeyondRepair,
    LostOrStolen,
}

/// <summary>How the district lists devices of one asset status: with the functional status the file gives, or a fixed one.</summary>
public enum AssetStatusEffect { AsInFile, Working, MinorFault, NotWorking, ForParts }

/// <summary>
/// Reads the asset status of Snipe-IT-style exports (status labels and status types) and home-made sheets.
/// A device recorded as lost or stolen is refused from a lot; broken and archived devices are listed as the
/// district decides on the mapping screen, starting from the defaults here.
/// </summary>
public static class AssetStatuses
{
    /// <summary>The kinds the district decides on; lost or stolen devices are always refused, devices in service taken as the file says.</summary>
    public static readonly IReadOnlyList<AssetStatusKind> Configurable = [AssetStatusKind.Broken, AssetStatusKind.BeyondRepair, AssetStatusKind.Archived];

    public static readonly IReadOnlyDictionary<AssetStatusKind, AssetStatusEffect> Defaults = new Dictionary<AssetStatusKind, AssetStatusEffect>
    {
        [AssetStatusKind.InService] = AssetStatusEffect.AsInFile,
        [AssetStatusKind.Broken] = AssetStatusEffect.NotWorking,
        [AssetStatusKind.BeyondRepair] = AssetStatusEffect.ForParts,
        // An archived device was taken out of use, not necessarily because it failed: keep what the file says.
        [AssetStatusKind.Archived] = AssetStatusEffect.AsInFile,
    };

    public static readonly IReadOnlyDictionary<AssetStatusKind, string> Labels = new Dictionary<AssetStatusKind, string>
    {
        [AssetStatusKind.Broken] = "Broken, Undeployable, Out for repair",
        [AssetStatusKind.BeyondRepair] = "Broken – not fixable, For parts",
        [AssetStatusKind.Archived] = "Archived, Retired, Decommissioned",
    };

    public static readonly IReadOnlyDictionary<AssetStatusEffect, string> EffectLabels = new Dictionary<AssetStatusEffect, string>
    {
        [AssetStatusEffect.AsInFile] = "As the file says (status kept as a note)",
        [AssetStatusEffect.Working] = "Working",
        [AssetStatusEffect.MinorFault] = "Minor fault",
        [AssetStatusEffect.NotWorking] = "Not working",
        [AssetStatusEffect.ForParts] = "For parts",
    };

    /// <summary>The defaults with the district's choices for the configurable kinds; anything else it sent is ignored.</summary>
    public static Dictionary<AssetStatusKind, AssetStatusEffect> WithDefaults(IReadOnlyDictionary<AssetStatusKind, AssetStatusEffect>? chosen)
    {
        var rules = new Dictionary<AssetStatusKind, AssetStatusEffect>(Defaults);
        foreach (var kind in Configurable)
        {
            if (chosen is not null && chosen.TryGetValue(kind, out var effect) && Enum.IsDefined(effect))
            {
                rules[kind] = effect;
            }
        }

        return rules;
    }

    /// <summary>
    /// By the words in the label, since every asset system names its own ("Lost/Stolen", "Missing – police
    /// report", "Broken - Not Fixable", "Out for Repair"). Lost is checked first: a lost device is never sold.
    /// </summary>
    public static AssetStatusKind Classify(string status)
    {
        var words = ManifestFields.Normalize(status);
        if (ContainsAny(words, "lost", "stolen", "missing", "theft"))
        {
            return AssetStatusKind.LostOrStolen;
        }

        if (ContainsAny(words, "notfixable", "notrepairable", "unrepairable", "beyondrepair", "forparts", "partsonly", "salvage", "scrap"))
        {
            return AssetStatusKind.BeyondRepair;
        }

        if (ContainsAny(words, "broken", "undeployable", "repair", "diagnostic", "damaged", "defective", "notworking", "faulty"))
        {
            return AssetStatusKind.Broken;
        }

        return ContainsAny(words, "archive", "retired", "decommission", "disposed")
            ? AssetStatusKind.Archived
            : AssetStatusKind.InService;
    }

    public static FunctionalStatus? Functional(AssetStatusEffect effect) => effect switch
    {
        AssetStatusEffect.Working => FunctionalStatus.Working,
        AssetStatusEffect.MinorFault => FunctionalStatus.MinorFault,
        AssetStatusEffect.NotWorking => FunctionalStatus.NotWorking,
        AssetStatusEffect.ForParts => FunctionalStatus.ForParts,
        _ => null,
    };

    private static bool ContainsAny(string words, params ReadOnlySpan<string> parts)
    {
        foreach (var part in parts)
        {
            if (words.Contains(part, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Infrastructure.Spreadsheets;

namespace Marketplace.Web.Features.Imports;

/// <summary>The device fields a manifest column can fill.</summary>
public enum ManifestField
{
    Serial,
    AssetTag,
    Category,
    Manufacturer,
    Model,
    ModelNumber,
    Grade,
    Functional,
    Cpu,
    RamGb,
    StorageGb,
    PurchaseDate,
    PurchaseCost,
    FundingSource,
    AueDate,
    EndOfLife,
    AssetStatus,
    Enrollment,
    DeclaredSanitization,
    BatteryHealth,
    Charger,
    Location,
    Notes,
}

/// <summary>How column headers from Google Admin, GAM, Snipe-IT and home-made sheets map to device fields.</summary>
public static class ManifestFields
{
    public static readonly IReadOnlyDictionary<ManifestField, string> Labels = new Dictionary<ManifestField, string>
    {
        [ManifestField.Serial] = "Serial number",
        [ManifestField.AssetTag] = "Asset tag",
        [ManifestField.Category] = "Category",
        [ManifestField.Manufacturer] = "Manufacturer",
        [ManifestField.Model] = "Model",
        [ManifestField.ModelNumber] = "Model / part number",
        [ManifestField.Grade] = "Cosmetic grade (A–D)",
        [ManifestField.Functional] = "Functional status",
        [ManifestField.Cpu] = "CPU",
        [ManifestField.RamGb] = "RAM (GB)",
        [ManifestField.StorageGb] = "Storage (GB)",
        [ManifestField.PurchaseDate] = "Purchase date",
        [ManifestField.PurchaseCost] = "Purchase cost",
        [ManifestField.FundingSource] = "Funding source",
        [ManifestField.AueDate] = "Auto Update Expiration / end of support",
        [ManifestField.EndOfLife] = "End of life (planned retirement)",
        [ManifestField.AssetStatus] = "Asset status",
        [ManifestField.Enrollment] = "Management enrollment",
        [ManifestField.DeclaredSanitization] = "Sanitization (declared)",
        [ManifestField.BatteryHealth] = "Battery health %",
        [ManifestField.Charger] = "Charger included",
        [ManifestField.Location] = "Location / org unit",
        [ManifestField.Notes] = "Notes",
    };

    // Compared after Normalize(): lower case, letters and digits only. Earlier synonyms win when several columns match.
    private static readonly IReadOnlyDictionary<ManifestField, string[]> Synonyms = new Dictionary<ManifestField, string[]>
    {
        [ManifestField.Serial] = ["serialnumber", "serial", "serialno", "sn", "devicesserial", "manufacturerserial", "serialnum"],
        [ManifestField.AssetTag] = ["assettag", "assetid", "annotatedassetid", "tag", "asset", "assetnumber", "propertytag", "inventorynumber"],
        [ManifestField.Category] = ["category", "devicetype", "type", "assettype", "class"],
        [ManifestField.Manufacturer] = ["manufacturer", "make", "brand", "vendor", "oem"],
        [ManifestField.Model] = ["model", "modelname", "devicemodel", "product"],
        [ManifestField.ModelNumber] = ["modelnumber", "modelno", "modelnum", "partnumber", "partno", "mpn", "productnumber", "machinetype", "sku"],
        [ManifestField.Grade] = ["grade", "cosmeticgrade", "condition", "cosmeticcondition"],
        [ManifestField.Functional] = ["functional", "functionalstatus", "working", "function", "functionstatus"],
        [ManifestField.Cpu] = ["cpu", "processor", "cpumodel"],
        [ManifestField.RamGb] = ["ram", "ramgb", "memory", "memorygb", "systemramtotal"],
        [ManifestField.StorageGb] = ["storage", "storagegb", "disk", "disksize", "hdd", "ssd", "drive"],
        [ManifestField.PurchaseDate] = ["purchasedate", "purchased", "dateofpurchase", "acquired", "acquisitiondate", "purchasedon"],
        [ManifestField.PurchaseCost] = ["purchasecost", "cost", "purchaseprice", "unitcost", "unitprice", "price", "originalcost", "acquisitioncost", "costeach"],
        [ManifestField.FundingSource] = ["fundingsource", "funding", "fund", "fundsource", "purchasedwith"],
        // Google's Directory API replaced autoUpdateExpiration (milliseconds) with autoUpdateThrough (a date); exports carry either.
        [ManifestField.AueDate] =
        [
            "autoupdatethrough", "autoupdateexpiration", "aue", "auedate", "autoupdateexpirationdate", "autoupdateexpiry", "autoupdateuntil",
            "updatesuntil", "updateexpiration", "endofsupport", "endofsupportdate", "supportend", "supportenddate", "supportends", "eos", "eosdate",
        ],
        [ManifestField.EndOfLife] = ["eol", "endoflife", "eoldate", "endoflifedate", "asseteoldate", "retirementdate", "plannedretirement", "replacementdate", "refreshdate"],
        [ManifestField.AssetStatus] = ["assetstatus", "statuslabel", "statustype", "deploymentstatus", "inventorystatus", "status"],
        [ManifestField.Enrollment] =
        [
            "status", "enrollment", "enrollmentstatus", "enrollmentstate", "managementstatus", "managementstate", "mdmstatus", "provisioningstatus",
            "provisioning", "enrolled", "managed",
        ],
        [ManifestField.DeclaredSanitization] = ["sanitization", "wiped", "datawiped", "wipestatus", "sanitizationstatus"],
        [ManifestField.BatteryHealth] = ["batteryhealth", "battery", "batteryhealthpercent", "batterypercent"],
        [ManifestField.Charger] = ["charger", "chargerincluded", "accessories", "hascharger", "poweradapter"],
        [ManifestField.Location] = ["orgunitpath", "orgunit", "location", "annotatedlocation", "building", "school", "site"],
        [ManifestField.Notes] = ["notes", "note", "comments", "comment", "remarks"],
    };

    /// <inheritdoc cref="UploadedTable.NormalizeHeader"/>
    public static string Normalize(string header) => UploadedTable.NormalizeHeader(header);

    /// <summary>Google Admin and GAM exports carry annotatedAssetId / orgUnitPath; Snipe-IT carries "Asset Tag" with "Serial".</summary>
    public static ImportPreset DetectPreset(IReadOnlyList<string> headers)
    {
        var names = headers.Select(Normalize).ToHashSet();
        if (names.Contains("annotatedassetid") || names.Contains("orgunitpath")
            || (names.Contains("serialnumber") && (names.Contains("autoupdateexpiration") || names.Contains("autoupdatethrough"))))
        {
            return ImportPreset.GoogleAdmin;
        }

        return names.Contains("assettag") && names.Contains("serial") ? ImportPreset.SnipeIt : ImportPreset.Custom;
    }

    /// <summary>
    /// Fingerprint of a file's header names, in any order: a remembered mapping applies only to a file
    /// with the same headers, because the same header means different things in different exports.
    /// </summary>
    public static string HeaderSet(IReadOnlyList<string> headers)
    {
        var names = string.Join("\n", headers.Select(Normalize).Where(h => h.Length > 0).Distinct().Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(names)));
    }

    /// <summary>
    /// Picks a column for each field: first headers that name exactly one field and are the only column
    /// naming it (what the file says wins over anything remembered); then the district's choices for this
    /// same header set; then the remaining synonyms. Blank and duplicate headers are never picked; a
    /// column serves one field at most.
    /// </summary>
    public static Dictionary<ManifestField, int> Guess(IReadOnlyList<string> headers, IReadOnlySet<int> unusableColumns, IReadOnlyDictionary<ManifestField, string>? remembered,
        ImportPreset preset = ImportPreset.Custom)
    {
        var mapping = new Dictionary<ManifestField, int>();
        var used = new HashSet<int>(unusableColumns);
        var normalized = headers.Select(Normalize).ToArray();
        var fields = Enum.GetValues<ManifestField>();

        var candidates = fields.ToDictionary(f => f, f => Enumerable.Range(0, normalized.Length)
            .Where(i => !unusableColumns.Contains(i) && SynonymsOf(f, preset).Contains(normalized[i])).ToList());
        var fieldsNaming = new int[normalized.Length];
        foreach (var column in candidates.Values.SelectMany(c => c))
        {
            fieldsNaming[column]++;
        }

        foreach (var field in fields)
        {
            if (candidates[field] is [var only] && fieldsNaming[only] == 1 && used.Add(only))
            {
                mapping[field] = only;
            }
        }

        if (remembered is not null)
        {
            foreach (var (field, header) in remembered)
            {
                var index = Array.FindIndex(normalized, h => h == Normalize(header));
                if (!mapping.ContainsKey(field) && index >= 0 && used.Add(index))
                {
                    mapping[field] = index;
                }
            }
        }

        foreach (var field in fields)
        {
            if (mapping.ContainsKey(field))
            {
                continue;
            }

            foreach (var synonym in SynonymsOf(field, preset))
            {
                var index = Array.FindIndex(normalized, h => h == synonym);
                if (index >= 0 && used.Add(index))
                {
                    mapping[field] = index;
                    break;
                }
            }
        }

        return mapping;
    }

    private static IEnumerable<string> SynonymsOf(ManifestField field, ImportPreset preset) =>
        // A bare "Status" is Google's enrollment state; in Snipe-IT and home-made sheets it is the asset
        // status ("Ready to Deploy", "Broken", "Lost/Stolen"…) — never both.
        (field == ManifestField.Enrollment && preset != ImportPreset.GoogleAdmin) || (field == ManifestField.AssetStatus && preset == ImportPreset.GoogleAdmin)
            ? Synonyms[field].Where(s => s != "status")
            : Synonyms[field];

    /// <summary>
    /// Why no column can be taken for the serial number, in terms of what the sheet has: asset tags without
    /// serials, or a file that is not a device inventory at all (a model list, a sales export). Null when a
    /// column looks like serial numbers.
    /// </summary>
    public static string? NoSerialExplanation(IReadOnlyList<string> headers, IReadOnlySet<int> unusableColumns, ImportPreset preset)
    {
        var guess = Guess(headers, unusableColumns, null, preset);
        if (guess.ContainsKey(ManifestField.Serial))
        {
            return null;
        }

        if (guess.TryGetValue(ManifestField.AssetTag, out var tag))
        {
            var column = ColumnLetter(tag);
            return $"This sheet has asset tags (column {column} · {headers[tag]}) but no serial numbers. Every device in a lot is tracked by its maker's serial " +
                   "number: add a column with the serial numbers (Google Admin exports them as serialNumber, Snipe-IT as Serial) and upload the file again; " +
                   $"or, if your asset tags are the serial numbers, choose column {column} as the serial number.";
        }

        var named = headers.Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var has = named.Count <= 8 ? Listed(named) : $"{string.Join(", ", named.Take(8))} and {named.Count - 8} more";
        var normalized = named.Select(Normalize).ToList();
        var looksLike =
            normalized.Any(h => ContainsAny(h, "order", "invoice", "buyer", "customer", "quantity", "qty", "total", "amount")) ? " It looks like a sales or order export, not an inventory of devices."
            : guess.ContainsKey(ManifestField.Model) && normalized.Any(h => ContainsAny(h, "eol", "endoflife", "aue", "autoupdate", "price", "msrp", "release"))
                ? " It looks like a list of device models, not an inventory of devices."
                : "";
        return $"This sheet has no column that looks like serial numbers; it has {has}.{looksLike} A lot is made from an inventory with one device and its serial " +
               "number per row (Google Admin exports it as serialNumber, Snipe-IT as Serial). If one of these columns does hold serial numbers, choose it as the serial number.";

        static string Listed(List<string> names) => names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";

        static bool ContainsAny(string header, params ReadOnlySpan<string> words)
        {
            foreach (var word in words)
            {
                if (header.Contains(word, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <inheritdoc cref="UploadedTable.ColumnLetter"/>
    public static string ColumnLetter(int index) => UploadedTable.ColumnLetter(index);
}

using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Infrastructure.Spreadsheets;

namespace Marketplace.Web.Features.Sanitization;

/// <summary>
/// The columns of an erasure tool's report and the words its cells use. Aliases are headers of real exports (Blancco Drive
/// Eraser and Management Console, WipeDrive, KillDisk) and of hand-made sheets; more specific ones come first, so a "Disk
/// vendor" column is the medium's manufacturer even when the sheet also has the computer's "Manufacturer".
/// </summary>
public static class ErasureReportFields
{
    public const string DeviceSerial = nameof(DeviceSerial), MediumSerial = nameof(MediumSerial), Manufacturer = nameof(Manufacturer), Model = nameof(Model),
        MediaType = nameof(MediaType), MediaSource = nameof(MediaSource), Confidentiality = nameof(Confidentiality), Method = nameof(Method), Technique = nameof(Technique),
        StandardFollowed = nameof(StandardFollowed), Tool = nameof(Tool), ToolVersion = nameof(ToolVersion), VerificationMethod = nameof(VerificationMethod),
        VerificationResult = nameof(VerificationResult), Destination = nameof(Destination), DataBackedUp = nameof(DataBackedUp), BackupLocation = nameof(BackupLocation),
        PerformerName = nameof(PerformerName), PerformerTitle = nameof(PerformerTitle), PerformerLocation = nameof(PerformerLocation), PerformerContact = nameof(PerformerContact);

    /// <summary>An erasure report of one lot: 100,000 media (50,000 devices with two drives each) in at most 40 MB.</summary>
    public static readonly TableLimits Limits = new(MaxRows: 100_000, MaxBytes: MaxBytes, RowsAre: "media");

    public const long MaxBytes = 40L * 1024 * 1024;

    /// <summary>Our own template's headers are the labels; the two serials and the result must come from the file.</summary>
    public static readonly IReadOnlyList<TableField> All =
    [
        new(DeviceSerial, "Device serial", true, "System serial", "System serial number", "Computer serial", "Computer serial number", "Device serial number",
            "Machine serial", "Chassis serial", "Serial number", "Serial", "Service tag"),
        new(MediumSerial, "Medium serial", true, "Disk serial", "Disk serial number", "Drive serial", "Drive serial number", "Media serial", "Media serial number",
            "Storage serial", "HDD serial", "SSD serial", "Drive SN", "Disk SN"),
        new(Manufacturer, "Medium manufacturer", false, "Disk vendor", "Drive vendor", "Disk manufacturer", "Drive manufacturer", "Media manufacturer", "Media vendor",
            "Disk make", "Vendor", "Manufacturer"),
        new(Model, "Medium model", false, "Disk model", "Drive model", "Media model", "Disk product", "Model"),
        new(MediaType, "Media type", false, "Disk type", "Drive type", "Medium type", "Storage type", "Media", "Disk interface"),
        new(MediaSource, "Media source", false, "Source", "Disk location", "Drive location"),
        new(Confidentiality, "Confidentiality", false, "Confidentiality categorization", "Security categorization", "Data classification"),
        new(Method, "Method", false, "Sanitization method", "NIST method", "NIST 800-88 method", "Sanitization level", "Erasure level", "Erasure method", "Erasure standard",
            "Wipe method"),
        new(Technique, "Technique", false, "Sanitization technique", "Erasure technique", "Wipe technique", "Erasure type"),
        new(StandardFollowed, "Standard followed", false, "Standard", "Sanitization standard", "Wipe standard", "Compliance"),
        new(Tool, "Tool", false, "Software", "Erasure software", "Product name", "Product", "Application", "Tool name", "Software name"),
        new(ToolVersion, "Tool version", false, "Software version", "Product version", "Application version", "Erasure software version", "Version"),
        new(VerificationMethod, "Verification method", false, "Verification", "Verification type", "Verification level", "Verify method"),
        new(VerificationResult, "Verification result", true, "Result", "Erasure result", "Erasure status", "Wipe result", "Wipe status", "Status", "Outcome"),
        new(Destination, "Destination", false, "Media destination", "Disposition", "Next step"),
        new(DataBackedUp, "Data backed up", false, "Backed up", "Backup"),
        new(BackupLocation, "Backup location", false),
        new(PerformerName, "Performer name", false, "Performed by", "Technician", "Technician name", "Operator", "Operator name", "Erased by", "User"),
        new(PerformerTitle, "Performer title", false, "Technician title", "Operator title", "Title"),
        new(PerformerLocation, "Performer location", false, "Technician location", "Operator location", "Location", "Site", "Facility"),
        new(PerformerContact, "Performer contact", false, "Technician contact", "Technician email", "Operator email", "Contact", "Email", "Phone"),
    ];

    public static TableField Field(string name) => All.Single(f => f.Name == name);

    /// <summary>An empty report with our headers, for technicians whose tool cannot export one with its own.</summary>
    public static byte[] Template() => SpreadsheetCsv.Write([.. All.Select(f => f.Label)], []);

    // Compared blind to case, spaces and punctuation (UploadedTable.NormalizeHeader); the enum's own name is always accepted.
    private static readonly Vocabulary<VerificationResult> Results = new(
        (Domain.Fulfillment.VerificationResult.Passed, ["Pass", "Successful", "Success", "Succeeded", "Erased", "Completed", "Complete", "Verified", "OK"]),
        (Domain.Fulfillment.VerificationResult.Failed, ["Fail", "Failure", "Unsuccessful", "Not completed", "Incomplete", "Aborted", "Error", "Not erased"]));

    private static readonly Vocabulary<MediaType> MediaTypes = new(
        (Domain.Fulfillment.MediaType.Hdd, ["Hard disk", "Hard drive", "Hard disk drive", "SATA HDD", "SAS HDD", "Magnetic"]),
        (Domain.Fulfillment.MediaType.Ssd, ["Solid state", "Solid-state drive", "SATA SSD", "SAS SSD"]),
        (Domain.Fulfillment.MediaType.Nvme, ["NVMe SSD", "PCIe", "PCIe SSD", "M.2 NVMe"]),
        (Domain.Fulfillment.MediaType.Emmc, ["MMC", "Embedded MMC"]),
        (Domain.Fulfillment.MediaType.Flash, ["USB", "USB flash", "USB drive", "SD card", "SD", "Memory card", "Thumb drive"]),
        (Domain.Fulfillment.MediaType.Other, []),
        (Domain.Fulfillment.MediaType.None, ["No storage", "No drive", "No disk", "No medium"]));

    private static readonly Vocabulary<SanitizationTechnique> Techniques = new(
        (SanitizationTechnique.Overwrite, ["Overwriting", "Overwritten", "Single-pass overwrite", "Zero overwrite", "Zero fill"]),
        (SanitizationTechnique.BlockErase, ["Block erase", "Secure erase", "ATA secure erase", "Enhanced secure erase", "Sanitize block erase", "NVMe format", "Firmware erase"]),
        (SanitizationTechnique.CryptographicErase, ["Cryptographic erase", "Crypto erase", "Crypto scramble", "Sanitize crypto erase", "Cryptographic erasure"]),
        (SanitizationTechnique.Shred, ["Shredding", "Shredded"]),
        (SanitizationTechnique.Disintegrate, ["Disintegration", "Disintegrated"]),
        (SanitizationTechnique.Pulverize, ["Pulverization", "Pulverized"]),
        (SanitizationTechnique.Incinerate, ["Incineration", "Incinerated"]),
        (SanitizationTechnique.Other, []),
        (SanitizationTechnique.Inspection, ["Visual inspection", "Inspected"]));

    private static readonly Vocabulary<MediaDestination> Destinations = new(
        (MediaDestination.InternalReuse, ["Internal", "Reuse internal"]),
        (MediaDestination.ExternalReuse, ["External", "Reuse external", "Resale", "Resell", "Reuse"]),
        (MediaDestination.Recycler, ["Recycle", "Recycling", "Recycled"]),
        (MediaDestination.Manufacturer, ["Return to manufacturer", "RMA"]),
        (MediaDestination.Other, []));

    private static readonly Vocabulary<DataBackedUp> BackedUp = new(
        (Domain.Fulfillment.DataBackedUp.Yes, ["Y", "True"]),
        (Domain.Fulfillment.DataBackedUp.No, ["N", "False"]),
        (Domain.Fulfillment.DataBackedUp.Unknown, []));

    /// <summary>The NIST SP 800-88 method a cell names: "Purge", or a tool's "NIST 800-88 Purge"; "n/a" or "none" for a device without a medium.</summary>
    public static bool TryMethod(string cell, out SanitizationMethod? method)
    {
        var word = UploadedTable.NormalizeHeader(cell);
        method = null;
        if (word is "na" or "none" or "notapplicable")
        {
            return true;
        }

        SanitizationMethod[] named = [.. Enum.GetValues<SanitizationMethod>().Where(m => word.Contains(m.ToString(), StringComparison.OrdinalIgnoreCase))];
        if (named is [var only])
        {
            method = only;
            return true;
        }

        if (word.Contains("destruction", StringComparison.Ordinal) || word.Contains("destroyed", StringComparison.Ordinal))
        {
            method = SanitizationMethod.Destroy;
            return true;
        }

        return false;
    }

    public const string AcceptedMethods = "Clear, Purge or Destroy (a description naming one, such as \"NIST 800-88 Purge\", is read as that one), or n/a for a device without storage";

    public static bool TryResult(string cell, out VerificationResult value) => Results.TryRead(cell, out value);

    public static bool TryMediaType(string cell, out MediaType value) => MediaTypes.TryRead(cell, out value);

    public static bool TryTechnique(string cell, out SanitizationTechnique value) => Techniques.TryRead(cell, out value);

    public static bool TryDestination(string cell, out MediaDestination value) => Destinations.TryRead(cell, out value);

    public static bool TryBackedUp(string cell, out DataBackedUp value) => BackedUp.TryRead(cell, out value);

    /// <summary>The words a field takes, for the message that refuses another: "Passed (or Pass, Successful…); Failed (or …)".</summary>
    public static string Accepted(string field) => field switch
    {
        VerificationResult => Results.Listed,
        MediaType => MediaTypes.Listed,
        Technique => Techniques.Listed,
        Destination => Destinations.Listed,
        DataBackedUp => BackedUp.Listed,
        Method => AcceptedMethods,
        _ => "",
    };

    /// <summary>The words of one enum's values: each value's own name and the words exports write for it.</summary>
    private sealed class Vocabulary<T> where T : struct, Enum
    {
        private readonly Dictionary<string, T> _words = [];

        public Vocabulary(params (T Value, string[] Words)[] values)
        {
            foreach (var (value, words) in values)
            {
                foreach (var word in words.Prepend(value.ToString()).Prepend(value.Words()))
                {
                    _words.TryAdd(UploadedTable.NormalizeHeader(word), value);
                }
            }

            Listed = string.Join("; ", values.Select(v => v.Words.Length == 0 ? v.Value.Words() : $"{v.Value.Words()} (or {string.Join(", ", v.Words)})"));
        }

        public string Listed { get; }

        public bool TryRead(string cell, out T value) => _words.TryGetValue(UploadedTable.NormalizeHeader(cell), out value);
    }
}

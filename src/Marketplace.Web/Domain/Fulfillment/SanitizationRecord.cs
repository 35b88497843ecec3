namespace Marketplace.Web.Domain.Fulfillment;

// NIST SP 800-88 Rev. 2 (September 26, 2025; Rev. 1 withdrawn the same day) §4.6 and the Appendix C sample
// certificate define what is recorded per medium. Rev. 2 leaves technique details to IEEE 2883 and the NSA
// specifications, and no longer counts degaussing as a Destroy technique, so it is not offered here.

/// <summary>NIST SP 800-88 Rev. 2 sanitization methods: Clear, Purge, Destroy.</summary>
public enum SanitizationMethod { Clear, Purge, Destroy }

/// <summary>
/// How the method was carried out. The standard followed (e.g. "IEEE 2883-2022 §7.2") is free text next to it:
/// Rev. 2 points technique details to IEEE 2883 and the NSA specifications rather than listing them.
/// <see cref="Inspection"/> is for a device found with no storage medium: nothing was erased, a person looked.
/// </summary>
public enum SanitizationTechnique { Overwrite, BlockErase, CryptographicErase, Shred, Disintegrate, Pulverize, Incinerate, Other, Inspection }

/// <summary>
/// The storage medium. <see cref="None"/>: the device holds no medium (the district removed it, or it never had one).
/// Such a device still gets a record — identifier <see cref="SanitizationRecord.NoMedium"/>, technique Inspection,
/// no method — validated and sampled like any other, because a drive missed by the person who looked is exactly the risk.
/// </summary>
public enum MediaType { Hdd, Ssd, Nvme, Emmc, Flash, Other, None }

public enum VerificationResult { Passed, Failed }

/// <summary>Where the medium goes after sanitization (Rev. 1 Appendix G "media destination", kept by Rev. 2 Appendix C).</summary>
public enum MediaDestination { InternalReuse, ExternalReuse, Recycler, Manufacturer, Other }

/// <summary>Rev. 1 Appendix G's "data backed up" — Rev. 2 dropped it; kept as an optional answer.</summary>
public enum DataBackedUp { Unknown, Yes, No }

/// <summary>The second person's decision on a record (Rev. 2 §4.6 validation).</summary>
public enum ValidationDecision { Accept, Repeat, Escalate }

public enum RecordStatus { AwaitingValidation, Accepted, Repeat, Escalated }

/// <summary>A person who performs, validates or re-checks: name, title, location and contact (the date is the server's clock).</summary>
public sealed record PersonOfRecord(string Name, string Title, string Location, string Contact)
{
    public bool IsSamePersonAs(PersonOfRecord other) =>
        string.Equals(Name.Trim(), other.Name.Trim(), StringComparison.OrdinalIgnoreCase);

    public PersonOfRecord Trimmed() => new(Name.Trim(), Title.Trim(), Location.Trim(), Contact.Trim());
}

/// <summary>What the technician reports for one medium. Conformance to a standard is only ever what they state.</summary>
public sealed record MediumReport(
    string MediumSerial,
    string Manufacturer,
    string Model,
    MediaType MediaType,
    string MediaSource,
    string? Confidentiality,
    SanitizationMethod? Method,
    SanitizationTechnique Technique,
    string? StandardFollowed,
    string Tool,
    string ToolVersion,
    string VerificationMethod,
    VerificationResult VerificationResult,
    MediaDestination Destination,
    DataBackedUp DataBackedUp,
    string? BackupLocation,
    PersonOfRecord Performer);

/// <summary>
/// The sanitization of one storage medium of one device, keyed by (device, medium serial). A repeat attempt updates
/// this row rather than adding one: the lot and the certificate need the medium's current state, and counting media
/// stays a matter of one row each. Earlier attempts are not lost — every RecordSanitization command is kept, payload
/// and all, in the audit trail — and <see cref="Attempt"/> and <see cref="RepeatReason"/> say there were some and why.
/// </summary>
public sealed class SanitizationRecord : IVersioned
{
    public const string NoMedium = "NONE";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public Guid DeviceId { get; init; }
    public required string MediumSerial { get; init; }
    public int Attempt { get; private set; }
    public string Manufacturer { get; private set; } = "";
    public string Model { get; private set; } = "";
    public MediaType MediaType { get; private set; }
    public string MediaSource { get; private set; } = "";
    public string? Confidentiality { get; private set; }
    public SanitizationMethod? Method { get; private set; }
    public SanitizationTechnique Technique { get; private set; }

    /// <summary>The standard the technician says they followed (e.g. IEEE 2883); never filled in by the product.</summary>
    public string? StandardFollowed { get; private set; }
    public string Tool { get; private set; } = "";
    public string ToolVersion { get; private set; } = "";
    public string VerificationMethod { get; private set; } = "";
    public VerificationResult VerificationResult { get; private set; }
    public MediaDestination Destination { get; private set; }
    public DataBackedUp DataBackedUp { get; private set; }
    public string? BackupLocation { get; private set; }
    public PersonOfRecord Performer { get; private set; } = null!;
    public Guid RecordedByUserId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public RecordStatus Status { get; private set; }
    public PersonOfRecord? Validator { get; private set; }
    public Guid? ValidatedByUserId { get; private set; }
    public DateTimeOffset? ValidatedAt { get; private set; }

    /// <summary>Why the validator escalated (shown to a supervisor) or why a repeat was asked (by validation or a failed QC check).</summary>
    public string? RepeatReason { get; private set; }
    public string? EscalationReason { get; private set; }
    public int Version { get; set; }

    public bool IsAccepted => Status == RecordStatus.Accepted;

    public static SanitizationRecord First(Guid lotId, Guid deviceId, MediumReport report, Guid userId, DateTimeOffset now)
    {
        var record = new SanitizationRecord { LotId = lotId, DeviceId = deviceId, MediumSerial = NormalizeSerial(report) };
        record.Apply(report, userId, now);
        return record;
    }

    public static string NormalizeSerial(MediumReport report) =>
        report.MediaType == MediaType.None ? NoMedium : report.MediumSerial.Trim().ToUpperInvariant();

    /// <summary>A repeat attempt on the same medium: the new report replaces the old, and it waits for validation again.</summary>
    public void Repeat(MediumReport report, Guid userId, DateTimeOffset now)
    {
        Require(Status != RecordStatus.Accepted, $"Medium {MediumSerial} is already accepted; only a medium sent back for repeat (or still awaiting validation) can be recorded again.");
        Apply(report, userId, now);
    }

    private void Apply(MediumReport report, Guid userId, DateTimeOffset now)
    {
        Check(report);
        Attempt++;
        Manufacturer = report.Manufacturer.Trim();
        Model = report.Model.Trim();
        MediaType = report.MediaType;
        MediaSource = report.MediaSource.Trim();
        Confidentiality = Blank(report.Confidentiality);
        Method = report.Method;
        Technique = report.Technique;
        StandardFollowed = Blank(report.StandardFollowed);
        Tool = report.Tool.Trim();
        ToolVersion = report.ToolVersion.Trim();
        VerificationMethod = report.VerificationMethod.Trim();
        VerificationResult = report.VerificationResult;
        Destination = report.Destination;
        DataBackedUp = report.DataBackedUp;
        BackupLocation = Blank(report.BackupLocation);
        Performer = report.Performer.Trimmed();
        RecordedByUserId = userId;
        RecordedAt = now;
        Status = RecordStatus.AwaitingValidation;
        Validator = null;
        ValidatedByUserId = null;
        ValidatedAt = null;
        EscalationReason = null;
    }

    private static void Check(MediumReport report)
    {
        if (report.MediaType == MediaType.None)
        {
            Require(report.Method is null && report.Technique == SanitizationTechnique.Inspection,
                "A device with no storage medium records no method: choose the technique \"Inspection\" and leave the method empty.");
        }
        else
        {
            Require(!string.IsNullOrWhiteSpace(report.MediumSerial), "Scan or type the medium's own serial (the drive or eMMC serial).");
            Require(report.Method is not null, "Choose the NIST SP 800-88 method: Clear, Purge or Destroy.");
            Require(report.Technique != SanitizationTechnique.Inspection, "Inspection is only for a device with no storage medium.");
        }

        Require(!string.IsNullOrWhiteSpace(report.Tool), "Name the tool or process used.");
        Require(!string.IsNullOrWhiteSpace(report.Performer.Name), "Name the person who performed the sanitization.");
    }

    /// <summary>
    /// The validation (Rev. 2 §4.6): a second person — never the one who performed it — accepts, asks for a repeat, or
    /// escalates with a reason. Returns whether the record became accepted, so the lot's count moves with it.
    /// </summary>
    public bool Validate(ValidationDecision decision, PersonOfRecord validator, Guid userId, string? reason, DateTimeOffset now)
    {
        Require(Status is RecordStatus.AwaitingValidation or RecordStatus.Escalated,
            Status == RecordStatus.Accepted ? $"Medium {MediumSerial} is already accepted." : $"Medium {MediumSerial} waits for a repeat sanitization, not a validation.");
        Require(!string.IsNullOrWhiteSpace(validator.Name), "Name the person who validates.");
        Require(userId != RecordedByUserId && !validator.IsSamePersonAs(Performer),
            $"{validator.Name.Trim()} performed or recorded the sanitization of medium {MediumSerial}; validation must be done by a different person.");
        Require(decision != ValidationDecision.Accept || VerificationResult == VerificationResult.Passed,
            $"The verification of medium {MediumSerial} failed; it cannot be accepted — ask for a repeat.");
        Require(decision == ValidationDecision.Accept || !string.IsNullOrWhiteSpace(reason), "Give the reason for a repeat or an escalation.");
        Validator = validator.Trimmed();
        ValidatedByUserId = userId;
        ValidatedAt = now;
        switch (decision)
        {
            case ValidationDecision.Accept:
                Status = RecordStatus.Accepted;
                return true;
            case ValidationDecision.Repeat:
                Status = RecordStatus.Repeat;
                RepeatReason = reason!.Trim();
                return false;
            default:
                Status = RecordStatus.Escalated;
                EscalationReason = reason!.Trim();
                return false;
        }
    }

    /// <summary>A failed quality-control re-check sends an accepted medium back to be sanitized again.</summary>
    public void FailQualityCheck(string reason)
    {
        Require(Status == RecordStatus.Accepted, $"Medium {MediumSerial} is not accepted.");
        Status = RecordStatus.Repeat;
        RepeatReason = reason;
    }

    public static string Describe(SanitizationMethod? method) => method switch
    {
        SanitizationMethod.Clear => "Clear",
        SanitizationMethod.Purge => "Purge",
        SanitizationMethod.Destroy => "Destroy",
        _ => "n/a (no medium)",
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(message);
        }
    }
}

using System.Globalization;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Domain.Lots;

namespace Marketplace.Web.Features.Imports;

/// <summary>A device read from one manifest row; the row number stays for the problem report.</summary>
public sealed record DeviceDraft(int Row, Device Device)
{
    public string Serial => Device.Serial;
}

/// <summary>
/// Turns one row into a <see cref="DeviceDraft"/> or the reasons it cannot be one. Lenient with the
/// spellings districts really use ("Grade A", "4 GB", "Jun 2026", "E-Rate"), strict with anything it
/// cannot read: that becomes a row-level issue naming the column and the value.
/// </summary>
public sealed class ManifestRowParser(Guid lotId, IReadOnlyList<string> headers, IReadOnlyDictionary<ManifestField, int> mapping, ImportPreset preset,
    IReadOnlyDictionary<string, DeviceModel> models, IReadOnlyDictionary<AssetStatusKind, AssetStatusEffect>? statuses = null)
{
    private readonly IReadOnlyDictionary<AssetStatusKind, AssetStatusEffect> _statuses = statuses ?? AssetStatuses.Defaults;

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy/MM/dd", "M/d/yyyy", "MM/dd/yyyy", "M/d/yy", "M-d-yyyy", "d-MMM-yyyy", "d MMM yyyy", "MMM d, yyyy", "MMMM d, yyyy",
        "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ", "M/d/yyyy H:mm", "M/d/yyyy h:mm tt",
    ];

    private static readonly string[] MonthFormats = ["yyyy-MM", "MMM yyyy", "MMMM yyyy", "MM/yyyy", "M/yyyy", "yyyy/MM"];

    // A manifest repeats the same few models, grades and statuses thousands of times: read each once.
    private readonly Dictionary<(ManifestField, string), object?> _parsed = [];
    private readonly Dictionary<string, DeviceModel?> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AssetStatusKind> _statusKinds = new(StringComparer.Ordinal);

    // One string per distinct model, maker, CPU or org unit instead of one per row: 50,000 rows hold a few dozen.
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

    public (DeviceDraft? Draft, List<ImportIssue> Issues) Parse(ManifestRow row, Guid jobId)
    {
        var issues = new List<ImportIssue>();
        if (row.ShapeProblem is not null)
        {
            issues.Add(new ImportIssue { ImportJobId = jobId, Row = row.RowNumber, Reason = ManifestText.Visible(row.ShapeProblem)!.Truncate(500) });
            return (null, issues);
        }

        // The raw cell, not Text(): cleaning turns a control character into a space, which would make "MVI\u0001-0002" a new serial.
        var serial = SerialNumber.Normalize(Cell(row, ManifestField.Serial));
        if (serial is null)
        {
            issues.Add(Issue(jobId, row, ManifestField.Serial, "The serial number is missing."));
            return (null, issues);
        }

        // A C1 control character (U+0080–U+009F) in a serial cell is a letter read in the wrong code page: say so, rather
        // than drop it as SerialNumber.Normalize drops stray C0 keystrokes and line breaks (which leave the serial intact).
        if (ControlIn(row, ManifestField.Serial) is { } control && control is >= '\u0080' and <= '\u009F')
        {
            issues.Add(Issue(jobId, row, ManifestField.Serial,
                $"The serial number contains the control character U+{(int)control:X4}, which no serial has. If other letters in the file look wrong too, save it again as CSV UTF-8; otherwise correct the value."));
            return (null, issues);
        }

        if (SerialNumber.Problem(serial) is { } problem)
        {
            issues.Add(Issue(jobId, row, ManifestField.Serial, problem));
            return (null, issues);
        }

        var draft = new Device { LotId = lotId, Serial = serial, Model = "Unknown model", Grade = CosmeticGrade.C };
        draft.AssetTag = Limit(Text(row, ManifestField.AssetTag), 64, ManifestField.AssetTag);
        draft.Model = Pool(Limit(Text(row, ManifestField.Model), 200, ManifestField.Model)) ?? draft.Model;
        draft.ModelNumber = Pool(Limit(Text(row, ManifestField.ModelNumber), 64, ManifestField.ModelNumber));
        draft.AssetStatus = Pool(Limit(Text(row, ManifestField.AssetStatus), 100, ManifestField.AssetStatus));
        draft.Manufacturer = Pool(Limit(Text(row, ManifestField.Manufacturer), 100, ManifestField.Manufacturer));
        draft.Cpu = Pool(Limit(Text(row, ManifestField.Cpu), 100, ManifestField.Cpu));
        draft.Location = Pool(Limit(Text(row, ManifestField.Location), 200, ManifestField.Location));
        draft.Notes = Limit(Text(row, ManifestField.Notes), 1000, ManifestField.Notes);
        var referenceKey = draft.Manufacturer + "\u0001" + draft.Model;
        if (!_references.TryGetValue(referenceKey, out var reference))
        {
            reference = DeviceModel.Find(models, draft.Manufacturer, draft.Model);
            _references[referenceKey] = reference;
        }

        draft.Category = Text(row, ManifestField.Category) is { } category
            ? Parse(category, ManifestField.Category, ParseCategory, "Use Chromebook, Windows laptop, MacBook, Tablet, Desktop or Other.")
            : reference?.Category
              ?? (draft.Model.Contains("chromebook", StringComparison.OrdinalIgnoreCase) || preset == ImportPreset.GoogleAdmin ? DeviceCategory.Chromebook : DeviceCategory.Other);
        draft.Manufacturer ??= reference?.Manufacturer;
        draft.Grade = Optional(ManifestField.Grade, ParseGrade, "Use A, B, C or D (A like new … D heavy wear).") ?? draft.Grade;
        // Checked before the functional column, so that a lost device is refused whatever else its row says.
        var statusFunctional = StatusFunctional();
        draft.Functional = Optional(ManifestField.Functional, ParseFunctional, "Use Working, Minor fault, Not working or For parts.")
                           ?? statusFunctional
                           ?? FunctionalStatus.Working;
        draft.RamGb = Number(ManifestField.RamGb, 0, 1024);
        draft.StorageGb = Number(ManifestField.StorageGb, 0, 100_000);
        draft.BatteryHealthPercent = Number(ManifestField.BatteryHealth, 0, 100);
        draft.PurchaseDate = Date(ManifestField.PurchaseDate);
        draft.PurchaseCost = Money(ManifestField.PurchaseCost);
        draft.EndOfLife = Date(ManifestField.EndOfLife);
        draft.AueDate = Date(ManifestField.AueDate) ?? (draft.Category == DeviceCategory.Chromebook ? reference?.AueDate : null);
        draft.FundingSource = Optional(ManifestField.FundingSource, ParseFunding, "Use E-rate, Federal grant, State, Local or Other.") ?? FundingSource.Unknown;
        draft.Enrollment = Optional(ManifestField.Enrollment, ParseEnrollment, "Use Enrolled or Deprovisioned (Google: ACTIVE, DISABLED, INACTIVE, PRE_PROVISIONED or DEPROVISIONED).") ?? EnrollmentStatus.Unknown;
        draft.DeclaredSanitization = Optional(ManifestField.DeclaredSanitization, ParseDeclared, "Use Wiped or Not wiped.") ?? DeclaredSanitization.Unknown;
        draft.HasCharger = Optional(ManifestField.Charger, ParseYesNo, "Use Yes or No.");
        return (issues.Count == 0 ? new DeviceDraft(row.RowNumber, draft) : null, issues);

        // What the district chose for this asset status; it applies only where the file gives no functional status of its own.
        FunctionalStatus? StatusFunctional()
        {
            if (draft.AssetStatus is not { } status)
            {
                return null;
            }

            if (!_statusKinds.TryGetValue(status, out var kind))
            {
                _statusKinds[status] = kind = AssetStatuses.Classify(status);
            }

            if (kind == AssetStatusKind.LostOrStolen)
            {
                issues.Add(Issue(jobId, row, ManifestField.AssetStatus,
                    $"Asset status \"{status}\": a device recorded as lost or stolen cannot go into a lot. Leave it out, or correct its status in the asset system if it was found."));
                return null;
            }

            return AssetStatuses.Functional(_statuses[kind]);
        }

        decimal? Money(ManifestField field)
        {
            if (Text(row, field) is not { } value)
            {
                return null;
            }

            if (!_parsed.TryGetValue((field, value), out var cached))
            {
                cached = ParseMoney(value);
                _parsed[(field, value)] = cached;
            }

            if (cached is decimal amount)
            {
                return amount;
            }

            issues.Add(Issue(jobId, row, field, $"Expected an amount in {ManifestFields.Labels[field]} (e.g. 379.00) but found \"{value}\"."));
            return null;
        }

        string? Limit(string? value, int max, ManifestField field)
        {
            if (value is not null && value.Length > max)
            {
                issues.Add(Issue(jobId, row, field, $"Longer than {max} characters."));
                return value[..max];
            }

            return value;
        }

        T Parse<T>(string value, ManifestField field, Func<string, T?> parse, string hint) where T : struct
        {
            if (!_parsed.TryGetValue((field, value), out var cached))
            {
                cached = parse(value);
                _parsed[(field, value)] = cached;
            }

            if (cached is T parsed)
            {
                return parsed;
            }

            issues.Add(Issue(jobId, row, field, $"Unknown {ManifestFields.Labels[field].ToLowerInvariant()} \"{value}\". {hint}"));
            return default;
        }

        T? Optional<T>(ManifestField field, Func<string, T?> parse, string hint) where T : struct =>
            Text(row, field) is { } value ? Parse(value, field, parse, hint) : null;

        int? Number(ManifestField field, int min, int max)
        {
            if (Text(row, field) is not { } value)
            {
                return null;
            }

            var digits = value.Replace("GB", "", StringComparison.OrdinalIgnoreCase).Replace("%", "").Replace(",", "").Trim();
            if (!decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            {
                issues.Add(Issue(jobId, row, field, $"Expected a number in {ManifestFields.Labels[field]} but found text."));
                return null;
            }

            if (number < min || number > max)
            {
                issues.Add(Issue(jobId, row, field, $"{ManifestFields.Labels[field]} must be between {min} and {max}."));
                return null;
            }

            return (int)Math.Round(number);
        }

        DateOnly? Date(ManifestField field)
        {
            if (Text(row, field) is not { } value)
            {
                return null;
            }

            if (!_parsed.TryGetValue((field, value), out var cached))
            {
                cached = ParseDate(value);
                _parsed[(field, value)] = cached;
            }

            if (cached is DateOnly date)
            {
                return date;
            }

            // Asset systems that keep end of life per model export it as a period ("36 months") from the purchase.
            if (field == ManifestField.EndOfLife && draft.PurchaseDate is { } bought && ParsePeriodInMonths(value) is { } months)
            {
                return bought.AddMonths(months);
            }

            issues.Add(Issue(jobId, row, field, "Unreadable date: use YYYY-MM-DD (e.g. 2026-06-30), MM/DD/YYYY or a month like Jun 2026."));
            return null;
        }
    }

    private string? Pool(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!_pool.TryGetValue(value, out var pooled))
        {
            _pool[value] = pooled = value;
        }

        return pooled;
    }

    public static DateOnly? ParseDate(string value)
    {
        value = value.Trim();
        if (DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return DateOnly.FromDateTime(date);
        }

        if (DateTime.TryParseExact(value, MonthFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var month))
        {
            return new DateOnly(month.Year, month.Month, 1);
        }

        // The Directory API (and GAM) report autoUpdateExpiration as milliseconds since 1970.
        if (value.Length is >= 11 and <= 14 && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime);
        }

        return null;
    }

    /// <summary>
    /// An amount as inventories write it: "$1,379.00", "379", "1.379,00 €", "USD 249". With both separators the
    /// last one is the decimal point; a lone comma followed by exactly three digits groups thousands.
    /// </summary>
    public static decimal? ParseMoney(string value)
    {
        var text = new string(value.Where(c => char.IsDigit(c) || c is '.' or ',' or '-').ToArray());
        if (text.Length == 0 || text.Contains('-', StringComparison.Ordinal) || !value.Any(char.IsDigit) || value.Count(char.IsLetter) > 3)
        {
            return null;
        }

        var dot = text.LastIndexOf('.');
        var comma = text.LastIndexOf(',');
        var decimalPoint = (dot, comma) switch
        {
            (>= 0, >= 0) => Math.Max(dot, comma),
            (< 0, >= 0) => text.Length - comma - 1 == 3 ? -1 : comma,
            (>= 0, < 0) => text.Count(c => c == '.') > 1 ? -1 : dot,
            _ => -1,
        };
        var digits = decimalPoint < 0
            ? text.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal)
            : text[..decimalPoint].Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal) + "." + text[(decimalPoint + 1)..];
        return decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount < 100_000_000m
            ? decimal.Round(amount, 2)
            : null;
    }

    /// <summary>"36 months", "3 years", "48 mo".</summary>
    public static int? ParsePeriodInMonths(string value)
    {
        var text = value.Trim();
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits is 0 or > 3 || !int.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        return ManifestFields.Normalize(text[digits..]) switch
        {
            "month" or "months" or "mo" or "mos" => count,
            "year" or "years" or "yr" or "yrs" => count * 12,
            _ => null,
        };
    }

    public static DeviceCategory? ParseCategory(string value) => ManifestFields.Normalize(value) switch
    {
        "chromebook" or "chromebooks" or "chromeos" or "chromedevice" => DeviceCategory.Chromebook,
        "windowslaptop" or "laptop" or "laptops" or "notebook" or "pclaptop" or "windows" => DeviceCategory.WindowsLaptop,
        "macbook" or "macbookair" or "macbookpro" or "maclaptop" or "mac" => DeviceCategory.MacBook,
        "tablet" or "tablets" or "ipad" or "ipadtablet" or "ipads" => DeviceCategory.Tablet,
        "desktop" or "desktops" or "pc" or "workstation" or "allinone" or "imac" => DeviceCategory.Desktop,
        "other" or "accessory" or "peripheral" => DeviceCategory.Other,
        _ => null,
    };

    public static CosmeticGrade? ParseGrade(string value) => ManifestFields.Normalize(value) switch
    {
        "a" or "gradea" or "aplus" or "likenew" or "excellent" => CosmeticGrade.A,
        "b" or "gradeb" or "good" or "lightwear" => CosmeticGrade.B,
        "c" or "gradec" or "fair" or "visiblewear" => CosmeticGrade.C,
        "d" or "graded" or "poor" or "damaged" or "heavywear" => CosmeticGrade.D,
        _ => null,
    };

    public static FunctionalStatus? ParseFunctional(string value) => ManifestFields.Normalize(value) switch
    {
        "working" or "works" or "ok" or "yes" or "functional" or "fullyfunctional" or "pass" => FunctionalStatus.Working,
        "minorfault" or "minor" or "minorissue" or "minorissues" or "partial" => FunctionalStatus.MinorFault,
        "notworking" or "broken" or "dead" or "no" or "fail" or "doesnotpoweron" or "nopower" => FunctionalStatus.NotWorking,
        "forparts" or "parts" or "partsonly" or "salvage" => FunctionalStatus.ForParts,
        _ => null,
    };

    public static FundingSource? ParseFunding(string value) => ManifestFields.Normalize(value) switch
    {
        "erate" or "eratefunded" or "eratecategory2" => FundingSource.ERate,
        "federal" or "federalgrant" or "titlei" or "title1" or "esser" or "esseri" or "esserii" or "esseriii" or "cares" or "eccf" or "idea" => FundingSource.FederalGrant,
        "state" or "stategrant" or "statefunds" => FundingSource.State,
        "local" or "district" or "generalfund" or "localfunds" or "bond" or "pta" => FundingSource.Local,
        "other" or "donation" or "donated" => FundingSource.Other,
        "unknown" or "na" or "none" => FundingSource.Unknown,
        _ => null,
    };

    /// <summary>
    /// Google's device states (ACTIVE, DISABLED, INACTIVE, PRE_PROVISIONED… all still tie the device to the
    /// district's domain; only DEPROVISIONED releases it), MDM wording, and yes/no under an "Enrolled" header.
    /// </summary>
    public static EnrollmentStatus? ParseEnrollment(string value) => ManifestFields.Normalize(value) switch
    {
        "active" or "enrolled" or "provisioned" or "managed" or "disabled" or "inactive" or "preprovisioned" or "shipped" or "returnrequested"
            or "returnapproved" or "returnarrived" or "yes" or "y" or "true" => EnrollmentStatus.Enrolled,
        "deprovisioned" or "unenrolled" or "released" or "notenrolled" or "unmanaged" or "notprovisioned" or "notmanaged" or "no" or "n" or "false"
            => EnrollmentStatus.Deprovisioned,
        "unknown" => EnrollmentStatus.Unknown,
        _ => null,
    };

    public static DeclaredSanitization? ParseDeclared(string value) => ManifestFields.Normalize(value) switch
    {
        "wiped" or "yes" or "powerwashed" or "erased" or "sanitized" or "reset" or "factoryreset" => DeclaredSanitization.Wiped,
        "notwiped" or "no" or "notsanitized" or "pending" => DeclaredSanitization.NotWiped,
        "unknown" => DeclaredSanitization.Unknown,
        _ => null,
    };

    public static bool? ParseYesNo(string value) => ManifestFields.Normalize(value) switch
    {
        "yes" or "y" or "true" or "1" or "included" or "charger" => true,
        "no" or "n" or "false" or "0" or "none" or "missing" => false,
        _ => null,
    };

    /// <summary>The cell of <paramref name="field"/>, trimmed and without control characters (notes keep their line breaks); null when empty.</summary>
    private string? Text(ManifestRow row, ManifestField field) =>
        Cell(row, field) is { } value && ManifestText.Clean(value, multiline: field == ManifestField.Notes) is { Length: > 0 } clean
            ? clean
            : null;

    private char? ControlIn(ManifestRow row, ManifestField field) => Cell(row, field) is { } value ? ManifestText.FirstControl(value) : null;

    private string? Cell(ManifestRow row, ManifestField field) =>
        mapping.TryGetValue(field, out var index) && index < row.Cells.Length && row.Cells[index] is { } value && value.Trim() is { Length: > 0 } trimmed
            ? trimmed
            : null;

    private ImportIssue Issue(Guid jobId, ManifestRow row, ManifestField field, string reason)
    {
        var index = mapping[field];
        var value = index < row.Cells.Length ? row.Cells[index] : null;
        return new ImportIssue
        {
            ImportJobId = jobId,
            Row = row.RowNumber,
            Column = $"{ManifestFields.ColumnLetter(index)} ({headers[index]})",
            Value = ManifestText.Visible(value)?.Truncate(500),
            Reason = ManifestText.Visible(reason)!.Truncate(500),
        };
    }
}

namespace Marketplace.Web.Domain.Imports;

public enum ImportStatus { AwaitingMapping, Validating, Validated, Importing, Completed, Cancelled, Failed }

public enum ImportPreset { Custom, GoogleAdmin, SnipeIt }

/// <summary>
/// One manifest file on its way into a lot: uploaded, mapped, validated in the background, then
/// imported — all valid rows or none — in one transaction.
/// </summary>
public sealed class ImportJob
{
    public const long MaxFileBytes = 50 * 1024 * 1024;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public Guid OrganizationId { get; init; }
    public required string FileName { get; init; }
    public long FileBytes { get; init; }

    /// <summary>JSON of the header row and the first rows, read at upload so the mapping screen never reloads the file.</summary>
    public required string HeaderJson { get; init; }
    public ImportPreset Preset { get; set; }
    public ImportStatus Status { get; private set; } = ImportStatus.AwaitingMapping;

    /// <summary>JSON: target field → source header.</summary>
    public string? MappingJson { get; private set; }
    /// <summary>Data rows in the file (the header and empty rows not counted).</summary>
    public int TotalRows { get; private set; }
    public int ValidRows { get; private set; }

    /// <summary>Every problem in the report: one per value or row that is refused, plus the header notes.</summary>
    public int IssueCount { get; private set; }

    /// <summary>Problems with header cells (blank, repeated); they leave a column out, not a row.</summary>
    public int HeaderNotes { get; private set; }
    public int ImportedRows { get; private set; }
    public string? FailureMessage { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public bool IsWorking => Status is ImportStatus.Validating or ImportStatus.Importing;

    /// <summary>Rows the check refused; a row with three bad values is one row here and three problems in <see cref="RowProblems"/>.</summary>
    public int RowsLeftOut => TotalRows - ValidRows;

    public int RowProblems => IssueCount - HeaderNotes;

    public void StartValidation(string mappingJson)
    {
        if (Status is not (ImportStatus.AwaitingMapping or ImportStatus.Validated))
        {
            throw new DomainException($"This import is {Status.Words().ToLowerInvariant()}; upload the file again to change its mapping.");
        }

        MappingJson = mappingJson;
        Status = ImportStatus.Validating;
    }

    public void FinishValidation(int totalRows, int validRows, int issueCount, int headerNotes)
    {
        TotalRows = totalRows;
        ValidRows = validRows;
        IssueCount = issueCount;
        HeaderNotes = headerNotes;
        Status = ImportStatus.Validated;
    }

    public void StartImport(bool acceptIssues)
    {
        if (Status != ImportStatus.Validated)
        {
            throw new DomainException($"Only a validated import can be imported; this one is {Status.Words().ToLowerInvariant()}.");
        }

        if (ValidRows == 0)
        {
            throw new DomainException("No row of this file is valid: fix the file and upload it again.");
        }

        if (IssueCount > 0 && !acceptIssues)
        {
            throw new DomainException("The file has problems: import only the valid rows, or cancel and fix the file.");
        }

        Status = ImportStatus.Importing;
    }

    public void Complete(int importedRows, DateTimeOffset at)
    {
        ImportedRows = importedRows;
        Status = ImportStatus.Completed;
        FinishedAt = at;
    }

    public void Cancel(DateTimeOffset at)
    {
        if (Status is ImportStatus.Completed or ImportStatus.Importing)
        {
            throw new DomainException("This import already ran; remove devices from the lot instead.");
        }

        Status = ImportStatus.Cancelled;
        FinishedAt = at;
    }

    public void Fail(string message, DateTimeOffset at)
    {
        FailureMessage = message;
        Status = ImportStatus.Failed;
        FinishedAt = at;
    }
}

/// <summary>
/// The uploaded bytes, in the database so any worker instance can process them, and in their own
/// table so that polling an import's progress never reads the file.
/// </summary>
public sealed class ImportFile
{
    public Guid ImportJobId { get; init; }
    public required byte[] Content { get; init; }
}

/// <summary>One problem in one cell (or row) of an uploaded manifest.</summary>
public sealed class ImportIssue
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ImportJobId { get; init; }
    public int Row { get; init; }
    public string? Column { get; init; }
    public string? Value { get; init; }
    public required string Reason { get; init; }
}

/// <summary>
/// The column mapping a district chose for one set of headers, offered again for its next file with the
/// same headers. A file with other headers was exported by something else, where the same header can
/// mean something else (Google's "status" is enrollment, an asset system's is "Ready to Deploy").
/// </summary>
public sealed class ImportMapping
{
    public Guid OrganizationId { get; init; }

    /// <summary>Fingerprint of the file's header names, in any order (<c>ManifestFields.HeaderSet</c>).</summary>
    public required string HeaderSet { get; init; }
    public required string MappingJson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

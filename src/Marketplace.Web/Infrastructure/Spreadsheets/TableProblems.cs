namespace Marketplace.Web.Infrastructure.Spreadsheets;

/// <summary>What is wrong with one row of an upload; <paramref name="Column"/> is the file's header, or null when no one column is to blame.</summary>
public sealed record TableProblem(int Row, string? Column, string Message)
{
    public override string ToString() => Column is null ? $"Row {Row:N0}: {Message}" : $"Row {Row:N0}, column '{Column}': {Message}";
}

/// <summary>
/// The problems of an all-or-nothing upload: the first <paramref name="shown"/> listed, all counted. A problem with a value
/// the uploader's form gave (the file has no column for the field) is the same on every row, so it is listed once.
/// </summary>
public sealed class TableProblems(TableMapping mapping, int shown = TableProblems.DefaultShown)
{
    public const int DefaultShown = 100;

    private readonly List<TableProblem> _shown = [];
    private readonly HashSet<string> _fromForm = [];

    public int Count { get; private set; }

    public IReadOnlyList<TableProblem> Shown => _shown;

    public void Add(int row, string? column, string message)
    {
        if (Count++ < shown)
        {
            _shown.Add(new TableProblem(row, column, message));
        }
    }

    /// <summary>A problem with a field's value: its column named, or the form when the file has none.</summary>
    public void AddFor(int row, string field, string message)
    {
        if (mapping.Header(field) is { } header)
        {
            Add(row, header, message);
        }
        else if (_fromForm.Add(field + message))
        {
            Add(row, null, $"{mapping.Fields.FirstOrDefault(f => f.Name == field)?.Label ?? field} (no column in the file, so the form's value is used): {message}");
        }
    }
}

/// <summary>The mapping step of an upload whose columns could not all be matched: what is missing, what is wrong, and the first rows to tell columns apart.</summary>
public sealed record TableMappingStep(IReadOnlyList<string> Missing, IReadOnlyList<string> ChoiceProblems, IReadOnlyList<HeaderProblem> HeaderProblems,
    IReadOnlyList<TableRow> Preview)
{
    public const int PreviewRows = 5;

    public static TableMappingStep Of(UploadedTable table, TableMapping mapping) =>
        new([.. mapping.Missing.Select(f => f.Label)], mapping.Problems, table.HeaderProblems, [.. table.Rows.Take(PreviewRows)]);
}

/// <summary>An upload that recorded nothing, as its page shows it: the columns to choose, or the problems row by row.</summary>
/// <param name="What">What the file is, in the page's words ("report", "list").</param>
public sealed record UploadRefusal(string FileName, string What, TableMappingStep? Mapping, IReadOnlyList<TableProblem> Problems, int ProblemCount, IReadOnlyList<string> Headers);

using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;
using Marketplace.Web.Infrastructure.Web;

namespace Marketplace.Web.Infrastructure.Spreadsheets;

/// <summary>A blank or repeated header cell: its column cannot be mapped.</summary>
public sealed record HeaderProblem(int Column, string Reason);

/// <summary>A data row as the spreadsheet user numbers it (the header is row 1), its cells lined up with the headers.</summary>
/// <param name="ShapeProblem">Why the row's values do not line up with the headers, or null.</param>
public sealed record TableRow(int Number, IReadOnlyList<string?> Cells, string? ShapeProblem);

/// <summary>A field an upload fills from a column: its name in code, its label for people, and the headers that name it.</summary>
/// <param name="Aliases">Headers other exports use for it; compared, like the label, blind to case, spaces and punctuation.</param>
public sealed record TableField(string Name, string Label, bool Required, params string[] Aliases)
{
    public IEnumerable<string> Names => [Label, Name, .. Aliases];
}

/// <summary>How big an upload may be, and what its rows are called in the messages ("media", "serials").</summary>
public sealed record TableLimits(int MaxRows, long MaxBytes, string RowsAre)
{
    public XlsxLimits Xlsx => XlsxLimits.Manifest with { MaxRows = MaxRows };
}

/// <summary>The upload cannot be read as a table at all; the message says why, in the uploader's terms.</summary>
public sealed class TableFormatException(string message) : Exception(message);

/// <summary>
/// A small table someone uploads (an erasure tool's report, a receiving list): CSV in any common dialect (BOM or not; comma,
/// semicolon or tab; UTF-8, UTF-16 or the legacy code page it reads best in) or .xlsx, read whole into a header row and
/// data rows of text, within <see cref="TableLimits"/>. <see cref="Map"/> finds each field's column by its header.
/// </summary>
/// <remarks>The district's manifest, which can be far larger, streams its rows through the same readers (<c>ManifestReader</c>).</remarks>
public sealed class UploadedTable
{
    // ExcelDataReader decodes workbook metadata with legacy code pages, which .NET Core only knows once registered.
    static UploadedTable() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly HashSet<int> _unusable;

    private UploadedTable(string fileName, IReadOnlyList<string> headers, IReadOnlyList<TableRow> rows, string? encodingName)
    {
        FileName = fileName;
        Headers = headers;
        Rows = rows;
        EncodingName = encodingName;
        HeaderProblems = CheckHeaders(headers);
        _unusable = [.. HeaderProblems.Select(p => p.Column)];
    }

    /// <summary>The file's name without its folder, as the uploader's computer gave it.</summary>
    public string FileName { get; }

    /// <summary>The header row, each cleaned of invisible characters and runs of spaces (<see cref="CleanHeader"/>).</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The data rows, without rows that have no value at all; each has exactly one cell per header.</summary>
    public IReadOnlyList<TableRow> Rows { get; }

    /// <summary>The character set a CSV was read in (detected), or null for a workbook.</summary>
    public string? EncodingName { get; }

    /// <summary>Blank and repeated header cells; such columns are never mapped.</summary>
    public IReadOnlyList<HeaderProblem> HeaderProblems { get; }

    /// <summary>Reads the whole table for a command: a file that cannot be read is refused with the reason, as any business rule is.</summary>
    /// <exception cref="DomainException">Empty, too large, without a header row, or not a readable CSV or .xlsx file.</exception>
    public static UploadedTable ReadOrRefuse(string fileName, byte[] content, TableLimits limits)
    {
        try
        {
            return Read(fileName, content, limits);
        }
        catch (TableFormatException ex)
        {
            throw new DomainException(ex.Message);
        }
    }

    /// <summary>Reads the whole table.</summary>
    /// <exception cref="TableFormatException">Empty, too large, without a header row, or not a readable CSV or .xlsx file.</exception>
    public static UploadedTable Read(string fileName, byte[] content, TableLimits limits)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')) is { Length: > 0 } n ? new string([.. n.Select(c => char.IsControl(c) ? '_' : c)]).Truncate(255) : "upload";
        if (content.Length == 0)
        {
            throw new TableFormatException($"{name} is empty.");
        }

        if (content.LongLength > limits.MaxBytes)
        {
            var size = limits.MaxBytes >= 1024 * 1024 ? $"{limits.MaxBytes / 1024d / 1024:0.#} MB" : $"{limits.MaxBytes / 1024d:0.#} KB";
            throw new TableFormatException($"{name} is larger than {size}; split it into files of at most {limits.MaxRows:N0} {limits.RowsAre}.");
        }

        var xlsx = IsXlsx(fileName, content);
        if (xlsx && limits.Xlsx.Exceeded(content) is { } tooLarge)
        {
            throw new TableFormatException(tooLarge);
        }

        var encoding = xlsx ? (Encoding.UTF8, (string?)null) : CsvEncoding.Detect(content);
        var delimiter = xlsx ? "," : DetectDelimiter(content);
        var rows = new List<TableRow>();
        string[]? headers = null;
        try
        {
            foreach (var (number, cells) in xlsx ? ReadXlsx(content) : ReadCsv(content, encoding.Item1, delimiter))
            {
                if (headers is null)
                {
                    headers = ReadHeaders(cells, xlsx);
                    continue;
                }

                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (rows.Count == limits.MaxRows)
                {
                    throw new TableFormatException($"{name} has more than {limits.MaxRows:N0} {limits.RowsAre} (row {number:N0} is one too many). Split it into files of at most {limits.MaxRows:N0}.");
                }

                rows.Add(Fit(number, cells, headers, xlsx));
            }
        }
        catch (Exception ex) when (ex is not TableFormatException)
        {
            throw new TableFormatException(xlsx
                ? $"{name} could not be read as an .xlsx workbook ({ex.Message}). Save it again from Excel, or export it as CSV."
                : $"{name} could not be read as CSV ({ex.Message}).");
        }

        return headers is null
            ? throw new TableFormatException($"{name} has no header row: the first row must hold the column headers.")
            : new UploadedTable(name, headers, rows, encoding.Item2);
    }

    /// <summary>
    /// Each field's column: the uploader's choice where they made one (a header, or "" for "not in this file"), otherwise
    /// the column whose header is the field's label, name or one of its aliases (earlier aliases win when several columns
    /// match). Blank and repeated headers are never picked, and a column fills one field at most.
    /// </summary>
    /// <param name="chosen">Field name → header text as the uploader picked it on the mapping step; "" for none.</param>
    public TableMapping Map(IReadOnlyList<TableField> fields, IReadOnlyDictionary<string, string>? chosen = null)
    {
        var normalized = Headers.Select(NormalizeHeader).ToArray();
        var columns = new Dictionary<string, int>();
        var used = new HashSet<int>(_unusable);
        var problems = new List<string>();
        foreach (var field in fields)
        {
            if (chosen is null || !chosen.TryGetValue(field.Name, out var header))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(header))
            {
                columns[field.Name] = TableMapping.NotInFile;
                continue;
            }

            var index = Enumerable.Range(0, Headers.Count).Where(i => !_unusable.Contains(i))
                .FirstOrDefault(i => string.Equals(Headers[i], CleanHeader(header), StringComparison.OrdinalIgnoreCase), -1);
            if (index < 0)
            {
                problems.Add($"{field.Label}: the file has no column \"{Refusal.Shown(header)}\".");
            }
            else if (!used.Add(index))
            {
                problems.Add($"{field.Label}: column {ColumnLetter(index)} ({Headers[index]}) is already chosen for another field.");
            }
            else
            {
                columns[field.Name] = index;
            }
        }

        foreach (var field in fields.Where(f => !columns.ContainsKey(f.Name)))
        {
            foreach (var name in field.Names.Select(NormalizeHeader).Where(n => n.Length > 0))
            {
                var index = Array.FindIndex(normalized, h => h == name);
                if (index >= 0 && used.Add(index))
                {
                    columns[field.Name] = index;
                    break;
                }
            }
        }

        return new TableMapping(this, fields, columns, problems);
    }

    /// <summary>"A" for column 0, "AB" for column 27: how spreadsheet users name columns.</summary>
    public static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>
    /// Letters and digits only, lower case, in Unicode compatibility form: "Serial\u00A0Number\u0007", "serial_number" and a
    /// full-width "Ｓｅｒｉａｌ" all read as "serialnumber" / "serial".
    /// </summary>
    public static string NormalizeHeader(string header)
    {
        if (!header.IsNormalized(NormalizationForm.FormKC))
        {
            header = header.Normalize(NormalizationForm.FormKC);
        }

        Span<char> buffer = header.Length <= 256 ? stackalloc char[header.Length] : new char[header.Length];
        var length = 0;
        foreach (var c in header)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    /// <summary>
    /// A header as shown and stored: invisible characters (zero-width spaces, BOMs, soft hyphens) dropped, and line breaks,
    /// tabs, other control characters and runs of spaces made one space. Exports and hand-edited sheets carry all of
    /// these, and none may reach a page or a problem list.
    /// </summary>
    public static string CleanHeader(string? header)
    {
        if (header is null)
        {
            return "";
        }

        var text = new StringBuilder(header.Length);
        foreach (var c in header)
        {
            if (char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (text.Length > 0 && text[^1] != ' ')
                {
                    text.Append(' ');
                }

                continue;
            }

            text.Append(c);
        }

        return text.ToString().Trim();
    }

    /// <summary>Blank and repeated header cells: their columns cannot be mapped.</summary>
    public static IReadOnlyList<HeaderProblem> CheckHeaders(IReadOnlyList<string> headers)
    {
        var problems = new List<HeaderProblem>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Length == 0)
            {
                problems.Add(new HeaderProblem(i, $"The header cell of column {ColumnLetter(i)} is blank; that column is ignored."));
            }
            else if (!seen.TryAdd(headers[i], i))
            {
                problems.Add(new HeaderProblem(i, $"The header \"{headers[i]}\" appears twice (columns {ColumnLetter(seen[headers[i]])} and {ColumnLetter(i)}); column {ColumnLetter(i)} is ignored."));
            }
        }

        return problems;
    }

    public static bool IsXlsx(string fileName, byte[] content) =>
        fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || content is [(byte)'P', (byte)'K', 3, 4, ..];

    /// <summary>The header row's cells, cleaned; a workbook's blank cells after the last header are no columns.</summary>
    /// <exception cref="TableFormatException">The first row holds nothing.</exception>
    internal static string[] ReadHeaders(string?[] cells, bool xlsx)
    {
        if (cells.All(string.IsNullOrWhiteSpace))
        {
            throw new TableFormatException("The first row must hold the column headers, but it is empty.");
        }

        var headers = cells.Select(CleanHeader).ToArray();
        while (xlsx && headers.Length > 0 && headers[^1].Length == 0)
        {
            headers = headers[..^1];
        }

        return headers;
    }

    /// <summary>Every row of a CSV, header included, numbered from 1, in the encoding and with the delimiter given.</summary>
    internal static IEnumerable<(int Number, string?[] Cells)> ReadCsv(byte[] content, Encoding encoding, string delimiter)
    {
        using var reader = new StreamReader(new MemoryStream(content), encoding, detectEncodingFromByteOrderMarks: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = false,
            DetectColumnCountChanges = false,
            TrimOptions = TrimOptions.None,
        };
        using var parser = new CsvParser(reader, configuration);
        var row = 0;
        while (parser.Read())
        {
            row++;
            yield return (row, parser.Record ?? []);
        }
    }

    /// <summary>Every row of a workbook's first sheet, numbered from 1: dates as yyyy-MM-dd, numbers invariant, booleans yes/no.</summary>
    internal static IEnumerable<(int Number, string?[] Cells)> ReadXlsx(byte[] content)
    {
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(content));
        var row = 0;
        while (reader.Read())
        {
            row++;
            var cells = new string?[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetValue(i) switch
                {
                    null => null,
                    DateTime date => date.TimeOfDay == TimeSpan.Zero ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    double number => number.ToString("G15", CultureInfo.InvariantCulture),
                    bool flag => flag ? "yes" : "no",
                    var other => Convert.ToString(other, CultureInfo.InvariantCulture),
                };
            }

            yield return (row, cells);
        }
    }

    /// <summary>The separator that occurs most often outside quotes in the header line.</summary>
    internal static string DetectDelimiter(byte[] content)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var quoted = false;
        foreach (var b in content.AsSpan(0, Math.Min(content.Length, 64 * 1024)))
        {
            if (b == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && b is (byte)'\r' or (byte)'\n')
            {
                break;
            }
            else if (!quoted)
            {
                comma += b == ',' ? 1 : 0;
                semicolon += b == ';' ? 1 : 0;
                tab += b == '\t' ? 1 : 0;
            }
        }

        // UTF-16 puts a zero byte after each ASCII one, which changes none of these counts.
        return tab > comma && tab >= semicolon ? "\t" : semicolon > comma ? ";" : ",";
    }

    /// <summary>
    /// A row with exactly one cell per header. A workbook's blank trailing cells are fine and values past the last header
    /// are not; a CSV row with another number of values has its values shifted against the headers.
    /// </summary>
    private static TableRow Fit(int number, string?[] cells, string[] headers, bool xlsx)
    {
        if (cells.Length == headers.Length)
        {
            return new TableRow(number, cells, null);
        }

        var fitted = new string?[headers.Length];
        Array.Copy(cells, fitted, Math.Min(headers.Length, cells.Length));
        var extra = cells.Length > headers.Length ? Array.FindIndex(cells, headers.Length, c => !string.IsNullOrWhiteSpace(c)) : -1;
        var problem = xlsx
            ? extra < 0 ? null : $"This row has a value in column {ColumnLetter(extra)} (\"{Refusal.Shown(cells[extra])}\"), past the last header (column {ColumnLetter(headers.Length - 1)}, {headers[^1]}): add a header for it or remove it."
            : $"This row has {cells.Length} values but the header has {headers.Length} columns, so its values do not line up with their columns.";
        return new TableRow(number, fitted, problem);
    }
}

/// <summary>Which column fills each field of an upload, and the cells of a row by field.</summary>
public sealed class TableMapping
{
    /// <summary>The uploader said the file has no column for the field.</summary>
    public const int NotInFile = -1;

    private readonly UploadedTable _table;
    private readonly Dictionary<string, int> _columns;

    internal TableMapping(UploadedTable table, IReadOnlyList<TableField> fields, Dictionary<string, int> columns, IReadOnlyList<string> problems)
    {
        _table = table;
        _columns = columns;
        Fields = fields;
        Problems = problems;
    }

    public IReadOnlyList<TableField> Fields { get; }

    /// <summary>Choices of the uploader that cannot be used (a header the file does not have, a column chosen twice).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Required fields no column fills.</summary>
    public IReadOnlyList<TableField> Missing => [.. Fields.Where(f => f.Required && Column(f.Name) is null)];

    /// <summary>Every required field has a column and every choice could be used: the rows can be read.</summary>
    public bool IsComplete => Problems.Count == 0 && Missing.Count == 0;

    /// <summary>Columns no field takes (blank and repeated headers included): what the upload leaves unread.</summary>
    public IReadOnlyList<string> Unmapped => [.. Enumerable.Range(0, _table.Headers.Count).Where(i => !_columns.ContainsValue(i)).Select(i => _table.Headers[i]).Where(h => h.Length > 0)];

    /// <summary>The column index filling the field, or null.</summary>
    public int? Column(string field) => _columns.TryGetValue(field, out var index) && index >= 0 ? index : null;

    /// <summary>The header of the field's column as the file writes it, or null when no column fills it.</summary>
    public string? Header(string field) => Column(field) is { } index ? _table.Headers[index] : null;

    /// <summary>Field name → header, for a mapping step to show and post back ("" for a field with no column).</summary>
    public IReadOnlyDictionary<string, string> Choices => Fields.ToDictionary(f => f.Name, f => Header(f.Name) ?? "");

    /// <summary>The row's value for the field, trimmed; null when blank or when no column fills the field.</summary>
    public string? Cell(TableRow row, string field) =>
        Column(field) is { } index && row.Cells[index] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

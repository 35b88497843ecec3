using System.Globalization;
using System.Text;
using Marketplace.Web.Infrastructure.Spreadsheets;

namespace Marketplace.Web.Features.Imports;

/// <summary>One data row as the spreadsheet user numbers it (the header is row 1).</summary>
public sealed record ManifestRow(int RowNumber, string?[] Cells, string? ShapeProblem);

/// <summary>The header row and a few rows of a manifest, kept with the import for the mapping screen.</summary>
/// <param name="Encoding">The character set a CSV was read in, so the district can tell when its letters look wrong; null for a workbook.</param>
public sealed record ManifestHead(IReadOnlyList<string> Headers, IReadOnlyList<ManifestRow> Preview, string? Encoding = null)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public IReadOnlyList<HeaderProblem> HeaderProblems => ManifestReader.CheckHeaders(Headers);

    public IReadOnlySet<int> UnusableColumns => HeaderProblems.Select(p => p.Column).ToHashSet();

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    public static ManifestHead FromJson(string json) => System.Text.Json.JsonSerializer.Deserialize<ManifestHead>(json, Json)!;
}

/// <summary>
/// Reads a district's manifest — CSV in any common dialect (BOM or not; CRLF, LF or CR; comma,
/// semicolon or tab; quoted fields with separators and line breaks; UTF-8 or the legacy code page its text
/// reads best in) or .xlsx —
/// into headers and rows of text. Rows stream, so 50,000-row files need little memory.
/// </summary>
public sealed class ManifestReader
{
    // Enough rows to tell a column of dates or grades from free text.
    private const int ProfileRows = 200;

    // Explaining a row tries every column it could be shifted from; past this many, a file is broken throughout.
    private const int ExplainedRows = 500;

    private readonly byte[] _content;
    private readonly bool _excel;
    private readonly string _delimiter;
    private readonly Encoding _encoding;

    private ManifestReader(byte[] content, bool excel, (Encoding Encoding, string? Name) encoding, string delimiter, IReadOnlyList<string> headers,
        IReadOnlyList<HeaderProblem> headerProblems)
    {
        _content = content;
        _excel = excel;
        _encoding = encoding.Encoding;
        EncodingName = encoding.Name;
        _delimiter = delimiter;
        Headers = headers;
        HeaderProblems = headerProblems;
    }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>The character set the CSV was read in (detected), or null for a workbook.</summary>
    public string? EncodingName { get; }

    /// <summary>Blank or duplicate header cells; such columns cannot be mapped.</summary>
    public IReadOnlyList<HeaderProblem> HeaderProblems { get; }

    public IReadOnlySet<int> UnusableColumns => HeaderProblems.Select(p => p.Column).ToHashSet();

    public ManifestHead Head(int previewRows = 5) =>
        new(Headers, Rows().Take(previewRows).Select(r => r with { Cells = [.. r.Cells.Select(ManifestText.Visible)] }).ToList(), EncodingName);

    public static bool IsExcel(string fileName, byte[] content) => UploadedTable.IsXlsx(fileName, content);

    /// <exception cref="ManifestFormatException">The file is empty, has no header row, or is not a readable CSV or .xlsx.</exception>
    public static ManifestReader Open(string fileName, byte[] content)
    {
        if (content.Length == 0)
        {
            throw new ManifestFormatException("The file is empty.");
        }

        var excel = IsExcel(fileName, content);
        if (excel && XlsxLimits.Manifest.Exceeded(content) is { } tooLarge)
        {
            throw new ManifestFormatException(tooLarge);
        }

        var encoding = excel ? (Encoding.UTF8, (string?)null) : CsvEncoding.Detect(content);
        var delimiter = excel ? "," : UploadedTable.DetectDelimiter(content);
        string?[]? header;
        try
        {
            header = (excel ? ReadExcel(content) : ReadCsv(content, encoding.Item1, delimiter)).Select(r => r.Cells).FirstOrDefault();
        }
        catch (Exception ex) when (ex is not ManifestFormatException)
        {
            throw new ManifestFormatException(excel
                ? $"The .xlsx file could not be read ({ex.Message}). Save it again from Excel or export it as CSV."
                : $"The CSV file could not be read ({ex.Message}).");
        }

        string[] headers;
        try
        {
            headers = UploadedTable.ReadHeaders(header ?? [], excel);
        }
        catch (TableFormatException ex)
        {
            throw new ManifestFormatException(ex.Message);
        }

        return new ManifestReader(content, excel, encoding, delimiter, headers, CheckHeaders(headers));
    }

    /// <inheritdoc cref="UploadedTable.CleanHeader"/>
    public static string CleanHeader(string? header) => UploadedTable.CleanHeader(header);

    /// <inheritdoc cref="UploadedTable.CheckHeaders"/>
    public static IReadOnlyList<HeaderProblem> CheckHeaders(IReadOnlyList<string> headers) => UploadedTable.CheckHeaders(headers);

    /// <summary>The data rows (not the header), skipping rows with no values at all.</summary>
    public IEnumerable<ManifestRow> Rows()
    {
        RowShape? shape = null;
        var explained = 0;
        foreach (var row in (_excel ? ReadExcel(_content) : ReadCsv(_content, _encoding, _delimiter)).Skip(1))
        {
            if (row.Cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (row.Cells.Length == Headers.Count)
            {
                yield return row;
                continue;
            }

            if (_excel)
            {
                // Spreadsheets have no "row shape": blank trailing cells are fine, values past the last header are not.
                var extra = Array.FindIndex(row.Cells, Headers.Count, c => !string.IsNullOrWhiteSpace(c));
                var cells = new string?[Headers.Count];
                Array.Copy(row.Cells, cells, Math.Min(Headers.Count, row.Cells.Length));
                yield return row with
                {
                    Cells = cells,
                    ShapeProblem = extra < 0 ? null
                        : $"This row has a value in column {UploadedTable.ColumnLetter(extra)} (\"{row.Cells[extra]}\"), past the last header (column {UploadedTable.ColumnLetter(Headers.Count - 1)}, {Headers[^1]}): add a header for it or remove it.",
                };
                continue;
            }

            // Learned only once a row is out of shape, from the well-formed rows at the top of the file: most files have none.
            shape ??= new RowShape(Headers, ColumnProfile.Learn(
                ReadCsv(_content, _encoding, _delimiter).Skip(1).Select(r => r.Cells).Where(c => c.Length == Headers.Count).Take(ProfileRows), Headers.Count), _delimiter);
            yield return row with
            {
                ShapeProblem = ++explained <= ExplainedRows
                    ? shape.Explain(row.Cells)
                    : $"This row has {row.Cells.Length} values but the header has {Headers.Count} columns, so its values do not line up with their columns.",
            };
        }
    }

    private static IEnumerable<ManifestRow> ReadCsv(byte[] content, Encoding encoding, string delimiter) =>
        UploadedTable.ReadCsv(content, encoding, delimiter).Select(r => new ManifestRow(r.Number, r.Cells, null));

    private static IEnumerable<ManifestRow> ReadExcel(byte[] content) =>
        UploadedTable.ReadXlsx(content).Select(r => new ManifestRow(r.Number, r.Cells, null));
}

/// <summary>The file as a whole cannot be read; the message says why in the user's terms.</summary>
public sealed class ManifestFormatException(string message) : Exception(message);

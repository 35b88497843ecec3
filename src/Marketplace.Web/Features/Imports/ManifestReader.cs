using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;

namespace Marketplace.Web.Features.Imports;

/// <summary>One data row as the spreadsheet user numbers it (the header is row 1).</summary>
public sealed record ManifestRow(int RowNumber, string?[] Cells, string? ShapeProblem);

public sealed record HeaderProblem(int Column, string Reason);

/// <summary>The header row and a few rows of a manifest, kept with the import for the mapping screen.</summary>
public sealed record ManifestHead(IReadOnlyList<string> Headers, IReadOnlyList<ManifestRow> Preview)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public IReadOnlyList<HeaderProblem> HeaderProblems => ManifestReader.CheckHeaders(Headers);

    public IReadOnlySet<int> UnusableColumns => HeaderProblems.Select(p => p.Column).ToHashSet();

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    public static ManifestHead FromJson(string json) => System.Text.Json.JsonSerializer.Deserialize<ManifestHead>(json, Json)!;
}

/// <summary>
/// Reads a district's manifest — CSV in any common dialect (BOM or not; CRLF, LF or CR; comma,
/// semicolon or tab; quoted fields with separators and line breaks; UTF-8 or Windows-1252) or .xlsx —
/// into headers and rows of text. Rows stream, so 50,000-row files need little memory.
/// </summary>
public sealed class ManifestReader
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    // ExcelDataReader decodes workbook metadata with legacy code pages, which .NET Core only knows once registered.
    static ManifestReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly byte[] _content;
    private readonly bool _excel;

    private ManifestReader(byte[] content, bool excel, IReadOnlyList<string> headers, IReadOnlyList<HeaderProblem> headerProblems)
    {
        _content = content;
        _excel = excel;
        Headers = headers;
        HeaderProblems = headerProblems;
    }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>Blank or duplicate header cells; such columns cannot be mapped.</summary>
    public IReadOnlyList<HeaderProblem> HeaderProblems { get; }

    public IReadOnlySet<int> UnusableColumns => HeaderProblems.Select(p => p.Column).ToHashSet();

    public ManifestHead Head(int previewRows = 5) => new(Headers, Rows().Take(previewRows).ToList());

    public static bool IsExcel(string fileName, byte[] content) =>
        fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || (content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4);

    /// <exception cref="ManifestFormatException">The file is empty, has no header row, or is not a readable CSV or .xlsx.</exception>
    public static ManifestReader Open(string fileName, byte[] content)
    {
        if (content.Length == 0)
        {
            throw new ManifestFormatException("The file is empty.");
        }

        var excel = IsExcel(fileName, content);
        if (excel && Infrastructure.Spreadsheets.XlsxLimits.Manifest.Exceeded(content) is { } tooLarge)
        {
            throw new ManifestFormatException(tooLarge);
        }

        string?[]? header;
        try
        {
            header = (excel ? ReadExcel(content) : ReadCsv(content)).Select(r => r.Cells).FirstOrDefault();
        }
        catch (Exception ex) when (ex is not ManifestFormatException)
        {
            throw new ManifestFormatException(excel
                ? $"The .xlsx file could not be read ({ex.Message}). Save it again from Excel or export it as CSV."
                : $"The CSV file could not be read ({ex.Message}).");
        }

        if (header is null || header.All(string.IsNullOrWhiteSpace))
        {
            throw new ManifestFormatException("The first row must hold the column headers, but it is empty.");
        }

        var headers = header.Select(h => h?.Trim() ?? "").ToArray();
        while (headers.Length > 0 && headers[^1].Length == 0 && excel)
        {
            headers = headers[..^1];
        }

        return new ManifestReader(content, excel, headers, CheckHeaders(headers));
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
                problems.Add(new HeaderProblem(i, $"The header cell of column {ManifestFields.ColumnLetter(i)} is blank; that column is ignored."));
            }
            else if (!seen.TryAdd(headers[i], i))
            {
                problems.Add(new HeaderProblem(i, $"The header \"{headers[i]}\" appears twice (columns {ManifestFields.ColumnLetter(seen[headers[i]])} and {ManifestFields.ColumnLetter(i)}); column {ManifestFields.ColumnLetter(i)} is ignored."));
            }
        }

        return problems;
    }

    /// <summary>The data rows (not the header), skipping rows with no values at all.</summary>
    public IEnumerable<ManifestRow> Rows()
    {
        foreach (var row in (_excel ? ReadExcel(_content) : ReadCsv(_content)).Skip(1))
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
                var extra = row.Cells.Skip(Headers.Count).Any(c => !string.IsNullOrWhiteSpace(c));
                var cells = new string?[Headers.Count];
                Array.Copy(row.Cells, cells, Math.Min(Headers.Count, row.Cells.Length));
                yield return row with { Cells = cells, ShapeProblem = extra ? $"This row has values beyond the last header (column {ManifestFields.ColumnLetter(Headers.Count - 1)})." : null };
                continue;
            }

            yield return row with
            {
                ShapeProblem = row.Cells.Length > Headers.Count
                    ? $"This row has {row.Cells.Length} values but the header has {Headers.Count} columns: a value probably contains an unquoted separator, so the columns are shifted."
                    : $"This row has {row.Cells.Length} values but the header has {Headers.Count} columns: values are missing, so the columns are shifted.",
            };
        }
    }

    private static IEnumerable<ManifestRow> ReadCsv(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), DetectEncoding(content), detectEncodingFromByteOrderMarks: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = DetectDelimiter(content),
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
            yield return new ManifestRow(row, parser.Record ?? [], null);
        }
    }

    private static IEnumerable<ManifestRow> ReadExcel(byte[] content)
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

            yield return new ManifestRow(row, cells, null);
        }
    }

    /// <summary>UTF-8 unless the bytes are not valid UTF-8, which is what old Excel "CSV" exports write (Windows-1252).</summary>
    private static Encoding DetectEncoding(byte[] content)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return Windows1252;
        }
    }

    /// <summary>The separator that occurs most often outside quotes in the header line.</summary>
    private static string DetectDelimiter(byte[] content)
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

        return tab > comma && tab >= semicolon ? "\t" : semicolon > comma ? ";" : ",";
    }
}

/// <summary>The file as a whole cannot be read; the message says why in the user's terms.</summary>
public sealed class ManifestFormatException(string message) : Exception(message);

using System.Collections;
using System.Globalization;

namespace Marketplace.Web.Infrastructure.Spreadsheets;

/// <summary>How a column's cells are written: as text, or as a real number or date a spreadsheet can sort, filter and sum.</summary>
public enum SpreadsheetCellKind
{
    Text,
    Number,

    /// <summary>A calendar day, shown yyyy-mm-dd.</summary>
    Date,

    /// <summary>A number of years, shown to one decimal.</summary>
    Years,
}

/// <summary>One column of an exported sheet: its header, its width in characters, its kind and how a row gives its value.</summary>
public sealed class SpreadsheetColumn<TRow>
{
    private readonly Func<TRow, string?>? _text;
    private readonly Func<TRow, decimal?>? _number;
    private readonly Func<TRow, DateOnly?>? _date;
    private readonly Func<TRow, double?>? _years;

    internal SpreadsheetColumn(string header, double width, Func<TRow, string?> text) : this(header, width, SpreadsheetCellKind.Text) => _text = text;

    internal SpreadsheetColumn(string header, double width, Func<TRow, decimal?> number) : this(header, width, SpreadsheetCellKind.Number) => _number = number;

    internal SpreadsheetColumn(string header, double width, Func<TRow, DateOnly?> date) : this(header, width, SpreadsheetCellKind.Date) => _date = date;

    internal SpreadsheetColumn(string header, double width, Func<TRow, double?> years) : this(header, width, SpreadsheetCellKind.Years) => _years = years;

    private SpreadsheetColumn(string header, double width, SpreadsheetCellKind kind) => (Header, Width, Kind) = (header, width, kind);

    public string Header { get; }

    /// <summary>In characters, as typed in Excel's column width dialog.</summary>
    public double Width { get; }

    public SpreadsheetCellKind Kind { get; }

    /// <summary>The cell as text (CSV): numbers invariant, dates yyyy-MM-dd, years to one decimal.</summary>
    public string? Format(TRow row) => Kind switch
    {
        SpreadsheetCellKind.Number => Number(row)?.ToString(CultureInfo.InvariantCulture),
        SpreadsheetCellKind.Date => Date(row)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SpreadsheetCellKind.Years => Years(row)?.ToString("0.0", CultureInfo.InvariantCulture),
        _ => Text(row),
    };

    internal string? Text(TRow row) => _text!(row);

    internal decimal? Number(TRow row) => _number!(row);

    internal DateOnly? Date(TRow row) => _date!(row);

    internal double? Years(TRow row) => _years!(row);
}

/// <summary>
/// A sheet's columns, in order, written as a spec: <c>new SpreadsheetColumns&lt;Line&gt;().Text("Serial", 16, d =&gt; d.Serial).Number(…)</c>.
/// <see cref="SpreadsheetCsv"/> and <see cref="SpreadsheetXlsx"/> both write rows from it.
/// </summary>
public sealed class SpreadsheetColumns<TRow> : IReadOnlyList<SpreadsheetColumn<TRow>>
{
    private readonly List<SpreadsheetColumn<TRow>> _columns = [];

    public int Count => _columns.Count;

    public SpreadsheetColumn<TRow> this[int index] => _columns[index];

    public IReadOnlyList<string> Headers => [.. _columns.Select(c => c.Header)];

    public SpreadsheetColumns<TRow> Text(string header, double width, Func<TRow, string?> value) => Add(new(header, width, value));

    public SpreadsheetColumns<TRow> Number(string header, double width, Func<TRow, decimal?> value) => Add(new(header, width, value));

    public SpreadsheetColumns<TRow> Date(string header, double width, Func<TRow, DateOnly?> value) => Add(new(header, width, value));

    public SpreadsheetColumns<TRow> Years(string header, double width, Func<TRow, double?> value) => Add(new(header, width, value));

    /// <summary>Each row's cells as text, for CSV.</summary>
    public IEnumerable<IReadOnlyList<string?>> Format(IEnumerable<TRow> rows) =>
        rows.Select(row => (IReadOnlyList<string?>)[.. _columns.Select(c => c.Format(row))]);

    public IEnumerator<SpreadsheetColumn<TRow>> GetEnumerator() => _columns.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private SpreadsheetColumns<TRow> Add(SpreadsheetColumn<TRow> column)
    {
        _columns.Add(column);
        return this;
    }
}

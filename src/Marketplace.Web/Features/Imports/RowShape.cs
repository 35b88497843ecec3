using System.Globalization;

namespace Marketplace.Web.Features.Imports;

/// <summary>
/// What a column's values look like in the well-formed rows of a file: numbers, dates, a few repeated
/// values (a category, a grade) or free text. Learned from a sample, so a row whose values are out of line
/// can be explained by where they stop fitting.
/// </summary>
internal sealed class ColumnProfile
{
    private const int MaxDistinct = 10;

    private readonly HashSet<string> _distinct = new(StringComparer.OrdinalIgnoreCase);
    private int _values;
    private int _blanks;
    private int _numbers;
    private int _dates;
    private bool _manyDistinct;
    private int _shortest = int.MaxValue;
    private int _longest;

    private bool Numbers => _values > 0 && _numbers * 5 >= _values * 4;

    private bool Dates => _values > 0 && _dates * 5 >= _values * 4;

    private bool Categorical => !_manyDistinct && _values >= 4 && _distinct.Count * 2 <= _values;

    public static IReadOnlyList<ColumnProfile> Learn(IEnumerable<string?[]> rows, int columns)
    {
        var profiles = Enumerable.Range(0, columns).Select(_ => new ColumnProfile()).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns; i++)
            {
                profiles[i].Add(i < row.Length ? row[i] : null);
            }
        }

        return profiles;
    }

    /// <summary>
    /// How well a value fits the column: 1 when it is of the column's kind (and, for repeated values, one of
    /// them), ½ when it is text of about the column's usual length, 0 when it clearly belongs elsewhere.
    /// </summary>
    public double Fit(string? cell)
    {
        var text = cell?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return _blanks > 0 || _values == 0 ? 1 : 0;
        }

        if (_values == 0)
        {
            return 0;
        }

        if (Numbers)
        {
            return IsNumber(text) ? 1 : 0;
        }

        if (Dates)
        {
            return IsDate(text) ? 1 : 0;
        }

        // A text column rarely takes a bare number unless it already holds some (numeric serials, say).
        if (_numbers == 0 && IsNumber(text))
        {
            return 0;
        }

        var usualLength = text.Length * 3 >= _shortest * 2 && text.Length * 3 <= (_longest * 4) + 3;
        return Categorical
            ? _distinct.Contains(text) ? 1 : usualLength ? 0.5 : 0
            : usualLength ? 1 : 0.5;
    }

    private void Add(string? cell)
    {
        var text = cell?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            _blanks++;
            return;
        }

        _values++;
        _shortest = Math.Min(_shortest, text.Length);
        _longest = Math.Max(_longest, text.Length);
        if (IsNumber(text))
        {
            _numbers++;
        }
        else if (IsDate(text))
        {
            _dates++;
        }

        if (!_manyDistinct && _distinct.Add(text) && _distinct.Count > MaxDistinct)
        {
            _manyDistinct = true;
            _distinct.Clear();
        }
    }

    private static bool IsNumber(string text) => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _);

    private static bool IsDate(string text) => ManifestRowParser.ParseDate(text) is not null;
}

/// <summary>
/// Explains a CSV row with more or fewer values than the header by finding where its values stop lining up
/// with their columns: a value split by an unquoted separator (the columns after it shifted right), a
/// separator too many at the end of the line, values past the last column, or a value left out (the columns
/// after it shifted left). The explanation names the column; when the evidence does not single one out, it
/// names the range.
/// </summary>
internal sealed class RowShape(IReadOnlyList<string> headers, IReadOnlyList<ColumnProfile> profile, string separator)
{
    private string SeparatorName => separator switch { ";" => "semicolon", "\t" => "tab", _ => "comma" };

    public string Explain(string?[] cells) =>
        cells.Length > headers.Count ? ExplainExtra(cells) : ExplainMissing(cells);

    private string ExplainExtra(string?[] cells)
    {
        var h = headers.Count;
        var extra = cells.Length - h;
        var start = $"This row has {cells.Length} values but the header has {h} columns";
        var trailing = Score(cells.AsSpan(0, h)) + 0.25;
        // A separator followed by a space is how people write inside a value ("Dell, Chromebook"), not how exports separate
        // values: between otherwise equal explanations, that is where the value was split.
        var (best, first, last) = Best(h, k => Score(Merged(cells, k, extra)) + (cells[k + 1] is [' ', ..] ? 0.25 : 0));
        if (trailing >= best)
        {
            var extras = cells.Skip(h).ToList();
            return extras.All(string.IsNullOrWhiteSpace)
                ? $"{start}: the {Plural(extra, "value", "values")} past column {Column(h - 1)} {(extra == 1 ? "is" : "are")} empty, so the line ends with " +
                  $"{(extra == 1 ? "a" : extra.ToString(CultureInfo.InvariantCulture))} {SeparatorName}{(extra == 1 ? "" : "s")} too many. The other values line up " +
                  $"with their columns: remove the extra {SeparatorName}{(extra == 1 ? "" : "s")} at the end of the line."
                : $"{start}: it has values past the last column, {Column(h - 1)}, starting with \"{Clip(cells[h])}\". The other values line up with their columns: " +
                  "add a header for the extra column, or remove the extra values.";
        }

        var shifted = $"{Plural(extra, "column", "columns")} to the right";
        if (first == last)
        {
            var from = first + 1 < h ? $"from column {Column(first + 1)} on" : $"past column {Column(h - 1)}";
            var parts = string.Join(" and ", cells.Skip(first).Take(extra + 1).Select(c => $"\"{Clip(c)}\""));
            return $"{start}. The values look shifted {shifted} {from}: {parts} probably were one value of column {Column(first)} containing a " +
                   $"{SeparatorName} that is not in quotes. Put that value in double quotes.";
        }

        return $"{start}. The values look shifted {shifted} from somewhere between column {Column(first + 1)} and column {Column(Math.Min(last + 1, h - 1))}: " +
               $"a value in columns {Column(first)} to {Column(last)} probably contains a {SeparatorName} that is not in quotes. Put that value in double quotes.";
    }

    private string ExplainMissing(string?[] cells)
    {
        var h = headers.Count;
        var missing = h - cells.Length;
        var start = $"This row has {cells.Length} values but the header has {h} columns";
        var (_, first, last) = Best(cells.Length + 1, k => Score(WithBlanks(cells, k, missing)));
        if (first == cells.Length)
        {
            var gone = missing == 1 ? $"column {Column(h - 1)} is" : $"columns {Column(cells.Length)} to {Column(h - 1)} are";
            return $"{start}: it ends after column {Column(cells.Length - 1)}, so {gone} missing. A line break inside a value that is not in quotes " +
                   "splits a row like this.";
        }

        var from = first == last ? $"from column {Column(first)} on" : $"from somewhere between column {Column(first)} and column {Column(last)}";
        return $"{start}: the values look shifted {Plural(missing, "column", "columns")} to the left {from}, as if {(missing == 1 ? "a value was" : "values were")} " +
               $"left out without {(missing == 1 ? "its" : "their")} {SeparatorName}. An empty value still needs its {SeparatorName}.";
    }

    /// <summary>The best score over candidates 0..count-1, and the first and last candidate reaching it.</summary>
    private static (double Best, int First, int Last) Best(int count, Func<int, double> score)
    {
        var (best, first, last) = (-1d, 0, 0);
        for (var k = 0; k < count; k++)
        {
            var s = score(k);
            if (s > best)
            {
                (best, first, last) = (s, k, k);
            }
            else if (s == best)
            {
                last = k;
            }
        }

        return (best, first, last);
    }

    private double Score(ReadOnlySpan<string?> cells)
    {
        var score = 0d;
        for (var i = 0; i < profile.Count; i++)
        {
            score += profile[i].Fit(i < cells.Length ? cells[i] : null);
        }

        return score;
    }

    /// <summary>The row with the values from <paramref name="at"/> through <paramref name="at"/> + <paramref name="extra"/> joined back into one.</summary>
    private string?[] Merged(string?[] cells, int at, int extra)
    {
        var row = new string?[headers.Count];
        Array.Copy(cells, row, at);
        row[at] = string.Join(separator, cells.Skip(at).Take(extra + 1));
        Array.Copy(cells, at + extra + 1, row, at + 1, headers.Count - at - 1);
        return row;
    }

    /// <summary>The row with <paramref name="missing"/> empty values put back before position <paramref name="at"/>.</summary>
    private string?[] WithBlanks(string?[] cells, int at, int missing)
    {
        var row = new string?[headers.Count];
        Array.Copy(cells, row, at);
        Array.Copy(cells, at, row, at + missing, cells.Length - at);
        return row;
    }

    private string Column(int index) => $"{ManifestFields.ColumnLetter(index)} ({headers[index]})";

    private static string Plural(int n, string one, string many) => n == 1 ? $"one {one}" : $"{n} {many}";

    private static string Clip(string? value) => value is { Length: > 40 } ? value[..40] + "…" : value ?? "";
}

using System.Text;

namespace Marketplace.Web.Infrastructure;

/// <summary>
/// CSV for people who open it in Excel: UTF-8 with BOM, CRLF, every field quoted, and cells that a
/// spreadsheet would run as a formula (= + - @, tab, CR) neutralised with a leading apostrophe.
/// </summary>
public static class SpreadsheetCsv
{
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        AppendRow(text, headers);
        foreach (var row in rows)
        {
            AppendRow(text, row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>OWASP's CSV-injection rule: a cell starting with = + - @ tab or CR is prefixed with '.</summary>
    public static string Neutralize(string? value) =>
        string.IsNullOrEmpty(value) ? "" : RunsAsFormula(value) ? "'" + value : value;

    /// <summary>
    /// Whether a spreadsheet could take the cell for a formula: it starts with = + - @ tab or CR, or with a character that
    /// Unicode compatibility maps onto one of them (full-width ＝ ＋ － ＠, small ﹦ ﹢ ﹣ ﹫), which spreadsheets with an
    /// East Asian input method fold to the ASCII sign.
    /// </summary>
    public static bool RunsAsFormula(string? value) =>
        !string.IsNullOrEmpty(value)
        && (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            || (value[0] > '~' && value[0].ToString().Normalize(NormalizationForm.FormKC) is ['=' or '+' or '-' or '@']));

    private static void AppendRow(StringBuilder text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append('"').Append(Neutralize(cells[i]).Replace("\"", "\"\"")).Append('"');
        }

        text.Append("\r\n");
    }
}

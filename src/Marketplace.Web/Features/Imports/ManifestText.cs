using System.Buffers;
using System.Text;

namespace Marketplace.Web.Features.Imports;

/// <summary>
/// Control characters never reach a stored field. They come from files read in the wrong character set
/// (a C1 control where an "É" was meant), from other systems' line breaks (vertical tab, CR) and from
/// damaged exports; on a page or in a spreadsheet they are invisible and break searches and labels.
/// </summary>
internal static class ManifestText
{
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(char.IsControl)));

    public static bool HasControl(string value) => value.AsSpan().ContainsAny(Controls);

    public static char? FirstControl(string value) => value.AsSpan().IndexOfAny(Controls) is var i and >= 0 ? value[i] : null;

    /// <summary>
    /// Multi-line text (notes) keeps its line breaks as "\n", whatever system wrote them; tabs become spaces
    /// and other control characters go. Single-line text has every run of control characters made one space.
    /// </summary>
    public static string Clean(string value, bool multiline)
    {
        if (!HasControl(value))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsControl(c))
            {
                // Single-line text: a control character between spaces leaves one space, not two.
                if (multiline || c != ' ' || text.Length == 0 || text[^1] != ' ')
                {
                    text.Append(c);
                }
            }
            else if (multiline && c is '\n' or '\r' or '\v' or '\f' or '\u0085')
            {
                if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
                {
                    i++;
                }

                text.Append('\n');
            }
            else if (multiline && c != '\t')
            {
                // Any other control character in a note is noise: dropped.
            }
            else if (text.Length > 0 && text[^1] != ' ')
            {
                text.Append(' ');
            }
        }

        return text.ToString().Trim();
    }

    /// <summary>For messages, the preview and the problem report: each control character shown as "[U+0090]", seen but not stored.</summary>
    public static string? Visible(string? value)
    {
        if (value is null || !HasControl(value))
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (char.IsControl(c) && c != '\n')
            {
                text.Append($"[U+{(int)c:X4}]");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}

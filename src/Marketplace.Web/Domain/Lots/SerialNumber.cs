using System.Globalization;
using System.Text;

namespace Marketplace.Web.Domain.Lots;

/// <summary>
/// A manufacturer serial as the chain keys it, from the district's form or manifest to the refurbisher's scan and the
/// certificate. Two spellings of one label must be one key, and a string that only looks like a serial must not become
/// a second device: "ＭＶＨ－０００１" (full-width), "MVH-0001" with a zero-width space, a right-to-left override or a
/// stray CR/LF are all MVH-0001; "МVH-0001" with a Cyrillic М is refused, because no manufacturer prints one, and so is
/// anything else outside ASCII and Latin letters (symbols, dashes, other scripts' digits).
/// </summary>
public static class SerialNumber
{
    public const int MaxLength = 64;

    /// <summary>
    /// Unicode compatibility form (NFKC: full-width and other compatibility look-alikes become their ASCII letters and
    /// digits), with invisible format characters (zero-width spaces, joiners, bidirectional controls, soft hyphens) and
    /// control characters removed, trimmed. Null when nothing is left. Never refuses: see <see cref="Problem"/>.
    /// </summary>
    public static string? Normalize(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var compatible = raw.Normalize(NormalizationForm.FormKC);
        var kept = new StringBuilder(compatible.Length);
        foreach (var ch in compatible)
        {
            if (!char.IsControl(ch) && CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.Format)
            {
                kept.Append(ch);
            }
        }

        var serial = kept.ToString().Trim();
        return serial.Length == 0 ? null : serial;
    }

    /// <summary>Why a normalized serial cannot be one (too long, or a character no manufacturer prints), or null when it can.</summary>
    public static string? Problem(string serial)
    {
        if (serial.Length > MaxLength)
        {
            return $"The serial number is longer than {MaxLength} characters.";
        }

        foreach (var ch in serial)
        {
            if (ch is < ' ' or > '~' && !IsLatinLetter(ch))
            {
                var code = $"U+{(int)ch:X4}";
                return Script(ch) is { } script
                    ? $"Serial \"{serial}\": \"{ch}\" ({code}) is a {script} letter, not the Latin letter it looks like. Type serial numbers with Latin letters and digits."
                    : $"Serial \"{serial}\": \"{ch}\" ({code}) is not used in serial numbers. Type them with Latin letters, digits and punctuation such as - / . _";
            }
        }

        return null;
    }

    /// <summary>The serial in its normalized form.</summary>
    /// <exception cref="DomainException">Nothing is left of it, or <see cref="Problem"/> has a reason.</exception>
    public static string Parse(string? raw)
    {
        var serial = Normalize(raw) ?? throw new DomainException("A device needs a serial number.");
        return Problem(serial) is { } problem ? throw new DomainException(problem) : serial;
    }

    /// <summary>Accented Latin letters (É, ñ, ß): rare on labels, but an export in French or Spanish may carry them, and they pass for nothing else.</summary>
    private static bool IsLatinLetter(char ch) =>
        char.IsLetter(ch) && ch is >= '\u00C0' and <= '\u024F' or >= '\u1E00' and <= '\u1EFF';

    /// <summary>The scripts whose capitals and small letters pass for Latin ones (А, В, Е, К, М, Н, О, Р, С, Т, Х; Α, Β, Ε…).</summary>
    private static string? Script(char ch) => ch switch
    {
        >= '\u0370' and <= '\u03FF' or >= '\u1F00' and <= '\u1FFF' => "Greek",
        >= '\u0400' and <= '\u052F' or >= '\u1C80' and <= '\u1C8F' or >= '\u2DE0' and <= '\u2DFF' or >= '\uA640' and <= '\uA69F' => "Cyrillic",
        >= '\u0530' and <= '\u058F' => "Armenian",
        >= '\u13A0' and <= '\u13FF' or >= '\uAB70' and <= '\uABBF' => "Cherokee",
        _ => null,
    };
}

using System.Text;

namespace Marketplace.Web.Infrastructure.Spreadsheets;

/// <summary>
/// The character set a CSV was written in: UTF-8 when its bytes are valid UTF-8, otherwise the legacy code
/// page under which its text reads most like words. Old exports come from Windows (1252, 1250 for Central
/// Europe), classic Mac OS (Mac Roman), DOS-era systems (437, 850) and Unix (ISO-8859-2); read with the
/// wrong one, "é" becomes "‚", "Ž" or a control character.
/// </summary>
internal static class CsvEncoding
{
    /// <summary>In order of preference when two read equally well: most district files are Windows-1252.</summary>
    private static readonly (int CodePage, string Name)[] Candidates =
    [
        (1252, "Windows-1252 (Western European)"),
        (10000, "Mac OS Roman"),
        (850, "IBM850 (DOS Western European)"),
        (437, "IBM437 (DOS United States)"),
        (1250, "Windows-1250 (Central European)"),
        (28592, "ISO-8859-2 (Central European)"),
    ];

    // Byte neighbours, as the scoring sees them.
    private const int Lower = 0, Upper = 1, OtherAscii = 2, NonAscii = 3;

    public static (Encoding Encoding, string Name) Detect(byte[] content)
    {
        // "Unicode text" from Excel: the reader follows the byte order mark; the name says what it found.
        if (content is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            return (content[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode, "UTF-16");
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return (Encoding.UTF8, "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return MostPlausible(content);
        }
    }

    /// <summary>
    /// Counts each byte above 127 by what stands before and after it (a lower-case letter, a capital, other
    /// ASCII, another such byte), then scores every candidate on what those bytes become: letters inside
    /// words and typographic punctuation count for it; control characters, capitals in mid-word, symbols or
    /// box-drawing inside words, and letters of another script next to Latin ones count against it.
    /// </summary>
    private static (Encoding, string) MostPlausible(byte[] content)
    {
        var counts = new int[256 * 16];
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if (b >= 0x80)
            {
                var before = i > 0 ? Kind(content[i - 1]) : OtherAscii;
                var after = i + 1 < content.Length ? Kind(content[i + 1]) : OtherAscii;
                counts[(b * 16) + (before * 4) + after]++;
            }
        }

        var best = (Encoding: (Encoding?)null, Name: "", Score: double.MinValue);
        foreach (var (codePage, name) in Candidates)
        {
            var encoding = CodePagesEncodingProvider.Instance.GetEncoding(codePage) ?? Encoding.Latin1;
            var score = 0d;
            for (var b = 0x80; b <= 0xFF; b++)
            {
                var decoded = encoding.GetString([(byte)b]);
                var c = decoded.Length == 1 ? decoded[0] : '\uFFFD';
                for (var context = 0; context < 16; context++)
                {
                    if (counts[(b * 16) + context] is var n and > 0)
                    {
                        score += n * Plausibility(c, context / 4, context % 4);
                    }
                }
            }

            if (score > best.Score)
            {
                best = (encoding, name, score);
            }
        }

        return (best.Encoding!, best.Name);
    }

    private static double Plausibility(char c, int before, int after)
    {
        var letterBefore = before is Lower or Upper or NonAscii;
        var letterAfter = after is Lower or Upper or NonAscii;
        if (char.IsControl(c) || c == '\uFFFD' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.PrivateUse)
        {
            return -10;
        }

        if (char.IsLetter(c) && c != 'µ')
        {
            if (!IsLatin(c))
            {
                // Greek in a DOS code page, say, beside ASCII letters: a Latin letter read with the wrong table.
                return letterBefore || letterAfter ? -2 : 0;
            }

            // Capitals start words or fill them ("Élève", "ÉCOLE"), never follow a small letter; small letters sit
            // inside words far more often than they start them.
            if (char.IsUpper(c))
            {
                return before == Lower ? -2 : letterBefore || letterAfter ? 2 : 0.5;
            }

            return letterBefore ? 2 : letterAfter ? 1 : 0.5;
        }

        var inWord = letterBefore && letterAfter;
        if (c is '’' or '\'')
        {
            return inWord ? 2 : 1;
        }

        if (c is '‘' or '“' or '”' or '–' or '—' or '…' or '•' or '€' or '£' or '¢' or '°' or '©' or '®' or '™' or '§' or '«' or '»'
            or '½' or '¼' or '¾' or '±' or '×' or '\u00A0' or '¿' or '¡' or '·')
        {
            return inWord ? -2 : 1;
        }

        return -3;
    }

    private static bool IsLatin(char c) => c is (>= '\u00C0' and <= '\u024F') or (>= '\u1E00' and <= '\u1EFF') || char.IsAscii(c);

    private static int Kind(byte b) => b switch
    {
        >= (byte)'a' and <= (byte)'z' => Lower,
        >= (byte)'A' and <= (byte)'Z' => Upper,
        < 0x80 => OtherAscii,
        _ => NonAscii,
    };
}

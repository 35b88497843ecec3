using System.Collections;
using System.Runtime.CompilerServices;
using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

/// <summary>
/// The DejaVu fonts embedded in the app, so PDFs render the same on any machine, with or without fontconfig. They are
/// subsets (Fonts/subset-fonts.sh says which characters and why), because SkiaSharp embeds each face a document uses
/// whole, and deflates it, in every PDF. Each face comes twice: a lean core (Latin with its accents, the punctuation the
/// documents print; about 45 KB) that documents are drawn in, and a full subset (Greek, Cyrillic, Vietnamese too; 150–170
/// KB) that <see cref="PrintedText"/> switches a string to only when it has a character beyond the core. Compressing the
/// full faces took ~13 ms of a 10-device certificate's ~17; drawn in the core faces it takes ~9 ms, and is 69 KB, not 208.
/// </summary>
public static class EmbeddedFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans-Core.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold-Core.ttf"));
    private static readonly Lazy<SKTypeface> RegularFullFace = new(() => Load("DejaVuSans-Subset.ttf"));
    private static readonly Lazy<SKTypeface> BoldFullFace = new(() => Load("DejaVuSans-Bold-Subset.ttf"));

    /// <summary>The basic multilingual plane's characters both core faces draw (one bit each, read once).</summary>
    private static readonly Lazy<BitArray> CoreCoverage = new(() =>
    {
        var covered = new BitArray(char.MaxValue + 1);
        for (var c = 0; c <= char.MaxValue; c++)
        {
            covered[c] = !char.IsSurrogate((char)c) && Regular.ContainsGlyph(c) && Bold.ContainsGlyph(c);
        }

        return covered;
    });

    /// <summary>Each core font's full twin, made once per font (same size and settings) when a string first needs it.</summary>
    private static readonly ConditionalWeakTable<SKFont, SKFont> FullTwins = [];

    /// <summary>The core regular face. Shared for the process lifetime: do not dispose.</summary>
    public static SKTypeface Regular => RegularFace.Value;

    /// <summary>The core bold face. Shared for the process lifetime: do not dispose.</summary>
    public static SKTypeface Bold => BoldFace.Value;

    /// <summary>The full regular face. Shared for the process lifetime: do not dispose.</summary>
    public static SKTypeface RegularFull => RegularFullFace.Value;

    /// <summary>The full bold face. Shared for the process lifetime: do not dispose.</summary>
    public static SKTypeface BoldFull => BoldFullFace.Value;

    /// <summary>
    /// <paramref name="font"/> when its face draws every character of <paramref name="text"/> (or is not a core face), else
    /// its twin in the full face: same size and settings, so a string measures and prints alike in either.
    /// </summary>
    public static SKFont Covering(SKFont font, ReadOnlySpan<char> text)
    {
        // Printable ASCII first: most strings are, and it needs no call into Skia (a 50,000-device certificate draws millions).
        if (!text.ContainsAnyExceptInRange(' ', '~') || CoreDraws(text))
        {
            return font;
        }

        var full = font.Typeface == Regular ? RegularFull : font.Typeface == Bold ? BoldFull : null;
        if (full is null)
        {
            return font;
        }

        return FullTwins.GetValue(font, core => new SKFont(full, core.Size, core.ScaleX, core.SkewX)
        {
            Edging = core.Edging,
            Hinting = core.Hinting,
            Subpixel = core.Subpixel,
            LinearMetrics = core.LinearMetrics,
            Embolden = core.Embolden,
            BaselineSnap = core.BaselineSnap,
            ForceAutoHinting = core.ForceAutoHinting,
            EmbeddedBitmaps = core.EmbeddedBitmaps,
        });
    }

    private static bool CoreDraws(ReadOnlySpan<char> text)
    {
        var covered = CoreCoverage.Value;
        foreach (var c in text)
        {
            if (!covered[c])
            {
                return false;
            }
        }

        return true;
    }

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"Fonts.{file}")
            ?? throw new InvalidOperationException($"Embedded font {file} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        using var data = SKData.CreateCopy(buffer.ToArray());
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Embedded font {file} could not be read.");
    }
}

using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

/// <summary>
/// The DejaVu fonts embedded in the app, so PDFs render the same on any machine, with or without fontconfig. They are
/// subsets (Fonts/subset-fonts.sh says which characters and why): SkiaSharp embeds a font whole in every PDF.
/// </summary>
public static class EmbeddedFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans-Subset.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold-Subset.ttf"));

    /// <summary>Shared for the process lifetime: do not dispose.</summary>
    public static SKTypeface Regular => RegularFace.Value;

    /// <summary>Shared for the process lifetime: do not dispose.</summary>
    public static SKTypeface Bold => BoldFace.Value;

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

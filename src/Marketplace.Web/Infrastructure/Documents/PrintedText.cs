using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

/// <summary>
/// Text drawn and measured in the embedded faces, each string in the core face when it covers every character and in the
/// full face otherwise (<see cref="EmbeddedFonts.Covering"/>): a PDF embeds a full face only when a name or an address
/// needs it. Every document draws through these rather than <see cref="SKCanvas.DrawText(string, float, float, SKFont, SKPaint)"/>,
/// which would print a Cyrillic or Greek name in the core face as empty boxes.
/// </summary>
public static class PrintedText
{
    public static void DrawPrinted(this SKCanvas canvas, string text, float x, float y, SKFont font, SKPaint paint) =>
        canvas.DrawText(text, x, y, EmbeddedFonts.Covering(font, text), paint);

    public static void DrawPrinted(this SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKFont font, SKPaint paint) =>
        canvas.DrawText(text, x, y, align, EmbeddedFonts.Covering(font, text), paint);

    public static float MeasurePrinted(this SKFont font, string text) => EmbeddedFonts.Covering(font, text).MeasureText(text);

    public static float MeasurePrinted(this SKFont font, ReadOnlySpan<char> text) => EmbeddedFonts.Covering(font, text).MeasureText(text);
}

using QRCoder;
using SkiaSharp;

namespace Marketplace.Web.Infrastructure.Documents;

/// <summary>
/// A QR code as rectangles in module units: runs of dark modules in a row, merged with the same run
/// in the rows below. Drawn as vectors, it stays sharp at any printer resolution, and integer
/// coordinates keep a 5,000-label PDF small (about 3 MB); nothing is encoded as an image (a certificate's
/// QR code drawn from a PNG cost a PNG encode, a decode and Skia's re-encode on every certificate).
/// The symbol's 4-module quiet zone is not part of the shape: <see cref="Draw"/> leaves room for it or not.
/// </summary>
internal sealed record QrShape(int Modules, IReadOnlyList<SKRectI> Blocks)
{
    // QRCoder puts a 4-module quiet zone around the symbol in its matrix.
    private const int QuietZone = 4;

    public static QrShape Create(QRCodeGenerator generator, string payload)
    {
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var modules = matrix.Count - 2 * QuietZone;
        var blocks = new List<SKRectI>();
        var open = new Dictionary<(int Start, int End), int>(); // run → index of the block it extends
        for (var row = 0; row < modules; row++)
        {
            var bits = matrix[row + QuietZone];
            var continued = new Dictionary<(int Start, int End), int>();
            var column = 0;
            while (column < modules)
            {
                if (!bits[column + QuietZone])
                {
                    column++;
                    continue;
                }

                var start = column;
                while (column < modules && bits[column + QuietZone])
                {
                    column++;
                }

                if (open.TryGetValue((start, column), out var index))
                {
                    var block = blocks[index];
                    blocks[index] = new SKRectI(block.Left, block.Top, block.Right, row + 1);
                }
                else
                {
                    index = blocks.Count;
                    blocks.Add(new SKRectI(start, row, column, row + 1));
                }

                continued[(start, column)] = index;
            }

            open = continued;
        }

        return new QrShape(modules, blocks);
    }

    /// <summary>
    /// Draws the symbol in the square of <paramref name="size"/> points at (<paramref name="x"/>, <paramref name="y"/>), inside
    /// the standard 4-module quiet zone when <paramref name="quietZone"/> (a certificate has the room), or edge to edge (a 1"
    /// label, whose margin and the gap to its text, 2–4 modules, stand in for it: handheld imagers and zbar read it).
    /// </summary>
    public void Draw(SKCanvas canvas, float x, float y, float size, SKPaint paint, bool quietZone = false)
    {
        using var path = new SKPath();
        foreach (var block in Blocks)
        {
            path.AddRect(block);
        }

        var margin = quietZone ? QuietZone : 0;
        canvas.Save();
        canvas.Translate(x, y);
        canvas.Scale(size / (Modules + 2 * margin));
        canvas.Translate(margin, margin);
        canvas.DrawPath(path, paint);
        canvas.Restore();
    }
}

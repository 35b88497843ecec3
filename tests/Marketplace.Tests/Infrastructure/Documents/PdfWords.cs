using System.Globalization;
using System.Xml.Linq;

namespace Marketplace.Tests.Infrastructure.Documents;

/// <summary>A word of a PDF page where <c>pdftotext -bbox</c> finds it, in points from the page's top-left corner.</summary>
internal sealed record PdfWord(string Text, double XMin, double YMin, double XMax, double YMax)
{
    /// <summary>The words of one page of <paramref name="pdf"/>.</summary>
    public static async Task<List<PdfWord>> OnPageAsync(string pdf, int page)
    {
        var number = page.ToString(CultureInfo.InvariantCulture);
        var html = await ExternalTool.RunAsync("pdftotext", "-bbox", "-f", number, "-l", number, pdf, "-");
        var xml = XDocument.Parse(html.Replace("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">", ""));
        return xml.Descendants().Where(e => e.Name.LocalName == "word").Select(e => new PdfWord(
            e.Value,
            double.Parse(e.Attribute("xMin")!.Value, CultureInfo.InvariantCulture),
            double.Parse(e.Attribute("yMin")!.Value, CultureInfo.InvariantCulture),
            double.Parse(e.Attribute("xMax")!.Value, CultureInfo.InvariantCulture),
            double.Parse(e.Attribute("yMax")!.Value, CultureInfo.InvariantCulture))).ToList();
    }
}

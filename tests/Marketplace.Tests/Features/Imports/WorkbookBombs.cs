using System.IO.Compression;
using System.Text;

namespace Marketplace.Tests.Features.Imports;

/// <summary>
/// Minimal .xlsx packages written part by part, so a test can put anything in them: a shared string of 300 MB of one
/// letter (a few hundred KB once deflated), a filler part, a row a million rows down.
/// </summary>
public static class WorkbookBombs
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Serial and Model headers, one device whose model is a shared string of <paramref name="megabytes"/> MB.</summary>
    public static byte[] HugeSharedString(int megabytes) => Package(
        Sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>" +
              "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>MVH-0001</t></is></c><c r=\"B2\" t=\"s\"><v>2</v></c></row>"),
        sharedStrings: stream =>
        {
            Write(stream, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\" count=\"3\" uniqueCount=\"3\"><si><t>Serial</t></si><si><t>Model</t></si><si><t>");
            var chunk = Encoding.ASCII.GetBytes(new string('A', 1024 * 1024));
            for (var i = 0; i < megabytes; i++)
            {
                stream.Write(chunk);
            }

            Write(stream, "</t></si></sst>");
        });

    /// <summary>A small, valid sheet plus a part of <paramref name="megabytes"/> MB of zeros (as an embedded image would be).</summary>
    public static byte[] HugePart(int megabytes) => Package(HeaderAndOneDevice(), filler: megabytes);

    /// <summary>A header row and one device on row <paramref name="row"/>.</summary>
    public static byte[] RowFarDown(int row) => Package(Sheet(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Serial</t></is></c></row>" +
        $"<row r=\"{row}\"><c r=\"A{row}\" t=\"inlineStr\"><is><t>MVH-0001</t></is></c></row>"));

    /// <summary>A sheet whose dimension claims every column Excel has.</summary>
    public static byte[] EveryColumn() => Package(Sheet(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Serial</t></is></c></row>", dimension: "A1:XFD2"));

    public static byte[] HeaderAndOneDeviceWorkbook() => Package(HeaderAndOneDevice());

    private static string HeaderAndOneDevice() => Sheet(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Serial</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Model</t></is></c></row>" +
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>MVH-0001</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>Dell Chromebook 3100</t></is></c></row>");

    private static string Sheet(string rows, string dimension = "A1:B2") =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><dimension ref=\"{dimension}\"/><sheetData>{rows}</sheetData></worksheet>";

    private static byte[] Package(string sheet, Action<Stream>? sharedStrings = null, int filler = 0)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>");
            Part(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                $"<Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Part(zip, "xl/workbook.xml",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"><sheets><sheet name=\"Devices\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Part(zip, "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                $"<Relationship Id=\"rId1\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                $"<Relationship Id=\"rId2\" Type=\"{Relationships}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
            Part(zip, "xl/worksheets/sheet1.xml", sheet);
            using (var strings = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Optimal).Open())
            {
                if (sharedStrings is null)
                {
                    Write(strings, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\" count=\"0\" uniqueCount=\"0\"/>");
                }
                else
                {
                    sharedStrings(strings);
                }
            }

            if (filler > 0)
            {
                using var part = zip.CreateEntry("xl/media/filler.bin", CompressionLevel.Optimal).Open();
                var zeros = new byte[1024 * 1024];
                for (var i = 0; i < filler; i++)
                {
                    part.Write(zeros);
                }
            }
        }

        return buffer.ToArray();
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        Write(stream, xml);
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}

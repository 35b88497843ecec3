using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Marketplace.Web.Infrastructure.Spreadsheets;

/// <summary>
/// What an uploaded .xlsx may expand to before any reader builds it in memory. An .xlsx is a zip of XML: 307 KB can hold
/// one 300 MB shared string, which a reader (ExcelDataReader loads the shared-string table whole) turns into gigabytes.
/// <see cref="Exceeded"/> streams every part once, counting what it decompresses and reading cell texts in chunks, and
/// stops at the first limit crossed, so checking a bomb costs a few kilobytes of memory.
/// </summary>
/// <param name="MaxUncompressedBytes">All parts together, as decompressed.</param>
/// <param name="MaxCellLength">Characters in one cell or shared string (Excel's own limit is 32,767).</param>
/// <param name="MaxSharedStringCharacters">All shared strings together: what a reader holds in memory for the whole read.</param>
/// <param name="MaxRows">Data rows of a sheet, header not counted.</param>
/// <param name="MaxColumns">Columns a cell or the sheet's dimension may reach.</param>
/// <param name="MaxParts">Files in the zip.</param>
public sealed record XlsxLimits(long MaxUncompressedBytes, int MaxCellLength, long MaxSharedStringCharacters, int MaxRows, int MaxColumns, int MaxParts)
{
    /// <summary>A district's manifest: 100,000 devices at most, with room for wide exports and long notes.</summary>
    public static XlsxLimits Manifest { get; } = new(
        MaxUncompressedBytes: 256L * 1024 * 1024,
        MaxCellLength: 32_767,
        MaxSharedStringCharacters: 32L * 1024 * 1024,
        MaxRows: 100_000,
        MaxColumns: 1_024,
        MaxParts: 10_000);

    private const int ChunkLength = 4096;

    private static readonly XmlReaderSettings Xml = new()
    {
        // A DTD can define entities that expand exponentially ("billion laughs"); spreadsheets never carry one.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>
    /// Why the workbook is too large to read, in the district's terms, or null when it is within every limit (or is not a
    /// zip at all: the reader then says what is wrong with it).
    /// </summary>
    public string? Exceeded(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxParts)
            {
                return $"The workbook holds {zip.Entries.Count:N0} files; an inventory sheet has a few dozen. Export the sheet as CSV instead.";
            }

            var budget = new Budget(MaxUncompressedBytes, content.LongLength);
            var sharedCharacters = 0L;
            foreach (var entry in zip.Entries)
            {
                using var stream = new CountingStream(entry.Open(), budget);
                var problem = entry.FullName switch
                {
                    var name when name.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase) => SharedStrings(stream, ref sharedCharacters),
                    var name when name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                        => Worksheet(stream, Path.GetFileNameWithoutExtension(name)),
                    _ => Drain(stream),
                };
                if (problem is not null)
                {
                    return problem;
                }
            }

            return null;
        }
        catch (BudgetExceededException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            // Not a zip, or XML no spreadsheet writes (a DTD): say so rather than let a reader try.
            return ex is XmlException
                ? $"The .xlsx file could not be read ({ex.Message}). Save it again from Excel or export it as CSV."
                : null;
        }
    }

    private string? SharedStrings(Stream stream, ref long total)
    {
        using var xml = XmlReader.Create(stream, Xml);
        var buffer = new char[ChunkLength];
        var index = -1;
        var length = 0L;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                index++;
                length = 0;
            }
            else if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                length += TextLength(xml, buffer, MaxCellLength - length);
                if (length > MaxCellLength)
                {
                    return $"Text number {index + 1:N0} of the workbook is longer than {MaxCellLength:N0} characters, the most a cell can hold; no inventory field is that long. Check the file, or export the sheet as CSV.";
                }

            }
            else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "si")
            {
                total += length;
                if (total > MaxSharedStringCharacters)
                {
                    return $"The workbook's texts add up to more than {MaxSharedStringCharacters / 1024 / 1024:N0} million characters, far more than one lot's inventory. Split the sheet into several files.";
                }
            }
        }

        return null;
    }

    private string? Worksheet(Stream stream, string sheet)
    {
        using var xml = XmlReader.Create(stream, Xml);
        var buffer = new char[ChunkLength];
        var rows = 0;
        string? cell = null;
        var cellLength = 0L;
        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.LocalName == "dimension" && xml.GetAttribute("ref") is { } range:
                    if (Reference(range[(range.IndexOf(':', StringComparison.Ordinal) + 1)..]) is var (lastColumn, lastRow) && (lastColumn > MaxColumns || lastRow > MaxRows + 1))
                    {
                        return TooBig(sheet, lastColumn, lastRow);
                    }

                    break;
                case XmlNodeType.Element when xml.LocalName == "row":
                    rows = xml.GetAttribute("r") is { } r && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : rows + 1;
                    if (rows > MaxRows + 1)
                    {
                        return TooBig(sheet, 0, rows);
                    }

                    break;
                case XmlNodeType.Element when xml.LocalName == "c":
                    cell = xml.GetAttribute("r");
                    cellLength = 0;
                    if (cell is not null && Reference(cell) is var (column, _) && column > MaxColumns)
                    {
                        return TooBig(sheet, column, 0);
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    cellLength += TextLength(xml, buffer, MaxCellLength - cellLength);
                    if (cellLength > MaxCellLength)
                    {
                        return $"Cell {cell ?? "?"} of {sheet} holds more than {MaxCellLength:N0} characters, the most a cell can hold; no inventory field is that long. Check the file, or export the sheet as CSV.";
                    }

                    break;
            }
        }

        return null;
    }

    private string TooBig(string sheet, int column, int row) => column > MaxColumns
        ? $"{sheet} uses column {ColumnName(column)}, past the {MaxColumns:N0} columns an inventory sheet may have. Delete the empty columns after the last header, or export the sheet as CSV."
        : $"{sheet} has more than {MaxRows:N0} rows (row {row:N0} is used). Split it into files of at most {MaxRows:N0} devices.";

    /// <summary>Counts a text node's characters a chunk at a time, never holding more than one chunk; stops once past <paramref name="room"/>.</summary>
    private static long TextLength(XmlReader xml, char[] buffer, long room)
    {
        var length = 0L;
        int read;
        while (length <= room && (read = xml.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
        {
            length += read;
        }

        return length;
    }

    private static string? Drain(Stream stream)
    {
        stream.CopyTo(Stream.Null);
        return null;
    }

    /// <summary>"AB12" → (28, 12); null when it is no cell reference.</summary>
    private static (int Column, int Row)? Reference(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]) && column <= 1_000_000; i++)
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        }

        return i > 0 && int.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? (column, row) : null;
    }

    private static string ColumnName(int column)
    {
        var name = "";
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private sealed class Budget(long limit, long fileBytes)
    {
        private long _used;

        public void Spend(int bytes)
        {
            _used += bytes;
            if (_used > limit)
            {
                throw new BudgetExceededException(
                    $"The workbook expands to more than {limit / 1024 / 1024:N0} MB of data from a {fileBytes / 1024d / 1024:0.#} MB file: it is not an inventory sheet, or it holds far more than one lot. Export the sheet as CSV, or split it.");
            }
        }
    }

    private sealed class BudgetExceededException(string message) : Exception(message);

    /// <summary>A decompressing stream that charges every byte it yields to the budget, so a lying zip header changes nothing.</summary>
    private sealed class CountingStream(Stream inner, Budget budget) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            budget.Spend(read);
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            budget.Spend(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

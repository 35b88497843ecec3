using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Marketplace.Web.Infrastructure.Spreadsheets;

/// <summary>
/// One sheet as .xlsx, from a column spec: bold frozen header with filters, numbers and dates as real Excel values,
/// and text written as text (never parsed as a formula), formula-looking values kept as typed in quote-prefixed cells.
/// </summary>
/// <remarks>
/// Streamed with the Open XML SDK's <see cref="OpenXmlWriter"/>, one row at a time, into a write-only zip: a
/// 50,000-row sheet never exists as a cell model (or as uncompressed XML) in memory. Every text cell is an inline
/// string (no shared-string table to build), and no cell is ever a formula.
/// </remarks>
public static class SpreadsheetXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    // Cell formats (indexes into cellXfs of the stylesheet below).
    private const uint HeaderStyle = 1, DateStyle = 2, YearsStyle = 3, QuotedTextStyle = 4;

    // Excel's built-in "@" (text) number format.
    private const uint TextFormatId = 49;

    // Custom number formats start at 164; lower ids are Excel's built-ins.
    private const uint DateFormatId = 164, YearsFormatId = 165;

    /// <summary>Excel counts days from 30 December 1899 (the 1900 leap-year quirk included).</summary>
    private static readonly int ExcelEpochDayNumber = new DateOnly(1899, 12, 30).DayNumber;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef");

    // The writer only reads an element's name from these, so one instance of each serves every row.
    private static readonly Row RowElement = new();
    private static readonly Cell CellElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly InlineString InlineStringElement = new();
    private static readonly Text TextElement = new();

    /// <param name="sheetName">The sheet's tab (at most 31 characters, none of : \ / ? * [ ]).</param>
    /// <param name="title">The document title a spreadsheet shows in the file's properties.</param>
    public static byte[] Write<TRow>(string sheetName, string title, SpreadsheetColumns<TRow> columns, IReadOnlyCollection<TRow> rows)
    {
        using var stream = new MemoryStream();
        Write(stream, sheetName, title, columns, rows);
        return stream.ToArray();
    }

    public static void Write<TRow>(Stream stream, string sheetName, string title, SpreadsheetColumns<TRow> columns, IReadOnlyCollection<TRow> rows)
    {
        string[] columnNames = [.. Enumerable.Range(0, columns.Count).Select(ColumnName)];
        var usedRange = $"A1:{columnNames[^1]}{(rows.Count + 1).ToString(CultureInfo.InvariantCulture)}";

        // The package around the sheet (content types, relationships, properties, workbook, styles) comes from the
        // SDK, with a placeholder sheet. The SDK opens its package read-write, and a read-write zip keeps each part
        // uncompressed in memory until it is closed: for the sheet, ~45 MB of XML for 50,000 devices. So the sheet
        // is not written there but streamed, deflated as it goes, into a write-only copy of that package.
        using var skeleton = new MemoryStream();
        string sheetEntry;
        using (var document = SpreadsheetDocument.Create(skeleton, SpreadsheetDocumentType.Workbook, autoSave: false))
        {
            document.PackageProperties.Title = title;
            document.PackageProperties.Creator = "K-12 Device Marketplace";

            var workbookPart = document.AddWorkbookPart();
            NewStylesheet().Save(workbookPart.AddNewPart<WorkbookStylesPart>());
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            new Worksheet(new SheetData()).Save(worksheetPart);
            sheetEntry = worksheetPart.Uri.OriginalString.TrimStart('/');
            NewWorkbook(sheetName, workbookPart.GetIdOfPart(worksheetPart), usedRange).Save(workbookPart);
        }

        skeleton.Position = 0;
        using var parts = new ZipArchive(skeleton, ZipArchiveMode.Read);
        using var package = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var sheetWritten = false;
        foreach (var part in parts.Entries)
        {
            using var target = package.CreateEntry(part.FullName, CompressionLevel.Optimal).Open();
            if (part.FullName == sheetEntry)
            {
                WriteSheet(target, columns, columnNames, rows, usedRange);
                sheetWritten = true;
            }
            else
            {
                using var source = part.Open();
                source.CopyTo(target);
            }
        }

        if (!sheetWritten)
        {
            throw new InvalidOperationException($"The workbook package has no {sheetEntry} to stream the sheet into.");
        }
    }

    /// <summary>The worksheet XML, row by row, straight into the package entry's (deflating) stream.</summary>
    private static void WriteSheet<TRow>(Stream target, SpreadsheetColumns<TRow> columns, string[] columnNames, IReadOnlyCollection<TRow> rows, string usedRange)
    {
        using var writer = OpenXmlWriter.Create(target);
        writer.WriteStartDocument();
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetDimension { Reference = usedRange });
        writer.WriteElement(new SheetViews(
            new SheetView(
                new Pane
                {
                    VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            {
                TabSelected = true, WorkbookViewId = 0,
            }));
        writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15 });
        writer.WriteElement(NewColumns(columns));

        writer.WriteStartElement(new SheetData());
        var attributes = new List<OpenXmlAttribute>(3);
        StartRow(writer, attributes, 1);
        for (var c = 0; c < columns.Count; c++)
        {
            WriteText(writer, attributes, columnNames[c], "1", columns[c].Header, HeaderStyle);
        }

        writer.WriteEndElement();

        var row = 2;
        foreach (var line in rows)
        {
            var rowText = row.ToString(CultureInfo.InvariantCulture);
            StartRow(writer, attributes, row);
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                switch (column.Kind)
                {
                    case SpreadsheetCellKind.Number:
                        WriteNumber(writer, attributes, columnNames[c], rowText, column.Number(line));
                        break;
                    case SpreadsheetCellKind.Years:
                        if (column.Years(line) is { } years)
                        {
                            WriteValue(writer, attributes, columnNames[c], rowText, years.ToString("R", CultureInfo.InvariantCulture), YearsStyle);
                        }

                        break;
                    case SpreadsheetCellKind.Date:
                        WriteDate(writer, attributes, columnNames[c], rowText, column.Date(line));
                        break;
                    default:
                        if (column.Text(line) is { Length: > 0 } text)
                        {
                            // An inline string is never run, so the text stays as typed; the quote-prefix style keeps it
                            // text when someone edits the cell (what the CSV's leading apostrophe does, without showing one).
                            WriteText(writer, attributes, columnNames[c], rowText, text, SpreadsheetCsv.RunsAsFormula(text) ? QuotedTextStyle : null);
                        }

                        break;
                }
            }

            writer.WriteEndElement();
            row++;
        }

        writer.WriteEndElement(); // sheetData
        writer.WriteElement(new AutoFilter { Reference = usedRange });
        writer.WriteEndElement(); // worksheet
        writer.Close();
    }

    private static void StartRow(OpenXmlWriter writer, List<OpenXmlAttribute> attributes, int row)
    {
        attributes.Clear();
        attributes.Add(new OpenXmlAttribute("r", "", row.ToString(CultureInfo.InvariantCulture)));
        writer.WriteStartElement(RowElement, attributes);
    }

    private static void WriteNumber(OpenXmlWriter writer, List<OpenXmlAttribute> attributes, string column, string row, decimal? value)
    {
        if (value is { } number)
        {
            WriteValue(writer, attributes, column, row, number.ToString(CultureInfo.InvariantCulture), style: null);
        }
    }

    private static void WriteDate(OpenXmlWriter writer, List<OpenXmlAttribute> attributes, string column, string row, DateOnly? value)
    {
        if (value is { } date)
        {
            // The OLE Automation date of midnight on that day: a whole number of days, shown through the date format.
            var serial = date.DayNumber - ExcelEpochDayNumber;
            WriteValue(writer, attributes, column, row, serial.ToString(CultureInfo.InvariantCulture), DateStyle);
        }
    }

    /// <summary>A numeric cell: <c>&lt;c r="I2" s="…"&gt;&lt;v&gt;4&lt;/v&gt;&lt;/c&gt;</c>.</summary>
    private static void WriteValue(OpenXmlWriter writer, List<OpenXmlAttribute> attributes, string column, string row, string value, uint? style)
    {
        attributes.Clear();
        attributes.Add(new OpenXmlAttribute("r", "", string.Concat(column, row)));
        if (style is { } s)
        {
            attributes.Add(new OpenXmlAttribute("s", "", s.ToString(CultureInfo.InvariantCulture)));
        }

        writer.WriteStartElement(CellElement, attributes);
        writer.WriteStartElement(ValueElement);
        writer.WriteString(value);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>A text cell as an inline string: <c>&lt;c r="A2" t="inlineStr"&gt;&lt;is&gt;&lt;t&gt;…&lt;/t&gt;&lt;/is&gt;&lt;/c&gt;</c>, never a formula.</summary>
    private static void WriteText(OpenXmlWriter writer, List<OpenXmlAttribute> attributes, string column, string row, string text, uint? style)
    {
        attributes.Clear();
        attributes.Add(new OpenXmlAttribute("r", "", string.Concat(column, row)));
        if (style is { } s)
        {
            attributes.Add(new OpenXmlAttribute("s", "", s.ToString(CultureInfo.InvariantCulture)));
        }

        attributes.Add(new OpenXmlAttribute("t", "", "inlineStr"));
        writer.WriteStartElement(CellElement, attributes);
        writer.WriteStartElement(InlineStringElement);
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            // Without it Excel trims the spaces a district typed.
            attributes.Clear();
            attributes.Add(new OpenXmlAttribute("xml", "space", XmlNamespace, "preserve"));
            writer.WriteStartElement(TextElement, attributes);
        }
        else
        {
            writer.WriteStartElement(TextElement);
        }

        writer.WriteString(XmlSafe(text));
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>
    /// Characters XML cannot hold (control characters pasted into a note) are written with the spreadsheet escape
    /// _xHHHH_, as Excel writes them; text that already looks like such an escape gets its underscore escaped
    /// (_x005F_) so that Excel and the import show it as typed.
    /// </summary>
    private static string XmlSafe(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            clean = IsXmlChar(text, i) && !LooksEscaped(text, i);
        }

        if (clean)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (LooksEscaped(text, i))
            {
                escaped.Append("_x005F_");
            }
            else if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(ch).Append(text[++i]);
            }
            else if (IsXmlChar(text, i))
            {
                escaped.Append(ch);
            }
            else
            {
                escaped.Append("_x").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
            }
        }

        return escaped.ToString();
    }

    /// <summary>Whether <c>_xHHHH_</c> starts at <paramref name="i"/>.</summary>
    private static bool LooksEscaped(string text, int i) =>
        text[i] == '_' && i + 7 <= text.Length && text[i + 1] == 'x' && text[i + 6] == '_' && !text.AsSpan(i + 2, 4).ContainsAnyExcept(HexDigits);

    private static bool IsXmlChar(string text, int i)
    {
        var ch = text[i];
        if (char.IsHighSurrogate(ch))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(ch))
        {
            return i > 0 && char.IsHighSurrogate(text[i - 1]);
        }

        return XmlConvert.IsXmlChar(ch);
    }

    private static Columns NewColumns<TRow>(SpreadsheetColumns<TRow> spec)
    {
        var columns = new Columns();
        for (var c = 0; c < spec.Count; c++)
        {
            var column = (uint)(c + 1);
            var style = spec[c].Kind switch
            {
                SpreadsheetCellKind.Date => DateStyle,
                SpreadsheetCellKind.Years => YearsStyle,
                _ => 0u,
            };
            // Excel adds ~0.71 characters of padding to a width typed in its dialog; do the same so columns look alike.
            columns.Append(new Column { Min = column, Max = column, Width = spec[c].Width + 0.71, CustomWidth = true, Style = style });
        }

        return columns;
    }

    private static Workbook NewWorkbook(string sheetName, string sheetRelationshipId, string usedRange) =>
        new(
            new BookViews(new WorkbookView { ActiveTab = 0 }),
            new Sheets(new Sheet { Name = sheetName, SheetId = 1, Id = sheetRelationshipId }),
            new DefinedNames(
                // Excel keeps an autofilter's range in this hidden name, and expects it beside the sheet's <autoFilter>.
                new DefinedName(AbsoluteReference(sheetName, usedRange)) { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true }));

    private static string AbsoluteReference(string sheetName, string range)
    {
        var corners = range.Split(':');
        // A name with spaces or punctuation is quoted in a reference ('Import problems'!$A$1), its apostrophes doubled.
        var sheet = sheetName.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') ? sheetName : $"'{sheetName.Replace("'", "''")}'";
        return $"{sheet}!{Absolute(corners[0])}:{Absolute(corners[1])}";

        static string Absolute(string cell)
        {
            var digits = cell.IndexOfAny("0123456789".ToCharArray());
            return $"${cell[..digits]}${cell[digits..]}";
        }
    }

    /// <summary>Just what the cell kinds use: a bold shaded header, a yyyy-mm-dd date format, one decimal for years and quote-prefixed text.</summary>
    private static Stylesheet NewStylesheet() =>
        new(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy-mm-dd" },
                new NumberingFormat { NumberFormatId = YearsFormatId, FormatCode = "0.0" })
            { Count = 2 },
            new Fonts(NewFont(bold: false), NewFont(bold: true)) { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE5E7EB" }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true },
                new CellFormat { NumberFormatId = DateFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = YearsFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = TextFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true, QuotePrefix = true })
            { Count = 5 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private static Font NewFont(bool bold)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        font.Append(new FontSize { Val = 11 }, new Color { Theme = 1 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 });
        return font;
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}

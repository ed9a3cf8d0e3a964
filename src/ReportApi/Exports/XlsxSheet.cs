using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Analytics.ReportApi.Exports;

/// <summary>
/// A workbook of one sheet, written row by row into a stream as SpreadsheetML (ECMA-376) that strict readers
/// (exceljs, openpyxl, SheetJS, Excel) open: the worksheet's elements in the schema's order, a header row frozen
/// at the top. Cells keep their meaning: text stays text however many digits it holds (an identifier or a phone
/// number never turns into 1.66750E+10), numbers are written exactly as the warehouse holds them, days are dates,
/// instants keep their time (UTC), times of day are times. At most <see cref="MaxRows"/> rows fit under the header,
/// so a longer answer stops the writing with <see cref="TooManyRowsException"/> instead of losing rows.
/// </summary>
internal sealed class XlsxSheet : IDisposable
{
    public const int MaxRows = 1_048_575;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    // Excel's day 0 (the 1900 system, as Excel counts it after its 1900 leap-year bug: right from March 1900 on).
    private static readonly DateTime Epoch = new(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified);

    // The largest whole number a spreadsheet's double holds exactly; longer integers are written as text.
    private const long ExactInteger = 999_999_999_999_999;

    private readonly ZipArchive _zip;
    private readonly Stream _sheetStream;
    private readonly XmlWriter _sheet;
    private readonly int _columns;
    private int _row;

    /// <summary>Cell formats (the index is the xf in styles.xml's cellXfs, written by <see cref="WriteStyles"/>).</summary>
    private enum Style
    {
        General = 0,
        Date = 1,
        Timestamp = 2,
        Time = 3,
        Header = 4,
        Text = 5,
    }

    public XlsxSheet(Stream output, string sheetName, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _columns = header.Count;
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        WritePart("[Content_Types].xml", WriteContentTypes);
        WritePart("_rels/.rels", w => WriteRelationships(w, ("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml")));
        WritePart("xl/workbook.xml", w => WriteWorkbook(w, SheetName(sheetName)));
        WritePart("xl/_rels/workbook.xml.rels", w => WriteRelationships(w,
            ("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", "worksheets/sheet1.xml"),
            ("rId2", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml")));
        WritePart("xl/styles.xml", WriteStyles);

        _sheetStream = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        _sheet = XmlWriter.Create(_sheetStream, Settings);
        _sheet.WriteStartDocument(standalone: true);
        _sheet.WriteStartElement("worksheet", Main);
        // CT_Worksheet is a sequence: sheetPr?, dimension?, sheetViews?, sheetFormatPr?, cols?, sheetData, ...
        _sheet.WriteStartElement("sheetViews", Main);
        _sheet.WriteStartElement("sheetView", Main);
        _sheet.WriteAttributeString("workbookViewId", "0");
        _sheet.WriteStartElement("pane", Main);
        _sheet.WriteAttributeString("ySplit", "1");
        _sheet.WriteAttributeString("topLeftCell", "A2");
        _sheet.WriteAttributeString("activePane", "bottomLeft");
        _sheet.WriteAttributeString("state", "frozen");
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteStartElement("sheetFormatPr", Main);
        _sheet.WriteAttributeString("defaultRowHeight", "15");
        _sheet.WriteEndElement();
        _sheet.WriteStartElement("sheetData", Main);
        WriteRow(header.Cast<object?>().ToList(), Style.Header);
    }

    private static XmlWriterSettings Settings => new() { Encoding = new UTF8Encoding(false), CloseOutput = false };

    /// <summary>One row under the header, its values in the header's order (DBNull or null: an empty cell).</summary>
    public void Add(IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (_row > MaxRows)
        {
            throw new TooManyRowsException();
        }

        WriteRow(values, null);
    }

    public void Dispose()
    {
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndDocument();
        _sheet.Dispose();
        _sheetStream.Dispose();
        _zip.Dispose();
    }

    private void WriteRow(IReadOnlyList<object?> values, Style? style)
    {
        _row++;
        _sheet.WriteStartElement("row", Main);
        _sheet.WriteAttributeString("r", _row.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < _columns && i < values.Count; i++)
        {
            WriteCell(CellReference(i, _row), values[i], style);
        }

        _sheet.WriteEndElement();
    }

    private void WriteCell(string reference, object? value, Style? style)
    {
        switch (value)
        {
            case null or DBNull:
                return;
            case string text:
                WriteText(reference, text, style ?? Style.Text);
                return;
            case bool b:
                WriteValue(reference, "b", b ? "1" : "0", style ?? Style.General);
                return;
            case double or float when !double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)):
                WriteText(reference, Convert.ToString(value, CultureInfo.InvariantCulture)!, style ?? Style.Text);
                return;
            case decimal money:
                // Exact digits, without the scale's trailing zeros (5999.00 is the number 5999 to every reader).
                WriteValue(reference, null, money.ToString("0.############################", CultureInfo.InvariantCulture), style ?? Style.General);
                return;
            case double or float or int or short or byte or sbyte or ushort or uint:
                WriteValue(reference, null, Convert.ToString(value, CultureInfo.InvariantCulture)!, style ?? Style.General);
                return;
            case long or ulong or System.Numerics.BigInteger or Int128 or UInt128 when !FitsExactly(value):
                WriteText(reference, Convert.ToString(value, CultureInfo.InvariantCulture)!, style ?? Style.Text);
                return;
            case long or ulong or System.Numerics.BigInteger or Int128 or UInt128:
                WriteValue(reference, null, Convert.ToString(value, CultureInfo.InvariantCulture)!, style ?? Style.General);
                return;
            case DateOnly day:
                WriteValue(reference, null, Serial(day.ToDateTime(TimeOnly.MinValue)), style ?? Style.Date);
                return;
            case DateTimeOffset instant:
                WriteValue(reference, null, Serial(instant.UtcDateTime), style ?? Style.Timestamp);
                return;
            case DateTime timestamp:
                WriteValue(reference, null, Serial(timestamp), style ?? Style.Timestamp);
                return;
            case TimeOnly time:
                WriteValue(reference, null, Fraction(time.Ticks), style ?? Style.Time);
                return;
            case TimeSpan span:
                WriteValue(reference, null, Fraction(span.Ticks), style ?? Style.Time);
                return;
            case System.Collections.IEnumerable list:
                WriteText(reference, string.Join(", ", list.Cast<object?>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))), style ?? Style.Text);
                return;
            default:
                WriteText(reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", style ?? Style.Text);
                return;
        }
    }

    private static bool FitsExactly(object value) => value switch
    {
        long l => l is >= -ExactInteger and <= ExactInteger,
        ulong u => u <= ExactInteger,
        System.Numerics.BigInteger b => b >= -ExactInteger && b <= ExactInteger,
        Int128 i => i >= -ExactInteger && i <= ExactInteger,
        UInt128 u => u <= ExactInteger,
        _ => false,
    };

    private void WriteValue(string reference, string? type, string value, Style style)
    {
        _sheet.WriteStartElement("c", Main);
        _sheet.WriteAttributeString("r", reference);
        if (style != Style.General)
        {
            _sheet.WriteAttributeString("s", ((int)style).ToString(CultureInfo.InvariantCulture));
        }

        if (type is not null)
        {
            _sheet.WriteAttributeString("t", type);
        }

        _sheet.WriteElementString("v", Main, value);
        _sheet.WriteEndElement();
    }

    /// <summary>An inline string cell: never a formula, never a number, whatever it looks like.</summary>
    private void WriteText(string reference, string text, Style style)
    {
        _sheet.WriteStartElement("c", Main);
        _sheet.WriteAttributeString("r", reference);
        _sheet.WriteAttributeString("s", ((int)style).ToString(CultureInfo.InvariantCulture));
        _sheet.WriteAttributeString("t", "inlineStr");
        _sheet.WriteStartElement("is", Main);
        _sheet.WriteStartElement("t", Main);
        _sheet.WriteAttributeString("xml", "space", null, "preserve");
        _sheet.WriteString(XmlText(text));
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
    }

    /// <summary>
    /// Characters XML cannot hold (control characters, lone surrogates) are written as SpreadsheetML's _xHHHH_
    /// escapes, and a literal "_x" that would read as one is escaped itself, so the reader gets the text back.
    /// </summary>
    internal static string XmlText(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal) && XmlConvert.VerifyXmlChars(text) is not null)
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (!XmlConvert.IsXmlChar(c) || (c == '_' && IsEscapeAt(text, i)))
            {
                result.Append(CultureInfo.InvariantCulture, $"_x{(int)c:X4}_");
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static bool IsEscapeAt(string text, int i) =>
        i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_' && text.AsSpan(i + 2, 4).ToString().All(char.IsAsciiHexDigit);

    private static string Serial(DateTime timestamp) =>
        Fraction((timestamp - Epoch).Ticks);

    /// <summary>Days (and the fraction of a day) as the number Excel stores, to the tenth of a microsecond.</summary>
    private static string Fraction(long ticks) =>
        (ticks / (decimal)TimeSpan.TicksPerDay).ToString("0.###############", CultureInfo.InvariantCulture);

    private static string CellReference(int column, int row)
    {
        var letters = new StringBuilder();
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters.Insert(0, (char)('A' + ((n - 1) % 26)));
        }

        return letters.Append(row.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>A sheet name Excel accepts: none of []:*?/\, at most 31 characters, not empty.</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) || char.IsControl(c) ? ' ' : c)]).Trim().Trim('\'');
        clean = clean.Length > 31 ? clean[..31] : clean;
        return clean.Length == 0 ? "Sheet1" : clean;
    }

    private void WritePart(string name, Action<XmlWriter> write)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = XmlWriter.Create(stream, Settings);
        writer.WriteStartDocument(standalone: true);
        write(writer);
        writer.WriteEndDocument();
    }

    private static void WriteContentTypes(XmlWriter w)
    {
        const string types = "http://schemas.openxmlformats.org/package/2006/content-types";
        w.WriteStartElement("Types", types);
        Default(w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default(w, "xml", "application/xml");
        Override(w, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
        Override(w, "/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
        Override(w, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
        w.WriteEndElement();

        static void Default(XmlWriter w, string extension, string type)
        {
            w.WriteStartElement("Default", types);
            w.WriteAttributeString("Extension", extension);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }

        static void Override(XmlWriter w, string part, string type)
        {
            w.WriteStartElement("Override", types);
            w.WriteAttributeString("PartName", part);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }
    }

    private static void WriteRelationships(XmlWriter w, params (string Id, string Type, string Target)[] relationships)
    {
        w.WriteStartElement("Relationships", PackageRelationships);
        foreach (var (id, type, target) in relationships)
        {
            w.WriteStartElement("Relationship", PackageRelationships);
            w.WriteAttributeString("Id", id);
            w.WriteAttributeString("Type", type);
            w.WriteAttributeString("Target", target);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteWorkbook(XmlWriter w, string sheetName)
    {
        w.WriteStartElement("workbook", Main);
        w.WriteAttributeString("xmlns", "r", null, Relationships);
        w.WriteStartElement("sheets", Main);
        w.WriteStartElement("sheet", Main);
        w.WriteAttributeString("name", sheetName);
        w.WriteAttributeString("sheetId", "1");
        w.WriteAttributeString("id", Relationships, "rId1");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>The cell formats of <see cref="Style"/>, in its order.</summary>
    private static void WriteStyles(XmlWriter w)
    {
        w.WriteStartElement("styleSheet", Main);
        w.WriteStartElement("numFmts", Main);
        w.WriteAttributeString("count", "3");
        NumberFormat(w, 164, "yyyy-mm-dd");
        NumberFormat(w, 165, "yyyy-mm-dd hh:mm:ss");
        NumberFormat(w, 166, "hh:mm:ss");
        w.WriteEndElement();
        w.WriteRaw("""
            <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
            """);
        w.WriteEndElement();

        static void NumberFormat(XmlWriter w, int id, string code)
        {
            w.WriteStartElement("numFmt", Main);
            w.WriteAttributeString("numFmtId", id.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("formatCode", code);
            w.WriteEndElement();
        }
    }

    public sealed class TooManyRowsException() : Exception($"An Excel sheet holds at most {MaxRows:N0} rows.");
}

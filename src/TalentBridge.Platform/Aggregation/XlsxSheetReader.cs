using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace TalentBridge.Platform.Aggregation;

/// <summary>
/// Reads the first sheet of an .xlsx workbook as a stream of rows in bounded memory: the sheet XML is read element by
/// element (its dimension and empty rows mean nothing here: only cells that exist are read, only mapped columns kept),
/// every text is read in chunks and cut at the field limit, the shared-string table may hold at most
/// <see cref="ImportLimits.MaxSharedStringChars"/> characters, and a DTD (with it any entity) refuses the file.
/// Cells formatted as dates become yyyy-MM-dd.
/// </summary>
internal sealed class XlsxSheetReader(ImportLimits limits)
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly char[] _chunk = new char[8192];

    public IEnumerable<SourceRow> Read(Stream stream, Func<IReadOnlyList<string>, int[]> positionsOf)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new ImportFileException("NotXlsx");
        }
        using (zip)
        {
            var (sheetPath, sharedPath, stylesPath) = Parts(zip);
            var shared = sharedPath is null ? [] : SharedStrings(zip, sharedPath);
            var dateStyles = stylesPath is null ? [] : DateStyles(zip, stylesPath);
            var sheet = zip.GetEntry(sheetPath) ?? throw new ImportFileException("NotXlsx");
            foreach (var row in Rows(sheet, shared, dateStyles, positionsOf))
            {
                yield return row;
            }
        }
    }

    /// <summary>The first sheet, the shared strings and the styles, as the workbook and its relationships name them.</summary>
    private static (string Sheet, string? Shared, string? Styles) Parts(ZipArchive zip)
    {
        string? firstSheetId = null;
        if (zip.GetEntry("xl/workbook.xml") is not { } workbook)
        {
            throw new ImportFileException("NotXlsx");
        }
        Xml(workbook, r =>
        {
            while (firstSheetId is null && r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "sheet" && r.NamespaceURI == Main)
                {
                    firstSheetId = r.GetAttribute("id", Relationships);
                }
            }
        });
        var targets = new Dictionary<string, (string Type, string Target)>(StringComparer.Ordinal);
        if (zip.GetEntry("xl/_rels/workbook.xml.rels") is { } rels)
        {
            Xml(rels, r =>
            {
                while (r.Read())
                {
                    if (r.NodeType == XmlNodeType.Element && r.LocalName == "Relationship" && r.GetAttribute("Id") is { } id && r.GetAttribute("Target") is { } target)
                    {
                        targets[id] = (r.GetAttribute("Type") ?? "", target.StartsWith('/') ? target[1..] : "xl/" + target);
                    }
                }
            });
        }
        string? Of(string type, string fallback) =>
            targets.Values.FirstOrDefault(t => t.Type.EndsWith("/" + type, StringComparison.Ordinal)).Target ?? (zip.GetEntry(fallback) is null ? null : fallback);
        var sheet = firstSheetId is not null && targets.TryGetValue(firstSheetId, out var s) ? s.Target : "xl/worksheets/sheet1.xml";
        return (sheet, Of("sharedStrings", "xl/sharedStrings.xml"), Of("styles", "xl/styles.xml"));
    }

    /// <summary>Reads one part with the safe settings; a DTD refuses the file, any other XML error makes it unreadable.</summary>
    private static void Xml(ZipArchiveEntry entry, Action<XmlReader> read)
    {
        try
        {
            using var reader = XmlReader.Create(entry.Open(), Settings);
            read(reader);
        }
        catch (XmlException) when (HasDtd(entry))
        {
            throw new ImportFileException("XlsxDtd", entry.FullName);
        }
        catch (Exception e) when (e is XmlException or InvalidDataException)
        {
            throw new ImportFileException("NotXlsx");
        }
    }

    /// <summary>Whether the part declares a document type (its prologue, where a DTD must stand, names one).</summary>
    private static bool HasDtd(ZipArchiveEntry entry)
    {
        using var text = new StreamReader(entry.Open());
        var start = new char[4096];
        var read = text.ReadBlock(start, 0, start.Length);
        return start.AsSpan(0, read).IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    /// <summary>
    /// The text of the element the reader is on (its text nodes, without phonetic runs), read in chunks: at most one
    /// character more than the field limit is kept, so that an over-long text is still seen as such.
    /// </summary>
    private string ElementText(XmlReader r, StringBuilder text)
    {
        text.Clear();
        if (r.IsEmptyElement)
        {
            return "";
        }
        var depth = r.Depth;
        var keep = limits.MaxFieldChars + 1;
        var more = r.Read();
        while (more && r.Depth > depth)
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "rPh")
            {
                r.Skip(); // now on the node after the phonetic run
                more = !r.EOF;
                continue;
            }
            if (r.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA)
            {
                int n;
                while ((n = r.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
                {
                    text.Append(_chunk, 0, Math.Min(n, Math.Max(0, keep - text.Length)));
                }
            }
            more = r.Read();
        }
        return text.ToString();
    }

    private List<string> SharedStrings(ZipArchive zip, string path)
    {
        var strings = new List<string>();
        if (zip.GetEntry(path) is not { } entry)
        {
            return strings;
        }
        long total = 0;
        var text = new StringBuilder();
        Xml(entry, r =>
        {
            while (r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "si")
                {
                    var s = ElementText(r, text);
                    total += s.Length + 16;
                    if (total > limits.MaxSharedStringChars)
                    {
                        throw new ImportFileException("SharedStringsTooLarge", limits.MaxSharedStringChars.ToString(CultureInfo.InvariantCulture));
                    }
                    strings.Add(s);
                }
            }
        });
        return strings;
    }

    /// <summary>Which cell styles (by index) show a number as a date: built-in date formats and custom ones with date or time parts.</summary>
    private static List<bool> DateStyles(ZipArchive zip, string path)
    {
        var styles = new List<bool>();
        if (zip.GetEntry(path) is not { } entry)
        {
            return styles;
        }
        var custom = new Dictionary<int, bool>();
        Xml(entry, r =>
        {
            var inCellXfs = false;
            while (r.Read())
            {
                if (r.NodeType == XmlNodeType.EndElement && r.LocalName == "cellXfs")
                {
                    inCellXfs = false;
                }
                if (r.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (r.LocalName == "numFmt" && int.TryParse(r.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id))
                {
                    custom[id] = IsDateFormat(r.GetAttribute("formatCode") ?? "");
                }
                else if (r.LocalName == "cellXfs")
                {
                    inCellXfs = !r.IsEmptyElement;
                }
                else if (inCellXfs && r.LocalName == "xf" && styles.Count < 65_536)
                {
                    var format = int.TryParse(r.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var f) ? f : 0;
                    styles.Add(custom.TryGetValue(format, out var isDate) ? isDate : format is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58));
                }
            }
        });
        return styles;
    }

    /// <summary>A custom number format shows a date if, outside quoted text and [..] sections, it has a y, m, d, h or s.</summary>
    private static bool IsDateFormat(string code)
    {
        var (quoted, bracket) = (false, false);
        foreach (var c in code)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '[' or ']')
            {
                bracket = c == '[';
            }
            else if (!quoted && !bracket && char.ToLowerInvariant(c) is 'y' or 'm' or 'd' or 'h' or 's')
            {
                return true;
            }
        }
        return false;
    }

    private IEnumerable<SourceRow> Rows(ZipArchiveEntry sheet, List<string> shared, List<bool> dateStyles, Func<IReadOnlyList<string>, int[]> positionsOf)
    {
        XmlReader r;
        try
        {
            r = XmlReader.Create(sheet.Open(), Settings);
        }
        catch (InvalidDataException)
        {
            throw new ImportFileException("NotXlsx");
        }
        using (r)
        {
            int[]? positions = null;
            Dictionary<int, int>? columnOf = null; // sheet column → index among the mapped fields
            var header = new SortedDictionary<int, string>();
            var text = new StringBuilder();
            long rowNumber = 0;
            while (true)
            {
                string?[]? values = null;
                try
                {
                    if (!NextRow(r, ref rowNumber))
                    {
                        break;
                    }
                    if (positions is null)
                    {
                        ReadCells(r, text, shared, dateStyles, (column, value) => header[column] = value ?? "", _ => true);
                        if (header.Count == 0)
                        {
                            continue;
                        }
                        var names = new List<string>();
                        foreach (var (column, name) in header)
                        {
                            while (names.Count < column)
                            {
                                names.Add("");
                            }
                            names.Add(name);
                        }
                        positions = positionsOf(names);
                        columnOf = positions.Select((p, i) => (p, i)).Where(x => x.p >= 0).ToDictionary(x => x.p, x => x.i);
                        continue;
                    }
                    var row = new string?[positions.Length];
                    var any = false;
                    ReadCells(r, text, shared, dateStyles, (column, value) =>
                    {
                        var field = columnOf![column];
                        row[field] = SourceReader.Blank(value);
                        any |= row[field] is not null;
                    }, columnOf!.ContainsKey);
                    if (any)
                    {
                        values = row;
                    }
                }
                catch (XmlException) when (HasDtd(sheet))
                {
                    throw new ImportFileException("XlsxDtd", sheet.FullName);
                }
                catch (Exception e) when (e is XmlException or InvalidDataException)
                {
                    throw new ImportFileException("NotXlsx");
                }
                if (values is not null)
                {
                    yield return new SourceRow(rowNumber, values);
                }
            }
            if (positions is null)
            {
                throw new ImportFileException("EmptySheet");
            }
        }
    }

    /// <summary>Moves to the next &lt;row&gt; of the sheet; its number is its r attribute, or the one after the previous row.</summary>
    private static bool NextRow(XmlReader r, ref long rowNumber)
    {
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "row" && r.NamespaceURI == Main)
            {
                rowNumber = long.TryParse(r.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > rowNumber ? n : rowNumber + 1;
                return true;
            }
        }
        return false;
    }

    /// <summary>Reads the cells of the row the reader is on, handing the wanted columns' text to <paramref name="cell"/>.</summary>
    private void ReadCells(XmlReader r, StringBuilder text, List<string> shared, List<bool> dateStyles, Action<int, string?> cell, Func<int, bool> wanted)
    {
        if (r.IsEmptyElement)
        {
            return;
        }
        var depth = r.Depth;
        var column = -1;
        while (r.Read() && r.Depth > depth)
        {
            if (r.NodeType != XmlNodeType.Element || r.LocalName != "c" || r.Depth != depth + 1)
            {
                continue;
            }
            column = ColumnOf(r.GetAttribute("r")) ?? column + 1;
            if (!wanted(column) || r.IsEmptyElement)
            {
                continue; // its content, if any, is read past as the loop goes on
            }
            var type = r.GetAttribute("t");
            var style = int.TryParse(r.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            var cellDepth = r.Depth;
            string? value = null;
            while (r.Read() && r.Depth > cellDepth)
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName is "v" or "is")
                {
                    value = ElementText(r, text);
                }
            }
            cell(column, value is null ? null : type switch
            {
                "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count ? shared[index] : null,
                "inlineStr" or "str" or "e" or "d" => value,
                "b" => value == "1" ? "True" : "False",
                _ => Number(value, style < dateStyles.Count && dateStyles[style]),
            });
        }
    }

    /// <summary>A numeric cell as text: a date style gives yyyy-MM-dd, a whole number no decimals.</summary>
    private static string Number(string value, bool date)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return value;
        }
        if (date && n is > 0 and < 2_958_466)
        {
            return DateTime.FromOADate(n).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return n == Math.Floor(n) && Math.Abs(n) < 1e15 ? n.ToString("0", CultureInfo.InvariantCulture) : n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The zero-based column of a cell reference such as "AB12" (at most XFD, 16,384 columns).</summary>
    private static int? ColumnOf(string? reference)
    {
        if (reference is null)
        {
            return null;
        }
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
            if (++letters > 3)
            {
                return null;
            }
        }
        return letters == 0 ? null : column - 1;
    }
}

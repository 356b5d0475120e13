using System.Globalization;
using System.Text;
using System.Text.Json;
using TalentBridge.Domain.Aggregation;

namespace TalentBridge.Platform.Aggregation;

/// <summary>
/// One source row: its line (or sheet row) number and the values of the profile's fields, in <see cref="SourceReader.Fields"/>
/// order. A row the reader could not read (a quote left open, a line or field over its limit, a line that is not JSON)
/// carries the <paramref name="Problem"/> that rejects it; a problem of field <see cref="FileField"/> concerns the file as
/// a whole (the rows after the row limit were not read) and is no row.
/// </summary>
public sealed record SourceRow(long Line, string?[] Values, ImportIssue? Problem = null)
{
    public const string FileField = "file";

    public bool IsFileLevel => Problem?.Field == FileField;
}

/// <summary>A problem with the file itself (unreadable, a mapped column missing): the whole import stops. The message is English; <see cref="Code"/> and <see cref="Args"/> are shown translated.</summary>
public sealed class ImportFileException(string code, params string[] args) : Exception(ImportText.English("Imports.Error.", code, args))
{
    public string Code { get; } = code;

    public IReadOnlyList<string> Args { get; } = args;
}

/// <summary>
/// Streams rows out of a CSV, JSON Lines or Excel (.xlsx) export in bounded memory, picking the columns the profile maps
/// and enforcing <see cref="ImportLimits"/> as it reads: no line, field, row count or shared-string table grows past its
/// limit, whatever the file says (docs/adr/0008-import-limits-and-readers.md).
/// </summary>
public sealed class SourceReader(ImportProfile profile, ImportLimits? limits = null)
{
    static SourceReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly ImportLimits _limits = limits ?? ImportLimits.Default;

    public IReadOnlyList<string> Fields { get; } = ImportProfile.Fields[profile.Kind];

    public static ImportFormat FormatOf(ImportProfile profile, string fileName) => profile.Format != ImportFormat.Auto
        ? profile.Format
        : Path.GetExtension(fileName).ToUpperInvariant() switch
        {
            ".CSV" or ".TXT" => ImportFormat.Csv,
            ".JSONL" or ".NDJSON" or ".JSON" => ImportFormat.JsonLines,
            ".XLSX" => ImportFormat.Xlsx,
            var other => throw new ImportFileException("UnknownFormat", fileName, other),
        };

    /// <summary>The file's rows, each checked against the field limit, and no more than the row limit.</summary>
    public IEnumerable<SourceRow> Read(Stream stream, string fileName)
    {
        var rows = FormatOf(profile, fileName) switch
        {
            ImportFormat.Csv => ReadCsv(stream),
            ImportFormat.JsonLines => ReadJsonLines(stream),
            _ => new XlsxSheetReader(_limits).Read(stream, Positions),
        };
        long count = 0;
        foreach (var row in rows)
        {
            if (++count > _limits.MaxRowsPerFile)
            {
                var max = _limits.MaxRowsPerFile.ToString(CultureInfo.InvariantCulture);
                yield return new SourceRow(row.Line, new string?[Fields.Count], new ImportIssue(SourceRow.FileField, "RowsLimit", true, max));
                yield break;
            }
            yield return Checked(row);
        }
    }

    /// <summary>A row with a field over the limit is rejected naming the field; the long values are not kept.</summary>
    private SourceRow Checked(SourceRow row)
    {
        if (row.Problem is not null)
        {
            return row;
        }
        ImportIssue? problem = null;
        for (var i = 0; i < row.Values.Length; i++)
        {
            if (row.Values[i] is { } value && value.Length > _limits.MaxFieldChars)
            {
                problem ??= new ImportIssue(Fields[i], "FieldTooLong", true, _limits.MaxFieldChars.ToString(CultureInfo.InvariantCulture));
                row.Values[i] = null;
            }
        }
        return problem is null ? row : row with { Problem = problem };
    }

    private Encoding TextEncoding()
    {
        try
        {
            return Encoding.GetEncoding(profile.Encoding);
        }
        catch (ArgumentException)
        {
            throw new ImportFileException("UnknownEncoding", profile.Encoding);
        }
    }

    /// <summary>Where each mapped field sits in the header; a mapped column the file lacks stops the import.</summary>
    private int[] Positions(IReadOnlyList<string> header)
    {
        var positions = new int[Fields.Count];
        for (var i = 0; i < Fields.Count; i++)
        {
            var column = profile.Column(Fields[i]);
            positions[i] = column is null ? -1 : IndexOf(header, column);
            if (column is not null && positions[i] < 0)
            {
                throw new ImportFileException("MissingColumn", column, Fields[i],
                    PostingNormaliser.Clip(string.Join(", ", header.Take(50).Select(h => PostingNormaliser.Clip(h)))));
            }
        }
        return positions;
    }

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), column, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private static string?[] Pick(List<string> fields, int[] positions)
    {
        var values = new string?[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            values[i] = positions[i] >= 0 && positions[i] < fields.Count ? Blank(fields[positions[i]]) : null;
        }
        return values;
    }

    private IEnumerable<SourceRow> ReadCsv(Stream stream)
    {
        using var text = new StreamReader(stream, TextEncoding(), detectEncodingFromByteOrderMarks: true);
        var lines = new BoundedLines(text, _limits.MaxRowChars);
        var csv = new CsvRecords(lines, profile.Delimiter[0], _limits);
        var fields = new List<string>();
        int[]? positions = null;
        while (csv.Next(fields) is { } record)
        {
            if (positions is null)
            {
                positions = record.Problem is null ? Positions(fields) : throw new ImportFileException("NoHeader");
                continue;
            }
            yield return record.Problem is { } problem
                ? new SourceRow(record.Line, new string?[positions.Length], problem)
                : new SourceRow(record.Line, Pick(fields, positions));
        }
        if (positions is null)
        {
            throw new ImportFileException("NoHeader");
        }
    }

    private IEnumerable<SourceRow> ReadJsonLines(Stream stream)
    {
        using var text = new StreamReader(stream, TextEncoding(), detectEncodingFromByteOrderMarks: true);
        var lines = new BoundedLines(text, _limits.MaxRowChars);
        var maxRow = _limits.MaxRowChars.ToString(CultureInfo.InvariantCulture);
        while (lines.Next() is { } line)
        {
            if (line.TooLong)
            {
                yield return new SourceRow(line.Number, new string?[Fields.Count], new ImportIssue("line", "RowTooLong", true, maxRow));
                continue;
            }
            if (string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }
            var values = new string?[Fields.Count];
            ImportIssue? problem = null;
            try
            {
                using var document = JsonDocument.Parse(line.Text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problem = new ImportIssue("line", "NotJsonObject", true);
                }
                else
                {
                    for (var i = 0; i < Fields.Count; i++)
                    {
                        var column = profile.Column(Fields[i]);
                        values[i] = column is not null && document.RootElement.TryGetProperty(column, out var property) ? Blank(Text(property)) : null;
                    }
                }
            }
            catch (JsonException)
            {
                problem = new ImportIssue("line", "NotJson", true);
            }
            yield return new SourceRow(line.Number, values, problem);
        }
    }

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => null,
    };

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>One physical line of a text file: its number, its text (null past the limit) and whether it was longer than the limit.</summary>
internal readonly record struct TextLine(long Number, string Text, bool TooLong);

/// <summary>
/// Reads a text file line by line (\n, \r\n or \r) and never holds more than the limit of one line: the rest of a longer
/// line is skipped unread into memory. Lines handed back with <see cref="PushBack"/> are read again first.
/// </summary>
internal sealed class BoundedLines(TextReader reader, int maxChars)
{
    private readonly char[] _buffer = new char[16 * 1024];
    private int _at;
    private int _end;
    private long _number;
    private readonly Stack<TextLine> _pushedBack = new();
    private readonly StringBuilder _line = new();

    public TextLine? Next()
    {
        if (_pushedBack.TryPop(out var again))
        {
            return again;
        }
        _line.Clear();
        var tooLong = false;
        var any = false;
        while (true)
        {
            if (_at == _end)
            {
                _end = reader.Read(_buffer, 0, _buffer.Length);
                _at = 0;
                if (_end == 0)
                {
                    return any ? new TextLine(++_number, tooLong ? "" : _line.ToString(), tooLong) : null;
                }
            }
            any = true;
            var span = _buffer.AsSpan(_at, _end - _at);
            var stop = span.IndexOfAny('\n', '\r');
            var piece = stop < 0 ? span : span[..stop];
            if (!tooLong)
            {
                if (_line.Length + piece.Length > maxChars)
                {
                    tooLong = true;
                    _line.Clear();
                }
                else
                {
                    _line.Append(piece);
                }
            }
            _at += piece.Length;
            if (stop < 0)
            {
                continue;
            }
            var cr = _buffer[_at] == '\r';
            _at++;
            if (cr)
            {
                // \r\n is one line break: the \n may be in the next buffer.
                if (_at == _end)
                {
                    _end = reader.Read(_buffer, 0, _buffer.Length);
                    _at = 0;
                }
                if (_at < _end && _buffer[_at] == '\n')
                {
                    _at++;
                }
            }
            return new TextLine(++_number, tooLong ? "" : _line.ToString(), tooLong);
        }
    }

    /// <summary>Lines read ahead and not used: <paramref name="lines"/> in file order, read again by the next calls.</summary>
    public void PushBack(List<TextLine> lines)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            _pushedBack.Push(lines[i]);
        }
    }
}

/// <summary>
/// CSV records (RFC 4180: fields in double quotes may hold the delimiter, doubled quotes and line breaks) read from
/// bounded lines. A quoted field may run on over further lines only while the record stays within the row limit and the
/// field within the field limit, and must end at a delimiter or a line end; otherwise its quote was never closed: the
/// record's first line is rejected and reading goes on with the line after it, so one stray quote costs one row.
/// </summary>
internal sealed class CsvRecords(BoundedLines lines, char delimiter, ImportLimits limits)
{
    private readonly StringBuilder _field = new();
    private readonly List<TextLine> _readAhead = [];

    /// <summary>The next record's first line number and, when it cannot be read, why; its fields in <paramref name="fields"/>. Null at the end.</summary>
    public (long Line, ImportIssue? Problem)? Next(List<string> fields)
    {
        fields.Clear();
        TextLine first;
        do
        {
            if (lines.Next() is not { } line)
            {
                return null;
            }
            first = line;
        }
        while (!first.TooLong && string.IsNullOrWhiteSpace(first.Text));
        if (first.TooLong)
        {
            return (first.Number, new ImportIssue("line", "RowTooLong", true, limits.MaxRowChars.ToString(CultureInfo.InvariantCulture)));
        }
        if (Parse(first, fields))
        {
            return (first.Number, null);
        }
        fields.Clear();
        lines.PushBack(_readAhead);
        return (first.Number, new ImportIssue("line", "UnclosedQuote", true));
    }

    /// <summary>Splits the record starting at <paramref name="first"/>; false when a quote opened in it never closes properly.</summary>
    private bool Parse(TextLine first, List<string> fields)
    {
        _readAhead.Clear();
        _field.Clear();
        var text = first.Text;
        var length = text.Length;
        var (inQuotes, spanned) = (false, false);
        var i = 0;
        while (true)
        {
            if (i == text.Length)
            {
                if (!inQuotes)
                {
                    fields.Add(_field.ToString());
                    return true;
                }
                // The quoted field goes on in the next line, within the limits (lines read ahead are read again if it does not).
                if (lines.Next() is not { } next)
                {
                    return false;
                }
                _readAhead.Add(next);
                if (next.TooLong || length + 1 + next.Text.Length > limits.MaxRowChars || _field.Length + 1 + next.Text.Length > limits.MaxFieldChars)
                {
                    return false;
                }
                _field.Append('\n');
                (text, i, spanned, length) = (next.Text, 0, true, length + 1 + next.Text.Length);
                continue;
            }
            var c = text[i++];
            if (inQuotes)
            {
                if (c != '"')
                {
                    _field.Append(c);
                }
                else if (i < text.Length && text[i] == '"')
                {
                    _field.Append('"');
                    i++;
                }
                else
                {
                    inQuotes = false;
                    // A quote that closed a field several lines on must end the field: if not, it was another field's.
                    if (spanned && i < text.Length && text[i] != delimiter)
                    {
                        return false;
                    }
                }
            }
            else if (c == delimiter)
            {
                fields.Add(_field.ToString());
                _field.Clear();
                spanned = false;
            }
            else if (c == '"' && IsBlank(_field))
            {
                _field.Clear();
                inQuotes = true;
            }
            else
            {
                _field.Append(c);
            }
        }
    }

    private static bool IsBlank(StringBuilder s)
    {
        foreach (var chunk in s.GetChunks())
        {
            if (!chunk.Span.IsWhiteSpace())
            {
                return false;
            }
        }
        return true;
    }
}

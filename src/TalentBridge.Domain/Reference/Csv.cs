using System.Globalization;
using System.Text;

namespace TalentBridge.Domain.Reference;

/// <summary>
/// A small RFC 4180 reader: comma separated, fields optionally enclosed in double quotes, a doubled quote
/// inside a quoted field is one quote, quoted fields may contain commas and line breaks, records end with
/// CRLF or LF. A leading byte order mark is ignored and empty lines are skipped.
/// </summary>
internal static class Csv
{
    /// <summary>Splits <paramref name="text"/> into records; each record is an array of field values.</summary>
    public static List<string[]> ParseRecords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var records = new List<string[]>();
        var fields = new List<string>();
        var n = text.Length;
        var i = n > 0 && text[0] == '\uFEFF' ? 1 : 0;

        while (i < n)
        {
            // One record: fields separated by commas, ended by a line break or the end of the text.
            while (true)
            {
                fields.Add(i < n && text[i] == '"' ? ReadQuoted(text, ref i, records.Count + 1) : ReadPlain(text, ref i));
                if (i >= n)
                {
                    break;
                }

                var c = text[i++];
                if (c == ',')
                {
                    continue;
                }

                if (c == '\r' && i < n && text[i] == '\n')
                {
                    i++;
                }

                break;
            }

            if (!(fields.Count == 1 && fields[0].Length == 0))
            {
                records.Add([.. fields]);
            }

            fields.Clear();
        }

        return records;
    }

    /// <summary>Parses a CSV text whose first record is the header.</summary>
    public static CsvTable ParseTable(string text, string source)
    {
        var records = ParseRecords(text);
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{source}: no header record.");
        }

        var header = records[0];
        records.RemoveAt(0);
        for (var r = 0; r < records.Count; r++)
        {
            if (records[r].Length != header.Length)
            {
                throw new InvalidDataException(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}: data record {1} has {2} fields, the header has {3}.",
                    source, r + 1, records[r].Length, header.Length));
            }
        }

        return new CsvTable(source, header, records);
    }

    private static string ReadPlain(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
        {
            i++;
        }

        return text.Substring(start, i - start);
    }

    private static string ReadQuoted(string text, ref int i, int recordNumber)
    {
        i++; // opening quote
        var start = i;
        StringBuilder? escaped = null;
        while (true)
        {
            var quote = text.IndexOf('"', i);
            if (quote < 0)
            {
                throw new FormatException(string.Format(
                    CultureInfo.InvariantCulture, "Unterminated quoted field in record {0}.", recordNumber));
            }

            if (quote + 1 < text.Length && text[quote + 1] == '"')
            {
                escaped ??= new StringBuilder();
                escaped.Append(text, start, quote - start + 1);
                i = quote + 2;
                start = i;
                continue;
            }

            string value;
            if (escaped is null)
            {
                value = text.Substring(start, quote - start);
            }
            else
            {
                escaped.Append(text, start, quote - start);
                value = escaped.ToString();
            }

            i = quote + 1;
            if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
            {
                throw new FormatException(string.Format(
                    CultureInfo.InvariantCulture,
                    "Unexpected character after the closing quote of a field in record {0}.", recordNumber));
            }

            return value;
        }
    }
}

/// <summary>A parsed CSV file: the header and the data records.</summary>
internal sealed class CsvTable(string source, string[] header, List<string[]> records)
{
    public string Source { get; } = source;

    public IReadOnlyList<string> Header { get; } = header;

    public IReadOnlyList<string[]> Records { get; } = records;

    /// <summary>The index of a header column; throws when the file does not have it.</summary>
    public int Column(string name)
    {
        var index = Array.IndexOf(header, name);
        return index >= 0
            ? index
            : throw new InvalidDataException($"{Source}: no column '{name}' in the header.");
    }
}

/// <summary>Reads the CSV files embedded in this assembly.</summary>
internal static class EmbeddedCsv
{
    public static CsvTable Load(string logicalName)
    {
        using var stream = typeof(EmbeddedCsv).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Csv.ParseTable(reader.ReadToEnd(), logicalName);
    }

    /// <summary>Two-column tab-separated lists (keyword, value); '#' starts a comment line.</summary>
    public static IEnumerable<(string Key, string Value)> ReadTsv(string logicalName)
    {
        using var stream = typeof(EmbeddedCsv).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                throw new InvalidDataException($"{logicalName}:{lineNumber}: expected key<TAB>value.");
            }
            yield return (line[..tab].Trim(), line[(tab + 1)..].Trim());
        }
    }
}

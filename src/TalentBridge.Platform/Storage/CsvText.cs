using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace TalentBridge.Platform.Storage;

/// <summary>CSV exports (the SLA dashboard, supply and demand): fields quoted when needed, UTF-8 with a byte-order mark.</summary>
internal static class CsvText
{
    /// <summary>One line of fields; a leading =, + or @ is neutralised (and a field starting with - quoted) so that a spreadsheet never runs it as a formula.</summary>
    public static string Line(IEnumerable<object?> fields) =>
        string.Join(',', fields.Select(v => Quote(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")));

    /// <summary>A table as CSV (<paramref name="format"/> "csv") or as an Excel sheet ("xlsx") with the header as column names.</summary>
    public static byte[] Table(string format, string[] header, IReadOnlyList<object?[]> cells)
    {
        if (format == "csv")
        {
            var text = new StringBuilder().AppendLine(Line(header));
            foreach (var line in cells)
            {
                text.AppendLine(Line(line));
            }
            return Bytes(text);
        }
        using var stream = new MemoryStream();
        stream.SaveAs(cells.Select(line => header.Zip(line).ToDictionary(x => x.First, x => x.Second)).ToList());
        return stream.ToArray();
    }

    /// <summary>The text with a byte-order mark, so that spreadsheet programs read the Chinese.</summary>
    public static byte[] Bytes(StringBuilder text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@')
            ? "\"" + (value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('@') ? "'" : "") + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}

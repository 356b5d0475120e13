using System.Globalization;
using System.Text;

namespace TalentBridge.Platform.Storage;

/// <summary>CSV exports (the SLA dashboard, supply and demand): fields quoted when needed, UTF-8 with a byte-order mark.</summary>
internal static class CsvText
{
    /// <summary>One line of fields; a leading =, + or @ is neutralised (and a field starting with - quoted) so that a spreadsheet never runs it as a formula.</summary>
    public static string Line(IEnumerable<object?> fields) =>
        string.Join(',', fields.Select(v => Quote(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")));

    /// <summary>The text with a byte-order mark, so that spreadsheet programs read the Chinese.</summary>
    public static byte[] Bytes(StringBuilder text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];

    /// <summary>A table as CSV (<paramref name="format"/> "csv") or an Excel workbook ("xlsx"), the header as its first row.</summary>
    public static byte[] Table(string format, IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        if (format == "csv")
        {
            var text = new StringBuilder().AppendLine(Line(header));
            foreach (var row in rows)
            {
                text.AppendLine(Line(row));
            }
            return Bytes(text);
        }
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows.Select(row => header.Zip(row).ToDictionary(x => x.First, x => x.Second)).ToList());
        return stream.ToArray();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@')
            ? "\"" + (value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('@') ? "'" : "") + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}

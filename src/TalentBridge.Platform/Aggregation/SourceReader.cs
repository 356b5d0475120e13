using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;
using TalentBridge.Domain.Aggregation;

namespace TalentBridge.Platform.Aggregation;

/// <summary>One source row: its line (or sheet row) number and the values of the profile's fields, in <see cref="SourceReader.Fields"/> order.</summary>
public sealed record SourceRow(long Line, string?[] Values);

/// <summary>A problem with the file itself (unreadable, a mapped column missing): the whole import stops.</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>
/// Streams rows out of a CSV, JSON Lines or Excel (.xlsx) export in constant memory, picking the
/// columns the profile maps. CSV parsing is CsvHelper's, Excel's ExcelDataReader's.
/// </summary>
public sealed class SourceReader(ImportProfile profile)
{
    static SourceReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public IReadOnlyList<string> Fields { get; } = ImportProfile.Fields[profile.Kind];

    public static ImportFormat FormatOf(ImportProfile profile, string fileName) => profile.Format != ImportFormat.Auto
        ? profile.Format
        : Path.GetExtension(fileName).ToUpperInvariant() switch
        {
            ".CSV" or ".TXT" => ImportFormat.Csv,
            ".JSONL" or ".NDJSON" or ".JSON" => ImportFormat.JsonLines,
            ".XLSX" => ImportFormat.Xlsx,
            var other => throw new ImportFileException($"Cannot tell the format of '{fileName}' ({other}); set \"format\" in the profile to csv, jsonLines or xlsx."),
        };

    public IEnumerable<SourceRow> Read(Stream stream, string fileName) => FormatOf(profile, fileName) switch
    {
        ImportFormat.Csv => ReadCsv(stream),
        ImportFormat.JsonLines => ReadJsonLines(stream),
        _ => ReadXlsx(stream),
    };

    private Encoding TextEncoding()
    {
        try
        {
            return Encoding.GetEncoding(profile.Encoding);
        }
        catch (ArgumentException)
        {
            throw new ImportFileException($"Encoding '{profile.Encoding}' is unknown; use utf-8, gb18030 or gbk.");
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
                throw new ImportFileException($"The file has no column '{column}' (mapped to {Fields[i]}). Its columns are: {string.Join(", ", header)}.");
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

    private IEnumerable<SourceRow> ReadCsv(Stream stream)
    {
        using var text = new StreamReader(stream, TextEncoding(), detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = profile.Delimiter,
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(text, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            throw new ImportFileException("The CSV file has no header row.");
        }
        var positions = Positions(header);
        while (csv.Read())
        {
            var values = new string?[positions.Length];
            for (var i = 0; i < positions.Length; i++)
            {
                values[i] = positions[i] >= 0 && csv.TryGetField<string>(positions[i], out var value) ? Blank(value) : null;
            }
            yield return new SourceRow(csv.Parser.RawRow, values);
        }
    }

    private IEnumerable<SourceRow> ReadJsonLines(Stream stream)
    {
        using var text = new StreamReader(stream, TextEncoding(), detectEncodingFromByteOrderMarks: true);
        long line = 0;
        while (text.ReadLine() is { } json)
        {
            line++;
            if (string.IsNullOrWhiteSpace(json))
            {
                continue;
            }
            string?[] values;
            try
            {
                using var document = JsonDocument.Parse(json);
                values = new string?[Fields.Count];
                for (var i = 0; i < Fields.Count; i++)
                {
                    var column = profile.Column(Fields[i]);
                    values[i] = column is not null && document.RootElement.ValueKind == JsonValueKind.Object
                        && document.RootElement.TryGetProperty(column, out var property) ? Blank(Text(property)) : null;
                }
            }
            catch (JsonException)
            {
                // An unreadable line becomes a row with no values: the import rejects it with its line number.
                values = new string?[Fields.Count];
            }
            yield return new SourceRow(line, values);
        }
    }

    private IEnumerable<SourceRow> ReadXlsx(Stream stream)
    {
        IExcelDataReader excel;
        try
        {
            excel = ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ExcelDataReader.Exceptions.HeaderException)
        {
            throw new ImportFileException($"The file is not a readable .xlsx workbook: {e.Message}");
        }
        using (excel)
        {
            if (!excel.Read())
            {
                throw new ImportFileException("The workbook's first sheet is empty.");
            }
            var header = Enumerable.Range(0, excel.FieldCount).Select(i => Convert.ToString(excel.GetValue(i), CultureInfo.InvariantCulture) ?? "").ToList();
            var positions = Positions(header);
            long line = 1;
            while (excel.Read())
            {
                line++;
                var values = new string?[positions.Length];
                for (var i = 0; i < positions.Length; i++)
                {
                    values[i] = positions[i] >= 0 && positions[i] < excel.FieldCount ? Blank(CellText(excel.GetValue(positions[i]))) : null;
                }
                yield return new SourceRow(line, values);
            }
        }
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double n when n == Math.Floor(n) && Math.Abs(n) < 1e15 => n.ToString("0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => null,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

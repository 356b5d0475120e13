using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.Indices;

/// <summary>What a unit of an index is: a city, a county, an enterprise or anything else compared.</summary>
public enum UnitKind
{
    City = 1,
    County = 2,
    Enterprise = 3,
    Other = 4,
}

/// <summary>A unit compared by an index; <see cref="Group"/> (a country, a province) is what group-mean imputation averages over.</summary>
public sealed record IndexUnit(string Code, string Name, UnitKind Kind, string? Group);

/// <summary>One figure: an indicator's value for a unit in a period (a year, <c>2024</c>, or any label that sorts in time order).</summary>
public sealed record IndexObservation(string Unit, string Period, string Indicator, double Value);

/// <summary>
/// The figures of an index: units and their values per indicator and period. A figure that is not there is missing,
/// never zero. Built from a table (<see cref="FromTable"/>, the rows of an uploaded CSV or Excel sheet) with errors
/// naming the row and column, or from JSON as stored.
/// </summary>
public sealed class IndexDataset
{
    public const int MaxUnits = 5000;
    public const int MaxObservations = 500_000;

    /// <summary>The fixed columns of an uploaded table; every further column is an indicator code.</summary>
    public static readonly IReadOnlyList<string> FixedColumns = ["unit", "name", "kind", "group", "period"];

    private readonly Dictionary<(string Unit, string Period, string Indicator), double> _values;

    public IReadOnlyList<IndexUnit> Units { get; }
    public IReadOnlyList<IndexObservation> Observations { get; }

    /// <summary>The periods present, in order.</summary>
    public IReadOnlyList<string> Periods { get; }

    [JsonConstructor]
    public IndexDataset(IReadOnlyList<IndexUnit> units, IReadOnlyList<IndexObservation> observations)
    {
        Units = units;
        Observations = observations;
        _values = new Dictionary<(string, string, string), double>();
        foreach (var o in observations)
        {
            _values[(o.Unit, o.Period, o.Indicator)] = o.Value;
        }
        Periods = [.. observations.Select(o => o.Period).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public double? Value(string unit, string period, string indicator) =>
        _values.TryGetValue((unit, period, indicator), out var v) ? v : null;

    /// <summary>This dataset with <paramref name="more"/> figures added (replacing any for the same unit, period and indicator) and units it lacks.</summary>
    public IndexDataset With(IEnumerable<IndexUnit> units, IEnumerable<IndexObservation> more)
    {
        var merged = new Dictionary<(string, string, string), IndexObservation>();
        foreach (var o in Observations.Concat(more))
        {
            merged[(o.Unit, o.Period, o.Indicator)] = o;
        }
        var allUnits = Units.Concat(units.Where(u => Units.All(k => !string.Equals(k.Code, u.Code, StringComparison.Ordinal)))).ToList();
        return new IndexDataset(allUnits, [.. merged.Values]);
    }

    public string ToJson() => JsonSerializer.Serialize(this, AdmissionJson.Options);

    public static (IndexDataset? Data, ValidationErrors Errors) FromJson(string json, IndexTree tree)
    {
        var errors = new ValidationErrors();
        IndexDataset? data;
        try
        {
            data = JsonSerializer.Deserialize<IndexDataset>(json, AdmissionJson.Options);
        }
        catch (JsonException e)
        {
            return (null, errors.Add(e.Path is null or "$" ? "data" : e.Path.TrimStart('$', '.'), "is unknown or has the wrong type"));
        }
        if (data is null)
        {
            return (null, errors.Add("data", "is empty"));
        }
        var units = data.Units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < data.Observations.Count; i++)
        {
            var o = data.Observations[i];
            errors.When(!units.Contains(o.Unit), $"observations[{i}].unit", $"'{o.Unit}' is not a unit of the dataset")
                .When(tree.Find(o.Indicator) is not { } n || !tree.IsIndicator(n), $"observations[{i}].indicator", $"'{o.Indicator}' is not an indicator of '{tree.Key}'")
                .When(!double.IsFinite(o.Value), $"observations[{i}].value", "must be a finite number");
        }
        return (errors.IsValid ? data : null, errors);
    }

    /// <summary>
    /// Reads a table whose first row names the columns: <c>unit</c> (code), <c>name</c>, <c>kind</c> (city, county,
    /// enterprise, other; 城市, 区县, 企业 are accepted), <c>group</c> (optional), <c>period</c>, then one column per
    /// indicator code of <paramref name="tree"/>. A cell left empty (or <c>NA</c>, <c>-</c>, <c>—</c>) is missing;
    /// yes/no (是/否, true/false) read as 1/0. A column that names no indicator, a unit given two names, a bad number
    /// are errors named <c>rows[n].column</c>, n being the row of the file (the header is row 1).
    /// </summary>
    public static (IndexDataset? Data, ValidationErrors Errors) FromTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, IndexTree tree)
    {
        var errors = new ValidationErrors();
        var columns = header.Select(h => h.Trim()).ToList();
        var position = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Length == 0)
            {
                continue;
            }
            if (!position.TryAdd(columns[c], c))
            {
                errors.Add($"rows[1].{columns[c]}", "is a column named twice");
            }
        }
        foreach (var required in new[] { "unit", "period" })
        {
            errors.When(!position.ContainsKey(required), $"rows[1].{required}", "is a required column");
        }
        var indicatorColumns = new List<(int Column, string Code)>();
        for (var c = 0; c < columns.Count; c++)
        {
            var name = columns[c];
            if (name.Length == 0 || FixedColumns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            // A column may be headed "code" or "code name" (a header the analyst labelled).
            var code = name.Split(' ', 2)[0];
            if (tree.Find(code) is { } node && tree.IsIndicator(node))
            {
                indicatorColumns.Add((c, node.Code));
            }
            else
            {
                errors.Add($"rows[1].{name}", $"is not an indicator code of '{tree.Key}'");
            }
        }
        if (!errors.IsValid)
        {
            return (null, errors);
        }
        string? Cell(IReadOnlyList<string?> row, string column) =>
            position.TryGetValue(column, out var c) && c < row.Count ? row[c]?.Trim() : null;
        var units = new Dictionary<string, IndexUnit>(StringComparer.Ordinal);
        var observations = new Dictionary<(string, string, string), IndexObservation>();
        var rowNumber = 1;
        foreach (var row in rows)
        {
            rowNumber++;
            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var at = $"rows[{rowNumber}]";
            var code = Cell(row, "unit");
            var period = Cell(row, "period");
            var name = Cell(row, "name");
            var kindText = Cell(row, "kind");
            var group = Cell(row, "group");
            if (string.IsNullOrEmpty(code) || code.Length > 60)
            {
                errors.Add(at + ".unit", "is required (at most 60 characters)");
                continue;
            }
            if (string.IsNullOrEmpty(period) || period.Length > 20)
            {
                errors.Add(at + ".period", "is required (at most 20 characters, e.g. 2024)");
                continue;
            }
            var kind = ParseKind(kindText);
            if (kind is null)
            {
                errors.Add(at + ".kind", $"'{kindText}' is not city, county, enterprise or other");
                continue;
            }
            var unit = new IndexUnit(code, string.IsNullOrEmpty(name) ? code : name, kind.Value, string.IsNullOrEmpty(group) ? null : group);
            if (units.TryGetValue(code, out var known) && known != unit)
            {
                errors.Add(at + ".name", $"unit '{code}' is named or grouped differently on an earlier row");
                continue;
            }
            units[code] = unit;
            foreach (var (column, indicator) in indicatorColumns)
            {
                var text = column < row.Count ? row[column]?.Trim() : null;
                if (IsMissing(text))
                {
                    continue;
                }
                if (ParseValue(text!) is { } value)
                {
                    if (!observations.TryAdd((code, period, indicator), new IndexObservation(code, period, indicator, value)))
                    {
                        errors.Add($"{at}.{columns[column]}", $"unit '{code}' has a second row for period {period}");
                    }
                }
                else
                {
                    errors.Add($"{at}.{columns[column]}", $"'{text}' is not a number");
                }
            }
        }
        errors.When(units.Count == 0, "rows", "holds no unit")
            .When(units.Count > MaxUnits, "rows", $"holds more than {MaxUnits} units")
            .When(observations.Count > MaxObservations, "rows", $"holds more than {MaxObservations} figures");
        return errors.IsValid ? (new IndexDataset([.. units.Values], [.. observations.Values]), errors) : (null, errors);
    }

    private static UnitKind? ParseKind(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" or "other" or "其他" => UnitKind.Other,
        "city" or "城市" or "市" => UnitKind.City,
        "county" or "区县" or "县" or "区" => UnitKind.County,
        "enterprise" or "企业" => UnitKind.Enterprise,
        _ => null,
    };

    private static bool IsMissing(string? text) =>
        string.IsNullOrEmpty(text) || text is "NA" or "N/A" or "na" or "-" or "—" or "..";

    internal static double? ParseValue(string text) => text.ToLowerInvariant() switch
    {
        "yes" or "true" or "是" or "有" => 1,
        "no" or "false" or "否" or "无" => 0,
        _ => double.TryParse(text.Replace(",", "", StringComparison.Ordinal).TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null,
    };
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentBridge.Domain.EnterpriseServices;

/// <summary>
/// Where a rule or a parameter comes from: the document (name and 文号), the article or annex, the date it applies
/// from, and whether its wording was checked here against a stored copy (<see cref="Url"/>) or reconstructed
/// (<see cref="Confirmed"/> false, with a <see cref="Note"/> saying what is uncertain) — the page shows both.
/// </summary>
public sealed record RuleSource
{
    public string Document { get; init; } = "";
    public string? Number { get; init; }
    public string? Article { get; init; }
    public DateOnly? EffectiveFrom { get; init; }
    public bool Confirmed { get; init; }
    public string? Url { get; init; }
    public string? Note { get; init; }

    internal void Validate(string path, ValidationErrors errors) =>
        errors.Required(Document, path + ".document", 300)
            .Optional(Number, path + ".number", 100)
            .Optional(Article, path + ".article", 300)
            .Optional(Url, path + ".url", 500)
            .Optional(Note, path + ".note", 2000)
            .When(Confirmed && string.IsNullOrWhiteSpace(Url), path + ".url", "is required when the source is confirmed (the copy that was read)")
            .When(!Confirmed && string.IsNullOrWhiteSpace(Note), path + ".note", "is required when the source is not confirmed (say what is uncertain)");
}

/// <summary>One version of a parameter: its value from <see cref="From"/> until the next version's date.</summary>
public sealed record ParameterVersion
{
    public DateOnly From { get; init; }
    public decimal Value { get; init; }
    public RuleSource? Source { get; init; }
}

/// <summary>
/// A number in a rule: a literal, or (a JSON string) the name of a dated parameter whose version in force on the
/// evaluation date is used — so a later version of a threshold is a data change (OpenFisca's parameters).
/// </summary>
[JsonConverter(typeof(NumberOrParameterConverter))]
public readonly record struct NumberOrParameter(decimal Literal, string? Parameter)
{
    public static implicit operator NumberOrParameter(decimal value) => new(value, null);

    public decimal Resolve(ParameterValues values) => Parameter is null ? Literal : values[Parameter];

    public override string ToString() => Parameter ?? Literal.ToString(CultureInfo.InvariantCulture);
}

internal sealed class NumberOrParameterConverter : JsonConverter<NumberOrParameter>
{
    public override NumberOrParameter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => new NumberOrParameter(reader.GetDecimal(), null),
        JsonTokenType.String => new NumberOrParameter(0, reader.GetString()),
        _ => throw new JsonException("expected a number or a parameter name"),
    };

    public override void Write(Utf8JsonWriter writer, NumberOrParameter value, JsonSerializerOptions options)
    {
        if (value.Parameter is null)
        {
            writer.WriteNumberValue(value.Literal);
        }
        else
        {
            writer.WriteStringValue(value.Parameter);
        }
    }
}

/// <summary>The value of every parameter in force on <see cref="On"/>; resolved once per date, read by every evaluation.</summary>
public sealed class ParameterValues
{
    private readonly Dictionary<string, decimal> _values;

    public DateOnly On { get; }

    internal ParameterValues(IReadOnlyDictionary<string, IReadOnlyList<ParameterVersion>> parameters, DateOnly on)
    {
        On = on;
        _values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, versions) in parameters)
        {
            // The latest version that has started; before the first version the earliest applies (evaluating a
            // rule set before its own effective date is the caller's choice, not an error).
            ParameterVersion? chosen = null;
            foreach (var version in versions)
            {
                if (version.From <= on && (chosen is null || version.From > chosen.From))
                {
                    chosen = version;
                }
            }
            chosen ??= versions.MinBy(v => v.From)!;
            _values[name] = chosen.Value;
        }
    }

    public decimal this[string name] => _values[name];

    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>Checks parameter versions (at least one, dates unique) and returns the dates on which any value changes.</summary>
    internal static SortedSet<DateOnly> Check(IReadOnlyDictionary<string, IReadOnlyList<ParameterVersion>> parameters, string path, ValidationErrors errors)
    {
        var dates = new SortedSet<DateOnly>();
        foreach (var (name, versions) in parameters)
        {
            var at = $"{path}.{name}";
            errors.When(versions.Count == 0, at, "must have at least one version");
            var seen = new HashSet<DateOnly>();
            for (var i = 0; i < versions.Count; i++)
            {
                errors.When(!seen.Add(versions[i].From), $"{at}[{i}].from", "is used twice");
                versions[i].Source?.Validate($"{at}[{i}].source", errors);
                dates.Add(versions[i].From);
            }
        }
        return dates;
    }
}

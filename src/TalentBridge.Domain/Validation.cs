namespace TalentBridge.Domain;

/// <summary>
/// Collects rule violations per field. Field names are the camelCase JSON names so that the API can
/// return them unchanged in a ProblemDetails <c>errors</c> object and forms can show them per input.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    /// <summary>Adds <paramref name="message"/> when <paramref name="broken"/> is true.</summary>
    public ValidationErrors When(bool broken, string field, string message) => broken ? Add(field, message) : this;

    public ValidationErrors Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "is required");
        }
        return When(value.Length > maxLength, field, $"must be at most {maxLength} characters");
    }

    public ValidationErrors Optional(string? value, string field, int maxLength) =>
        When(value is not null && value.Length > maxLength, field, $"must be at most {maxLength} characters");

    public ValidationErrors Range(decimal value, decimal min, decimal max, string field) =>
        When(value < min || value > max, field, $"must be between {min} and {max}");

    public ValidationErrors Defined<TEnum>(TEnum value, string field) where TEnum : struct, Enum =>
        When(!Enum.IsDefined(value), field, $"is not a valid {typeof(TEnum).Name}");

    /// <summary>Adds <paramref name="other"/>'s errors for fields that have none here yet (a value that did not parse is reported once).</summary>
    public ValidationErrors AddMissing(ValidationErrors other)
    {
        foreach (var (field, messages) in other._errors)
        {
            if (!_errors.ContainsKey(field))
            {
                _errors[field] = [.. messages];
            }
        }
        return this;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() =>
        string.Join("; ", _errors.Select(kv => $"{kv.Key}: {string.Join(", ", kv.Value)}"));
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentBridge.Domain.SharedPool;

/// <summary>
/// The JSON shape of admission standards and evidence: camelCase names, enums as camelCase names (numbers refused),
/// absent optional values left out, unknown properties and nulls in non-nullable places refused.
/// </summary>
public static class AdmissionJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Reads <paramref name="json"/> as a <typeparamref name="T"/>. Bad JSON is reported on <paramref name="root"/>;
    /// a value of the wrong type, an unknown name (such as an evidence kind) or an unknown property on its field path.
    /// </summary>
    internal static (T? Value, ValidationErrors Errors) Read<T>(string json, string root) where T : class
    {
        var errors = new ValidationErrors();
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return (null, errors.Add(root, $"is not valid JSON: {e.Message}"));
        }
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? root : e.Path.TrimStart('$', '.');
            return (null, errors.Add(field, "is unknown or has the wrong type"));
        }
        return value is null ? (null, errors.Add(root, "is empty")) : (value, errors);
    }
}

using System.Globalization;
using System.Text.Json;

namespace TalentBridge.Platform.Aggregation;

/// <summary>
/// The English of import messages (reasons and errors are codes with arguments), for the command line and exception
/// messages; the web shows the same entries of Resources/imports.json in the reader's language.
/// </summary>
public static class ImportText
{
    private static readonly Dictionary<string, string[]> Texts = Load();

    private static Dictionary<string, string[]> Load()
    {
        using var stream = typeof(ImportText).Assembly.GetManifestResourceStream("imports.json")
            ?? throw new InvalidOperationException("imports.json is not embedded.");
        return JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream) ?? [];
    }

    /// <summary>
    /// The English text of <paramref name="prefix"/><paramref name="code"/> (e.g. Imports.Reason.Required) with its
    /// arguments; an unknown code is shown as it is (older runs stored their reasons as English text).
    /// </summary>
    public static string English(string prefix, string code, IReadOnlyList<string>? args) =>
        Texts.TryGetValue(prefix + code, out var pair) ? string.Format(CultureInfo.InvariantCulture, pair[1], [.. args ?? []]) : code;

    /// <summary>The arguments as stored (a JSON array), or null when there are none.</summary>
    public static string? StoredArgs(IReadOnlyList<string>? args) => args is { Count: > 0 } ? JsonSerializer.Serialize(args) : null;

    /// <summary>Arguments read back from <see cref="StoredArgs"/>.</summary>
    public static string[] ReadArgs(string? stored) => stored is null ? [] : JsonSerializer.Deserialize<string[]>(stored) ?? [];
}

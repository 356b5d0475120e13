using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Localization;

namespace TalentBridge.Web;

/// <summary>zh-CN by default, English on request; the choice is kept in the standard culture cookie.</summary>
public static class Localization
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static RequestLocalizationOptions Options { get; } = new RequestLocalizationOptions
    {
        DefaultRequestCulture = new RequestCulture(Chinese),
        SupportedCultures = [Chinese, English],
        SupportedUICultures = [Chinese, English],
        // Only the cookie (and ?culture= for links) decide; Accept-Language does not, so that the
        // default really is Chinese and a switch sticks.
        RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()],
    };

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}

/// <summary>
/// UI text in both languages, from the embedded <c>Resources/*.json</c> files (key → [zh, en]; one
/// file per feature area, a key defined twice is an error). Views inject it as <c>T</c> and write
/// <c>@T["Nav.Talents"]</c>; enum labels are keyed <c>EnumType.Member</c>. A missing key shows the
/// key itself so that it is noticed.
/// </summary>
public sealed partial class Ui
{
    private readonly Dictionary<string, string[]> _strings = new(StringComparer.Ordinal);
    private readonly List<(Regex Pattern, string Key)> _rules = [];

    /// <summary>The one instance (the text is fixed at build time), also for static helpers such as <c>FormUi</c>.</summary>
    public static Ui Shared { get; } = new();

    public Ui()
    {
        var assembly = typeof(Ui).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("strings/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var strings = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)
                ?? throw new InvalidOperationException($"{name} is empty.");
            foreach (var (key, pair) in strings)
            {
                if (pair.Length != 2)
                    throw new InvalidOperationException($"{name}: {key} needs [zh, en], has {pair.Length} texts.");
                if (!_strings.TryAdd(key, pair))
                    throw new InvalidOperationException($"{name}: {key} is defined in another resource file too.");
            }
        }
        if (_strings.Count == 0)
            throw new InvalidOperationException("No UI text is embedded (Resources/*.json).");
        // "Rule.must be at most {0} characters": the English rule messages of the domain, with their arguments.
        foreach (var key in _strings.Keys.Where(k => k.StartsWith(RulePrefix, StringComparison.Ordinal)).OrderByDescending(k => k.Length))
        {
            var pattern = Placeholder().Replace(Regex.Escape(key[RulePrefix.Length..]), m => $"(?<a{m.Groups[1].Value}>.*?)");
            _rules.Add((new Regex("^" + pattern + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline), key));
        }
    }

    private const string RulePrefix = "Rule.";

    [GeneratedRegex(@"\\\{(\d)}")]
    private static partial Regex Placeholder();

    /// <summary>
    /// A rule message of the domain or platform (English, e.g. "must be at most 100 characters") in the UI language;
    /// an argument that names a field is shown by the field's label. A message without a template stays as it is
    /// (a test keeps every message the code can produce in <c>Resources/messages.json</c>).
    /// </summary>
    public string Message(string message)
    {
        foreach (var (pattern, key) in _rules)
        {
            var match = pattern.Match(message);
            if (match.Success)
            {
                var args = Enumerable.Range(0, 10).TakeWhile(i => match.Groups["a" + i].Success)
                    .Select(i => match.Groups["a" + i].Value)
                    // A quoted argument ('sourceId') is a name to type as it is; an unquoted one that names a field shows its label,
                    // one that is a term of the flow rules (a state, an action, a side) its word.
                    .Select((a, i) => key.Contains($"'{{{i}}}'", StringComparison.Ordinal) ? a
                        : Has("Field." + a) ? this["Field." + a] : Has("Term." + a) ? this["Term." + a] : a).ToArray<object>();
                return string.Format(CultureInfo.CurrentCulture, this[key], args);
            }
        }
        return message;
    }

    public string this[string key] =>
        _strings.TryGetValue(key, out var pair) ? pair[Localization.IsEnglish ? 1 : 0] : key;

    public string Format(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, this[key], args);

    public string Label<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        if (typeof(TEnum).IsDefined(typeof(FlagsAttribute), false) && name.Contains(',', StringComparison.Ordinal))
        {
            var separator = Localization.IsEnglish ? ", " : "、";
            return string.Join(separator, name.Split(", ").Select(n => this[$"{typeof(TEnum).Name}.{n}"]));
        }
        return this[$"{typeof(TEnum).Name}.{name}"];
    }

    public bool Has(string key) => _strings.ContainsKey(key);

    public IEnumerable<string> Keys => _strings.Keys;
}

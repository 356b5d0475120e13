using System.Globalization;
using System.Text.Json;
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
public sealed class Ui
{
    private readonly Dictionary<string, string[]> _strings = new(StringComparer.Ordinal);

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

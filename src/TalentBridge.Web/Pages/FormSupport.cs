using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Html;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Web.Pages;

/// <summary>
/// Turns the raw strings of a posted form into typed values, recording a field error instead of failing
/// when a value is not a number, a date or a known option; then merges the domain rules.
/// </summary>
public sealed class FormReader
{
    private static readonly char[] ListSeparators = [',', '，', '、', ';', '；', '\n', '\r'];

    public ValidationErrors Errors { get; } = new();

    /// <summary>The hidden version of an edit form; one that is missing or not a number matches no stored version.</summary>
    public static int Version(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;

    public int Number(string? value, string field, int whenEmpty = 0)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Errors.Add(field, "is required");
            return whenEmpty;
        }
        return OptionalInt(value, field) ?? whenEmpty;
    }

    public int? OptionalInt(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        Errors.Add(field, "must be a whole number");
        return null;
    }

    public TEnum Enum<TEnum>(string? value, string field) where TEnum : struct, Enum
    {
        if (value is not null && !value.Any(char.IsDigit) && System.Enum.TryParse<TEnum>(value, ignoreCase: false, out var parsed) && System.Enum.IsDefined(parsed))
        {
            return parsed;
        }
        Errors.Add(field, "must be one of the listed options");
        return default;
    }

    public TEnum Flags<TEnum>(IEnumerable<string>? values, string field) where TEnum : struct, Enum
    {
        long bits = 0;
        foreach (var value in values ?? [])
        {
            if (value.Any(char.IsDigit) || !System.Enum.TryParse<TEnum>(value, ignoreCase: false, out var flag) || !System.Enum.IsDefined(flag))
            {
                Errors.Add(field, "must be one of the listed options");
                continue;
            }
            bits |= Convert.ToInt64(flag, CultureInfo.InvariantCulture);
        }
        return (TEnum)System.Enum.ToObject(typeof(TEnum), bits);
    }

    public DateOnly Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Errors.Add(field, "is required");
            return default;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Errors.Add(field, "must be a date (YYYY-MM-DD)");
        return default;
    }

    /// <summary>Splits "a, b、c" into trimmed, non-empty items.</summary>
    public static IReadOnlyList<string> List(string? value) =>
        (value ?? "").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> items) => string.Join(", ", items);

    /// <summary>The significant form of a region code; anything that is not 1 to 12 digits is kept for the validator to reject.</summary>
    public static string Region(string? value)
    {
        var code = value?.Trim() ?? "";
        return code.Length is > 0 and <= 12 && code.All(char.IsAsciiDigit) ? RegionCatalogue.Significant(code) : code;
    }

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Markup helpers for the create and edit forms.</summary>
public static class FormUi
{
    public static bool Invalid(ValidationErrors? errors, string field) => errors is not null && errors.ToDictionary().ContainsKey(field);

    public static string FieldClass(ValidationErrors? errors, string field, string extra = "") =>
        "field" + (extra.Length > 0 ? " " + extra : "") + (Invalid(errors, field) ? " invalid" : "");

    /// <summary>"true" on an invalid input, else null so that the attribute is left out.</summary>
    public static string? AriaInvalid(ValidationErrors? errors, string field) => Invalid(errors, field) ? "true" : null;

    public static string? DescribedBy(ValidationErrors? errors, string field, string? hintId = null)
    {
        var ids = new[] { hintId, Invalid(errors, field) ? field + "-error" : null }.Where(id => id is not null);
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }

    public static IHtmlContent Error(ValidationErrors? errors, string field)
    {
        if (errors is null || !errors.ToDictionary().TryGetValue(field, out var messages))
        {
            return HtmlString.Empty;
        }
        var encoder = PageEncoding.Html;
        var text = string.Join(Localization.IsEnglish ? "; " : "；", messages.Select(Ui.Shared.Message));
        return new HtmlString($"<p class=\"error\" id=\"{encoder.Encode(field)}-error\">{encoder.Encode(text)}</p>");
    }

    /// <summary>
    /// Regions a record may be placed in: the counties and townships under <paramref name="home"/>, plus
    /// <paramref name="current"/> when it lies elsewhere, so that editing keeps it.
    /// </summary>
    public static IReadOnlyList<Region> RegionOptions(ReferenceData reference, string home, string? current)
    {
        var list = new List<Region>();
        if (reference.Regions.Find(home) is { } root && root.Level >= RegionLevel.County)
        {
            list.Add(root);
        }
        void Walk(string code)
        {
            foreach (var child in reference.Regions.Children(code))
            {
                if (child.Level > RegionLevel.Township)
                {
                    continue;
                }
                if (child.Level >= RegionLevel.County)
                {
                    list.Add(child);
                }
                if (child.Level < RegionLevel.Township)
                {
                    Walk(child.Code);
                }
            }
        }
        Walk(home);
        if (!string.IsNullOrEmpty(current) && !list.Any(r => r.Code == current) && reference.Regions.Find(current) is { } extra)
        {
            list.Insert(0, extra);
        }
        return list;
    }

    /// <summary>The regions of <see cref="RegionOptions"/> as options of a select, each under its full name.</summary>
    public static IReadOnlyList<SelectOption> RegionSelectOptions(ReferenceData reference, IEnumerable<Region> regions) =>
        regions.Select(r => new SelectOption(r.Code, Choices.RegionLabel(reference, r, fullName: true))).ToList();
}

/// <summary>
/// One labelled input for the <c>_Input</c> partial; the id and name are the camelCase field name. <paramref name="Css"/> is
/// the class of the field, <paramref name="InputCss"/> that of the input; <paramref name="Rows"/> above 0 makes a textarea.
/// </summary>
public sealed record InputField(string Field, string? Value, ValidationErrors? Errors, string Type = "text", string? Hint = null,
    string Css = "", string? InputMode = null, string? List = null, int MaxLength = 0, bool Required = false, string? Label = null,
    string? InputCss = null, string? AutoComplete = null, int Rows = 0);

/// <summary>One option; consecutive options of the same <paramref name="Group"/> are shown in one optgroup of that label.</summary>
public sealed record SelectOption(string Value, string Text, string? Group = null);

/// <summary>One labelled select for the <c>_Select</c> partial.</summary>
public sealed record SelectField(string Field, string? Value, ValidationErrors? Errors, IReadOnlyList<SelectOption> Options,
    string? Empty = null, string Css = "", string? Hint = null, bool Required = false, string? Label = null)
{
    /// <summary>The options in runs of the same group, in order; a run without a group is shown outside any optgroup.</summary>
    public IEnumerable<(string? Group, IReadOnlyList<SelectOption> Options)> Groups()
    {
        var run = new List<SelectOption>();
        foreach (var option in Options)
        {
            if (run.Count > 0 && !string.Equals(run[0].Group, option.Group, StringComparison.Ordinal))
            {
                yield return (run[0].Group, run);
                run = [];
            }
            run.Add(option);
        }
        if (run.Count > 0)
        {
            yield return (run[0].Group, run);
        }
    }
}

/// <summary>A group of checkboxes in a fieldset for the <c>_Checks</c> partial.</summary>
public sealed record CheckGroup(string Field, ValidationErrors? Errors, IReadOnlyList<SelectOption> Options, IReadOnlyCollection<string> Selected, string Css = "");

/// <summary>
/// A form saved over a record someone else changed since it was opened: the stored values that differ
/// from the posted ones become field messages, under one message that says what happened. The form then
/// carries the stored version, so saving again knowingly replaces the other person's values.
/// </summary>
public static class FormConflict
{
    public static ValidationErrors Describe<TInput>(TInput posted, TInput stored, Ui ui) where TInput : class
    {
        var errors = new ValidationErrors().Add("version", ui["Form.Conflict"]);
        foreach (var property in typeof(TInput).GetProperties().Where(p => p.Name != "Version" && p.CanRead))
        {
            var mine = Text(property.GetValue(posted));
            var theirs = Text(property.GetValue(stored));
            if (mine != theirs)
            {
                errors.Add(JsonNamingPolicy.CamelCase.ConvertName(property.Name), ui.Format("Form.ChangedTo", theirs.Length == 0 ? "—" : theirs));
            }
        }
        return errors;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        System.Collections.IEnumerable list => string.Join("、", list.Cast<object?>().Select(Text).Where(t => t.Length > 0)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>Turns a refused write into the page's answer.</summary>
public static class PageRefusals
{
    /// <summary>Sign in first, then 404 or 403; null when the caller may go on (the write succeeded or only the input was invalid).</summary>
    public static IActionResult? Refusal<T>(this PageModel page, WriteResult<T> result) where T : class =>
        !Caller.From(page.User).IsSignedIn ? page.Challenge()
        : result.Status switch
        {
            WriteStatus.NotFound => page.NotFound(),
            WriteStatus.Forbidden => page.Forbid(),
            _ => null,
        };

    /// <summary>What a failed write shows on its form: a conflict names the version (the page then shows the current
    /// state, and the next step acts on that), anything else the input's errors.</summary>
    public static ValidationErrors Problems<T>(WriteResult<T> result) where T : class =>
        result.Status == WriteStatus.Conflict
            ? new ValidationErrors().Add("version", "was changed by someone else since you opened it; the current state is shown")
            : result.Errors;
}

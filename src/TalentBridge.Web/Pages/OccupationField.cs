using TalentBridge.Domain;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Web.Pages;

/// <summary>
/// The occupation inputs of the position and talent forms: a plain text field with a suggestion list (a native
/// datalist, so it needs no script and keeps the browser's keyboard handling) whose entries read "code name" and
/// show the aliases, so typing 厨师 or 护理 offers the occupations. What was typed is resolved here, with the
/// errors in the page's language; the write use cases resolve again for the API.
/// </summary>
public sealed class OccupationField(OccupationNames names, Ui ui)
{
    /// <summary>The code <paramref name="typed"/> names; otherwise the text unchanged and an error on <paramref name="field"/>.</summary>
    public string Resolve(string? typed, string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = typed?.Trim() ?? "";
        var match = names.Resolve(text);
        if (match.Found is not null || text.Length == 0)
        {
            return match.Found?.Code ?? text;
        }
        var listed = string.Join(Localization.IsEnglish ? ", " : "、", match.Candidates.Select(Text));
        errors.Add(field, match.Ambiguous ? ui.Format("Occupation.Ambiguous", text, listed)
            : listed.Length > 0 ? ui.Format("Occupation.UnknownSimilar", text, listed)
            : ui.Format("Occupation.Unknown", text));
        return text;
    }

    /// <summary>"4-10-01-05 养老护理员": how the suggestion list fills the field and how a stored code is shown.</summary>
    public static string Text(Occupation occupation) => $"{occupation.Code} {occupation.Name}";

    /// <summary><see cref="Text(Occupation)"/> for a stored code, as an edit form shows it; an unknown code as it is.</summary>
    public static string Text(ReferenceData reference, string code) =>
        reference.Occupations.Find(code) is { } occupation ? Text(occupation) : code;

    /// <summary>The label of a suggestion: the first aliases, by which people know the occupation.</summary>
    public static string Aliases(Occupation occupation) => string.Join("、", occupation.Aliases.Take(6));
}

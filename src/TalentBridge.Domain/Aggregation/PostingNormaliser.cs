using System.Globalization;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Aggregation;

/// <summary>
/// Something worth an operator's attention about one imported row; rejected rows are not stored. <paramref name="Reason"/>
/// is a message code (the web shows <c>Imports.Reason.{code}</c> in the reader's language) and <paramref name="Args"/>
/// its arguments.
/// </summary>
public sealed record ImportIssue(string Field, string Reason, bool Rejected, params string[] Args);

/// <summary>
/// Turns a source posting's free text into a <see cref="NormalisedPosting"/> with the normalisers,
/// and says what was doubtful (low confidence) or unusable. Thread-safe: one instance serves all
/// import workers.
/// </summary>
public sealed class PostingNormaliser(ITitleClassifier titles, PlaceNormaliser places)
{
    /// <summary>Below this confidence a normalised value is kept but reported as doubtful.</summary>
    public const double DoubtfulBelow = 0.6;

    public (NormalisedPosting? Posting, IReadOnlyList<ImportIssue> Issues) Normalise(SourcePosting source)
    {
        var issues = new List<ImportIssue>();
        if (string.IsNullOrWhiteSpace(source.SourceId))
        {
            issues.Add(new ImportIssue("sourceId", "SourceIdRequired", true));
        }
        if (string.IsNullOrWhiteSpace(source.Title))
        {
            issues.Add(new ImportIssue("title", "Required", true));
        }
        if (source.Uscc is { Length: > 0 } uscc && Uscc.Check(uscc.Trim().ToUpperInvariant()) is not null)
        {
            issues.Add(new ImportIssue("uscc", "UsccInvalid", false, Clip(uscc)));
        }
        if (issues.Any(i => i.Rejected))
        {
            return (null, issues);
        }

        var occupation = titles.Classify(source.Title);
        ReportOccupation(occupation, source.Title, issues);
        var region = Region(places, source.Place, issues);

        int? salaryMin = null, salaryMax = null;
        var months = 12;
        if (!string.IsNullOrWhiteSpace(source.Salary))
        {
            var salary = SalaryNormaliser.Parse(source.Salary);
            if (salary.Value is { } s)
            {
                (salaryMin, salaryMax, months) = (s.MonthlyMin, s.MonthlyMax, s.MonthsPerYear);
                if (salary.Confidence < DoubtfulBelow)
                {
                    issues.Add(new ImportIssue("salary", "SalaryGuess", false, Clip(source.Salary), Number(s.MonthlyMin), Number(s.MonthlyMax),
                        salary.Confidence.ToString("0.00", CultureInfo.InvariantCulture)));
                }
            }
            else
            {
                issues.Add(new ImportIssue("salary", "SalaryUnknown", false, Clip(source.Salary)));
            }
        }

        var education = string.IsNullOrWhiteSpace(source.Education) ? null : RequirementNormaliser.Education(source.Education).Value;
        var experience = string.IsNullOrWhiteSpace(source.Experience) ? null : RequirementNormaliser.Experience(source.Experience).Value;
        var headcount = Headcount(source.Headcount, issues);

        var enterprise = (source.EnterpriseName ?? "").Trim();
        var usccValue = source.Uscc is { Length: > 0 } u && Uscc.IsValid(u.Trim().ToUpperInvariant()) ? u.Trim().ToUpperInvariant() : null;
        var posting = new NormalisedPosting(
            source.Source,
            source.SourceId.Trim(),
            source.Title.Trim(),
            occupation.Value?.Code,
            occupation.Confidence,
            enterprise,
            usccValue,
            region,
            salaryMin,
            salaryMax,
            months,
            education,
            experience?.MinYears,
            headcount,
            string.IsNullOrWhiteSpace(source.Description) ? null : source.Description.Trim(),
            source.PostedOn);
        return (posting, issues);
    }

    /// <summary>Reports a title that names no occupation, or only a guessed one; shared by the importers.</summary>
    public static void ReportOccupation(Normalised<Occupation> occupation, string title, List<ImportIssue> issues)
    {
        if (occupation.Value is null)
        {
            issues.Add(new ImportIssue("title", "NoOccupation", false, Clip(title)));
        }
        else if (occupation.Confidence < DoubtfulBelow)
        {
            issues.Add(new ImportIssue("title", "OccupationGuess", false, occupation.Value.Code, occupation.Value.Name,
                occupation.Confidence.ToString("0.00", CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The region a place text names, or null with the reason reported (unknown, or ambiguous with its candidates).</summary>
    public static string? Region(PlaceNormaliser places, string? text, List<ImportIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var place = places.Parse(text);
        if (place.Value is null)
        {
            issues.Add(place.Alternatives.Count > 1
                ? new ImportIssue("place", "PlaceAmbiguous", false, Clip(text), string.Join(", ", place.Alternatives.Take(5).Select(r => r.Code)))
                : new ImportIssue("place", "PlaceUnknown", false, Clip(text)));
        }
        return place.Value?.Code;
    }

    /// <summary>A value quoted in a reason, cut to <see cref="QuotedLength"/> characters so that a huge field never fills a report.</summary>
    public static string Clip(string text) => text.Length <= QuotedLength ? text : string.Concat(text.AsSpan(0, QuotedLength), "…");

    /// <summary>How much of a value a reason quotes.</summary>
    public const int QuotedLength = 60;

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// The number of people to hire, or null; a negative number ("-5") is no headcount: it is reported and not stored (the
    /// normaliser alone would read the digits).
    /// </summary>
    public static int? Headcount(string? text, List<ImportIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (text.TrimStart() is [ '-' or '−' or '－', ..])
        {
            issues.Add(new ImportIssue("headcount", "HeadcountNegative", false, Clip(text)));
            return null;
        }
        return RequirementNormaliser.Headcount(text).Value?.Min;
    }

    /// <summary>
    /// A date field: null when empty; a text that is no date or an impossible one ("31/11/2026", "2026-02-30") is
    /// reported and the value not stored.
    /// </summary>
    public static DateOnly? Date(string field, string? text, List<ImportIssue> issues)
    {
        var date = ParseDate(text);
        if (date is null && !string.IsNullOrWhiteSpace(text))
        {
            issues.Add(new ImportIssue(field, "DateInvalid", false, Clip(text)));
        }
        return date;
    }

    /// <summary>Reads a date as sources write it: 2026-11-21, 2026/11/21, 20261121, 2026年11月21日.</summary>
    public static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var t = text.Trim().Replace('年', '-').Replace('月', '-').Replace("日", "", StringComparison.Ordinal).Replace('/', '-').Replace('.', '-');
        string[] formats = ["yyyy-M-d", "yyyyMMdd", "yyyy-M-d H:m:s", "yyyy-M-d H:m", "yyyy-M-dTH:m:s"];
        return DateTime.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var d)
            ? DateOnly.FromDateTime(d)
            : null;
    }
}

using System.Globalization;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Aggregation;

/// <summary>Something worth an operator's attention about one imported row; rejected rows are not stored.</summary>
public sealed record ImportIssue(string Field, string Reason, bool Rejected);

/// <summary>
/// Turns a source posting's free text into a <see cref="NormalisedPosting"/> with the normalisers,
/// and says what was doubtful (low confidence) or unusable. Thread-safe: one instance serves all
/// import workers.
/// </summary>
public sealed class PostingNormaliser(TitleClassifier titles, PlaceNormaliser places)
{
    /// <summary>Below this confidence a normalised value is kept but reported as doubtful.</summary>
    public const double DoubtfulBelow = 0.6;

    public (NormalisedPosting? Posting, IReadOnlyList<ImportIssue> Issues) Normalise(SourcePosting source)
    {
        var issues = new List<ImportIssue>();
        if (string.IsNullOrWhiteSpace(source.SourceId))
        {
            issues.Add(new ImportIssue("sourceId", "is required: without it a re-import cannot recognise the row", true));
        }
        if (string.IsNullOrWhiteSpace(source.Title))
        {
            issues.Add(new ImportIssue("title", "is required", true));
        }
        if (source.Uscc is { Length: > 0 } uscc && Uscc.Check(uscc.Trim().ToUpperInvariant()) is { } usccRule)
        {
            issues.Add(new ImportIssue("uscc", $"{usccRule}; the code is dropped", false));
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
                    issues.Add(new ImportIssue("salary", $"'{source.Salary}' read as {s.MonthlyMin}–{s.MonthlyMax} a month is a guess ({salary.Confidence:0.00})", false));
                }
            }
            else
            {
                issues.Add(new ImportIssue("salary", $"'{source.Salary}': {salary.Note ?? "not understood"}", false));
            }
        }

        var education = string.IsNullOrWhiteSpace(source.Education) ? null : RequirementNormaliser.Education(source.Education).Value;
        var experience = string.IsNullOrWhiteSpace(source.Experience) ? null : RequirementNormaliser.Experience(source.Experience).Value;
        var headcount = string.IsNullOrWhiteSpace(source.Headcount) ? null : RequirementNormaliser.Headcount(source.Headcount).Value;

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
            headcount?.Min,
            string.IsNullOrWhiteSpace(source.Description) ? null : source.Description.Trim(),
            source.PostedOn);
        return (posting, issues);
    }

    /// <summary>Reports a title that names no occupation, or only a guessed one; shared by the importers.</summary>
    public static void ReportOccupation(Normalised<Occupation> occupation, string title, List<ImportIssue> issues)
    {
        if (occupation.Value is null)
        {
            issues.Add(new ImportIssue("title", $"no occupation found in '{title}'", false));
        }
        else if (occupation.Confidence < DoubtfulBelow)
        {
            issues.Add(new ImportIssue("title",
                string.Create(CultureInfo.InvariantCulture, $"occupation {occupation.Value.Code} {occupation.Value.Name} is a guess ({occupation.Confidence:0.00})"), false));
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
            issues.Add(new ImportIssue("place", place.Alternatives.Count > 1
                ? $"'{text}' is ambiguous: {string.Join(", ", place.Alternatives.Take(5).Select(r => r.Code))}"
                : $"'{text}' is not a known place", false));
        }
        return place.Value?.Code;
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

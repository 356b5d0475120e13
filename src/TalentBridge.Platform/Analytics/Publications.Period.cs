using System.Globalization;
using TalentBridge.Domain;

namespace TalentBridge.Platform.Analytics;

public enum PeriodLength
{
    Year = 12,
    Half = 6,
    Quarter = 3,
}

/// <summary>
/// The period a shortage catalogue or a wage-price table covers: a year ("2026"), a half ("2026-H2") or a quarter
/// ("2026-Q3"), as whole months of the fact tables (<c>analytics_cells.period</c> and <c>wage_observations.period</c>
/// are months written "2026-07").
/// </summary>
public sealed record AnalyticsPeriod(int Year, PeriodLength Length, int Part)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    private const string Rule = "must be a year (2026), a half (2026-H2) or a quarter (2026-Q3) between 2000 and 2100";

    /// <summary>Its text: "2026", "2026-H2", "2026-Q3".</summary>
    public string Text => Length switch
    {
        PeriodLength.Half => $"{Year}-H{Part}",
        PeriodLength.Quarter => $"{Year}-Q{Part}",
        _ => Year.ToString(CultureInfo.InvariantCulture),
    };

    public override string ToString() => Text;

    /// <summary>The first day of its first month.</summary>
    public DateOnly First => new(Year, (Part - 1) * (int)Length + 1, 1);

    /// <summary>Its months as the fact tables write them ("2026-07"), oldest first.</summary>
    public IReadOnlyList<string> Months =>
        [.. Enumerable.Range(0, (int)Length).Select(i => First.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture))];

    /// <summary>The period of the same length just before (2026 → 2025, 2026-H1 → 2025-H2, 2026-Q1 → 2025-Q4).</summary>
    public AnalyticsPeriod Previous => Part > 1 ? this with { Part = Part - 1 } : this with { Year = Year - 1, Part = 12 / (int)Length };

    /// <summary>The same period a year earlier (2026-Q3 → 2025-Q3).</summary>
    public AnalyticsPeriod YearBefore => this with { Year = Year - 1 };

    /// <summary>Reads a period's text; the error names <paramref name="field"/>.</summary>
    public static AnalyticsPeriod? Parse(string? text, ValidationErrors errors, string field = "period")
    {
        ArgumentNullException.ThrowIfNull(errors);
        var value = text?.Trim().ToUpperInvariant() ?? "";
        AnalyticsPeriod? period = null;
        if (value.Length >= 4 && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= MinYear and <= MaxYear)
        {
            period = value.Length switch
            {
                4 => new AnalyticsPeriod(year, PeriodLength.Year, 1),
                7 when value[4] == '-' && value[5] == 'H' && value[6] is '1' or '2' => new AnalyticsPeriod(year, PeriodLength.Half, value[6] - '0'),
                7 when value[4] == '-' && value[5] == 'Q' && value[6] is >= '1' and <= '4' => new AnalyticsPeriod(year, PeriodLength.Quarter, value[6] - '0'),
                _ => null,
            };
        }
        if (period is null)
        {
            errors.Add(field, string.IsNullOrWhiteSpace(text) ? "is required" : Rule);
        }
        return period;
    }

    /// <summary>
    /// The default period of the operator pages: the last complete year when the facts hold all of it, otherwise the
    /// last complete quarter. A month is complete when it is before <paramref name="today"/>'s month and the facts hold
    /// it (<paramref name="lastMonth"/>, "2026-07"); without facts, the quarter before today's.
    /// </summary>
    public static AnalyticsPeriod Default(string? lastMonth, DateOnly today)
    {
        var complete = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        if (lastMonth is { Length: 7 } && DateOnly.TryParseExact(lastMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last)
            && last < complete)
        {
            complete = last;
        }
        if (complete.Month == 12)
        {
            return new AnalyticsPeriod(complete.Year, PeriodLength.Year, 1);
        }
        var quarter = complete.Month / 3;
        return quarter == 0 ? new AnalyticsPeriod(complete.Year - 1, PeriodLength.Quarter, 4) : new AnalyticsPeriod(complete.Year, PeriodLength.Quarter, quarter);
    }
}

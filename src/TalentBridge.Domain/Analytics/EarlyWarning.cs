namespace TalentBridge.Domain.Analytics;

/// <summary>What an early warning is about.</summary>
public enum WarningKind
{
    /// <summary>Open positions fell sharply against the average of the three months before.</summary>
    SharpFall = 1,
    /// <summary>Many positions were closed in the month.</summary>
    MassClosure = 2,
    /// <summary>A large share of the month's positions was closed.</summary>
    MassClosureShare = 3,
    /// <summary>Many agreements were terminated in the month.</summary>
    TerminatedAgreements = 4,
}

public enum WarningSeverity
{
    /// <summary>The threshold is reached.</summary>
    Warning = 1,
    /// <summary>The measure reaches <see cref="WarningThresholds.SevereFactor"/> × the threshold (at most 100 % for shares).</summary>
    Severe = 2,
}

/// <summary>
/// Operator-configurable thresholds of the early warnings (shares as fractions, 0.3 = 30 %). Defaults: a sharp fall is
/// at least 30 % fewer open positions than the average of the three months before, when that average is at least 10;
/// a mass closure is at least 20 positions closed in a month, or at least 50 % of the month's positions (closed + still
/// open at its end) when those are at least 10; 5 terminated agreements in a month warn; twice a threshold is severe.
/// </summary>
public sealed record WarningThresholds(
    double SharpFallShare = 0.30, int SharpFallMinOpen = 10,
    int MassClosureCount = 20, double MassClosureShare = 0.50, int MassClosureMinPositions = 10,
    int TerminatedAgreements = 5, double SevereFactor = 2)
{
    public static WarningThresholds Default { get; } = new();

    public ValidationErrors Validate() => new ValidationErrors()
        .Range((decimal)SharpFallShare, 0.01m, 1m, "sharpFallShare")
        .Range(SharpFallMinOpen, 1, 1_000_000, "sharpFallMinOpen")
        .Range(MassClosureCount, 1, 1_000_000, "massClosureCount")
        .Range((decimal)MassClosureShare, 0.01m, 1m, "massClosureShare")
        .Range(MassClosureMinPositions, 1, 1_000_000, "massClosureMinPositions")
        .Range(TerminatedAgreements, 1, 1_000_000, "terminatedAgreements")
        .Range((decimal)SevereFactor, 1m, 10m, "severeFactor");
}

/// <summary>One month of a subject (an enterprise, or an industry section in a region): positions open at the month's
/// end, positions closed in it, agreements terminated in it. <see cref="Month"/> is the month's first day.</summary>
public readonly record struct SubjectMonth(DateOnly Month, int PositionsOpen, int PositionsClosed, int TerminatedAgreements);

/// <summary>An early warning: its kind and month, the measured value (a count, or a share as a fraction) and the threshold it reached.</summary>
public sealed record EarlyWarning(WarningKind Kind, DateOnly Month, double Measured, double Threshold, WarningSeverity Severity);

/// <summary>
/// Employment early warnings (就业监测预警) over a subject's monthly series. Months missing between the first and the
/// last given count as months without activity (0 open, 0 closed, 0 terminated), as the facts hold no row for them.
/// A sharp fall needs the three months before it inside the series.
/// </summary>
public static class EarlyWarnings
{
    /// <summary>The warnings of every month of <paramref name="months"/>, by month then kind.</summary>
    public static IReadOnlyList<EarlyWarning> Evaluate(IEnumerable<SubjectMonth> months, WarningThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(thresholds);
        var given = months.ToDictionary(m => m.Month);
        if (given.Count == 0)
        {
            return [];
        }
        foreach (var m in given.Values)
        {
            ArgumentOutOfRangeException.ThrowIfNotEqual(m.Month.Day, 1, nameof(months));
            ArgumentOutOfRangeException.ThrowIfNegative(m.PositionsOpen, nameof(months));
            ArgumentOutOfRangeException.ThrowIfNegative(m.PositionsClosed, nameof(months));
            ArgumentOutOfRangeException.ThrowIfNegative(m.TerminatedAgreements, nameof(months));
        }
        var first = given.Keys.Min();
        var last = given.Keys.Max();
        var series = new List<SubjectMonth>();
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            series.Add(given.TryGetValue(month, out var m) ? m : new SubjectMonth(month, 0, 0, 0));
        }

        var warnings = new List<EarlyWarning>();
        void Check(WarningKind kind, DateOnly month, double measured, double threshold, double severeCap)
        {
            if (measured >= threshold)
            {
                var severe = measured >= Math.Min(threshold * thresholds.SevereFactor, severeCap);
                warnings.Add(new EarlyWarning(kind, month, measured, threshold, severe ? WarningSeverity.Severe : WarningSeverity.Warning));
            }
        }
        for (var t = 0; t < series.Count; t++)
        {
            var m = series[t];
            if (t >= 3)
            {
                var before = (series[t - 1].PositionsOpen + series[t - 2].PositionsOpen + series[t - 3].PositionsOpen) / 3.0;
                if (before >= thresholds.SharpFallMinOpen)
                {
                    Check(WarningKind.SharpFall, m.Month, (before - m.PositionsOpen) / before, thresholds.SharpFallShare, 1);
                }
            }
            Check(WarningKind.MassClosure, m.Month, m.PositionsClosed, thresholds.MassClosureCount, double.PositiveInfinity);
            var positions = m.PositionsOpen + m.PositionsClosed;
            if (positions >= thresholds.MassClosureMinPositions)
            {
                Check(WarningKind.MassClosureShare, m.Month, (double)m.PositionsClosed / positions, thresholds.MassClosureShare, 1);
            }
            Check(WarningKind.TerminatedAgreements, m.Month, m.TerminatedAgreements, thresholds.TerminatedAgreements, double.PositiveInfinity);
        }
        return warnings;
    }
}

using TalentBridge.Domain.Analytics;

namespace TalentBridge.Domain.Tests.Analytics;

public sealed class EarlyWarningTests
{
    private static SubjectMonth M(int month, int open, int closed = 0, int terminated = 0) => new(new DateOnly(2026, month, 1), open, closed, terminated);

    private static IReadOnlyList<EarlyWarning> Evaluate(params SubjectMonth[] months) => EarlyWarnings.Evaluate(months, WarningThresholds.Default);

    [Fact]
    public void Open_positions_falling_against_the_three_months_before_warn()
    {
        // April: before = (20 + 22 + 18) / 3 = 20, fall = (20 − 12) / 20 = 0.4 ≥ 0.3 (severe from 0.6).
        // May: before = (22 + 18 + 12) / 3 = 52/3, fall = (52/3 − 8) / (52/3) = 28/52.
        // June: before = (18 + 12 + 8) / 3 = 38/3 ≈ 12.7, fall = (38/3 − 2) / (38/3) = 32/38 ≈ 0.84 → severe.
        var warnings = Evaluate(M(1, 20), M(2, 22), M(3, 18), M(4, 12), M(5, 8), M(6, 2));
        Assert.Equal(
            [(4, 0.4, WarningSeverity.Warning), (5, Math.Round(28.0 / 52, 12), WarningSeverity.Warning), (6, Math.Round(32.0 / 38, 12), WarningSeverity.Severe)],
            warnings.Select(w => (w.Month.Month, Math.Round(w.Measured, 12), w.Severity)));
        Assert.All(warnings, w => Assert.Equal((WarningKind.SharpFall, 0.3), (w.Kind, w.Threshold)));
    }

    [Fact]
    public void A_small_base_or_a_short_history_gives_no_sharp_fall()
    {
        // Average before 9 < 10; and March has only two months before it.
        Assert.Empty(Evaluate(M(1, 9), M(2, 9), M(3, 0), M(4, 0)));
        Assert.Empty(Evaluate(M(1, 50), M(2, 50), M(3, 0)));
    }

    [Fact]
    public void A_missing_month_counts_as_a_month_without_activity()
    {
        // April is absent: 0 open against (30 + 30 + 30) / 3 → a 100 % fall, severe. May: before (30 + 30 + 0) / 3 = 20 < 30: none.
        var warning = Assert.Single(Evaluate(M(1, 30), M(2, 30), M(3, 30), M(5, 30)));
        Assert.Equal((WarningKind.SharpFall, new DateOnly(2026, 4, 1), 1.0, WarningSeverity.Severe),
            (warning.Kind, warning.Month, warning.Measured, warning.Severity));
    }

    [Fact]
    public void Mass_closures_warn_by_count_and_by_share()
    {
        var warnings = Evaluate(
            M(1, 100, closed: 25),  // 25 ≥ 20; share 25 / 125 = 0.2
            M(2, 100, closed: 40),  // 40 ≥ 2 × 20: severe; share 40 / 140 ≈ 0.29
            M(3, 4, closed: 6),     // count 6; share 6 / 10 = 0.6 ≥ 0.5 (severe only at 100 %)
            M(4, 0, closed: 12),    // share 12 / 12 = 1: severe
            M(5, 3, closed: 5));    // share 5 / 8, but 8 positions < 10: too few to judge
        Assert.Equal(
            [
                (WarningKind.MassClosure, 1, 25.0, WarningSeverity.Warning),
                (WarningKind.MassClosure, 2, 40.0, WarningSeverity.Severe),
                (WarningKind.MassClosureShare, 3, 0.6, WarningSeverity.Warning),
                (WarningKind.MassClosureShare, 4, 1.0, WarningSeverity.Severe),
            ],
            warnings.Where(w => w.Kind != WarningKind.SharpFall).Select(w => (w.Kind, w.Month.Month, w.Measured, w.Severity)));
    }

    [Fact]
    public void Terminated_agreements_warn_from_the_threshold()
    {
        var warnings = Evaluate(M(1, 0, terminated: 4), M(2, 0, terminated: 5), M(3, 0, terminated: 10));
        Assert.Equal(
            [(2, 5.0, 5.0, WarningSeverity.Warning), (3, 10.0, 5.0, WarningSeverity.Severe)],
            warnings.Select(w => (w.Month.Month, w.Measured, w.Threshold, w.Severity)));
    }

    [Fact]
    public void Operators_thresholds_replace_the_defaults()
    {
        var strict = new WarningThresholds(SharpFallShare: 0.1, SharpFallMinOpen: 3, TerminatedAgreements: 1, SevereFactor: 1);
        var warnings = EarlyWarnings.Evaluate([M(1, 5), M(2, 5), M(3, 5), M(4, 4, terminated: 1)], strict);
        // Fall (5 − 4) / 5 = 0.2 ≥ 0.1 and, with a factor of 1, every warning is severe.
        Assert.Equal([WarningKind.SharpFall, WarningKind.TerminatedAgreements], warnings.Select(w => w.Kind));
        Assert.All(warnings, w => Assert.Equal(WarningSeverity.Severe, w.Severity));
    }

    [Fact]
    public void Thresholds_out_of_range_name_their_field_and_broken_series_are_refused()
    {
        Assert.True(WarningThresholds.Default.Validate().IsValid);
        var errors = new WarningThresholds(SharpFallShare: 0, TerminatedAgreements: 0, SevereFactor: 0.5).Validate().ToDictionary();
        Assert.Equal(["sharpFallShare", "terminatedAgreements", "severeFactor"], errors.Keys);
        Assert.Equal(["must be between 0.01 and 1"], errors["sharpFallShare"]);

        Assert.Empty(Evaluate());
        Assert.Throws<ArgumentException>(() => Evaluate(M(1, 5), M(1, 6)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluate(new SubjectMonth(new DateOnly(2026, 1, 15), 5, 0, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluate(M(1, -5)));
    }
}

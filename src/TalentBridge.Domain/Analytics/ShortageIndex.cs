namespace TalentBridge.Domain.Analytics;

/// <summary>
/// The inputs of one shortage cell (occupation × region × period).
/// </summary>
/// <param name="Key">The cell, e.g. occupation and region; the index does not read it.</param>
/// <param name="HeadcountSought">D: de-duplicated headcount sought (招聘人数) in the period.</param>
/// <param name="Applications">S: applications received (投递人数) in the period.</param>
/// <param name="Agreements">Signed agreements in the period.</param>
/// <param name="WageGrowth">Change of the median monthly wage against the same period a year earlier, as a fraction
/// (0.05 = +5 %); null when either median is unknown or unpublished.</param>
public sealed record ShortageInput<TKey>(TKey Key, int HeadcountSought, int Applications, int Agreements, double? WageGrowth);

/// <summary>Why a cell is or is not in shortage (the shortage driver).</summary>
public enum ShortageDriver
{
    /// <summary>无短缺: the fill rate reaches the threshold.</summary>
    None = 0,
    /// <summary>应聘不足: too few applications per person sought.</summary>
    FewApplicants = 1,
    /// <summary>薪酬偏低: enough applicants, but offered wages barely grow.</summary>
    LowWageGrowth = 2,
    /// <summary>技能错配: enough applicants and rising wages, yet positions stay unfilled.</summary>
    SkillMismatch = 3,
}

/// <summary>Why a cell has no index.</summary>
public enum ShortageExclusion
{
    /// <summary>The cell has an index.</summary>
    None = 0,
    /// <summary>Headcount sought below <see cref="ShortageRules.MinHeadcountSought"/>.</summary>
    TooFewSought = 1,
}

/// <summary>
/// Thresholds of the shortage catalogue. Defaults: an index needs at least 5 people sought; a cell is in shortage when
/// fewer than 67 % of the people sought are hired (Jobs and Skills Australia's fill-rate threshold); the driver is
/// 应聘不足 below 2 applications per person sought, else 薪酬偏低 when wages grew less than 2 % in a year, else 技能错配.
/// </summary>
public sealed record ShortageRules(
    int MinHeadcountSought = 5, double FillRateThreshold = 0.67, double FewApplicantsPerPerson = 2.0, double LowWageGrowth = 0.02)
{
    public static ShortageRules Default { get; } = new();

    public ValidationErrors Validate() => new ValidationErrors()
        .Range(MinHeadcountSought, 1, 10_000, "minHeadcountSought")
        .Range((decimal)FillRateThreshold, 0m, 1m, "fillRateThreshold")
        .Range((decimal)FewApplicantsPerPerson, 0m, 1000m, "fewApplicantsPerPerson")
        .Range((decimal)LowWageGrowth, -1m, 10m, "lowWageGrowth");
}

/// <summary>
/// One cell of the shortage catalogue with its inputs, the two terms of φ, the index, its stars, the shortage flag and
/// driver. <see cref="Index"/>, <see cref="Stars"/>, <see cref="Gap"/>, <see cref="Ratio"/> and <see cref="Phi"/> are
/// null when <see cref="Excluded"/> says why there is no index.
/// </summary>
public sealed record ShortageAssessment<TKey>(
    ShortageInput<TKey> Input, double FillRate, double ApplicationsPerPerson,
    double? Gap, double? Ratio, double? Phi, double? Index, int? Stars,
    bool Shortage, ShortageDriver Driver, ShortageExclusion Excluded);

/// <summary>
/// The shortage index (人才紧缺指数) of seed 001: raw φ = 0.5 × supply-demand gap (供需差额) + 0.5 × supply-demand ratio
/// (供需比率), rescaled across the compared cells to 60 + 40 × (φ − φmin) / (φmax − φmin); higher = shorter supply.
/// <para>
/// The seed leaves gap and ratio undefined. Here, with D = headcount sought and S = applications, both terms are
/// dimensionless and lie in [−1, 1], so that neither dominates φ:
/// the <b>gap</b> is the shortfall in people, D − S, divided by the largest |D − S| among the compared cells (it keeps
/// the size of the shortfall: 500 people missing weigh more than 5); the <b>ratio</b> is (D − S) / (D + S), the
/// relative tightness (= tanh(½ ln(D/S)), bounded where D/S is not, defined when S = 0). When every gap is 0 the gap
/// term is 0. With one cell, or when all φ are equal, every index is 80, the middle of the scale.
/// </para>
/// <para>
/// Stars: 1 below 68, 2 below 76, 3 below 84, 4 below 92, 5 from 92 (equal 8-point bands of 60–100). Fill rate =
/// agreements ÷ headcount sought. A cell is in shortage when its fill rate is below
/// <see cref="ShortageRules.FillRateThreshold"/> (the flag does not depend on the other cells); its driver is then
/// <see cref="ShortageDriver.FewApplicants"/> when S ÷ D is below <see cref="ShortageRules.FewApplicantsPerPerson"/>,
/// else <see cref="ShortageDriver.LowWageGrowth"/> when the wage growth is known and below
/// <see cref="ShortageRules.LowWageGrowth"/>, else <see cref="ShortageDriver.SkillMismatch"/>. Cells with fewer than
/// <see cref="ShortageRules.MinHeadcountSought"/> people sought get no index, no flag and take no part in the rescaling.
/// </para>
/// </summary>
public static class ShortageIndex
{
    /// <summary>The index of every cell when the compared cells cannot be told apart.</summary>
    public const double Middle = 80;

    public static IReadOnlyList<ShortageAssessment<TKey>> Assess<TKey>(IReadOnlyList<ShortageInput<TKey>> cells, ShortageRules rules)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var c in cells)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c.HeadcountSought, nameof(cells));
            ArgumentOutOfRangeException.ThrowIfNegative(c.Applications, nameof(cells));
            ArgumentOutOfRangeException.ThrowIfNegative(c.Agreements, nameof(cells));
            if (c.WageGrowth is { } g && !double.IsFinite(g))
            {
                throw new ArgumentException("Wage growth must be a finite number.", nameof(cells));
            }
        }
        var indexed = cells.Where(c => c.HeadcountSought >= rules.MinHeadcountSought).ToArray();
        var largestGap = indexed.Select(c => Math.Abs(c.HeadcountSought - c.Applications)).DefaultIfEmpty(0).Max();
        double Gap(ShortageInput<TKey> c) => largestGap == 0 ? 0 : (double)(c.HeadcountSought - c.Applications) / largestGap;
        static double Ratio(ShortageInput<TKey> c) => (double)(c.HeadcountSought - c.Applications) / (c.HeadcountSought + c.Applications);
        double Phi(ShortageInput<TKey> c) => 0.5 * Gap(c) + 0.5 * Ratio(c);
        var phis = indexed.Select(Phi).ToArray();
        var min = phis.DefaultIfEmpty(0).Min();
        var max = phis.DefaultIfEmpty(0).Max();

        return [.. cells.Select(c =>
        {
            var fillRate = c.HeadcountSought == 0 ? 0 : (double)c.Agreements / c.HeadcountSought;
            var perPerson = c.HeadcountSought == 0 ? 0 : (double)c.Applications / c.HeadcountSought;
            if (c.HeadcountSought < rules.MinHeadcountSought)
            {
                return new ShortageAssessment<TKey>(c, fillRate, perPerson, null, null, null, null, null, false,
                    ShortageDriver.None, ShortageExclusion.TooFewSought);
            }
            var phi = Phi(c);
            // Exact comparison on purpose: min and max are values of the same computation.
            var index = max == min ? Middle : 60 + 40 * (phi - min) / (max - min);
            var shortage = fillRate < rules.FillRateThreshold;
            var driver = !shortage ? ShortageDriver.None
                : perPerson < rules.FewApplicantsPerPerson ? ShortageDriver.FewApplicants
                : c.WageGrowth < rules.LowWageGrowth ? ShortageDriver.LowWageGrowth
                : ShortageDriver.SkillMismatch;
            return new ShortageAssessment<TKey>(c, fillRate, perPerson, Gap(c), Ratio(c), phi, index, Stars(index), shortage,
                driver, ShortageExclusion.None);
        })];
    }

    /// <summary>1–5 stars in equal 8-point bands of the 60–100 scale: [60, 68) 1, [68, 76) 2, [76, 84) 3, [84, 92) 4, [92, 100] 5.</summary>
    public static int Stars(double index) => Math.Clamp((int)Math.Floor((index - 60) / 8) + 1, 1, 5);

    /// <summary>
    /// Wage growth against the same period a year earlier, (now − before) ÷ before, from two published medians; null
    /// when either is missing or the earlier one is not positive.
    /// </summary>
    public static double? WageGrowth(long? medianNow, long? medianYearBefore) =>
        medianNow is { } now && medianYearBefore is { } before && before > 0 ? (double)(now - before) / before : null;
}

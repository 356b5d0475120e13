namespace TalentBridge.Domain.Matching;

/// <summary>A soft factor of the pair score. The first six are the position's view, the rest the talent's.</summary>
public enum MatchFactor
{
    Occupation,
    Skills,
    Experience,
    Education,
    Levels,
    Activity,
    Salary,
    Place,
    Availability,
    Freshness,
}

/// <summary>Whose view a factor belongs to.</summary>
public enum MatchSide
{
    /// <summary>The position's (enterprise's) view of the talent: requirements.</summary>
    Position,
    /// <summary>The talent's view of the position: pay, place, mode.</summary>
    Talent,
}

/// <summary>A hard condition. A pair that fails one is never proposed.</summary>
public enum HardCondition
{
    PositionOpen,
    TalentVisible,
    EngagementMode,
    WorkRegion,
    Education,
    Experience,
    ProfessionalTitle,
    SkillLevel,
    Salary,
}

/// <summary>One factor's part of a score: its value in [0, 1], its weight within its side and the points it adds.</summary>
public sealed record FactorContribution(MatchFactor Factor, MatchSide Side, double Value, double Weight, double Points);

/// <summary>
/// Why a pair scores what it scores. <see cref="Factors"/>' points sum to <see cref="Score"/>; the
/// conditions listed are the hard conditions that applied to this pair and were passed.
/// </summary>
public sealed record MatchExplanation(
    long TalentId,
    long PositionId,
    double Score,
    double PositionView,
    double TalentView,
    IReadOnlyList<FactorContribution> Factors,
    IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<string> MissingSkills,
    IReadOnlyList<HardCondition> ConditionsPassed);

/// <summary>
/// The pair score of a talent and a position (docs/matching.md). Each side's view is a weighted mean of
/// its factors, P (the position's view) and T (the talent's view), each in [0, 1]; the score is
/// 100 · (0.75 · min(P, T) + 0.25 · max(P, T)): the weaker side counts three times as much, so a pair both
/// sides like ranks above a pair only one side likes. A factor's points are its weighted value's share of
/// P + T times the score, so they sum to the score and a factor that fits better never shows fewer points.
/// </summary>
public static class MatchScoring
{
    /// <summary>Weights of the factors within their side, indexed by <see cref="MatchFactor"/>; each side sums to 1.</summary>
    public static IReadOnlyList<double> Weights => FactorWeights;

    private static readonly double[] FactorWeights = [0.40, 0.30, 0.10, 0.08, 0.05, 0.07, 0.45, 0.30, 0.10, 0.15];

    internal const int FactorCount = 10;
    private const int FirstTalentFactor = (int)MatchFactor.Salary;
    private const double WeakerShare = 0.75;

    /// <summary>Side of a factor.</summary>
    public static MatchSide SideOf(MatchFactor factor) => (int)factor < FirstTalentFactor ? MatchSide.Position : MatchSide.Talent;

    /// <summary>The score from the two views.</summary>
    public static double Combine(double positionView, double talentView) =>
        100 * ((WeakerShare * Math.Min(positionView, talentView)) + ((1 - WeakerShare) * Math.Max(positionView, talentView)));

    /// <summary>
    /// The highest score any talent of <paramref name="file"/> can reach with <paramref name="p"/>: each
    /// factor evaluated at the file's most favourable values (its maxima, its skill mask), or 1 where the
    /// file keeps nothing. Never below a member's score, so the index may skip the file when its best
    /// results so far beat this.
    /// </summary>
    internal static double Bound(PositionProfile p, TalentFile file, int day)
    {
        var occupation = TreeProximity(file.Minor, p.Occupation);
        var positionView =
            (FactorWeights[(int)MatchFactor.Occupation] * occupation) + (Relevance(occupation) * (
            (FactorWeights[(int)MatchFactor.Skills] * ((0.75 * MaskCoverage(p.RequiredSkills, file.SkillMask)) + (0.25 * MaskCoverage(p.PreferredSkills, file.SkillMask))))
            + (FactorWeights[(int)MatchFactor.Experience] * (p.MinExperienceYears <= 0 ? 1 : Math.Min(1, (double)file.MaxExperience / p.MinExperienceYears)))
            + (FactorWeights[(int)MatchFactor.Education] * StepFit((int)file.MaxEducation - (int)p.MinEducation))
            + (FactorWeights[(int)MatchFactor.Levels] * LevelBound(file.MaxTitle, file.MaxSkillLevel, p.RequiredTitle, p.RequiredSkillLevel))
            + (FactorWeights[(int)MatchFactor.Activity] * Decay(day - file.MaxActiveDay, 30, 365, 0.2))));
        var salary = file.MinExpected == int.MaxValue ? NoExpectation : SalaryFit(file.MinExpected, p.SalaryMax);
        var talentView =
            (FactorWeights[(int)MatchFactor.Salary] * (file.AnyWithoutExpectation ? Math.Max(NoExpectation, salary) : salary))
            + FactorWeights[(int)MatchFactor.Place]
            + (FactorWeights[(int)MatchFactor.Availability] * (file.AnySeeking ? 1 : 0.6))
            + (FactorWeights[(int)MatchFactor.Freshness] * Decay(day - p.PostedDay, 7, 90, 0.3));
        return Combine(positionView, talentView) + 1e-9;
    }

    /// <summary>The highest score any position of <paramref name="file"/> (filed under <paramref name="region"/>) can reach with <paramref name="t"/>.</summary>
    internal static double Bound(TalentProfile t, PositionFile file, long region, int day)
    {
        double occupation = 0;
        foreach (var own in t.Occupations)
        {
            occupation = Math.Max(occupation, TreeProximity(file.Minor, own));
        }
        var required = file.AnyWithoutRequired || (file.RequiredMask & t.SkillMask) != 0 ? 1 : 0;
        var preferred = file.AnyWithoutPreferred || (file.PreferredMask & t.SkillMask) != 0 ? 1 : 0;
        var titleFit = file.MinTitle == ProfessionalTitleLevel.None ? 1 : StepFit((int)t.Title - (int)file.MinTitle);
        var levelFit = file.MinSkillLevel == SkillLevel.None ? 1 : StepFit((int)t.SkillLevel - (int)file.MinSkillLevel);
        var positionView =
            (FactorWeights[(int)MatchFactor.Occupation] * occupation) + (Relevance(occupation) * (
            (FactorWeights[(int)MatchFactor.Skills] * ((0.75 * required) + (0.25 * preferred)))
            + (FactorWeights[(int)MatchFactor.Experience] * (file.MinExperience <= 0 ? 1 : Math.Min(1, (double)t.ExperienceYears / file.MinExperience)))
            + (FactorWeights[(int)MatchFactor.Education] * StepFit((int)t.Education - (int)file.MinEducation))
            + (FactorWeights[(int)MatchFactor.Levels] * Math.Max(titleFit, levelFit))
            + (FactorWeights[(int)MatchFactor.Activity] * Decay(day - t.ActiveDay, 30, 365, 0.2))));
        var talentView =
            (FactorWeights[(int)MatchFactor.Salary] * SalaryFit(t.ExpectedSalaryMin, file.MaxSalary))
            + (FactorWeights[(int)MatchFactor.Place] * PlaceFit(t.Residence, region))
            + (FactorWeights[(int)MatchFactor.Availability] * (t.Status == TalentStatus.Seeking ? 1 : 0.6))
            + (FactorWeights[(int)MatchFactor.Freshness] * Decay(day - file.MaxPostedDay, 7, 90, 0.3));
        return Combine(positionView, talentView) + 1e-9;
    }

    /// <summary>Upper bound of <see cref="Proximity"/> between any occupation of 小类 <paramref name="minor"/> and <paramref name="occupation"/>.</summary>
    private static double TreeProximity(int minor, int occupation) =>
        MatchCodes.Minor(occupation) == minor ? 1
        : MatchCodes.Mid(occupation) == minor / 100 ? 0.45
        : MatchCodes.Major(occupation) == minor / 10_000 ? SameMajor
        : 0;

    /// <summary>Share of <paramref name="wanted"/> whose bit is set in <paramref name="mask"/> (1 when nothing is wanted).</summary>
    private static double MaskCoverage(int[] wanted, ulong mask)
    {
        if (wanted.Length == 0)
        {
            return 1;
        }
        var hits = 0;
        foreach (var id in wanted)
        {
            if ((mask & (1UL << (id & 63))) != 0)
            {
                hits++;
            }
        }
        return (double)hits / wanted.Length;
    }

    private static double LevelBound(ProfessionalTitleLevel title, SkillLevel level, ProfessionalTitleLevel requiredTitle, SkillLevel requiredLevel)
    {
        double sum = 0;
        var count = 0;
        if (requiredTitle > ProfessionalTitleLevel.None)
        {
            sum += StepFit((int)title - (int)requiredTitle);
            count++;
        }
        if (requiredLevel > SkillLevel.None)
        {
            sum += StepFit((int)level - (int)requiredLevel);
            count++;
        }
        return count == 0 ? 1 : sum / count;
    }

    /// <summary>The first hard condition the pair fails on <paramref name="day"/>, or null when it passes all.</summary>
    internal static HardCondition? Violation(TalentProfile t, PositionProfile p, int day)
    {
        if (!p.IsOpenOn(day))
        {
            return HardCondition.PositionOpen;
        }
        if (!t.Matchable)
        {
            return HardCondition.TalentVisible;
        }
        if ((t.Availability & p.EngagementMode) == 0)
        {
            return HardCondition.EngagementMode;
        }
        if (!WorksIn(t, p.Region))
        {
            return HardCondition.WorkRegion;
        }
        if (p.RequirementsMandatory)
        {
            if (t.Education < p.MinEducation)
            {
                return HardCondition.Education;
            }
            if (t.ExperienceYears < p.MinExperienceYears)
            {
                return HardCondition.Experience;
            }
            if (t.Title < p.RequiredTitle)
            {
                return HardCondition.ProfessionalTitle;
            }
            if (t.SkillLevel < p.RequiredSkillLevel)
            {
                return HardCondition.SkillLevel;
            }
        }
        if ((t.SalaryStrict || p.SalaryStrict) && t.ExpectedSalaryMin > 0 && p.SalaryMax < t.ExpectedSalaryMin)
        {
            return HardCondition.Salary;
        }
        return null;
    }

    private static bool WorksIn(TalentProfile t, long region)
    {
        foreach (var work in t.WorkRegions)
        {
            if (MatchCodes.Overlap(work, region))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The pair score, assuming the pair passes the hard conditions.</summary>
    internal static double Score(TalentProfile t, PositionProfile p, int day)
    {
        Span<double> values = stackalloc double[FactorCount];
        Evaluate(t, p, day, values);
        var (positionView, talentView) = Views(values);
        return Combine(positionView, talentView);
    }

    private static (double PositionView, double TalentView) Views(ReadOnlySpan<double> values)
    {
        double positionView = 0, talentView = 0;
        for (var i = 0; i < FactorCount; i++)
        {
            if (i < FirstTalentFactor)
            {
                positionView += Weight(values, i) * values[i];
            }
            else
            {
                talentView += FactorWeights[i] * values[i];
            }
        }
        return (positionView, talentView);
    }

    /// <summary>
    /// A factor's effective weight in its view: the position's requirements other than the occupation count only as far
    /// as the occupation is relevant (<see cref="Relevance"/>), so that meeting the few demands of an unrelated job
    /// does not make it a good match.
    /// </summary>
    private static double Weight(ReadOnlySpan<double> values, int factor) =>
        factor is > (int)MatchFactor.Occupation and < FirstTalentFactor
            ? FactorWeights[factor] * Relevance(values[(int)MatchFactor.Occupation])
            : FactorWeights[factor];

    /// <summary>How much the other requirements count at occupation proximity <paramref name="occupation"/>: 0.4 for an unrelated job, 1 for the same.</summary>
    private static double Relevance(double occupation) => RelevanceFloor + ((1 - RelevanceFloor) * occupation);

    private const double RelevanceFloor = 0.4;

    /// <summary>The pair's score with every factor's contribution, its skills and the conditions it passed.</summary>
    public static MatchExplanation Explain(TalentProfile talent, PositionProfile position, DateOnly today, SkillCodes skills)
    {
        ArgumentNullException.ThrowIfNull(talent);
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(skills);
        var day = today.DayNumber;
        Span<double> values = stackalloc double[FactorCount];
        Evaluate(talent, position, day, values);
        var (positionView, talentView) = Views(values);
        // Points: each factor's weighted value as a share of both views, times the score. (Splitting by the weaker
        // side instead gave a poorly paid candidate more salary points than a well paid one: issue [5] 16.)
        var score = Combine(positionView, talentView);
        var perUnit = positionView + talentView > 0 ? score / (positionView + talentView) : 0;
        var factors = new FactorContribution[FactorCount];
        for (var i = 0; i < FactorCount; i++)
        {
            var side = i < FirstTalentFactor ? MatchSide.Position : MatchSide.Talent;
            var weight = Weight(values, i);
            factors[i] = new FactorContribution((MatchFactor)i, side, values[i], weight, perUnit * weight * values[i]);
        }

        var matched = new List<string>();
        var missing = new List<string>();
        foreach (var id in position.RequiredSkills.Concat(position.PreferredSkills))
        {
            (Array.BinarySearch(talent.Skills, id) >= 0 ? matched : missing).Add(skills.NameOf(id));
        }

        var conditions = new List<HardCondition>
        {
            HardCondition.PositionOpen, HardCondition.TalentVisible, HardCondition.EngagementMode, HardCondition.WorkRegion,
        };
        if (position.RequirementsMandatory)
        {
            conditions.AddRange(RequirementConditions(position));
        }
        if ((talent.SalaryStrict || position.SalaryStrict) && talent.ExpectedSalaryMin > 0)
        {
            conditions.Add(HardCondition.Salary);
        }
        return new MatchExplanation(talent.Id, position.Id, score, positionView, talentView,
            factors, matched, missing, conditions);
    }

    private static IEnumerable<HardCondition> RequirementConditions(PositionProfile p)
    {
        if (p.MinEducation > EducationLevel.None)
        {
            yield return HardCondition.Education;
        }
        if (p.MinExperienceYears > 0)
        {
            yield return HardCondition.Experience;
        }
        if (p.RequiredTitle > ProfessionalTitleLevel.None)
        {
            yield return HardCondition.ProfessionalTitle;
        }
        if (p.RequiredSkillLevel > SkillLevel.None)
        {
            yield return HardCondition.SkillLevel;
        }
    }

    /// <summary>Every factor's value in [0, 1], indexed by <see cref="MatchFactor"/>.</summary>
    private static void Evaluate(TalentProfile t, PositionProfile p, int day, Span<double> values)
    {
        var (occupation, years) = OccupationFit(t, p.Occupation);
        values[(int)MatchFactor.Occupation] = occupation;
        values[(int)MatchFactor.Skills] = SkillFit(t, p);
        values[(int)MatchFactor.Experience] = p.MinExperienceYears <= 0 ? 1 : Math.Min(1, years / p.MinExperienceYears);
        values[(int)MatchFactor.Education] = StepFit((int)t.Education - (int)p.MinEducation);
        values[(int)MatchFactor.Levels] = LevelFit(t, p);
        values[(int)MatchFactor.Activity] = Decay(day - t.ActiveDay, 30, 365, 0.2);
        values[(int)MatchFactor.Salary] = SalaryFit(t.ExpectedSalaryMin, p.SalaryMax);
        values[(int)MatchFactor.Place] = PlaceFit(t.Residence, p.Region);
        values[(int)MatchFactor.Availability] = AvailabilityFit(t, p);
        values[(int)MatchFactor.Freshness] = Decay(day - p.PostedDay, 7, 90, 0.3);
    }

    /// <summary>
    /// Occupation proximity on the 大典 tree, best over the talent's occupations: same 细类 (or a 小类-level
    /// code containing the other) 1, same 小类 0.75, same 中类 0.45, same 大类 0.2, else 0. Also the
    /// experience years that count: full years in an occupation of the same 小类, half years otherwise.
    /// </summary>
    internal static (double Proximity, double Years) OccupationFit(TalentProfile t, int occupation)
    {
        double best = 0, years = 0;
        for (var i = 0; i < t.Occupations.Length; i++)
        {
            var proximity = Proximity(t.Occupations[i], occupation);
            best = Math.Max(best, proximity);
            years = Math.Max(years, t.OccupationYears[i] * (proximity >= 0.75 ? 1 : 0.5));
        }
        return (best, years);
    }

    /// <summary>Proximity of two occupations that share only a 大类: 大类 4 and 6 each span hundreds of unrelated trades.</summary>
    private const double SameMajor = 0.1;

    internal static double Proximity(int a, int b)
    {
        if (a == b)
        {
            return 1;
        }
        if (MatchCodes.Minor(a) == MatchCodes.Minor(b))
        {
            return a % 100 == 0 || b % 100 == 0 ? 1 : 0.75;
        }
        return MatchCodes.Mid(a) == MatchCodes.Mid(b) ? 0.45 : MatchCodes.Major(a) == MatchCodes.Major(b) ? SameMajor : 0;
    }

    /// <summary>
    /// Skill coverage: 0.75 · required + 0.25 · preferred, each the mean over the position's skills of the
    /// talent's credit for it: 0 when missing, 0.625 at level 1 rising by 0.125 a level to 1 at level 4 and 5.
    /// A position that lists no skills of a kind gives full credit for that kind.
    /// </summary>
    private static double SkillFit(TalentProfile t, PositionProfile p) =>
        (0.75 * Coverage(t, p.RequiredSkills)) + (0.25 * Coverage(t, p.PreferredSkills));

    private static double Coverage(TalentProfile t, int[] wanted)
    {
        if (wanted.Length == 0)
        {
            return 1;
        }
        double credit = 0;
        int i = 0, j = 0;
        while (i < t.Skills.Length && j < wanted.Length)
        {
            var difference = t.Skills[i] - wanted[j];
            if (difference == 0)
            {
                credit += Math.Min(1, 0.5 + (0.125 * t.SkillLevels[i]));
                i++;
                j++;
            }
            else if (difference < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return credit / wanted.Length;
    }

    /// <summary>1 at or above the requirement, 0.5 one step below, 0.2 two steps below, else 0.</summary>
    private static double StepFit(int margin) => margin switch
    {
        >= 0 => 1,
        -1 => 0.5,
        -2 => 0.2,
        _ => 0,
    };

    /// <summary>Mean of the step fits of 职称 and skill level over those the position asks for; 1 when it asks for neither.</summary>
    private static double LevelFit(TalentProfile t, PositionProfile p) => LevelBound(t.Title, t.SkillLevel, p.RequiredTitle, p.RequiredSkillLevel);

    /// <summary>1 up to <paramref name="fresh"/> days, falling linearly to <paramref name="floor"/> at <paramref name="stale"/> days.</summary>
    private static double Decay(int days, int fresh, int stale, double floor)
    {
        if (days <= fresh)
        {
            return 1;
        }
        return days >= stale ? floor : 1 - ((1 - floor) * (days - fresh) / (stale - fresh));
    }

    /// <summary>
    /// The talent's view of the pay: r = the position's monthly maximum (with extra months) over the talent's
    /// expected minimum; 0 at r ≤ 0.6, rising linearly to 1 at r ≥ 1.4 (0.5 when the offer just reaches the
    /// expectation); 0.5 when the talent gave no expectation.
    /// </summary>
    internal static double SalaryFit(int expectedMin, int offeredMax)
    {
        if (expectedMin <= 0)
        {
            return NoExpectation;
        }
        var ratio = (double)offeredMax / expectedMin;
        return Math.Clamp((ratio - 0.6) / 0.8, 0, 1);
    }

    /// <summary>The pay fit of a talent who gave no expectation: neither pleased nor put off.</summary>
    internal const double NoExpectation = 0.5;

    /// <summary>Residence against the position's place: same county 1, same city 0.6, same province 0.3, else 0.1.</summary>
    internal static double PlaceFit(long residence, long region)
    {
        var common = Math.Min(MatchCodes.Length(residence), MatchCodes.Length(region));
        foreach (var (length, value) in PlaceLevels)
        {
            if (common >= length && MatchCodes.Truncate(residence, length) == MatchCodes.Truncate(region, length))
            {
                return value;
            }
        }
        return 0.1;
    }

    private static readonly (int Length, double Value)[] PlaceLevels = [(6, 1), (4, 0.6), (2, 0.3)];

    /// <summary>
    /// The talent's availability: seeking 1, employed (open to offers) 0.6, times the share of the position's
    /// engagement modes the talent offers.
    /// </summary>
    private static double AvailabilityFit(TalentProfile t, PositionProfile p)
    {
        var wanted = System.Numerics.BitOperations.PopCount((uint)p.EngagementMode);
        var offered = System.Numerics.BitOperations.PopCount((uint)(p.EngagementMode & t.Availability));
        var share = wanted == 0 ? 0 : (double)offered / wanted;
        return share * (t.Status == TalentStatus.Seeking ? 1 : 0.6);
    }
}

using TalentBridge.Domain.Matching;
using TalentBridge.Domain.Normalisation;

namespace TalentBridge.Domain.SharedPool;

/// <summary>An admitted expert as the order matcher sees them (the Platform loads only admitted, unexpired experts).</summary>
public sealed record ExpertCandidate(
    long ExpertId,
    long TalentId,
    string Name,
    string RegionCode,
    ServiceModes Modes,
    IReadOnlyList<string> OccupationCodes,
    IReadOnlyList<string> IndustryCodes,
    IReadOnlySet<long> TagIds,
    string Text,
    ProfessionalTitleLevel Title,
    SkillLevel SkillLevel,
    int ActiveEngagements,
    double? Rating);

/// <summary>What an order asks for, as the matcher reads it.</summary>
public sealed record OrderNeed(ServiceModes Mode, string? OccupationCode, string? IndustryCode, IReadOnlySet<long> TagIds, string Text, string RegionCode);

/// <summary>The parts of an expert's fit for an order. Stored by name in proposals' explanations.</summary>
public enum ExpertFactor
{
    /// <summary>Occupation (大典 tree) or industry (GB/T 4754 tree) closeness.</summary>
    Field = 1,
    /// <summary>The order's tags the expert carries and the order's words found in the expert's record.</summary>
    Specialty = 2,
    /// <summary>职称 or skill level.</summary>
    Level = 3,
    /// <summary>Same county, same city.</summary>
    Place = 4,
    /// <summary>Published ratings of past engagements (neutral without any).</summary>
    Rating = 5,
    /// <summary>Fewer running engagements, more time for this one.</summary>
    Load = 6,
}

/// <summary>One factor: its value in [0, 1], its weight and the points it gives; <see cref="Matched"/> names what matched.</summary>
public sealed record ExpertFactorScore(ExpertFactor Factor, double Value, double Weight, double Points, IReadOnlyList<string> Matched);

/// <summary>An expert's fit for an order: the total (0–100) and every factor.</summary>
public sealed record ExpertFit(long ExpertId, double Score, IReadOnlyList<ExpertFactorScore> Factors);

/// <summary>
/// Ranks a pool's admitted experts for an enterprise's order (部门牵线): the expert must offer the order's service mode;
/// the score is a weighted sum of field, specialty, level, place, rating and load, each explained. Ties go to the
/// lower expert id so that a ranking is reproducible.
/// </summary>
public sealed class ExpertMatcher(Segmenter segmenter)
{
    public static readonly IReadOnlyDictionary<ExpertFactor, double> Weights = new Dictionary<ExpertFactor, double>
    {
        [ExpertFactor.Field] = 35,
        [ExpertFactor.Specialty] = 30,
        [ExpertFactor.Level] = 10,
        [ExpertFactor.Place] = 10,
        [ExpertFactor.Rating] = 10,
        [ExpertFactor.Load] = 5,
    };

    /// <summary>The best <paramref name="take"/> experts offering the order's mode, excluding <paramref name="excluded"/>, best first.</summary>
    public IReadOnlyList<ExpertFit> Rank(OrderNeed need, IEnumerable<ExpertCandidate> experts, IReadOnlySet<long> excluded, int take)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(experts);
        ArgumentNullException.ThrowIfNull(excluded);
        var terms = Terms(need.Text);
        return [.. experts.Where(e => (e.Modes & need.Mode) != 0 && !excluded.Contains(e.ExpertId))
            .Select(e => Fit(need, terms, e))
            .OrderByDescending(f => f.Score).ThenBy(f => f.ExpertId)
            .Take(take)];
    }

    /// <summary>The words of an order's text that can match an expert's record: two characters or more, no stop words.</summary>
    public IReadOnlyList<string> Terms(string text) =>
        [.. segmenter.Cut(text ?? "").Select(w => w.Trim()).Where(w => w.Length >= 2 && w.Any(char.IsLetterOrDigit)).Distinct(StringComparer.Ordinal).Take(40)];

    private static ExpertFit Fit(OrderNeed need, IReadOnlyList<string> terms, ExpertCandidate e)
    {
        var (field, fieldMatched) = FieldFit(need, e);
        var tagHits = need.TagIds.Where(e.TagIds.Contains).Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var termHits = terms.Where(t => e.Text.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList();
        var termShare = terms.Count == 0 ? 0 : Math.Min(1, termHits.Count / Math.Min(8.0, terms.Count));
        var specialty = need.TagIds.Count == 0 ? termShare : (0.6 * tagHits.Count / need.TagIds.Count) + (0.4 * termShare);
        var factors = new List<ExpertFactorScore>
        {
            Score(ExpertFactor.Field, field, fieldMatched),
            Score(ExpertFactor.Specialty, specialty, [.. tagHits.Select(t => "tag:" + t), .. termHits]),
            Score(ExpertFactor.Level, Math.Max(TitleValue(e.Title), SkillValue(e.SkillLevel)), []),
            Score(ExpertFactor.Place, PlaceValue(need.RegionCode, e.RegionCode), []),
            Score(ExpertFactor.Rating, e.Rating is { } r ? Math.Clamp((r - 1) / 4, 0, 1) : 0.5, []),
            Score(ExpertFactor.Load, 1.0 / (1 + Math.Max(0, e.ActiveEngagements)), []),
        };
        return new ExpertFit(e.ExpertId, Math.Round(factors.Sum(f => f.Points), 2), factors);
    }

    private static ExpertFactorScore Score(ExpertFactor factor, double value, IReadOnlyList<string> matched) =>
        new(factor, Math.Round(value, 3), Weights[factor], Math.Round(value * Weights[factor], 2), matched);

    /// <summary>
    /// The closer of occupation proximity (as in position matching: same 细类 1, 小类 0.75, 中类 0.45) and industry
    /// proximity (same class or a code containing the other 1, same division 0.7, same section 0.4); an order that names
    /// neither counts as half a fit for everyone, so the other factors decide.
    /// </summary>
    private static (double Value, IReadOnlyList<string> Matched) FieldFit(OrderNeed need, ExpertCandidate e)
    {
        if (string.IsNullOrWhiteSpace(need.OccupationCode) && string.IsNullOrWhiteSpace(need.IndustryCode))
        {
            return (0.5, []);
        }
        double best = 0;
        string? matched = null;
        if (!string.IsNullOrWhiteSpace(need.OccupationCode))
        {
            var wanted = MatchCodes.Occupation(need.OccupationCode);
            foreach (var code in e.OccupationCodes)
            {
                var p = MatchScoring.Proximity(MatchCodes.Occupation(code), wanted);
                if (p > best)
                {
                    (best, matched) = (p, code);
                }
            }
        }
        if (!string.IsNullOrWhiteSpace(need.IndustryCode))
        {
            foreach (var code in e.IndustryCodes)
            {
                var p = IndustryProximity(need.IndustryCode.Trim(), code);
                if (p > best)
                {
                    (best, matched) = (p, code);
                }
            }
        }
        return (best, matched is null ? [] : [matched]);
    }

    /// <summary>GB/T 4754 codes: a section letter, then 2-digit division, 3-digit group, 4-digit class (the letter may be absent).</summary>
    internal static double IndustryProximity(string a, string b)
    {
        a = a.TrimStart('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T');
        b = b.TrimStart('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T');
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        if (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal))
        {
            return 1;
        }
        return a.Length >= 2 && b.Length >= 2 && a[..2] == b[..2] ? 0.7 : 0;
    }

    private static double TitleValue(ProfessionalTitleLevel title) => title switch
    {
        ProfessionalTitleLevel.Senior => 1,
        ProfessionalTitleLevel.AssociateSenior => 0.8,
        ProfessionalTitleLevel.Intermediate => 0.5,
        ProfessionalTitleLevel.Assistant => 0.25,
        ProfessionalTitleLevel.Clerk => 0.1,
        _ => 0,
    };

    private static double SkillValue(SkillLevel level) => level switch
    {
        >= SkillLevel.SeniorTechnician => 1,
        SkillLevel.Technician => 0.8,
        SkillLevel.Senior => 0.5,
        SkillLevel.Intermediate => 0.25,
        SkillLevel.Junior or SkillLevel.Apprentice => 0.1,
        _ => 0,
    };

    /// <summary>Same county 1, same city 0.6, otherwise 0.2 (the pool is the city's, so experts are city-wide).</summary>
    private static double PlaceValue(string orderRegion, string expertRegion) =>
        Prefix(orderRegion, expertRegion, 6) ? 1 : Prefix(orderRegion, expertRegion, 4) ? 0.6 : 0.2;

    private static bool Prefix(string a, string b, int length) =>
        a.Length >= length && b.Length >= length && string.CompareOrdinal(a, 0, b, 0, length) == 0;
}

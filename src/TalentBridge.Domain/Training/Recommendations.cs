using TalentBridge.Domain.Matching;
using TalentBridge.Domain.Pools;

namespace TalentBridge.Domain.Training;

/// <summary>
/// A skill missing from the talent's profile, asked for by some of their best-matched positions (<see cref="PositionIds"/>,
/// of the occupations <see cref="OccupationCodes"/>); <see cref="Weight"/> is the sum of those positions' match scores.
/// </summary>
public sealed record SkillGap(string Skill, double Weight, IReadOnlyList<long> PositionIds, IReadOnlyList<string> OccupationCodes);

/// <summary>A matched position and what completing the programme does to its score.</summary>
public sealed record OpenedPosition(long PositionId, double ScoreBefore, double ScoreAfter);

/// <summary>
/// One recommended programme, with why: the gaps it closes, the positions whose score would reach the threshold
/// (<see cref="Opened"/>), every matched position whose score rises (<see cref="Raised"/>), its cost after the subsidy the
/// talent may have, how near it is held (<see cref="Nearness"/>: same county 1, same city 0.6, same province 0.3,
/// else 0.1, online 1) and its level.
/// </summary>
public sealed record TrainingRecommendation(
    Programme Programme,
    IReadOnlyList<SkillGap> ClosesGaps,
    IReadOnlyList<OpenedPosition> Opened,
    IReadOnlyList<OpenedPosition> Raised,
    double ScoreGain,
    long SubsidyFen,
    long NetCostFen,
    double Nearness);

/// <summary>A talent's training advice: the gaps found in their best matches and the programmes ranked.</summary>
public sealed record TrainingAdvice(double Threshold, int PositionsConsidered, IReadOnlyList<SkillGap> Gaps, IReadOnlyList<TrainingRecommendation> Recommendations);

/// <summary>
/// Skill gaps → programme recommendations (培育, issue 16 item 5). The rule, in order:
/// <list type="number">
/// <item>Gaps: every skill a matched position asks for (required or preferred) that the talent lacks — the missing skills
/// of the match explanation — weighted by the sum of those positions' match scores.</item>
/// <item>Candidates: active programmes that teach at least one gap skill.</item>
/// <item>Effect, not a guess: the talent's record as a completion would leave it (<see cref="TrainingCompletion.Apply"/>)
/// is scored again against every matched position with the matcher's own score. A position is opened when its score
/// was below the threshold and reaches it; the score gain is the sum of the rises.</item>
/// <item>Rank: more positions opened, then the larger score gain, then the lower cost after subsidy, then the nearer
/// place, then the lower level, then the programme id. Programmes that raise no score are left out.</item>
/// </list>
/// </summary>
public static class TrainingRecommender
{
    /// <summary>The score a match must reach to count as open: the matcher's "good fit" band starts here (docs/matching.md).</summary>
    public const double DefaultThreshold = 60;

    public static TrainingAdvice Recommend(Talent talent, IReadOnlyList<PositionProfile> matched, IEnumerable<Programme> programmes, SkillCodes skills,
        DateOnly today, double threshold = DefaultThreshold, int take = 10)
    {
        ArgumentNullException.ThrowIfNull(talent);
        ArgumentNullException.ThrowIfNull(matched);
        ArgumentNullException.ThrowIfNull(programmes);
        ArgumentNullException.ThrowIfNull(skills);
        var profile = MatchProfiles.From(talent, skills);
        var before = matched.Select(p => MatchScoring.Explain(profile, p, today, skills)).ToList();
        var gaps = Gaps(before, matched);
        var gapIds = gaps.ToDictionary(g => skills.Of(g.Skill));

        var recommendations = new List<TrainingRecommendation>();
        foreach (var programme in programmes.Where(p => p.Active))
        {
            var closes = programme.Skills.Select(skills.Of).Distinct().Where(gapIds.ContainsKey).Select(id => gapIds[id]).ToList();
            if (closes.Count == 0)
            {
                continue;
            }
            var trained = MatchProfiles.From(TrainingCompletion.Apply(talent, programme), skills);
            var raised = new List<OpenedPosition>();
            for (var i = 0; i < matched.Count; i++)
            {
                var after = MatchScoring.Explain(trained, matched[i], today, skills).Score;
                if (after > before[i].Score + 1e-9)
                {
                    raised.Add(new OpenedPosition(matched[i].Id, before[i].Score, after));
                }
            }
            if (raised.Count == 0)
            {
                continue;
            }
            var subsidy = programme.SubsidyFor(talent);
            recommendations.Add(new TrainingRecommendation(programme, closes,
                [.. raised.Where(r => r.ScoreBefore < threshold && r.ScoreAfter >= threshold)],
                raised, raised.Sum(r => r.ScoreAfter - r.ScoreBefore), subsidy, programme.CostFen - subsidy,
                programme.Mode == DeliveryMode.Online ? 1 : MatchScoring.PlaceFit(profile.Residence, MatchCodes.Region(programme.RegionCode))));
        }
        var ranked = recommendations
            .OrderByDescending(r => r.Opened.Count)
            .ThenByDescending(r => Math.Round(r.ScoreGain, 6))
            .ThenBy(r => r.NetCostFen)
            .ThenByDescending(r => r.Nearness)
            .ThenBy(r => r.Programme.Level)
            .ThenBy(r => r.Programme.Id)
            .Take(take)
            .ToList();
        return new TrainingAdvice(threshold, matched.Count, gaps, ranked);
    }

    /// <summary>The missing skills of the explanations, heaviest first (then by name), each with the positions that ask for it.</summary>
    public static IReadOnlyList<SkillGap> Gaps(IReadOnlyList<MatchExplanation> explanations, IReadOnlyList<PositionProfile> positions)
    {
        ArgumentNullException.ThrowIfNull(explanations);
        ArgumentNullException.ThrowIfNull(positions);
        var byPosition = positions.ToDictionary(p => p.Id);
        var gaps = new Dictionary<string, (double Weight, List<long> Positions, SortedSet<string> Occupations)>(StringComparer.Ordinal);
        foreach (var e in explanations)
        {
            foreach (var skill in e.MissingSkills.Distinct(StringComparer.Ordinal))
            {
                if (!gaps.TryGetValue(skill, out var gap))
                {
                    gaps[skill] = gap = (0, [], new SortedSet<string>(StringComparer.Ordinal));
                }
                gap.Positions.Add(e.PositionId);
                if (byPosition.TryGetValue(e.PositionId, out var p) && p.Occupation != 0)
                {
                    gap.Occupations.Add(MatchCodes.OccupationText(p.Occupation));
                }
                gaps[skill] = gap with { Weight = gap.Weight + e.Score };
            }
        }
        return [.. gaps.Select(g => new SkillGap(g.Key, g.Value.Weight, g.Value.Positions, [.. g.Value.Occupations]))
            .OrderByDescending(g => Math.Round(g.Weight, 6)).ThenBy(g => g.Skill, StringComparer.Ordinal)];
    }
}

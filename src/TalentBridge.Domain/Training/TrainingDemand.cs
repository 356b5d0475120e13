namespace TalentBridge.Domain.Training;

/// <summary>One talent's gap as stored by the gap run: a skill their best-matched positions of one occupation ask for.</summary>
public sealed record TalentGap(long TalentId, string OccupationCode, string Skill, double Weight);

/// <summary>
/// One row of a region's training-demand table: a skill missing for positions of one occupation, how many of the
/// region's talents lack it (among their best matches), the summed match weight, the occupation's shortage index in the
/// shortage catalogue (null when the catalogue has none), the priority and how many active programmes teach the skill.
/// </summary>
public sealed record TrainingDemandRow(string OccupationCode, string Skill, int Talents, double Weight, double? ShortageIndex, bool Shortage,
    double Priority, int Programmes);

/// <summary>
/// The training-demand table (培训需求表): the frequency of gaps across a region's talents against the shortage catalogue.
/// Priority = talents lacking the skill × shortage index ÷ 100, where an occupation without an index counts at the
/// index's floor, 60 (the catalogue has no evidence that it is short). Rows are ordered by priority, then talents, then
/// occupation code and skill.
/// </summary>
public static class TrainingDemand
{
    /// <summary>The index of an occupation the catalogue does not rank: the bottom of its 60–100 scale.</summary>
    public const double UnrankedIndex = 60;

    /// <summary>
    /// The table of <paramref name="gaps"/> (the region's talents' gaps) against <paramref name="shortage"/> (by occupation
    /// 细类 code: the catalogue's index, null with too few people sought, and its shortage flag);
    /// <paramref name="programmesTeaching"/> counts the active programmes that teach a skill.
    /// </summary>
    public static IReadOnlyList<TrainingDemandRow> Table(IEnumerable<TalentGap> gaps, IReadOnlyDictionary<string, (double? Index, bool Shortage)> shortage,
        Func<string, int> programmesTeaching)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        ArgumentNullException.ThrowIfNull(shortage);
        ArgumentNullException.ThrowIfNull(programmesTeaching);
        var rows = new List<TrainingDemandRow>();
        foreach (var cell in gaps.GroupBy(g => (g.OccupationCode, g.Skill)))
        {
            var talents = cell.Select(g => g.TalentId).Distinct().Count();
            var (index, isShort) = shortage.GetValueOrDefault(cell.Key.OccupationCode);
            rows.Add(new TrainingDemandRow(cell.Key.OccupationCode, cell.Key.Skill, talents, Math.Round(cell.Sum(g => g.Weight), 2), index, isShort,
                Math.Round(talents * (index ?? UnrankedIndex) / 100, 2), programmesTeaching(cell.Key.Skill)));
        }
        return [.. rows.OrderByDescending(r => r.Priority).ThenByDescending(r => r.Talents)
            .ThenBy(r => r.OccupationCode, StringComparer.Ordinal).ThenBy(r => r.Skill, StringComparer.Ordinal)];
    }
}

using TalentBridge.Domain.Competitions;

namespace TalentBridge.Domain.Tests.Competitions;

public class JudgingTests
{
    private static readonly Entry[] Entries = [new(1, 1, 101, 7), new(2, 1, 102, null), new(3, 1, 103, 8)];

    private static readonly Judge[] Judges =
    [
        new(11, "甲", 7, null), new(12, "乙", null, 102), new(13, "丙", null, null), new(14, "丁", 9, null), new(15, "戊", null, null), new(16, "己", null, null),
    ];

    [Fact]
    public void Judges_of_the_entrants_enterprise_their_own_entry_and_declared_conflicts_are_excluded_with_the_reason()
    {
        var exclusions = ConflictOfInterest.Find(Judges, Entries, [new Exclusion(13, 3, ConflictReason.Declared, "师生关系"), new Exclusion(11, 1, ConflictReason.Declared, "同事")]);
        Assert.Equal(
            [new Exclusion(11, 1, ConflictReason.SameEnterprise, null), new Exclusion(12, 2, ConflictReason.OwnEntry, null), new Exclusion(13, 3, ConflictReason.Declared, "师生关系")],
            exclusions);
        Assert.False(ConflictOfInterest.Validate(new Exclusion(13, 3, ConflictReason.Declared, " ")).IsValid);
    }

    [Fact]
    public void With_five_or_more_counted_scores_the_highest_and_lowest_are_dropped()
    {
        // Entry 1: judge 11 is excluded (same enterprise); 12–16 count: 70, 80, 85, 90, 99 → drop 70 and 99 → (80 + 85 + 90) / 3 = 85.
        // Entry 2: judge 12 is excluded (own entry); four count: 60, 61, 62, 64.5 → no trimming → 61.875 → 61.88.
        // Entry 3: only two scores → incomplete.
        JudgeScore[] scores =
        [
            new(11, 1, 100), new(12, 1, 70), new(13, 1, 80), new(14, 1, 85), new(15, 1, 90), new(16, 1, 99),
            new(12, 2, 100), new(13, 2, 60), new(14, 2, 61), new(15, 2, 62), new(16, 2, 64.5m),
            new(14, 3, 90), new(15, 3, 91),
        ];
        var exclusions = ConflictOfInterest.Find(Judges, Entries, []);
        var results = ScoreAggregation.Aggregate(Entries, scores, exclusions);
        Assert.Equal(new EntryScore(1, 85m, 3, 2, false), results[0]);
        Assert.Equal(new EntryScore(2, 61.88m, 4, 0, false), results[1]);
        Assert.Equal(new EntryScore(3, null, 2, 0, true), results[2]);
        Assert.False(ScoreAggregation.Validate(new JudgeScore(1, 1, 100.5m)).IsValid);
        Assert.False(ScoreAggregation.Validate(new JudgeScore(1, 1, 88.125m)).IsValid);
        Assert.True(ScoreAggregation.Validate(new JudgeScore(1, 1, 88.13m)).IsValid);
    }

    [Fact]
    public void Ties_share_a_rank_and_an_award_and_the_places_below_shift_down()
    {
        EntryScore[] scores =
        [
            new(1, 90m, 3, 2, false), new(2, 88m, 3, 2, false), new(3, 88m, 3, 2, false), new(4, 80m, 3, 2, false), new(5, 70m, 3, 2, false),
            new(6, null, 1, 0, true),
        ];
        // One gold, one silver, one bronze: 2 and 3 tie for second (both silver); 4 ranks fourth, beyond bronze's third place.
        var results = TrackResults.Rank(scores, gold: 1, silver: 1, bronze: 1);
        Assert.Equal([1, 2, 2, 4, 5], results.Select(r => r.Rank));
        Assert.Equal([Award.Gold, Award.Silver, Award.Silver, Award.None, Award.None], results.Select(r => r.Award));
        Assert.DoesNotContain(results, r => r.EntryId == 6);
    }
}

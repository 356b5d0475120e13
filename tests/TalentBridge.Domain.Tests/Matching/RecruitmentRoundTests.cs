using TalentBridge.Domain.Matching;
using static TalentBridge.Domain.Tests.Matching.MatchFixture;

namespace TalentBridge.Domain.Tests.Matching;

public class RecruitmentRoundTests
{
    [Fact]
    public void A_round_respects_capacity_and_leaves_no_blocking_pair()
    {
        using var index = NewIndex();
        var talentIds = Talents.Where(t => t.Visibility == TalentVisibility.Public).Take(600).Select(t => t.Id).ToList();
        var positions = Positions.Where(p => p.IsOpenOn(Today)).Take(120).Select(p => (p.Id, p.Headcount)).ToList();
        const int listLength = 15;
        var result = RecruitmentRound.Run(index, talentIds, positions, Today, listLength);

        Assert.Equal(talentIds, result.Assignments.Select(a => a.TalentId));
        Assert.True(result.Filled > 0);
        var held = result.Assignments.Where(a => a.PositionId is not null).GroupBy(a => a.PositionId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (id, seats) in positions)
        {
            Assert.True((held.GetValueOrDefault(id)?.Count ?? 0) <= seats, $"position {id} over capacity");
        }

        // No talent and position prefer each other to what they got (ties go to the earlier talent in the list).
        var day = Today.DayNumber;
        var order = talentIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        foreach (var assignment in result.Assignments)
        {
            var talent = index.FindTalent(assignment.TalentId)!;
            var list = positions
                .Select(p => index.FindPosition(p.Id)!)
                .Where(p => MatchScoring.Violation(talent, p, day) is null)
                .Select(p => (Position: p, Score: MatchScoring.Score(talent, p, day)))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Position.Id).Take(listLength).ToList();
            foreach (var (position, score) in list)
            {
                if (position.Id == assignment.PositionId)
                {
                    break; // everything after is liked less than what the talent holds
                }
                var holders = held.GetValueOrDefault(position.Id) ?? [];
                var seats = positions.Single(p => p.Id == position.Id).Headcount;
                Assert.True(holders.Count >= seats, $"talent {talent.Id} and position {position.Id} block: a seat is free");
                Assert.All(holders, h => Assert.True(h.Score > score || (h.Score == score && order[h.TalentId] < order[talent.Id]),
                    $"talent {talent.Id} and position {position.Id} block: it holds {h.TalentId} at {h.Score} below {score}"));
            }
        }
    }
}

using TalentBridge.Domain.Matching;
using TalentBridge.Domain.Pools;
using static TalentBridge.Domain.Tests.Matching.MatchFixture;

namespace TalentBridge.Domain.Tests.Matching;

public class MatchIndexTests
{
    private static readonly Lazy<MatchIndex> Shared = new(NewIndex);

    private static IEnumerable<long> OpenPositionIds(int count, int seed)
    {
        var random = new Random(seed);
        var open = Positions.Where(p => p.IsOpenOn(Today)).Select(p => p.Id).ToList();
        return Enumerable.Range(0, count).Select(_ => open[random.Next(open.Count)]);
    }

    private static IEnumerable<long> VisibleTalentIds(int count, int seed)
    {
        var random = new Random(seed);
        var visible = Talents.Where(t => t.Visibility == TalentVisibility.Public && t.Status != TalentStatus.Inactive).Select(t => t.Id).ToList();
        return Enumerable.Range(0, count).Select(_ => visible[random.Next(visible.Count)]);
    }

    [Fact]
    public void The_index_returns_exactly_the_exhaustive_ranking_in_both_directions()
    {
        var index = Shared.Value;
        foreach (var id in OpenPositionIds(150, 1))
        {
            var fast = index.TalentsFor(id, 20, Today);
            var full = index.TalentsForExhaustive(id, 20, Today);
            Assert.Equal(full.Results.Select(r => (r.Id, r.Score)), fast.Results.Select(r => (r.Id, r.Score)));
            Assert.True(fast.Scored <= full.Scored);
        }
        foreach (var id in VisibleTalentIds(150, 2))
        {
            var fast = index.PositionsFor(id, 20, Today, exposureAware: false);
            var full = index.PositionsForExhaustive(id, 20, Today);
            Assert.Equal(full.Results.Select(r => (r.Id, r.Score)), fast.Results.Select(r => (r.Id, r.Score)));
        }
    }

    [Fact]
    public void Results_are_ordered_never_violate_hard_conditions_and_explain_themselves()
    {
        var index = Shared.Value;
        var talents = Talents.ToDictionary(t => t.Id);
        var positions = Positions.ToDictionary(p => p.Id);
        foreach (var id in OpenPositionIds(60, 3))
        {
            var list = index.TalentsFor(id, 20, Today);
            Assert.True(list.Found);
            Assert.Null(list.Blocked);
            var position = positions[id];
            Assert.Equal(list.Results.OrderByDescending(r => r.Score).ThenBy(r => r.Id).Select(r => r.Id), list.Results.Select(r => r.Id));
            foreach (var result in list.Results)
            {
                var talent = talents[result.Id];
                Assert.Equal(TalentVisibility.Public, talent.Visibility);
                Assert.NotEqual(TalentStatus.Inactive, talent.Status);
                Assert.NotEqual(EngagementModes.None, talent.Availability & position.EngagementMode);
                if (position.RequirementsMandatory)
                {
                    Assert.True(talent.Education >= position.MinEducation);
                    Assert.True(talent.ExperienceYears >= position.MinExperienceYears);
                }
                Assert.Equal(result.Score, result.Explanation.Factors.Sum(f => f.Points), 9);
                // The other direction gives the same pair score.
                var other = MatchScoring.Explain(index.FindTalent(result.Id)!, index.FindPosition(id)!, Today, index.Skills);
                Assert.Equal(result.Score, other.Score, 12);
            }
        }
    }

    [Fact]
    public void Both_directions_agree_on_the_pair_score()
    {
        var index = Shared.Value;
        foreach (var talentId in VisibleTalentIds(40, 4))
        {
            foreach (var match in index.PositionsFor(talentId, 10, Today, exposureAware: false).Results)
            {
                var back = index.TalentsForExhaustive(match.Id, 2000, Today).Results.Single(r => r.Id == talentId);
                Assert.Equal(match.Score, back.Score, 12);
            }
        }
    }

    [Fact]
    public void Unknown_closed_and_hidden_subjects_say_so()
    {
        var index = Shared.Value;
        Assert.False(index.TalentsFor(999_999, 20, Today).Found);
        Assert.False(index.PositionsFor(999_999, 20, Today, true).Found);
        var closed = Positions.First(p => !p.IsOpenOn(Today));
        Assert.Equal(HardCondition.PositionOpen, index.TalentsFor(closed.Id, 20, Today).Blocked);
        var hidden = Talents.First(t => t.Visibility == TalentVisibility.Hidden);
        Assert.Equal(HardCondition.TalentVisible, index.PositionsFor(hidden.Id, 20, Today, false).Blocked);
    }

    [Fact]
    public void Changes_are_matchable_at_once_and_removals_disappear()
    {
        using var index = NewIndex();
        var position = Positions.First(p => p.IsOpenOn(Today));
        var star = BaseTalent with
        {
            Id = 900_001,
            ResidenceRegionCode = position.RegionCode,
            WorkRegionCodes = [position.RegionCode],
            Occupations = [new TalentOccupation(position.OccupationCode, 20)],
            Skills = [.. position.RequiredSkills.Concat(position.PreferredSkills).Select(s => new TalentSkill(s, 5))],
            Education = EducationLevel.Doctorate,
            ProfessionalTitle = ProfessionalTitleLevel.Senior,
            SkillLevel = SkillLevel.ChiefTechnician,
            ExpectedSalaryMin = 3000,
            ExpectedSalaryMax = 3500,
            Availability = position.EngagementMode,
        };
        index.Upsert(MatchProfiles.From(star, index.Skills));
        Assert.Equal(star.Id, index.TalentsFor(position.Id, 20, Today).Results[0].Id);

        index.Upsert(MatchProfiles.From(star with { Visibility = TalentVisibility.Hidden }, index.Skills));
        Assert.DoesNotContain(index.TalentsFor(position.Id, 20, Today).Results, r => r.Id == star.Id);

        index.Upsert(MatchProfiles.From(star, index.Skills));
        index.RemoveTalent(star.Id);
        Assert.DoesNotContain(index.TalentsFor(position.Id, 20, Today).Results, r => r.Id == star.Id);
        Assert.Null(index.FindTalent(star.Id));

        index.Upsert(MatchProfiles.From(position with { Status = PositionStatus.Closed }, EnterpriseSize.Small, index.Skills));
        Assert.Equal(HardCondition.PositionOpen, index.TalentsFor(position.Id, 20, Today).Blocked);
        Assert.Equal(index.TalentsForExhaustive(position.Id, 20, Today).Blocked, HardCondition.PositionOpen);
    }

    [Fact]
    public void Exposure_aware_lists_spread_recommendations_over_more_positions()
    {
        using var plain = NewIndex();
        using var aware = NewIndex();
        var talents = VisibleTalentIds(800, 5).Distinct().ToList();
        var shownPlain = new HashSet<long>();
        var shownAware = new HashSet<long>();
        foreach (var id in talents)
        {
            shownPlain.UnionWith(plain.PositionsFor(id, 10, Today, exposureAware: false).Results.Select(r => r.Id));
            var list = aware.PositionsFor(id, 10, Today, exposureAware: true);
            aware.AddImpressions(list.Results.Select(r => r.Id), Today);
            shownAware.UnionWith(list.Results.Select(r => r.Id));
            Assert.Equal(list.Results.OrderByDescending(r => r.RankScore).ThenBy(r => r.Id).Select(r => r.Id), list.Results.Select(r => r.Id));
            Assert.All(list.Results, r => Assert.InRange(r.ExposureBonus, -MatchIndex.MaxExposurePenalty, MatchIndex.MaxExposureBonus));
        }
        Assert.True(shownAware.Count > shownPlain.Count, $"exposure-aware showed {shownAware.Count} positions, plain {shownPlain.Count}");
        Assert.True(aware.ImpressionsOf(shownAware.First()) > 0);
        Assert.Equal(0, plain.ImpressionsOf(shownPlain.First()));
    }

    [Fact]
    public void Impressions_halve_each_day_and_tiny_ones_are_forgotten()
    {
        using var index = NewIndex();
        index.SetImpressions(7, 4, Today);
        index.AddImpressions([7, 8], Today);
        Assert.Equal(5, index.ImpressionsOf(7));
        index.AgeImpressions(Today.AddDays(1));
        Assert.Equal(2.5, index.ImpressionsOf(7));
        Assert.Equal(0.5, index.ImpressionsOf(8));
        index.AgeImpressions(Today.AddDays(1));
        Assert.Equal(2.5, index.ImpressionsOf(7));
        index.AgeImpressions(Today.AddDays(6));
        Assert.Equal(0, index.ImpressionsOf(8));
        Assert.Equal(2.5 / 32, index.ImpressionsOf(7));
        Assert.Equal(0.25, MatchIndex.ImpressionWeight(Today.AddDays(-2), Today));
    }

    [Fact]
    public void A_talents_own_impressions_do_not_change_their_list()
    {
        using var index = NewIndex();
        var talent = VisibleTalentIds(50, 6).First(id => index.PositionsFor(id, 5, Today, exposureAware: false).Results.Count == 5);
        var first = index.PositionsFor(talent, 5, Today, exposureAware: true);
        var own = new Dictionary<long, double>();
        for (var load = 0; load < 7; load++)
        {
            var shown = index.PositionsFor(talent, 5, Today, exposureAware: true, own).Results.Select(r => r.Id).ToList();
            // As the platform records them: one impression per talent, position and day, however often the page loads.
            foreach (var id in shown.Where(id => !own.ContainsKey(id)))
            {
                own[id] = 1;
                index.AddImpressions([id], Today);
            }
        }
        var again = index.PositionsFor(talent, 5, Today, exposureAware: true, own);
        Assert.Equal(first.Results.Select(r => (r.Id, r.ExposureBonus)), again.Results.Select(r => (r.Id, r.ExposureBonus)));
        // Someone else sees the impressions.
        Assert.All(first.Results, r => Assert.True(index.ImpressionsOf(r.Id) >= 1));
    }
}

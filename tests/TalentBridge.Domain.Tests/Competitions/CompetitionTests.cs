using TalentBridge.Domain.Competitions;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.Tests.Competitions;

public class CompetitionTests
{
    private static readonly Track Lathe = new() { Name = "数控车", Criteria = [new("工艺", 40), new("精度", 60)], Gold = 1, Silver = 1, Bronze = 1 };

    [Fact]
    public void A_sheet_gives_each_criterion_up_to_its_maximum_and_the_score_is_their_sum()
    {
        var (total, errors) = Lathe.Score([36.5m, 52m]);
        Assert.True(errors.IsValid);
        Assert.Equal(88.5m, total);
        var refused = Lathe.Score([41m, 30.555m]).Errors.ToDictionary();
        Assert.True(refused.ContainsKey("points[0]") && refused.ContainsKey("points[1]"));
        Assert.False(Lathe.Score([40m]).Errors.IsValid);
    }

    [Fact]
    public void Criteria_must_add_up_to_100_with_different_names()
    {
        Assert.True(Lathe.Validate().IsValid);
        Assert.False((Lathe with { Criteria = [new("工艺", 40), new("精度", 50)] }).Validate().IsValid);
        Assert.False((Lathe with { Criteria = [new("工艺", 50), new("工艺", 50)] }).Validate().IsValid);
        Assert.False((Lathe with { Criteria = [] }).Validate().IsValid);
    }

    [Theory]
    [InlineData(CompetitionState.Draft, false, null)]
    [InlineData(CompetitionState.Open, false, null)]
    [InlineData(CompetitionState.Open, true, "track")]
    [InlineData(CompetitionState.Judging, false, "state")]
    [InlineData(CompetitionState.Published, true, "state")]
    public void A_track_changes_while_a_draft_or_open_and_not_scored(CompetitionState state, bool scored, string? refusedField)
    {
        var errors = Track.ChangeRefusals(state, scored).ToDictionary();
        Assert.Equal(refusedField is null, errors.Count == 0);
        Assert.True(refusedField is null || errors.ContainsKey(refusedField));
    }

    [Fact]
    public void A_judge_who_has_scored_is_removed_only_with_a_reason_and_never_after_publishing()
    {
        Assert.True(JudgeRemoval.Refusals(CompetitionState.Judging, 0, null).IsValid);
        Assert.True(JudgeRemoval.Refusals(CompetitionState.Judging, 3, null).ToDictionary().ContainsKey("reason"));
        Assert.True(JudgeRemoval.Refusals(CompetitionState.Judging, 3, " ").ToDictionary().ContainsKey("reason"));
        Assert.True(JudgeRemoval.Refusals(CompetitionState.Judging, 3, "利益关系").IsValid);
        Assert.True(JudgeRemoval.Refusals(CompetitionState.Judging, 1, new string('x', JudgeRemoval.MaxReason + 1)).ToDictionary().ContainsKey("reason"));
        Assert.True(JudgeRemoval.Refusals(CompetitionState.Published, 0, "x").ToDictionary().ContainsKey("state"));
    }

    [Fact]
    public void Steps_follow_the_rules_and_a_refusal_names_the_action_and_the_state()
    {
        Assert.Equal(CompetitionState.Open, CompetitionSteps.Next(CompetitionState.Draft, CompetitionAction.OpenEntry).To);
        Assert.Equal(CompetitionState.Open, CompetitionSteps.Next(CompetitionState.Judging, CompetitionAction.OpenEntry).To);
        Assert.Equal(CompetitionState.Published, CompetitionSteps.Next(CompetitionState.Judging, CompetitionAction.Publish).To);
        Assert.Equal("cannot publish results a competition that is open for entries",
            CompetitionSteps.Next(CompetitionState.Open, CompetitionAction.Publish).Error);
        Assert.Empty(CompetitionSteps.Actions(CompetitionState.Published));
    }

    [Fact]
    public void An_award_becomes_a_certificate_line_and_a_competition_evidence_item()
    {
        var competition = new Competition
        {
            Name = "丽水工匠大赛", Organiser = "丽水市人社局", RegionCode = "3311", Level = RecognitionLevel.City,
            EntryFrom = new DateOnly(2026, 3, 1), EntryUntil = new DateOnly(2026, 4, 1), FinalOn = new DateOnly(2026, 5, 1),
        };
        var result = new EntryResult(7, 2, 86m, Award.Silver);
        Assert.Equal("2026 丽水工匠大赛·数控车 银奖（第2名）", AwardEvidence.Line(competition, "数控车", result));
        var item = AwardEvidence.Item(competition, "数控车", result);
        Assert.True(new AdmissionEvidence { Items = [item] }.Validate(new DateOnly(2026, 12, 1)).IsValid);
        Assert.Equal((EvidenceKind.Competition, RecognitionLevel.City, 2, 2026), (item.Kind, item.Level!.Value, item.Placing!.Value, item.Year!.Value));
        Assert.False((competition with { FinalOn = new DateOnly(2026, 3, 15) }).Validate(ReferenceData.Load()).IsValid);
    }
}

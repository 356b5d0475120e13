using System.Globalization;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Domain.TitleReview;

namespace TalentBridge.Domain.Tests.TitleReview;

/// <summary>The 职称 review's rules: the flow, the notice periods in working days, conflicts of interest, the ballot and the certificate code.</summary>
public sealed class TitleReviewRuleTests
{
    private static readonly TitleReviewRules Rules = TitleReviewRules.National;
    private static readonly StateMachine<TitleReviewState, TitleReviewAction> Flow = TitleReviewFlow.Machine;

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TitleReviewRules WithPass(bool inclusive) => Rules with { Pass = Rules.Pass with { Inclusive = inclusive } };

    [Fact]
    public void The_shipped_rules_load_with_their_sources_and_say_which_figures_were_not_confirmed()
    {
        Assert.Equal("national-2019", Rules.Key);
        Assert.Equal(5, Rules.EmployerPublicity.WorkingDays);
        Assert.Equal(5, Rules.ResultNotice.WorkingDays);
        Assert.Equal((2, 3, true), (Rules.Quorum.Numerator, Rules.Quorum.Denominator, Rules.Quorum.Inclusive));
        Assert.Equal((2, 3), (Rules.Pass.Numerator, Rules.Pass.Denominator));
        Assert.False(Rules.Quorum.Source.Confirmed);
        Assert.Contains("第40号", Rules.Quorum.Source.Document, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Rules.Quorum.Source.Note));
        Assert.True(Rules.EmployerPublicity.Source.Confirmed);
    }

    [Fact]
    public void A_rules_document_with_broken_figures_is_refused_with_the_json_path()
    {
        var (rules, errors) = TitleReviewRules.Parse("""
            { "key": "x", "name": { "zh": "x", "en": "x" }, "effectiveFrom": "2020-01-01",
              "employerPublicity": { "workingDays": 0, "source": { "document": "d", "confirmed": false, "note": "n" } },
              "resultNotice": { "workingDays": 5, "source": { "document": "d", "confirmed": true } },
              "quorum": { "numerator": 4, "denominator": 3, "inclusive": true, "source": { "document": "d", "confirmed": false, "note": "n" } },
              "pass": { "numerator": 2, "denominator": 3, "inclusive": true, "source": { "document": "d", "confirmed": false, "note": "n" } },
              "panel": { "minExperts": 3, "minScore": 50, "maxScore": 40, "source": { "document": "d", "confirmed": false, "note": "n" } } }
            """);
        Assert.Null(rules);
        var fields = errors.ToDictionary().Keys;
        Assert.Contains("employerPublicity.workingDays", fields);
        Assert.Contains("resultNotice.source.url", fields);
        Assert.Contains("quorum.numerator", fields);
        Assert.Contains("panel.maxScore", fields);
        var (_, unknown) = TitleReviewRules.Parse("""{ "key": "x", "bogus": 1 }""");
        Assert.Contains("bogus", unknown.ToDictionary().Keys);
    }

    [Theory]
    // 9 members present: two thirds is exactly 6.
    [InlineData(9, 6, true, true)]
    [InlineData(9, 5, true, false)]
    [InlineData(9, 6, false, false)]
    [InlineData(9, 7, false, true)]
    // 10 present: two thirds is 6.67, so 7 is needed either way.
    [InlineData(10, 6, true, false)]
    [InlineData(10, 7, true, true)]
    [InlineData(10, 7, false, true)]
    public void The_pass_rule_is_exact_at_two_thirds_of_the_members_present(int present, int yes, bool inclusive, bool passes)
    {
        var tally = new BallotTally(Members: 11, Present: present, Yes: yes, No: present - yes, Abstain: 0);
        Assert.Equal(passes ? BallotOutcome.Passed : BallotOutcome.Failed, BallotRule.Decide(WithPass(inclusive), tally));
    }

    [Fact]
    public void Needed_yes_votes_follow_the_same_arithmetic()
    {
        Assert.Equal(6, Rules.Pass.Needed(9));
        Assert.Equal(7, WithPass(false).Pass.Needed(9));
        Assert.Equal(7, Rules.Pass.Needed(10));
        Assert.Equal(1, Rules.Pass.Needed(1));
    }

    [Theory]
    [InlineData(15, 10, true)]   // exactly two thirds of 15
    [InlineData(15, 9, false)]
    [InlineData(9, 6, true)]
    [InlineData(9, 5, false)]
    [InlineData(9, 10, false)]   // more present than members is nonsense
    [InlineData(0, 0, false)]
    public void The_quorum_needs_two_thirds_of_the_committee_present(int members, int present, bool quorum) =>
        Assert.Equal(quorum, BallotRule.HasQuorum(Rules, members, present));

    [Fact]
    public void A_ballot_without_quorum_or_with_votes_missing_has_no_outcome()
    {
        Assert.Equal(BallotOutcome.NoQuorum, BallotRule.Decide(Rules, new BallotTally(15, 9, 9, 0, 0)));
        Assert.Equal(BallotOutcome.Incomplete, BallotRule.Decide(Rules, new BallotTally(15, 10, 6, 2, 0)));
        // Abstentions count as present and not as yes.
        Assert.Equal(BallotOutcome.Failed, BallotRule.Decide(Rules, new BallotTally(15, 12, 7, 0, 5)));
        Assert.Equal(BallotOutcome.Passed, BallotRule.Decide(Rules, new BallotTally(15, 12, 8, 0, 4)));
    }

    [Fact]
    public void A_notice_counts_working_days_after_the_day_of_posting()
    {
        var week = NoticePeriod.Start(D("2026-06-08"), 5, WorkCalendar.China);
        Assert.Equal((D("2026-06-09"), D("2026-06-15")), (week.FirstDay, week.LastDay));
        Assert.False(week.IsOver(D("2026-06-15")));
        Assert.True(week.IsOver(D("2026-06-16")));
        Assert.True(week.TakesObjections(D("2026-06-15")));
        Assert.False(week.TakesObjections(D("2026-06-16")));
    }

    [Fact]
    public void A_notice_over_national_day_skips_the_holidays_and_counts_the_adjusted_saturday()
    {
        // Posted on 30 September 2026: 1–7 October are holidays, Saturday 10 October is a working day (调休).
        var notice = NoticePeriod.Start(D("2026-09-30"), 5, WorkCalendar.China);
        Assert.Equal(D("2026-10-08"), notice.FirstDay);
        Assert.Equal(D("2026-10-13"), notice.LastDay);
    }

    [Fact]
    public void Recommending_and_certifying_wait_for_the_whole_notice_and_for_every_objection()
    {
        var publicity = NoticePeriod.Start(D("2026-06-08"), 5, WorkCalendar.China);
        TitleReviewFacts Facts(string today, int objections) => new(D(today), publicity, publicity, objections, 3, 0);
        Assert.Contains("2026-06-15", TitleReviewGuards.Check(TitleReviewAction.Recommend, Facts("2026-06-15", 0), Rules), StringComparison.Ordinal);
        Assert.Null(TitleReviewGuards.Check(TitleReviewAction.Recommend, Facts("2026-06-16", 0), Rules));
        Assert.Equal("has 1 unresolved objections", TitleReviewGuards.Check(TitleReviewAction.Certify, Facts("2026-06-20", 1), Rules));
        Assert.Null(TitleReviewGuards.Check(TitleReviewAction.Certify, Facts("2026-06-20", 0), Rules));
        Assert.Equal("needs a public notice first", TitleReviewGuards.Check(TitleReviewAction.Certify, new TitleReviewFacts(D("2026-06-20"), null, null, 0, 3, 0), Rules));
    }

    [Fact]
    public void Scoring_closes_only_with_a_full_panel_that_has_scored()
    {
        TitleReviewFacts Facts(int experts, int missing) => new(D("2026-06-20"), null, null, 0, experts, missing);
        Assert.Equal("needs a panel of at least 3 experts", TitleReviewGuards.Check(TitleReviewAction.CloseScoring, Facts(2, 0), Rules));
        Assert.Equal("waits for 1 panel scores", TitleReviewGuards.Check(TitleReviewAction.CloseScoring, Facts(3, 1), Rules));
        Assert.Null(TitleReviewGuards.Check(TitleReviewAction.CloseScoring, Facts(3, 0), Rules));
    }

    [Fact]
    public void Each_step_belongs_to_one_side_and_final_states_take_no_step()
    {
        Assert.Equal(TitleReviewState.EmployerPublicity, Flow.Next(TitleReviewState.EmployerReview, TitleReviewAction.StartPublicity, FlowActor.Enterprise).To);
        Assert.Equal("only the enterprise may start publicity an application for title review",
            Flow.Next(TitleReviewState.EmployerReview, TitleReviewAction.StartPublicity, FlowActor.Talent).Error);
        Assert.Equal("only the operator may assign panel an application for title review",
            Flow.Next(TitleReviewState.PanelAssignment, TitleReviewAction.AssignPanel, FlowActor.Enterprise).Error);
        Assert.False(Flow.Next(TitleReviewState.EmployerReview, TitleReviewAction.Recommend, FlowActor.Enterprise).Allowed);
        Assert.False(Flow.Next(TitleReviewState.Voting, TitleReviewAction.Withdraw, FlowActor.Talent).Allowed);
        Assert.Equal(TitleReviewState.Passed, Flow.Next(TitleReviewState.Voting, TitleReviewAction.Pass, FlowActor.System).To);
        Assert.Equal(TitleReviewState.Rejected, Flow.Next(TitleReviewState.Voting, TitleReviewAction.Fail, FlowActor.System).To);
        Assert.Equal(TitleReviewState.Revoked, Flow.Next(TitleReviewState.Certified, TitleReviewAction.Revoke, FlowActor.Operator).To);
        foreach (var final in Flow.Final)
        {
            Assert.DoesNotContain(Flow.Rules, r => r.From == final);
        }
        // Every state but the final ones has a way on.
        Assert.All(Enum.GetValues<TitleReviewState>().Where(s => !Flow.Final.Contains(s)), s => Assert.Contains(Flow.Rules, r => r.From == s));
        Assert.True(TitleReviewFlow.TakesObjections(TitleReviewState.ResultNotice));
        Assert.False(TitleReviewFlow.TakesObjections(TitleReviewState.Voting));
    }

    [Fact]
    public void Experts_tied_to_the_applicant_are_excluded_with_every_reason()
    {
        var applicant = new ApplicantTies(TalentId: 7, EmployerId: 100, RefereeExpertIds: [3], RelatedExpertIds: [4]);
        Assert.Empty(ConflictOfInterest.Reasons(applicant, new PanelCandidate(1, 50, 200)));
        Assert.Empty(ConflictOfInterest.Reasons(applicant, new PanelCandidate(1, null, null)));
        Assert.Equal([ConflictReason.SameEmployer], ConflictOfInterest.Reasons(applicant, new PanelCandidate(2, 51, 100)));
        Assert.Equal([ConflictReason.Referee], ConflictOfInterest.Reasons(applicant, new PanelCandidate(3, 52, 200)));
        Assert.Equal([ConflictReason.DeclaredRelation], ConflictOfInterest.Reasons(applicant, new PanelCandidate(4, 53, null)));
        Assert.Equal([ConflictReason.Applicant, ConflictReason.SameEmployer], ConflictOfInterest.Reasons(applicant, new PanelCandidate(5, 7, 100)));
        // An applicant without an employer shares none with an expert without one.
        Assert.Empty(ConflictOfInterest.Reasons(applicant with { EmployerId = null }, new PanelCandidate(6, 54, null)));
    }

    [Fact]
    public void A_verification_code_round_trips_and_any_single_mistyped_character_is_caught()
    {
        var random = new Random(7);
        for (var n = 0; n < 200; n++)
        {
            var bytes = new byte[VerificationCode.RandomBytes];
            random.NextBytes(bytes);
            var code = VerificationCode.Create(bytes);
            Assert.Equal(17, code.Length);
            Assert.Equal(code, VerificationCode.Normalise(VerificationCode.Display(code).ToLowerInvariant()));
            for (var i = 0; i < code.Length; i++)
            {
                foreach (var c in VerificationCode.Alphabet.Where(c => c != code[i]))
                {
                    Assert.Null(VerificationCode.Normalise(code[..i] + c + code[(i + 1)..]));
                }
            }
        }
        Assert.Null(VerificationCode.Normalise("ABC"));
        Assert.Null(VerificationCode.Normalise("UUUUUUUUUUUUUUUUU"));
        Assert.Null(VerificationCode.Normalise(null));
    }

    [Fact]
    public void Codes_from_different_bytes_differ_and_use_all_eighty_bits()
    {
        var zero = VerificationCode.Create(new byte[10]);
        var last = new byte[10];
        last[9] = 1;
        Assert.NotEqual(zero, VerificationCode.Create(last));
        Assert.Equal("0000000000000000", zero[..16]);
        Assert.Throws<ArgumentException>(() => VerificationCode.Create(new byte[9]));
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张三丰", "张*丰")]
    [InlineData("欧阳娜娜", "欧**娜")]
    [InlineData("Anna", "A***")]
    [InlineData("王", "*")]
    public void The_holders_name_is_masked_on_the_public_page(string name, string masked) => Assert.Equal(masked, HolderName.Mask(name));
}

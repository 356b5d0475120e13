using TalentBridge.Domain.Flow;

namespace TalentBridge.Domain.TitleReview;

/// <summary>Where an application for a professional title (职称评审申报) stands. Stored as these numbers.</summary>
public enum TitleReviewState
{
    /// <summary>Applied; the employer (单位) reviews the materials.</summary>
    EmployerReview = 0,
    /// <summary>The employer publishes the application inside the unit (不少于5个工作日的公示).</summary>
    EmployerPublicity = 1,
    /// <summary>Recommended by the employer; the review body checks eligibility (评审机构审核).</summary>
    EligibilityCheck = 2,
    /// <summary>Eligible; an expert panel (评议组) is to be assigned.</summary>
    PanelAssignment = 3,
    /// <summary>The panel's experts score the applicant.</summary>
    PanelReview = 4,
    /// <summary>Scored; waiting for the committee's meeting (评委会表决).</summary>
    AwaitingBallot = 5,
    /// <summary>The committee is voting by secret ballot.</summary>
    Voting = 6,
    /// <summary>The ballot passed; the bureau's acceptance (验收) is due.</summary>
    Passed = 7,
    /// <summary>Accepted and publicly noticed; objections may be raised until the notice ends.</summary>
    ResultNotice = 8,
    /// <summary>The e-certificate was issued.</summary>
    Certified = 9,
    /// <summary>The employer did not recommend the application.</summary>
    NotRecommended = 10,
    /// <summary>The review body found the applicant not eligible.</summary>
    Ineligible = 11,
    /// <summary>The ballot failed, or an upheld objection ended the application.</summary>
    Rejected = 12,
    Withdrawn = 13,
    /// <summary>The certificate was revoked (e.g. after fraud came to light).</summary>
    Revoked = 14,
}

public enum TitleReviewAction
{
    StartPublicity = 1,
    Recommend = 2,
    Decline = 3,
    ConfirmEligibility = 4,
    RefuseEligibility = 5,
    AssignPanel = 6,
    CloseScoring = 7,
    OpenBallot = 8,
    /// <summary>The tally of a closed ballot passed (taken by the platform when the operator closes the ballot).</summary>
    Pass = 9,
    /// <summary>The tally of a closed ballot failed.</summary>
    Fail = 10,
    Accept = 11,
    Certify = 12,
    /// <summary>An upheld objection ends the application during the result notice.</summary>
    Reject = 13,
    Withdraw = 14,
    Revoke = 15,
}

/// <summary>
/// The 职称 review as a state machine (seed 001 appendix 五 评审程序): apply → employer review and publicity → eligibility
/// check → expert panel → committee ballot → acceptance and notice → e-certificate. The applicant withdraws before the
/// committee meets; the employer (its users, or an operator for it) reviews, publishes and recommends; the bureau's
/// operator does the rest; the ballot's outcome is the platform's (<see cref="BallotRule"/>). Guards that need more than
/// the state (a period over, objections open, panel complete) are the named rules of <see cref="TitleReviewGuards"/>.
/// </summary>
public static class TitleReviewFlow
{
    public static StateMachine<TitleReviewState, TitleReviewAction> Machine { get; } = new("application for title review",
    [
        .. FlowRules.From(TitleReviewAction.StartPublicity, FlowActor.Enterprise, TitleReviewState.EmployerPublicity, TitleReviewState.EmployerReview),
        .. FlowRules.From(TitleReviewAction.Recommend, FlowActor.Enterprise, TitleReviewState.EligibilityCheck, TitleReviewState.EmployerPublicity),
        .. FlowRules.From(TitleReviewAction.Decline, FlowActor.Enterprise, TitleReviewState.NotRecommended, TitleReviewState.EmployerReview, TitleReviewState.EmployerPublicity),
        .. FlowRules.From(TitleReviewAction.ConfirmEligibility, FlowActor.Operator, TitleReviewState.PanelAssignment, TitleReviewState.EligibilityCheck),
        .. FlowRules.From(TitleReviewAction.RefuseEligibility, FlowActor.Operator, TitleReviewState.Ineligible, TitleReviewState.EligibilityCheck),
        .. FlowRules.From(TitleReviewAction.AssignPanel, FlowActor.Operator, TitleReviewState.PanelReview, TitleReviewState.PanelAssignment),
        .. FlowRules.From(TitleReviewAction.CloseScoring, FlowActor.Operator, TitleReviewState.AwaitingBallot, TitleReviewState.PanelReview),
        .. FlowRules.From(TitleReviewAction.OpenBallot, FlowActor.Operator, TitleReviewState.Voting, TitleReviewState.AwaitingBallot),
        .. FlowRules.From(TitleReviewAction.Pass, FlowActor.System, TitleReviewState.Passed, TitleReviewState.Voting),
        .. FlowRules.From(TitleReviewAction.Fail, FlowActor.System, TitleReviewState.Rejected, TitleReviewState.Voting),
        .. FlowRules.From(TitleReviewAction.Accept, FlowActor.Operator, TitleReviewState.ResultNotice, TitleReviewState.Passed),
        .. FlowRules.From(TitleReviewAction.Certify, FlowActor.Operator, TitleReviewState.Certified, TitleReviewState.ResultNotice),
        .. FlowRules.From(TitleReviewAction.Reject, FlowActor.Operator, TitleReviewState.Rejected, TitleReviewState.ResultNotice),
        .. FlowRules.From(TitleReviewAction.Withdraw, FlowActor.Talent, TitleReviewState.Withdrawn, TitleReviewState.EmployerReview, TitleReviewState.EmployerPublicity,
            TitleReviewState.EligibilityCheck, TitleReviewState.PanelAssignment, TitleReviewState.PanelReview, TitleReviewState.AwaitingBallot),
        .. FlowRules.From(TitleReviewAction.Revoke, FlowActor.Operator, TitleReviewState.Revoked, TitleReviewState.Certified),
    ], new HashSet<TitleReviewState>
    {
        TitleReviewState.NotRecommended, TitleReviewState.Ineligible, TitleReviewState.Rejected, TitleReviewState.Withdrawn, TitleReviewState.Revoked,
    });

    /// <summary>The actions that need a reason (a refusal, a rejection, a revocation, a withdrawal).</summary>
    public static bool NeedsReason(TitleReviewAction action) => action is TitleReviewAction.Decline or TitleReviewAction.RefuseEligibility
        or TitleReviewAction.Reject or TitleReviewAction.Revoke or TitleReviewAction.Withdraw;

    /// <summary>States in which objections may be raised: during the employer's publicity and the result notice.</summary>
    public static bool TakesObjections(TitleReviewState state) => state is TitleReviewState.EmployerPublicity or TitleReviewState.ResultNotice;
}

/// <summary>What the guards of a step need to know about an application besides its state.</summary>
public sealed record TitleReviewFacts(
    DateOnly Today,
    NoticePeriod? EmployerPublicity,
    NoticePeriod? ResultNotice,
    int OpenObjections,
    int PanelExperts,
    int ScoresMissing);

/// <summary>The rules a step must keep besides the state machine's, each one small and named; errors name the rule.</summary>
public static class TitleReviewGuards
{
    /// <summary>The first broken guard of <paramref name="action"/>, or null when the step may be taken.</summary>
    public static string? Check(TitleReviewAction action, TitleReviewFacts facts, TitleReviewRules rules)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rules);
        return action switch
        {
            TitleReviewAction.Recommend => PeriodOver(facts.EmployerPublicity, facts.Today) ?? NoOpenObjections(facts),
            TitleReviewAction.Certify => PeriodOver(facts.ResultNotice, facts.Today) ?? NoOpenObjections(facts),
            TitleReviewAction.CloseScoring => facts.PanelExperts < rules.Panel.MinExperts
                ? $"needs a panel of at least {rules.Panel.MinExperts} experts"
                : facts.ScoresMissing > 0 ? $"waits for {facts.ScoresMissing} panel scores" : null,
            _ => null,
        };
    }

    /// <summary>A publicity or notice must have run its whole period (the day after its last working day).</summary>
    private static string? PeriodOver(NoticePeriod? period, DateOnly today) =>
        period is null ? "needs a public notice first"
        : period.IsOver(today) ? null
        : $"must wait until the notice ends on {period.LastDay:yyyy-MM-dd}";

    /// <summary>Every objection raised during the period must be resolved before the application moves on.</summary>
    private static string? NoOpenObjections(TitleReviewFacts facts) =>
        facts.OpenObjections > 0 ? $"has {facts.OpenObjections} unresolved objections" : null;
}

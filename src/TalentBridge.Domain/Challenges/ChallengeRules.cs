using TalentBridge.Domain.Flow;

namespace TalentBridge.Domain.Challenges;

/// <summary>A challenge on the board (企业出题). Stored as these numbers.</summary>
public enum ChallengeState
{
    /// <summary>Takes proposals until its deadline; the enterprise shortlists.</summary>
    Open = 0,
    /// <summary>One proposal won (院所答题); a contract may follow.</summary>
    Awarded = 1,
    /// <summary>Closed by the enterprise without an award.</summary>
    Closed = 2,
}

public enum ChallengeAction
{
    Award = 1,
    Close = 2,
}

/// <summary>How much of a challenge the board shows. Stored as these numbers.</summary>
public enum Confidentiality
{
    /// <summary>Everything is public.</summary>
    Public = 0,
    /// <summary>The summary is public; the problem's details only after the reader signed the challenge's NDA.</summary>
    NdaRequired = 1,
}

/// <summary>A solver's proposal for a challenge. Stored as these numbers.</summary>
public enum ChallengeProposalState
{
    Submitted = 0,
    Shortlisted = 1,
    Awarded = 2,
    /// <summary>Another proposal won, or the challenge was closed.</summary>
    NotAwarded = 3,
    Withdrawn = 4,
}

public enum ChallengeProposalAction
{
    Shortlist = 1,
    Award = 2,
    Withdraw = 3,
    /// <summary>The challenge was awarded to another proposal or closed.</summary>
    PassOver = 4,
}

/// <summary>
/// The rules of the challenge board (seed 003: 企业出题、院所答题、产线验证). The enterprise (its users, or an operator of its
/// region for it) posts, shortlists and awards; solvers — experts of the pools and the shared pool, or institutes registered
/// as units — propose (<see cref="FlowActor.Talent"/> is the solver's side); awarding one proposal passes the others.
/// </summary>
public static class ChallengeRules
{
    public const int MaxTitle = 100;
    public const int MaxSummary = 500;
    public const int MaxDetails = 8000;
    public const int MaxField = 50;
    public const int MaxSkills = 20;
    public const int MaxSkillChars = 30;
    public const int MaxApproach = 4000;
    public const int MaxOrganisation = 100;

    public static StateMachine<ChallengeState, ChallengeAction> Challenge { get; } = new("enterprise challenge",
    [
        new(ChallengeState.Open, ChallengeAction.Award, FlowActor.Enterprise, ChallengeState.Awarded),
        new(ChallengeState.Open, ChallengeAction.Close, FlowActor.Enterprise, ChallengeState.Closed),
    ], new HashSet<ChallengeState> { ChallengeState.Awarded, ChallengeState.Closed });

    public static StateMachine<ChallengeProposalState, ChallengeProposalAction> Proposal { get; } = new("proposal",
    [
        new(ChallengeProposalState.Submitted, ChallengeProposalAction.Shortlist, FlowActor.Enterprise, ChallengeProposalState.Shortlisted),
        new(ChallengeProposalState.Submitted, ChallengeProposalAction.Award, FlowActor.Enterprise, ChallengeProposalState.Awarded),
        new(ChallengeProposalState.Shortlisted, ChallengeProposalAction.Award, FlowActor.Enterprise, ChallengeProposalState.Awarded),
        new(ChallengeProposalState.Submitted, ChallengeProposalAction.Withdraw, FlowActor.Talent, ChallengeProposalState.Withdrawn),
        new(ChallengeProposalState.Shortlisted, ChallengeProposalAction.Withdraw, FlowActor.Talent, ChallengeProposalState.Withdrawn),
        new(ChallengeProposalState.Submitted, ChallengeProposalAction.PassOver, FlowActor.System, ChallengeProposalState.NotAwarded),
        new(ChallengeProposalState.Shortlisted, ChallengeProposalAction.PassOver, FlowActor.System, ChallengeProposalState.NotAwarded),
    ], new HashSet<ChallengeProposalState> { ChallengeProposalState.Awarded, ChallengeProposalState.NotAwarded, ChallengeProposalState.Withdrawn });

    /// <summary>
    /// Whether a reader sees a challenge's details: always when it is public; otherwise its own enterprise's side (which
    /// includes the operators of its region) and anyone who signed its NDA.
    /// </summary>
    public static bool ShowsDetails(Confidentiality confidentiality, bool ownerSide, bool signedNda) =>
        confidentiality == Confidentiality.Public || ownerSide || signedNda;

    /// <summary>Proposals are taken while the challenge is open and its deadline (a day, China time) has not passed.</summary>
    public static bool TakesProposals(ChallengeState state, DateOnly deadline, DateOnly today) => state == ChallengeState.Open && today <= deadline;
}

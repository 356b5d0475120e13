namespace TalentBridge.Domain.Flow;

/// <summary>投档: where a talent's application to one position stands. Stored as these numbers.</summary>
public enum ApplicationState
{
    Applied = 0,
    Viewed = 1,
    Shortlisted = 2,
    Interview = 3,
    Offered = 4,
#pragma warning disable CA1720 // "Signed" is the state the flow names (签约), not a reference to the signed integer types.
    Signed = 5,
#pragma warning restore CA1720
    Refused = 6,
    Withdrawn = 7,
    Expired = 8,
}

public enum ApplicationAction
{
    /// <summary>The enterprise opened the application (its first look).</summary>
    View = 1,
    Shortlist = 2,
    /// <summary>Set or move the interview (time, place or link).</summary>
    ScheduleInterview = 3,
    /// <summary>Send the agreement's terms; the enterprise's confirmation of them.</summary>
    Offer = 4,
    /// <summary>The talent confirms the offered terms: both sides have confirmed, the agreement is signed.</summary>
    Sign = 5,
    /// <summary>The enterprise refuses, with a reason.</summary>
    Refuse = 6,
    /// <summary>The talent withdraws (also the answer "no" to an offer).</summary>
    Withdraw = 7,
    /// <summary>An offer not signed by its deadline lapses (the job runner).</summary>
    Expire = 8,
}

/// <summary>邀约: an enterprise's invitation to a talent for one position.</summary>
public enum InvitationState
{
    Sent = 0,
    Accepted = 1,
    Declined = 2,
    Expired = 3,
}

public enum InvitationAction
{
    Accept = 1,
    Decline = 2,
    Expire = 3,
}

/// <summary>The rules of the one-click flow (seed 003: 一键投档 · 查档 · 邀约 · 沟通 · 签约).</summary>
public static class Flows
{
    /// <summary>
    /// applied → viewed → shortlisted → interview → offered → signed; the enterprise may skip ahead (an offer right after
    /// applying) and refuse at any open step; the talent may withdraw at any open step; an unsigned offer expires.
    /// </summary>
    public static StateMachine<ApplicationState, ApplicationAction> Application { get; } = new("application",
    [
        .. FlowRules.From(ApplicationAction.View, FlowActor.Enterprise, ApplicationState.Viewed, ApplicationState.Applied),
        .. FlowRules.From(ApplicationAction.Shortlist, FlowActor.Enterprise, ApplicationState.Shortlisted, ApplicationState.Applied, ApplicationState.Viewed),
        .. FlowRules.From(ApplicationAction.ScheduleInterview, FlowActor.Enterprise, ApplicationState.Interview,
            ApplicationState.Applied, ApplicationState.Viewed, ApplicationState.Shortlisted, ApplicationState.Interview),
        .. FlowRules.From(ApplicationAction.Offer, FlowActor.Enterprise, ApplicationState.Offered,
            ApplicationState.Applied, ApplicationState.Viewed, ApplicationState.Shortlisted, ApplicationState.Interview),
        .. FlowRules.From(ApplicationAction.Sign, FlowActor.Talent, ApplicationState.Signed, ApplicationState.Offered),
        .. FlowRules.From(ApplicationAction.Refuse, FlowActor.Enterprise, ApplicationState.Refused,
            ApplicationState.Applied, ApplicationState.Viewed, ApplicationState.Shortlisted, ApplicationState.Interview, ApplicationState.Offered),
        .. FlowRules.From(ApplicationAction.Withdraw, FlowActor.Talent, ApplicationState.Withdrawn,
            ApplicationState.Applied, ApplicationState.Viewed, ApplicationState.Shortlisted, ApplicationState.Interview, ApplicationState.Offered),
        .. FlowRules.From(ApplicationAction.Expire, FlowActor.System, ApplicationState.Expired, ApplicationState.Offered),
    ], new HashSet<ApplicationState> { ApplicationState.Signed, ApplicationState.Refused, ApplicationState.Withdrawn, ApplicationState.Expired });

    /// <summary>sent → accepted / declined / expired; accepting opens an application the enterprise may see in full.</summary>
    public static StateMachine<InvitationState, InvitationAction> Invitation { get; } = new("invitation",
    [
        new(InvitationState.Sent, InvitationAction.Accept, FlowActor.Talent, InvitationState.Accepted),
        new(InvitationState.Sent, InvitationAction.Decline, FlowActor.Talent, InvitationState.Declined),
        new(InvitationState.Sent, InvitationAction.Expire, FlowActor.System, InvitationState.Expired),
    ], new HashSet<InvitationState> { InvitationState.Accepted, InvitationState.Declined, InvitationState.Expired });

    /// <summary>States in which an application is still open (one open application per talent and position).</summary>
    public static bool IsOpen(ApplicationState state) => !Application.Final.Contains(state);
}

using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.SharedPool;

/// <summary>
/// How a shared expert serves an enterprise (seed 000: 技术入股、项目合作、设立工作站、柔性"借脑"). An expert offers
/// several; an order asks for one. Stored as these numbers.
/// </summary>
[Flags]
#pragma warning disable CA1711 // "Modes" is the domain word, not a collection suffix.
public enum ServiceModes
#pragma warning restore CA1711
{
    None = 0,
    /// <summary>项目合作</summary>
    ProjectCooperation = 1,
    /// <summary>技术入股</summary>
    TechnologyShares = 2,
    /// <summary>设立工作站</summary>
    Workstation = 4,
    /// <summary>兼职</summary>
    PartTime = 8,
    /// <summary>咨询 (a "borrowed brain" for a question or a review)</summary>
    Consulting = 16,
}

/// <summary>Where an enterprise's demand order (下单) stands. Stored as these numbers.</summary>
public enum DemandOrderState
{
    /// <summary>Placed: the bureau is finding an expert; the response clock runs.</summary>
    Open = 0,
    /// <summary>The operator asked the enterprise a question; the clock is paused until it answers.</summary>
    AwaitingEnterprise = 1,
    /// <summary>At least one expert was proposed to the enterprise (the clock's goal); waiting for an expert to accept.</summary>
    Proposed = 2,
    /// <summary>An expert accepted: an engagement was formed.</summary>
    Engaged = 3,
    /// <summary>The enterprise withdrew the order.</summary>
    Cancelled = 4,
    /// <summary>The bureau closed the order without an engagement (with a reason).</summary>
    Closed = 5,
}

public enum DemandOrderAction
{
    /// <summary>The operator asks the enterprise for more information (pauses the clock).</summary>
    AskEnterprise = 1,
    /// <summary>The enterprise answers the question (resumes the clock).</summary>
    Answer = 2,
    /// <summary>An operator (or the platform, replacing an expert who did not answer) proposes an expert.</summary>
    Propose = 3,
    /// <summary>A proposed expert accepted.</summary>
    Engage = 4,
    Cancel = 5,
    Close = 6,
}

/// <summary>A proposal of one expert for one order. Stored as these numbers.</summary>
public enum ProposalState
{
    /// <summary>Sent to the expert and shown to the enterprise; the expert's reply time runs.</summary>
    Sent = 0,
    Accepted = 1,
    Declined = 2,
    /// <summary>The expert let the reply time run out.</summary>
    Lapsed = 3,
    /// <summary>Withdrawn by the operator or the enterprise, or because another expert accepted.</summary>
    Withdrawn = 4,
}

public enum ProposalAction
{
    Accept = 1,
    Decline = 2,
    Lapse = 3,
    /// <summary>The operator withdraws the proposal.</summary>
    Withdraw = 4,
    /// <summary>Another expert accepted the order first.</summary>
    Supersede = 5,
}

/// <summary>A shared expert's membership of a pool. Stored as these numbers.</summary>
public enum ExpertState
{
    /// <summary>Applied; an operator has not decided yet.</summary>
    Pending = 0,
    Admitted = 1,
    Refused = 2,
    /// <summary>The admission's period ended without a reconfirmation.</summary>
    Expired = 3,
    /// <summary>The expert left the pool.</summary>
    Withdrawn = 4,
}

/// <summary>An enterprise's order as entered (by its own users or an operator for it).</summary>
public sealed record DemandOrderDraft
{
    public const int MaxTitle = 100;
    public const int MaxProblem = 4000;
    public const int MaxField = 100;
    public const int MaxPlace = 200;
    public const int MaxDurationDays = 3 * 365;
    public const long MaxBudget = 100_000_000;
    public const int MaxTags = 20;

    public string? Title { get; init; }
    public string? Problem { get; init; }
    /// <summary>The field in the enterprise's words (e.g. 铝箔轧制工艺).</summary>
    public string? Field { get; init; }
    /// <summary>Optional occupation (CSCO 2022 细类 or a higher group) the need belongs to.</summary>
    public string? OccupationCode { get; init; }
    /// <summary>Optional industry (GB/T 4754-2017 class or a higher level).</summary>
    public string? IndustryCode { get; init; }
    public ServiceModes ServiceMode { get; init; }
    public int? DurationDays { get; init; }
    /// <summary>Budget in yuan; both bounds optional.</summary>
    public long? BudgetMin { get; init; }
    public long? BudgetMax { get; init; }
    public string? Place { get; init; }
    /// <summary>Tag ids (specialties, skills) the enterprise picked from the pool's index.</summary>
    public IReadOnlyList<long> TagIds { get; init; } = [];

    public ValidationErrors Validate(ReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var errors = new ValidationErrors().Required(Title, "title", MaxTitle).Required(Problem, "problem", MaxProblem)
            .Required(Field, "field", MaxField).Optional(Place, "place", MaxPlace)
            .When(!IsSingle(ServiceMode), "serviceMode", "must be one service mode")
            .When(DurationDays is < 1 or > MaxDurationDays, "durationDays", $"must be between 1 and {MaxDurationDays}")
            .When(BudgetMin is < 0 or > MaxBudget, "budgetMin", $"must be between {0} and {MaxBudget}")
            .When(BudgetMax is < 0 or > MaxBudget, "budgetMax", $"must be between {0} and {MaxBudget}")
            .When(BudgetMin is { } min && BudgetMax is { } max && max < min, "budgetMax", "must not be below budgetMin")
            .When(TagIds.Count > MaxTags, "tagIds", $"must be at most {MaxTags} tags");
        if (!string.IsNullOrWhiteSpace(OccupationCode) && reference.Occupations.Find(OccupationCode.Trim()) is null)
        {
            errors.Add("occupationCode", "is not in the occupation catalogue");
        }
        if (!string.IsNullOrWhiteSpace(IndustryCode) && reference.Industries.Find(IndustryCode.Trim()) is null)
        {
            errors.Add("industryCode", "is not in the industry catalogue");
        }
        return errors;
    }

    /// <summary>Exactly one of the defined modes.</summary>
    public static bool IsSingle(ServiceModes mode) => mode != ServiceModes.None && (mode & (mode - 1)) == 0 && (mode & ~AllModes) == 0;

    public const ServiceModes AllModes = ServiceModes.ProjectCooperation | ServiceModes.TechnologyShares | ServiceModes.Workstation |
        ServiceModes.PartTime | ServiceModes.Consulting;
}

/// <summary>
/// The rules of the shared pool's order (企业下单 → 部门牵线 → 专家接单). Operators broker; the platform itself proposes
/// the next expert when one does not answer; the enterprise answers questions and may cancel.
/// </summary>
public static class SharedPoolFlows
{
    /// <summary>
    /// open ⇄ awaiting enterprise; open → proposed (more proposals may follow) → engaged; the enterprise cancels and the
    /// operator closes any order not yet engaged.
    /// </summary>
    public static StateMachine<DemandOrderState, DemandOrderAction> Order { get; } = new("order",
    [
        .. FlowRules.From(DemandOrderAction.AskEnterprise, FlowActor.Operator, DemandOrderState.AwaitingEnterprise, DemandOrderState.Open),
        .. FlowRules.From(DemandOrderAction.Answer, FlowActor.Enterprise, DemandOrderState.Open, DemandOrderState.AwaitingEnterprise),
        .. FlowRules.From(DemandOrderAction.Propose, FlowActor.Operator, DemandOrderState.Proposed, DemandOrderState.Open, DemandOrderState.Proposed),
        .. FlowRules.From(DemandOrderAction.Engage, FlowActor.Talent, DemandOrderState.Engaged, DemandOrderState.Proposed),
        .. FlowRules.From(DemandOrderAction.Cancel, FlowActor.Enterprise, DemandOrderState.Cancelled,
            DemandOrderState.Open, DemandOrderState.AwaitingEnterprise, DemandOrderState.Proposed),
        .. FlowRules.From(DemandOrderAction.Close, FlowActor.Operator, DemandOrderState.Closed,
            DemandOrderState.Open, DemandOrderState.AwaitingEnterprise, DemandOrderState.Proposed),
    ], new HashSet<DemandOrderState> { DemandOrderState.Engaged, DemandOrderState.Cancelled, DemandOrderState.Closed });

    /// <summary>sent → accepted / declined / lapsed (the platform) / withdrawn (the operator or the enterprise).</summary>
    public static StateMachine<ProposalState, ProposalAction> Proposal { get; } = new("proposal",
    [
        new(ProposalState.Sent, ProposalAction.Accept, FlowActor.Talent, ProposalState.Accepted),
        new(ProposalState.Sent, ProposalAction.Decline, FlowActor.Talent, ProposalState.Declined),
        new(ProposalState.Sent, ProposalAction.Lapse, FlowActor.System, ProposalState.Lapsed),
        new(ProposalState.Sent, ProposalAction.Withdraw, FlowActor.Operator, ProposalState.Withdrawn),
        new(ProposalState.Sent, ProposalAction.Supersede, FlowActor.System, ProposalState.Withdrawn),
    ], new HashSet<ProposalState> { ProposalState.Accepted, ProposalState.Declined, ProposalState.Lapsed, ProposalState.Withdrawn });

    /// <summary>States in which the order waits on the enterprise, so the response clock does not run.</summary>
    public static bool PausesClock(DemandOrderState state) => state == DemandOrderState.AwaitingEnterprise;
}

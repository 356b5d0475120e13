namespace TalentBridge.Domain.Flow;

/// <summary>
/// Who takes a step of a flow: the talent, the enterprise (its users or an operator for it), the platform itself, or a
/// bureau's operator acting as a broker (the shared pool's orders).
/// </summary>
public enum FlowActor
{
    Talent = 1,
    Enterprise = 2,
    System = 3,
    Operator = 4,
}

/// <summary>One allowed step: in state <c>From</c>, <c>Actor</c> may take <c>Action</c>, which leads to <c>To</c>.</summary>
public sealed record FlowRule<TState, TAction>(TState From, TAction Action, FlowActor Actor, TState To)
    where TState : struct, Enum where TAction : struct, Enum;

/// <summary>Rules built several at a time.</summary>
public static class FlowRules
{
    /// <summary>The rules by which <paramref name="actor"/> takes <paramref name="action"/> from each of <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IEnumerable<FlowRule<TState, TAction>> From<TState, TAction>(TAction action, FlowActor actor, TState to, params TState[] from)
        where TState : struct, Enum where TAction : struct, Enum =>
        from.Select(f => new FlowRule<TState, TAction>(f, action, actor, to));
}

/// <summary>The outcome of asking for a step: the next state, or the rule it breaks in words that name the state and the action.</summary>
public readonly record struct FlowStep<TState>(TState? To, string? Error) where TState : struct, Enum
{
    public bool Allowed => Error is null;
}

/// <summary>
/// A state machine as data: the rules are the only transitions there are, so a page can list the actions open in a
/// state and the storage layer cannot take a step the rules do not name.
/// </summary>
public sealed class StateMachine<TState, TAction>(string subject, IReadOnlyList<FlowRule<TState, TAction>> rules, IReadOnlySet<TState> final)
    where TState : struct, Enum where TAction : struct, Enum
{
    public IReadOnlyList<FlowRule<TState, TAction>> Rules { get; } = rules;

    /// <summary>States no action leaves.</summary>
    public IReadOnlySet<TState> Final { get; } = final;

    public FlowStep<TState> Next(TState from, TAction action, FlowActor actor)
    {
        var rule = Rules.FirstOrDefault(r => r.From.Equals(from) && r.Action.Equals(action));
        if (rule is null)
        {
            return new(null, Final.Contains(from)
                ? $"cannot {Words(action)} an {subject} that is {Words(from)}: it is closed"
                : $"cannot {Words(action)} an {subject} that is {Words(from)}");
        }
        return rule.Actor == actor ? new(rule.To, null) : new(null, $"only the {Words(rule.Actor)} may {Words(action)} an {subject}");
    }

    /// <summary>The actions <paramref name="actor"/> may take in <paramref name="state"/>, in rule order.</summary>
    public IReadOnlyList<TAction> Actions(TState state, FlowActor actor) =>
        [.. Rules.Where(r => r.From.Equals(state) && r.Actor == actor).Select(r => r.Action).Distinct()];

    /// <summary>An enum name as lower-case words for messages: ScheduleInterview → "schedule interview".</summary>
    private static string Words<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

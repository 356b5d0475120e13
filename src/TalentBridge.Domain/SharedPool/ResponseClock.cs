namespace TalentBridge.Domain.SharedPool;

/// <summary>What happened to a demand order, as far as its response clock is concerned.</summary>
public enum ClockEventKind
{
    /// <summary>The enterprise placed the order (下单): the clock starts.</summary>
    Started,

    /// <summary>The order moved to a status that waits on the enterprise: the clock stops counting.</summary>
    Paused,

    /// <summary>The order left such a status: the clock counts again.</summary>
    Resumed,

    /// <summary>The first proposal was sent to the enterprise: the clock's goal, it ends.</summary>
    Stopped,

    /// <summary>The order was cancelled: the clock ends without a result.</summary>
    Cancelled,
}

/// <summary>One event of an order's clock.</summary>
public readonly record struct ClockEvent(DateTimeOffset At, ClockEventKind Kind);

/// <summary>
/// How an order's clock counts and what it must reach. <see cref="Default"/> counts calendar time, 48 hours with
/// a warning after 24: the shared pool promises enterprises an answer "within 48 hours" (48 小时内响应), which
/// reads as clock hours, holidays included. A policy in <see cref="ClockMode.WorkingHours"/> mode counts only
/// working time and needs a target in working hours (two working days are 14 hours with the shipped calendar).
/// </summary>
public sealed record ClockPolicy
{
    /// <exception cref="ArgumentOutOfRangeException">The mode is unknown, the target is not positive, or the
    /// warning is not after zero and at most the target.</exception>
    public ClockPolicy(ClockMode mode, TimeSpan target, TimeSpan warnAfter)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(target, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(warnAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(warnAfter, target);
        Mode = mode;
        Target = target;
        WarnAfter = warnAfter;
    }

    public static ClockPolicy Default { get; } = new(ClockMode.Calendar, TimeSpan.FromHours(48), TimeSpan.FromHours(24));

    public ClockMode Mode { get; }

    /// <summary>The counted time within which the order must be answered.</summary>
    public TimeSpan Target { get; }

    /// <summary>The counted time after which the order is flagged for attention (escalation).</summary>
    public TimeSpan WarnAfter { get; }
}

public enum ClockStatus
{
    /// <summary>No Started event (at or before the evaluated instant).</summary>
    NotStarted,

    /// <summary>Counting, within the target.</summary>
    Running,

    /// <summary>Waiting on the enterprise, within the target.</summary>
    Paused,

    /// <summary>Stopped within the target.</summary>
    Met,

    /// <summary>The counted time went beyond the target: stopped late, or still open (running or paused) past it.</summary>
    Breached,

    /// <summary>Cancelled; whether it was overdue at the time still shows in <see cref="ClockState.Overdue"/>.</summary>
    Cancelled,
}

/// <summary>
/// An order's clock at one instant. <see cref="Elapsed"/> is the counted time (pauses excluded);
/// <see cref="Remaining"/> is the target minus it, negative when overdue. <see cref="WarnAt"/> and
/// <see cref="DueAt"/> are the instants at which the counted time reaches the warning and the target: in the past
/// once it has, projected (assuming no further pause) while the clock runs, and null while it is paused or after it
/// ended without reaching them. <see cref="BreachedAt"/> is <see cref="DueAt"/> when the counted time went beyond the
/// target, otherwise null. <see cref="Warned"/> means the counted time reached the warning (at 24 h exactly it has),
/// <see cref="Overdue"/> that it went beyond the target (at 48 h exactly it has not: an answer at that instant is in time).
/// </summary>
public sealed record ClockState(
    ClockStatus Status,
    DateTimeOffset? StartedAt,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    DateTimeOffset? WarnAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? StoppedAt,
    DateTimeOffset? BreachedAt,
    bool Warned,
    bool Overdue);

/// <summary>
/// The 48-hour response clock of a demand order, recomputed from the order's events each time, so that a corrected
/// calendar or policy re-evaluates open orders. Rules:
/// <list type="bullet">
/// <item>Events after <c>now</c> are not known yet and are left out; the others are taken in time order (events at
/// the same instant in the order given).</item>
/// <item>The first Started event starts the clock; events before it, and later Started events, are ignored.</item>
/// <item>Paused stops counting and Resumed counts again; a Paused while paused or a Resumed while running is ignored.</item>
/// <item>Stopped (first proposal sent) and Cancelled end the clock; events after either are ignored.</item>
/// <item>Time is counted with <see cref="WorkCalendar.Elapsed"/> in the policy's mode.</item>
/// </list>
/// </summary>
public static class ResponseClock
{
    /// <summary>The clock of one order at <paramref name="now"/>.</summary>
    public static ClockState Evaluate(IEnumerable<ClockEvent> events, ClockPolicy policy, WorkCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calendar);

        DateTimeOffset? startedAt = null, stoppedAt = null, runningSince = null;
        var cancelled = false;
        var spans = new List<(DateTimeOffset From, DateTimeOffset To)>();
        // OrderBy is a stable sort.
        foreach (var e in events.Where(e => e.At <= now).OrderBy(e => e.At))
        {
            if (startedAt is null)
            {
                if (e.Kind == ClockEventKind.Started)
                {
                    startedAt = runningSince = e.At;
                }
                continue;
            }
            if ((e.Kind is ClockEventKind.Paused or ClockEventKind.Stopped or ClockEventKind.Cancelled) && runningSince is { } since)
            {
                spans.Add((since, e.At));
                runningSince = null;
            }
            if (e.Kind == ClockEventKind.Resumed)
            {
                runningSince ??= e.At;
            }
            else if (e.Kind == ClockEventKind.Stopped)
            {
                stoppedAt = e.At;
                break;
            }
            else if (e.Kind == ClockEventKind.Cancelled)
            {
                cancelled = true;
                break;
            }
            else if (!Enum.IsDefined(e.Kind))
            {
                throw new ArgumentOutOfRangeException(nameof(events), e.Kind, null);
            }
        }

        if (startedAt is null)
        {
            return new ClockState(ClockStatus.NotStarted, null, TimeSpan.Zero, policy.Target, null, null, null, null, false, false);
        }

        var elapsed = spans.Aggregate(TimeSpan.Zero, (sum, s) => sum + calendar.Elapsed(s.From, s.To, policy.Mode));
        if (runningSince is { } running)
        {
            elapsed += calendar.Elapsed(running, now, policy.Mode);
        }

        // The instant the counted time reaches a threshold: inside a closed span, or (projected) in the running one.
        DateTimeOffset? Reaches(TimeSpan threshold)
        {
            var counted = TimeSpan.Zero;
            foreach (var (from, to) in spans)
            {
                var length = calendar.Elapsed(from, to, policy.Mode);
                if (counted + length >= threshold)
                {
                    return calendar.Add(from, threshold - counted, policy.Mode);
                }
                counted += length;
            }
            return runningSince is { } since ? calendar.Add(since, threshold - counted, policy.Mode) : null;
        }

        var overdue = elapsed > policy.Target;
        var dueAt = Reaches(policy.Target);
        var status = cancelled ? ClockStatus.Cancelled
            : overdue ? ClockStatus.Breached
            : stoppedAt is not null ? ClockStatus.Met
            : runningSince is null ? ClockStatus.Paused
            : ClockStatus.Running;
        return new ClockState(
            status,
            startedAt,
            elapsed,
            policy.Target - elapsed,
            Reaches(policy.WarnAfter),
            dueAt,
            stoppedAt,
            overdue ? dueAt : null,
            elapsed >= policy.WarnAfter,
            overdue);
    }
}

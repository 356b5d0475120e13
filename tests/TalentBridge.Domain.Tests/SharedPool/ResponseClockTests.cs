using System.Text.Json.Nodes;
using TalentBridge.Domain.SharedPool;
using static TalentBridge.Domain.Tests.SharedPool.WorkCalendarTests;

namespace TalentBridge.Domain.Tests.SharedPool;

public sealed class ResponseClockTests
{
    private static readonly WorkCalendar China = WorkCalendar.China;
    private static readonly DateTimeOffset Start = T("2026-03-02 09:00"); // a Monday
    private static readonly ClockPolicy TwoWorkingDays = new(ClockMode.WorkingHours, TimeSpan.FromHours(14), TimeSpan.FromHours(7));

    private static ClockEvent E(double hoursAfterStart, ClockEventKind kind) => new(Start.AddHours(hoursAfterStart), kind);

    private static ClockState Calendar(DateTimeOffset now, params ClockEvent[] events) =>
        ResponseClock.Evaluate(events, ClockPolicy.Default, China, now);

    [Fact]
    public void The_default_policy_counts_48_calendar_hours_and_warns_after_24()
    {
        Assert.Equal(ClockMode.Calendar, ClockPolicy.Default.Mode);
        Assert.Equal(TimeSpan.FromHours(48), ClockPolicy.Default.Target);
        Assert.Equal(TimeSpan.FromHours(24), ClockPolicy.Default.WarnAfter);
    }

    [Fact]
    public void A_running_clock_shows_its_counted_time_and_projected_instants()
    {
        var state = Calendar(Start.AddHours(10), E(0, ClockEventKind.Started));
        Assert.Equal(ClockStatus.Running, state.Status);
        Assert.Equal(Start, state.StartedAt);
        Assert.Equal(TimeSpan.FromHours(10), state.Elapsed);
        Assert.Equal(TimeSpan.FromHours(38), state.Remaining);
        Assert.Equal(Start.AddHours(24), state.WarnAt);
        Assert.Equal(Start.AddHours(48), state.DueAt);
        Assert.Null(state.StoppedAt);
        Assert.Null(state.BreachedAt);
        Assert.False(state.Warned);
        Assert.False(state.Overdue);
    }

    [Fact]
    public void The_warning_is_reached_at_24_hours()
    {
        Assert.False(Calendar(Start.AddHours(24).AddTicks(-1), E(0, ClockEventKind.Started)).Warned);
        var state = Calendar(Start.AddHours(24), E(0, ClockEventKind.Started));
        Assert.True(state.Warned);
        Assert.Equal(ClockStatus.Running, state.Status);
    }

    [Fact]
    public void The_target_is_breached_just_after_48_hours()
    {
        var atTarget = Calendar(Start.AddHours(48), E(0, ClockEventKind.Started));
        Assert.Equal(ClockStatus.Running, atTarget.Status);
        Assert.Equal(TimeSpan.Zero, atTarget.Remaining);
        Assert.False(atTarget.Overdue);
        Assert.Null(atTarget.BreachedAt);

        var late = Calendar(Start.AddHours(48).AddMinutes(1), E(0, ClockEventKind.Started));
        Assert.Equal(ClockStatus.Breached, late.Status);
        Assert.True(late.Overdue);
        Assert.Equal(TimeSpan.FromMinutes(-1), late.Remaining);
        Assert.Equal(Start.AddHours(48), late.BreachedAt);
        Assert.Equal(Start.AddHours(48), late.DueAt);
    }

    [Fact]
    public void A_pause_excludes_its_time_and_moves_the_instants()
    {
        ClockEvent[] events = [E(0, ClockEventKind.Started), E(10, ClockEventKind.Paused), E(20, ClockEventKind.Resumed)];

        var paused = Calendar(Start.AddHours(15), events);
        Assert.Equal(ClockStatus.Paused, paused.Status);
        Assert.Equal(TimeSpan.FromHours(10), paused.Elapsed);
        Assert.Null(paused.WarnAt);
        Assert.Null(paused.DueAt);

        var resumed = Calendar(Start.AddHours(30), events);
        Assert.Equal(ClockStatus.Running, resumed.Status);
        Assert.Equal(TimeSpan.FromHours(20), resumed.Elapsed);
        Assert.Equal(Start.AddHours(34), resumed.WarnAt);
        Assert.Equal(Start.AddHours(58), resumed.DueAt);
    }

    [Fact]
    public void A_warning_reached_before_a_pause_keeps_its_instant()
    {
        var state = Calendar(Start.AddHours(40), E(0, ClockEventKind.Started), E(30, ClockEventKind.Paused));
        Assert.Equal(ClockStatus.Paused, state.Status);
        Assert.True(state.Warned);
        Assert.Equal(Start.AddHours(24), state.WarnAt);
        Assert.Null(state.DueAt);
    }

    [Fact]
    public void A_clock_paused_after_the_target_stays_breached()
    {
        var state = Calendar(Start.AddHours(60), E(0, ClockEventKind.Started), E(50, ClockEventKind.Paused));
        Assert.Equal(ClockStatus.Breached, state.Status);
        Assert.Equal(TimeSpan.FromHours(50), state.Elapsed);
        Assert.Equal(Start.AddHours(48), state.BreachedAt);
    }

    [Theory]
    [InlineData(47.5, ClockStatus.Met)]
    [InlineData(48.0, ClockStatus.Met)]
    [InlineData(48.5, ClockStatus.Breached)]
    public void Stopping_within_the_target_meets_it_and_after_it_breaches_it(double stoppedAfter, ClockStatus expected)
    {
        var state = Calendar(Start.AddHours(100), E(0, ClockEventKind.Started), E(stoppedAfter, ClockEventKind.Stopped));
        Assert.Equal(expected, state.Status);
        Assert.Equal(Start.AddHours(stoppedAfter), state.StoppedAt);
        Assert.Equal(TimeSpan.FromHours(stoppedAfter), state.Elapsed);
        Assert.Equal(expected == ClockStatus.Breached ? Start.AddHours(48) : null, state.BreachedAt);
        Assert.Equal(expected == ClockStatus.Breached, state.Overdue);
    }

    [Fact]
    public void A_clock_stopped_before_the_target_has_no_due_instant()
    {
        var state = Calendar(Start.AddHours(100), E(0, ClockEventKind.Started), E(5, ClockEventKind.Stopped));
        Assert.Null(state.DueAt);
        Assert.Null(state.WarnAt);
        Assert.Equal(TimeSpan.FromHours(43), state.Remaining);
    }

    [Fact]
    public void A_cancelled_clock_ends_and_later_events_are_ignored()
    {
        var state = Calendar(Start.AddHours(100),
            E(0, ClockEventKind.Started), E(5, ClockEventKind.Cancelled), E(6, ClockEventKind.Resumed), E(7, ClockEventKind.Stopped));
        Assert.Equal(ClockStatus.Cancelled, state.Status);
        Assert.Equal(TimeSpan.FromHours(5), state.Elapsed);
        Assert.Null(state.StoppedAt);
    }

    [Fact]
    public void Events_after_the_stop_are_ignored()
    {
        var state = Calendar(Start.AddHours(100),
            E(0, ClockEventKind.Started), E(5, ClockEventKind.Stopped), E(6, ClockEventKind.Resumed), E(8, ClockEventKind.Cancelled));
        Assert.Equal(ClockStatus.Met, state.Status);
        Assert.Equal(TimeSpan.FromHours(5), state.Elapsed);
    }

    [Fact]
    public void Events_before_the_start_and_repeated_starts_are_ignored()
    {
        var state = Calendar(Start.AddHours(10),
            E(-5, ClockEventKind.Paused), E(-4, ClockEventKind.Stopped), E(0, ClockEventKind.Started), E(3, ClockEventKind.Started));
        Assert.Equal(ClockStatus.Running, state.Status);
        Assert.Equal(Start, state.StartedAt);
        Assert.Equal(TimeSpan.FromHours(10), state.Elapsed);
    }

    [Fact]
    public void Events_after_now_are_not_known_yet()
    {
        ClockEvent[] events = [E(0, ClockEventKind.Started), E(20, ClockEventKind.Stopped)];
        Assert.Equal(ClockStatus.Running, Calendar(Start.AddHours(10), events).Status);
        Assert.Equal(ClockStatus.NotStarted, Calendar(Start.AddHours(-1), events).Status);
        Assert.Equal(ClockStatus.Met, Calendar(Start.AddHours(20), events).Status);
    }

    [Fact]
    public void Without_a_start_there_is_no_clock()
    {
        var state = Calendar(Start, E(-1, ClockEventKind.Paused));
        Assert.Equal(ClockStatus.NotStarted, state.Status);
        Assert.Equal(TimeSpan.Zero, state.Elapsed);
        Assert.Equal(TimeSpan.FromHours(48), state.Remaining);
        Assert.Null(state.DueAt);
    }

    [Fact]
    public void Unsorted_and_repeated_events_give_the_state_of_the_clean_sequence()
    {
        var now = Start.AddHours(40);
        var clean = Calendar(now, E(0, ClockEventKind.Started), E(10, ClockEventKind.Paused), E(20, ClockEventKind.Resumed), E(30, ClockEventKind.Paused));
        var messy = Calendar(now,
            E(30, ClockEventKind.Paused), E(20, ClockEventKind.Resumed), E(12, ClockEventKind.Paused), E(0, ClockEventKind.Started),
            E(25, ClockEventKind.Resumed), E(10, ClockEventKind.Paused), E(35, ClockEventKind.Paused));
        Assert.Equal(TimeSpan.FromHours(20), clean.Elapsed);
        Assert.Equal(clean, messy);
    }

    [Fact]
    public void Events_at_the_same_instant_keep_their_given_order()
    {
        var at = E(5, ClockEventKind.Paused).At;
        var pausedThenResumed = Calendar(Start.AddHours(10), E(0, ClockEventKind.Started), new(at, ClockEventKind.Paused), new(at, ClockEventKind.Resumed));
        var resumedThenPaused = Calendar(Start.AddHours(10), E(0, ClockEventKind.Started), new(at, ClockEventKind.Resumed), new(at, ClockEventKind.Paused));
        Assert.Equal(ClockStatus.Running, pausedThenResumed.Status);
        Assert.Equal(TimeSpan.FromHours(10), pausedThenResumed.Elapsed);
        Assert.Equal(ClockStatus.Paused, resumedThenPaused.Status);
        Assert.Equal(TimeSpan.FromHours(5), resumedThenPaused.Elapsed);
    }

    [Fact]
    public void In_working_hours_an_order_placed_friday_at_17_is_due_tuesday()
    {
        var placed = T("2026-03-06 17:00");
        var state = ResponseClock.Evaluate([new(placed, ClockEventKind.Started)], TwoWorkingDays, China, T("2026-03-08 12:00"));
        Assert.Equal(ClockStatus.Running, state.Status);
        Assert.Equal(TimeSpan.FromMinutes(30), state.Elapsed);
        Assert.Equal(T("2026-03-09 17:00"), state.WarnAt);
        Assert.Equal(T("2026-03-10 17:00"), state.DueAt);

        // In calendar mode the same order is due on Sunday.
        Assert.Equal(T("2026-03-08 17:00"), ResponseClock.Evaluate([new(placed, ClockEventKind.Started)], ClockPolicy.Default, China, placed).DueAt);
    }

    [Fact]
    public void In_working_hours_an_order_placed_on_national_day_counts_from_the_first_working_day()
    {
        var placed = T("2026-10-01 10:00");
        var state = ResponseClock.Evaluate([new(placed, ClockEventKind.Started)], TwoWorkingDays, China, T("2026-10-07 20:00"));
        Assert.Equal(TimeSpan.Zero, state.Elapsed);
        Assert.Equal(T("2026-10-08 17:30"), state.WarnAt);
        Assert.Equal(T("2026-10-09 17:30"), state.DueAt);

        var breached = ResponseClock.Evaluate([new(placed, ClockEventKind.Started)], ClockPolicy.Default, China, T("2026-10-07 20:00"));
        Assert.Equal(ClockStatus.Breached, breached.Status);
        Assert.Equal(T("2026-10-03 10:00"), breached.BreachedAt);
    }

    [Fact]
    public void In_working_hours_the_spring_festival_does_not_count_but_its_adjusted_saturday_does()
    {
        var placed = T("2026-02-13 16:00");
        var state = ResponseClock.Evaluate([new(placed, ClockEventKind.Started)], TwoWorkingDays, China, T("2026-02-20 12:00"));
        Assert.Equal(TimeSpan.FromHours(8.5), state.Elapsed); // Friday 1.5 h and Saturday 2026-02-14 7 h
        Assert.True(state.Warned);
        Assert.Equal(T("2026-02-14 16:00"), state.WarnAt);
        Assert.Equal(T("2026-02-24 16:00"), state.DueAt);
    }

    [Fact]
    public void In_working_hours_pauses_exclude_only_the_working_time_inside_them()
    {
        ClockEvent[] events =
        [
            new(T("2026-03-02 09:00"), ClockEventKind.Started),
            new(T("2026-03-02 11:00"), ClockEventKind.Paused),
            new(T("2026-03-03 10:00"), ClockEventKind.Resumed),
        ];
        var state = ResponseClock.Evaluate(events, TwoWorkingDays, China, T("2026-03-03 12:00"));
        Assert.Equal(TimeSpan.FromHours(4), state.Elapsed);
        Assert.Equal(T("2026-03-03 16:30"), state.WarnAt);
        Assert.Equal(T("2026-03-04 16:30"), state.DueAt);
    }

    [Fact]
    public void A_corrected_calendar_with_one_more_holiday_moves_the_due_time_of_an_open_order()
    {
        var file = JsonNode.Parse(China.ToJson())!;
        file["version"] = "2026-2";
        var year2026 = file["years"]!.AsArray().Single(y => (int)y!["year"]! == 2026)!;
        year2026["holidays"]!.AsArray().Add(new JsonObject { ["name"] = "test", ["from"] = "2026-03-09", ["to"] = "2026-03-09" });
        var (corrected, errors) = WorkCalendar.Parse(file.ToJsonString());
        Assert.True(errors.IsValid, errors.ToString());
        Assert.Equal("2026-2", corrected!.Version);

        ClockEvent[] events = [new(T("2026-03-06 17:00"), ClockEventKind.Started)];
        var now = T("2026-03-08 12:00");
        Assert.Equal(T("2026-03-10 17:00"), ResponseClock.Evaluate(events, TwoWorkingDays, China, now).DueAt);
        Assert.Equal(T("2026-03-11 17:00"), ResponseClock.Evaluate(events, TwoWorkingDays, corrected, now).DueAt);
    }

    [Fact]
    public void A_policy_needs_a_positive_target_and_a_warning_within_it()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockPolicy(ClockMode.Calendar, TimeSpan.Zero, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockPolicy(ClockMode.Calendar, TimeSpan.FromHours(48), TimeSpan.FromHours(49)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockPolicy(ClockMode.Calendar, TimeSpan.FromHours(48), TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockPolicy((ClockMode)7, TimeSpan.FromHours(48), TimeSpan.FromHours(24)));
    }
}

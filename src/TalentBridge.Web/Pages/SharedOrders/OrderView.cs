using System.Globalization;
using Microsoft.AspNetCore.Html;
using TalentBridge.Domain;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.SharedPool;

namespace TalentBridge.Web.Pages.SharedOrders;

/// <summary>
/// An order's response clock as a list row shows it, from the columns the last recomputation stored (no query per
/// row): <see cref="Elapsed"/> is the counted time so far (or to the first proposal), <see cref="Remaining"/> the
/// counted time left while the clock runs (negative when overdue); both null while paused or when unknown.
/// </summary>
public sealed record ClockSummary(ClockStatus Status, TimeSpan Target, TimeSpan Warn, TimeSpan? Elapsed, TimeSpan? Remaining)
{
    public bool Warned => Elapsed is { } e && e >= Warn;
    public bool Overdue => Elapsed is { } e && e > Target;

    /// <summary>"ok", "warn" or "over": the class of the row's bar and text.</summary>
    public string Level => Overdue ? "over" : Warned ? "warn" : "ok";

    public static ClockSummary Of(DemandOrder order, WorkCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(calendar);
        var target = TimeSpan.FromHours(order.TargetHours);
        var warn = TimeSpan.FromHours(order.WarnHours);
        if (order.ResponseSeconds is { } seconds)
        {
            var elapsed = TimeSpan.FromSeconds(seconds);
            return new(elapsed > target ? ClockStatus.Breached : ClockStatus.Met, target, warn, elapsed, null);
        }
        if (order.State is DemandOrderState.Cancelled or DemandOrderState.Closed)
        {
            return new(ClockStatus.Cancelled, target, warn, null, null);
        }
        if (order.State == DemandOrderState.AwaitingEnterprise || order.DueAt is not { } due)
        {
            return new(ClockStatus.Paused, target, warn, null, null);
        }
        var remaining = due >= now ? calendar.Elapsed(now, due, order.ClockMode) : -calendar.Elapsed(due, now, order.ClockMode);
        return new(remaining < TimeSpan.Zero ? ClockStatus.Breached : ClockStatus.Running, target, warn, target - remaining, remaining);
    }
}

/// <summary>Display helpers of the shared pool's order pages: the words of modes and states, hours, and the clock's bar.</summary>
public static class OrderView
{
    public static readonly IReadOnlyList<ServiceModes> Modes =
        [ServiceModes.ProjectCooperation, ServiceModes.TechnologyShares, ServiceModes.Workstation, ServiceModes.PartTime, ServiceModes.Consulting];

    /// <summary>A single mode's word, or the words of several (an expert's).</summary>
    public static string Mode(Ui t, ServiceModes mode)
    {
        ArgumentNullException.ThrowIfNull(t);
        var parts = Modes.Where(m => (mode & m) != 0).Select(m => t["SharedOrders.Mode." + m]).ToList();
        return parts.Count == 0 ? "—" : string.Join(Localization.IsEnglish ? ", " : "、", parts);
    }

    public static string State(Ui t, DemandOrderState state) => t["SharedOrders.State." + state];

    public static string ProposalState(Ui t, ProposalState state) => t["SharedOrders.ProposalState." + state];

    public static string Factor(Ui t, ExpertFactor factor) => t["SharedOrders.Factor." + factor];

    /// <summary>The colour of an expert factor: the match explanation's palette.</summary>
    public static string FactorClass(ExpertFactor factor) => factor switch
    {
        ExpertFactor.Field => "f-occupation",
        ExpertFactor.Specialty => "f-skills",
        ExpertFactor.Level => "f-levels",
        ExpertFactor.Place => "f-place",
        ExpertFactor.Rating => "f-experience",
        _ => "f-availability",
    };

    /// <summary>Hours with one decimal ("12.5").</summary>
    public static string Hours(TimeSpan span) => Math.Round(span.TotalHours, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.CurrentCulture);

    /// <summary>"3 小时 20 分" / "3 h 20 min", of the absolute value.</summary>
    public static string Duration(Ui t, TimeSpan span)
    {
        ArgumentNullException.ThrowIfNull(t);
        var abs = span.Duration();
        var hours = (long)abs.TotalHours;
        return t.Format("SharedOrders.HoursMinutes", hours, abs.Minutes);
    }

    /// <summary>An event's note as people wrote it: without the proposal reference the platform puts first; null when nothing is left.</summary>
    public static string? EventNote(string? note)
    {
        if (note is null || note == "automatic")
        {
            return null;
        }
        if (note.StartsWith("proposal:", StringComparison.Ordinal))
        {
            var space = note.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 || note[(space + 1)..] == "automatic" ? null : note[(space + 1)..];
        }
        return note;
    }

    public static string When(DateTimeOffset at) => at.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Money(long? min, long? max) => (min, max) switch
    {
        (null, null) => "",
        ({ } a, null) => string.Create(CultureInfo.InvariantCulture, $"¥{a:N0}+"),
        (null, { } b) => string.Create(CultureInfo.InvariantCulture, $"≤ ¥{b:N0}"),
        ({ } a, { } b) when a == b => string.Create(CultureInfo.InvariantCulture, $"¥{a:N0}"),
        ({ } a, { } b) => string.Create(CultureInfo.InvariantCulture, $"¥{a:N0}–{b:N0}"),
    };

    /// <summary>The clock's text: time left, overdue by, paused, answered in, or nothing to count.</summary>
    public static string ClockText(Ui t, ClockSummary clock)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(clock);
        return clock.Status switch
        {
            ClockStatus.Running => t.Format("SharedOrders.Clock.Left", Duration(t, clock.Remaining!.Value)),
            ClockStatus.Breached when clock.Remaining is { } left => t.Format("SharedOrders.Clock.OverdueBy", Duration(t, left)),
            ClockStatus.Breached => t.Format("SharedOrders.Clock.AnsweredLate", Hours(clock.Elapsed!.Value)),
            ClockStatus.Met => t.Format("SharedOrders.Clock.AnsweredIn", Hours(clock.Elapsed!.Value)),
            ClockStatus.Paused => t["SharedOrders.Clock.Paused"],
            _ => t["SharedOrders.Clock.None"],
        };
    }

    /// <summary>
    /// The counted time as a bar on the target's scale (full at the target, red beyond it, amber past the warning);
    /// its accessible name says the counted and target hours. Nothing while there is no counted time to show.
    /// </summary>
    public static IHtmlContent Bar(Ui t, ClockSummary clock)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(clock);
        if (clock.Elapsed is not { } elapsed)
        {
            return HtmlString.Empty;
        }
        var share = Math.Clamp(elapsed / clock.Target, 0, 1) * 100;
        var label = t.Format("SharedOrders.Clock.BarLabel", Hours(elapsed), Hours(clock.Target), Hours(clock.Warn));
        return Charts.StackedBar(label, [new Charts.Segment(label, share, "clock-" + clock.Level)]);
    }
}

/// <summary>What the <c>_ExpertFit</c> partial shows: an expert's fit and the names of the order's tags it may name.</summary>
public sealed record ExpertFitView(ExpertFit Fit, IReadOnlyDictionary<long, string> TagNames)
{
    /// <summary>What a factor matched, in words: tag names, occupation and industry names, the order's words.</summary>
    public string Matched(ExpertFactorScore factor, TalentBridge.Domain.Reference.ReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(factor);
        ArgumentNullException.ThrowIfNull(reference);
        var words = factor.Matched.Select(m =>
            m.StartsWith("tag:", StringComparison.Ordinal) && long.TryParse(m.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var tag)
                ? TagNames.TryGetValue(tag, out var name) ? name : m
            : factor.Factor == ExpertFactor.Field ? (m.Contains('-', StringComparison.Ordinal) ? Choices.OccupationName(reference, m) : Choices.IndustryName(reference, m))
            : m).ToList();
        return words.Count == 0 ? "—" : string.Join("、", words);
    }
}

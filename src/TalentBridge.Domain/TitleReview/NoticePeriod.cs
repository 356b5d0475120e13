using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.TitleReview;

/// <summary>
/// A public notice (公示) of at least so many working days: posted on <see cref="PostedOn"/>, it runs from the next
/// working day (<see cref="FirstDay"/>) to the end of its last working day (<see cref="LastDay"/>) — the day of posting
/// never counts, so a notice posted late in the afternoon still has its full days. Working days follow the shared
/// pool's <see cref="WorkCalendar"/> (public holidays and 调休).
/// </summary>
public sealed record NoticePeriod(DateOnly PostedOn, int WorkingDays, DateOnly FirstDay, DateOnly LastDay)
{
    public static NoticePeriod Start(DateOnly postedOn, int workingDays, WorkCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        var day = postedOn;
        DateOnly? first = null;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day))
            {
                first ??= day;
                counted++;
            }
        }
        return new NoticePeriod(postedOn, workingDays, first!.Value, day);
    }

    /// <summary>Whether the whole period has passed on <paramref name="today"/> (from the day after the last working day).</summary>
    public bool IsOver(DateOnly today) => today > LastDay;

    /// <summary>Objections are taken from the day of posting to the last day.</summary>
    public bool TakesObjections(DateOnly today) => today >= PostedOn && today <= LastDay;
}

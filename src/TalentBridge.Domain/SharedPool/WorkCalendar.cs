using System.Text;

namespace TalentBridge.Domain.SharedPool;

/// <summary>How a clock counts time.</summary>
public enum ClockMode
{
    /// <summary>Every moment counts: the plain difference between two instants.</summary>
    Calendar,

    /// <summary>Only time inside the working hours of working days counts (China time).</summary>
    WorkingHours,
}

/// <summary>One period of the working day in China time, such as 09:00–12:00; the end is exclusive.</summary>
public sealed record WorkingPeriod(TimeOnly Start, TimeOnly End);

/// <summary>Public holiday days of one festival (放假), both dates included; weekend days inside are listed too.</summary>
public sealed record HolidayRange(string Name, DateOnly From, DateOnly To);

/// <summary>A Saturday or Sunday that is a working day (调休上班), named after the festival it pays for.</summary>
public sealed record AdjustedWorkday(DateOnly Date, string Name);

/// <summary>
/// One year's holiday arrangement as the State Council's notice announces it, with the notice (<see cref="Source"/>,
/// <see cref="Url"/>) and whether its dates could be checked against the published text (<see cref="Confirmed"/>,
/// how or why not in <see cref="Confirmation"/>).
/// </summary>
public sealed record CalendarYear(
    int Year,
    string Source,
    string? Url,
    bool Confirmed,
    string? Confirmation,
    IReadOnlyList<HolidayRange> Holidays,
    IReadOnlyList<AdjustedWorkday> Workdays);

/// <summary>
/// The working calendar of the shared talent pool: China's public holidays and adjusted working days (调休) as
/// versioned data, and the working hours of a working day, all in China time (<see cref="ChinaTime.Offset"/>).
/// A working day is a Monday to Friday that is not a holiday, or an adjusted working day. Years the data does
/// not cover have no holidays (only weekends are off): an operator uploads the next year's notice when the
/// State Council publishes it (usually in November).
/// </summary>
/// <remarks>
/// The shipped calendar (<see cref="China"/>, data/reference/calendar/cn-holidays.json) has the working hours
/// 09:00–12:00 and 13:30–17:30, seven hours a day, the usual office hours of a Chinese public service centre
/// with its lunch break; an uploaded calendar may define others (<see cref="Parse"/>).
/// </remarks>
public sealed partial class WorkCalendar
{
    private const string ResourceName = "reference/calendar/cn-holidays.json";

    private static readonly Lazy<WorkCalendar> Embedded = new(LoadEmbedded);

    private readonly HashSet<DateOnly> _holidays = [];
    private readonly HashSet<DateOnly> _workdays = [];
    private readonly TimeSpan[] _starts;
    private readonly TimeSpan[] _ends;

    private WorkCalendar(string version, IReadOnlyList<WorkingPeriod> workingHours, IReadOnlyList<CalendarYear> years)
    {
        Version = version;
        WorkingHours = workingHours;
        Years = years;
        _starts = [.. workingHours.Select(p => p.Start.ToTimeSpan())];
        _ends = [.. workingHours.Select(p => p.End.ToTimeSpan())];
        WorkingDayLength = workingHours.Aggregate(TimeSpan.Zero, (sum, p) => sum + (p.End - p.Start));
        foreach (var year in years)
        {
            foreach (var holiday in year.Holidays)
            {
                for (var day = holiday.From; day <= holiday.To; day = day.AddDays(1))
                {
                    _holidays.Add(day);
                }
            }
            _workdays.UnionWith(year.Workdays.Select(w => w.Date));
        }
    }

    /// <summary>The calendar shipped with the platform (embedded data/reference/calendar/cn-holidays.json).</summary>
    public static WorkCalendar China => Embedded.Value;

    /// <summary>The data's own version label, such as "2026-1"; stored with every clock computed from it.</summary>
    public string Version { get; }

    /// <summary>The periods of a working day, in order and not overlapping.</summary>
    public IReadOnlyList<WorkingPeriod> WorkingHours { get; }

    /// <summary>The years the data covers, each with its source.</summary>
    public IReadOnlyList<CalendarYear> Years { get; }

    /// <summary>The working time of one whole working day (7 hours in the shipped calendar).</summary>
    public TimeSpan WorkingDayLength { get; }

    /// <summary>Monday to Friday unless a public holiday; Saturday and Sunday only when an adjusted working day.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        _workdays.Contains(date) || (!_holidays.Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>
    /// The time counted between two instants: in <see cref="ClockMode.Calendar"/> mode the plain difference, in
    /// <see cref="ClockMode.WorkingHours"/> mode only the time inside working hours on working days. When
    /// <paramref name="to"/> is before <paramref name="from"/> the result is negative (the same amount).
    /// </summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to, ClockMode mode)
    {
        if (CheckMode(mode) == ClockMode.Calendar)
        {
            return to - from;
        }
        if (to < from)
        {
            return -Elapsed(to, from, mode);
        }

        var (fromDay, fromTime) = Local(from);
        var (toDay, toTime) = Local(to);
        if (fromDay == toDay)
        {
            return IsWorkingDay(fromDay) ? WorkedBy(toTime) - WorkedBy(fromTime) : TimeSpan.Zero;
        }

        var total = IsWorkingDay(fromDay) ? WorkingDayLength - WorkedBy(fromTime) : TimeSpan.Zero;
        for (var day = fromDay.AddDays(1); day < toDay; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                total += WorkingDayLength;
            }
        }
        return IsWorkingDay(toDay) ? total + WorkedBy(toTime) : total;
    }

    /// <summary>
    /// The earliest instant (in China time) at which <paramref name="duration"/> of calendar or working time has
    /// passed since <paramref name="from"/>: <c>Elapsed(from, Add(from, d, mode), mode) == d</c>. In working-hours
    /// mode a duration that ends exactly with a working period ends at that period's end (17:30, not the next
    /// morning). This is also the one rule for every other deadline of the shared pool, such as an expert's reply
    /// window: <c>Add(sentAt, window, mode)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative.</exception>
    public DateTimeOffset Add(DateTimeOffset from, TimeSpan duration, ClockMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (CheckMode(mode) == ClockMode.Calendar || duration == TimeSpan.Zero)
        {
            return (from + duration).ToOffset(ChinaTime.Offset);
        }

        var (day, time) = Local(from);
        var left = duration;
        if (IsWorkingDay(day))
        {
            var worked = WorkedBy(time);
            if (worked + left <= WorkingDayLength)
            {
                return At(day, TimeWhenWorked(worked + left));
            }
            left -= WorkingDayLength - worked;
        }
        // Whole days are skipped one at a time: a year of working time is about 1,800 calendar days.
        while (true)
        {
            day = day.AddDays(1);
            if (!IsWorkingDay(day))
            {
                continue;
            }
            if (left <= WorkingDayLength)
            {
                return At(day, TimeWhenWorked(left));
            }
            left -= WorkingDayLength;
        }
    }

    /// <summary>Working time of a working day before the time of day <paramref name="time"/>.</summary>
    private TimeSpan WorkedBy(TimeSpan time)
    {
        var worked = TimeSpan.Zero;
        for (var i = 0; i < _starts.Length && time > _starts[i]; i++)
        {
            worked += (time < _ends[i] ? time : _ends[i]) - _starts[i];
        }
        return worked;
    }

    /// <summary>The earliest time of day by which <paramref name="worked"/> (more than zero, at most a day's length) is worked.</summary>
    private TimeSpan TimeWhenWorked(TimeSpan worked)
    {
        for (var i = 0; ; i++)
        {
            var length = _ends[i] - _starts[i];
            if (worked <= length)
            {
                return _starts[i] + worked;
            }
            worked -= length;
        }
    }

    private static (DateOnly Day, TimeSpan Time) Local(DateTimeOffset instant)
    {
        var local = instant.ToOffset(ChinaTime.Offset).DateTime;
        return (DateOnly.FromDateTime(local), local.TimeOfDay);
    }

    private static DateTimeOffset At(DateOnly day, TimeSpan time) =>
        new(day.ToDateTime(TimeOnly.MinValue) + time, ChinaTime.Offset);

    private static ClockMode CheckMode(ClockMode mode) =>
        Enum.IsDefined(mode) ? mode : throw new ArgumentOutOfRangeException(nameof(mode), mode, null);

    private static WorkCalendar LoadEmbedded()
    {
        using var stream = typeof(WorkCalendar).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var (calendar, errors) = Parse(reader.ReadToEnd());
        return calendar ?? throw new InvalidDataException($"{ResourceName}: {errors}");
    }
}

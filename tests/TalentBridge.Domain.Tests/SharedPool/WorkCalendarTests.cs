using System.Globalization;
using System.Text;
using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.Tests.SharedPool;

public sealed class WorkCalendarTests
{
    private static readonly WorkCalendar China = WorkCalendar.China;

    /// <summary>An instant in China time, "yyyy-MM-dd HH:mm".</summary>
    internal static DateTimeOffset T(string text) =>
        new(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), ChinaTime.Offset);

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void The_embedded_calendar_loads_with_both_years_their_sources_and_the_working_hours()
    {
        Assert.Equal("2026-1", China.Version);
        Assert.Equal([2025, 2026], China.Years.Select(y => y.Year));
        Assert.Contains("国办发明电〔2024〕12号", China.Years[0].Source, StringComparison.Ordinal);
        Assert.Contains("国办发明电〔2025〕7号", China.Years[1].Source, StringComparison.Ordinal);
        Assert.All(China.Years, y => Assert.False(string.IsNullOrWhiteSpace(y.Confirmation)));
        Assert.Equal(["元旦", "春节", "清明节", "劳动节", "端午节", "国庆节、中秋节"], China.Years[0].Holidays.Select(h => h.Name));
        Assert.Equal(["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"], China.Years[1].Holidays.Select(h => h.Name));
        Assert.Equal(new HolidayRange("春节", D("2026-02-15"), D("2026-02-23")), China.Years[1].Holidays[1]);
        Assert.Equal(
            [new WorkingPeriod(new TimeOnly(9, 0), new TimeOnly(12, 0)), new WorkingPeriod(new TimeOnly(13, 30), new TimeOnly(17, 30))],
            China.WorkingHours);
        Assert.Equal(TimeSpan.FromHours(7), China.WorkingDayLength);
    }

    [Fact]
    public void The_embedded_file_is_written_back_unchanged_by_ToJson()
    {
        using var stream = typeof(WorkCalendar).Assembly.GetManifestResourceStream("reference/calendar/cn-holidays.json")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        Assert.Equal(text, China.ToJson());

        var (again, errors) = WorkCalendar.Parse(China.ToJson());
        Assert.True(errors.IsValid, errors.ToString());
        Assert.Equal(China.ToJson(), again!.ToJson());
    }

    [Theory]
    [InlineData("2026-01-04", true)] // Sunday, 调休 for 元旦
    [InlineData("2026-02-14", true)] // Saturday, 调休 for 春节
    [InlineData("2026-02-28", true)] // Saturday, 调休 for 春节
    [InlineData("2026-10-10", true)] // Saturday, 调休 for 国庆节
    [InlineData("2025-01-26", true)] // Sunday, 调休 for 春节 2025
    [InlineData("2026-01-05", true)] // an ordinary Monday
    [InlineData("2026-01-10", false)] // an ordinary Saturday
    [InlineData("2026-01-02", false)] // Friday, 元旦
    [InlineData("2026-02-16", false)] // Monday, 春节
    [InlineData("2026-10-01", false)] // Thursday, 国庆节
    [InlineData("2025-10-08", false)] // Wednesday, 国庆节、中秋节 2025
    [InlineData("2027-01-01", true)] // Friday of a year the data does not cover: only weekends are off
    public void Working_days_are_weekdays_without_holidays_plus_adjusted_weekend_days(string date, bool working) =>
        Assert.Equal(working, China.IsWorkingDay(D(date)));

    [Fact]
    public void Calendar_mode_counts_the_plain_difference_holidays_included()
    {
        Assert.Equal(TimeSpan.FromHours(150), China.Elapsed(T("2026-10-01 00:00"), T("2026-10-07 06:00"), ClockMode.Calendar));
        Assert.Equal(T("2026-10-03 10:00"), China.Add(T("2026-10-01 10:00"), TimeSpan.FromHours(48), ClockMode.Calendar));
        // Instants given in another offset are the same instants; the result is in China time.
        var result = China.Add(new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), ClockMode.Calendar);
        Assert.Equal(T("2026-10-01 11:00"), result);
        Assert.Equal(ChinaTime.Offset, result.Offset);
    }

    [Theory]
    [InlineData("2026-03-02 09:00", "2026-03-02 17:30", 7.0)]
    [InlineData("2026-03-02 11:00", "2026-03-02 14:00", 1.5)] // the lunch break does not count
    [InlineData("2026-03-02 12:00", "2026-03-02 13:30", 0.0)]
    [InlineData("2026-03-02 07:00", "2026-03-02 09:30", 0.5)]
    [InlineData("2026-03-02 17:00", "2026-03-03 10:00", 1.5)]
    [InlineData("2026-03-06 17:00", "2026-03-09 09:00", 0.5)] // Friday evening to Monday morning
    [InlineData("2026-02-27 17:30", "2026-03-02 09:00", 7.0)] // Saturday 2026-02-28 is a working day, Sunday is not
    [InlineData("2026-02-13 17:30", "2026-02-24 09:00", 7.0)] // Spring Festival: only Saturday 2026-02-14 counts
    [InlineData("2026-09-30 17:30", "2026-10-08 09:00", 0.0)] // National Day week
    [InlineData("2026-03-02 14:00", "2026-03-02 11:00", -1.5)] // reversed: negative
    public void Working_hours_mode_counts_only_working_time_on_working_days(string from, string to, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), China.Elapsed(T(from), T(to), ClockMode.WorkingHours));

    [Theory]
    [InlineData("2026-03-06 17:00", 7.0, "2026-03-09 17:00")] // placed Friday 17:00: half an hour Friday, the rest Monday
    [InlineData("2026-03-02 09:00", 3.0, "2026-03-02 12:00")] // ends with the morning: 12:00, not 13:30
    [InlineData("2026-03-02 12:15", 0.5, "2026-03-02 14:00")] // from the lunch break
    [InlineData("2026-03-02 17:30", 7.0, "2026-03-03 17:30")]
    [InlineData("2026-10-01 10:00", 1.0, "2026-10-08 10:00")] // placed on a public holiday
    [InlineData("2026-02-13 16:00", 14.0, "2026-02-24 16:00")] // over the Spring Festival, with 调休 Saturday 2026-02-14
    [InlineData("2025-12-31 17:00", 1.0, "2026-01-04 09:30")] // over New Year 2026 to the 调休 Sunday 2026-01-04
    public void Add_finds_the_instant_when_the_working_time_has_passed(string from, double hours, string expected) =>
        Assert.Equal(T(expected), China.Add(T(from), TimeSpan.FromHours(hours), ClockMode.WorkingHours));

    [Fact]
    public void Add_of_nothing_is_the_start_and_a_negative_duration_is_refused()
    {
        Assert.Equal(T("2026-10-01 10:00"), China.Add(T("2026-10-01 10:00"), TimeSpan.Zero, ClockMode.WorkingHours));
        Assert.Throws<ArgumentOutOfRangeException>(() => China.Add(T("2026-03-02 10:00"), TimeSpan.FromMinutes(-1), ClockMode.WorkingHours));
    }

    [Fact]
    public void Add_and_Elapsed_are_inverses_over_many_random_instants_and_spans_of_up_to_a_year()
    {
        var random = new Random(20260206);
        var first = T("2024-12-01 00:00");
        for (var i = 0; i < 3000; i++)
        {
            var from = first.AddTicks((long)(random.NextDouble() * TimeSpan.FromDays(800).Ticks));
            // Mostly spans of up to two weeks of working time, every tenth up to a whole year.
            var limit = i % 10 == 0 ? TimeSpan.FromDays(365) : TimeSpan.FromHours(70);
            var duration = TimeSpan.FromTicks((long)(random.NextDouble() * limit.Ticks));
            foreach (var mode in new[] { ClockMode.WorkingHours, ClockMode.Calendar })
            {
                var end = China.Add(from, duration, mode);
                Assert.Equal(duration, China.Elapsed(from, end, mode));
                // Earliest: a tick less of working time ends earlier.
                if (duration > TimeSpan.Zero)
                {
                    Assert.True(China.Add(from, duration - TimeSpan.FromTicks(1), mode) < end);
                }
                // The other way round: Add(from, Elapsed(from, to)) is at or before to, with no working time between.
                var to = from + duration;
                var back = China.Add(from, China.Elapsed(from, to, mode), mode);
                Assert.True(back <= to);
                Assert.Equal(TimeSpan.Zero, China.Elapsed(back, to, mode));
            }
        }
    }

    [Fact]
    public void Elapsed_in_working_hours_agrees_with_counting_minute_by_minute()
    {
        var random = new Random(48);
        var first = T("2025-01-01 00:00");
        for (var i = 0; i < 300; i++)
        {
            var from = first.AddMinutes(random.Next(0, 2 * 365 * 24 * 60));
            var to = from.AddMinutes(random.Next(0, 12 * 24 * 60));
            var minutes = 0;
            for (var t = from; t < to; t = t.AddMinutes(1))
            {
                var local = t.ToOffset(ChinaTime.Offset);
                var time = TimeOnly.FromDateTime(local.DateTime);
                if (China.IsWorkingDay(DateOnly.FromDateTime(local.DateTime))
                    && China.WorkingHours.Any(p => time >= p.Start && time < p.End))
                {
                    minutes++;
                }
            }
            Assert.Equal(TimeSpan.FromMinutes(minutes), China.Elapsed(from, to, ClockMode.WorkingHours));
        }
    }
}

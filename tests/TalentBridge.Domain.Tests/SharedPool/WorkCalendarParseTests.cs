using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.Tests.SharedPool;

public sealed class WorkCalendarParseTests
{
    private const string Valid = """
        {
          "version": "test-1",
          "workingHours": [ { "start": "09:00", "end": "12:00" }, { "start": "13:30", "end": "17:30" } ],
          "years": [
            {
              "year": 2026, "source": "test notice", "confirmed": false, "confirmation": "not checked",
              "holidays": [ { "name": "国庆节", "from": "2026-10-01", "to": "2026-10-07" } ],
              "workdays": [ { "date": "2026-10-10", "name": "国庆节" } ]
            }
          ]
        }
        """;

    [Fact]
    public void A_valid_file_parses_with_its_version_and_dates()
    {
        var (calendar, errors) = WorkCalendar.Parse(Valid);
        Assert.True(errors.IsValid, errors.ToString());
        Assert.Equal("test-1", calendar!.Version);
        Assert.False(calendar.Years[0].Confirmed);
        Assert.Null(calendar.Years[0].Url);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 5)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 10)));
    }

    [Theory]
    [InlineData("\"version\": \"test-1\",", "", "version", "is required")]
    [InlineData("\"2026-10-01\"", "\"2026-13-01\"", "years[0].holidays[0].from", "must be a date such as 2026-10-01")]
    [InlineData("\"to\": \"2026-10-07\"", "\"to\": \"2026-09-30\"", "years[0].holidays[0].to", "must not be before from")]
    [InlineData("\"to\": \"2026-10-07\"", "\"to\": \"2026-12-07\"", "years[0].holidays[0].to", "must be at most 31 days after from")]
    [InlineData("\"date\": \"2026-10-10\"", "\"date\": \"2026-10-03\"", "years[0].workdays[0].date", "must not also be a holiday")]
    [InlineData("\"date\": \"2026-10-10\"", "\"date\": \"2026-10-12\"", "years[0].workdays[0].date", "must be a Saturday or Sunday")]
    [InlineData("\"date\": \"2026-10-10\"", "\"date\": \"2025-10-11\"", "years[0].workdays[0].date", "must lie in the year 2026")]
    [InlineData("{ \"date\": \"2026-10-10\", \"name\": \"国庆节\" }", "{ \"date\": \"2026-10-10\", \"name\": \"国庆节\" }, { \"date\": \"2026-10-10\", \"name\": \"国庆节\" }",
        "years[0].workdays[1].date", "must not repeat a date")]
    [InlineData("\"to\": \"2026-10-07\" }", "\"to\": \"2026-10-07\" }, { \"name\": \"x\", \"from\": \"2026-10-07\", \"to\": \"2026-10-08\" }",
        "years[0].holidays[1]", "must not overlap another holiday")]
    [InlineData("\"end\": \"12:00\"", "\"end\": \"08:00\"", "workingHours[0].end", "must be after start")]
    [InlineData("\"start\": \"13:30\"", "\"start\": \"11:30\"", "workingHours[1].start", "must not be before the end of the previous period")]
    [InlineData("\"start\": \"09:00\"", "\"start\": \"9:00\"", "workingHours[0].start", "must be a time such as 09:00")]
    [InlineData("\"workingHours\": [ { \"start\": \"09:00\", \"end\": \"12:00\" }, { \"start\": \"13:30\", \"end\": \"17:30\" } ]", "\"workingHours\": []",
        "workingHours", "must list at least one period")]
    [InlineData("\"year\": 2026,", "\"year\": \"2026\",", "years[0].year", "must be a whole number")]
    [InlineData("\"year\": 2026,", "\"year\": 1999,", "years[0].year", "must be between 2000 and 2100")]
    [InlineData("\"confirmed\": false", "\"confirmed\": \"no\"", "years[0].confirmed", "must be true or false")]
    [InlineData("\"source\": \"test notice\",", "", "years[0].source", "is required")]
    [InlineData("\"workdays\":", "\"workday\":", "years[0].workday", "is not a known field")]
    [InlineData("\"holidays\": [", "\"holidays\": 3, \"x\": [", "years[0].holidays", "must be a list")]
    public void A_bad_file_is_rejected_with_the_field_and_the_rule(string find, string replace, string field, string message)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        var (calendar, errors) = WorkCalendar.Parse(Valid.Replace(find, replace, StringComparison.Ordinal));
        Assert.Null(calendar);
        var all = errors.ToDictionary();
        Assert.True(all.ContainsKey(field), errors.ToString());
        Assert.Contains(message, all[field]);
    }

    [Fact]
    public void A_year_listed_twice_is_rejected()
    {
        var twice = Valid.Replace(
            "\"years\": [",
            "\"years\": [ { \"year\": 2026, \"source\": \"s\", \"confirmed\": true, \"holidays\": [], \"workdays\": [] },",
            StringComparison.Ordinal);
        var (calendar, errors) = WorkCalendar.Parse(twice);
        Assert.Null(calendar);
        Assert.Equal(["must not repeat a year"], errors.ToDictionary()["years[1].year"]);
    }

    [Theory]
    [InlineData("{ \"version\": ")]
    [InlineData("")]
    public void Text_that_is_not_json_is_rejected(string text)
    {
        var (calendar, errors) = WorkCalendar.Parse(text);
        Assert.Null(calendar);
        Assert.StartsWith("is not valid JSON", Assert.Single(errors.ToDictionary()["calendar"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_value_that_is_not_an_object_is_rejected()
    {
        var (calendar, errors) = WorkCalendar.Parse("[1, 2]");
        Assert.Null(calendar);
        Assert.Equal(["must be a JSON object"], errors.ToDictionary()["calendar"]);
    }
}

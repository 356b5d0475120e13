using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TalentBridge.Domain.SharedPool;

/// <summary>The calendar file: reading with field-named errors, and writing in the same form.</summary>
/// <example>
/// { "version": "2026-1",
///   "workingHours": [ { "start": "09:00", "end": "12:00" }, { "start": "13:30", "end": "17:30" } ],
///   "years": [ { "year": 2026, "source": "国务院办公厅关于2026年部分节假日安排的通知…", "url": "https://…",
///                "confirmed": true, "confirmation": "how the dates were checked",
///                "holidays": [ { "name": "国庆节", "from": "2026-10-01", "to": "2026-10-07" } ],
///                "workdays": [ { "date": "2026-10-10", "name": "国庆节" } ] } ] }
/// </example>
public sealed partial class WorkCalendar
{
    /// <summary>The longest festival a file may list; the longest so far, the Spring Festival, has nine days.</summary>
    private const int MaxHolidayDays = 31;

    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm";

    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// Reads and checks a calendar file. Errors name the field by its path (<c>years[1].holidays[0].from</c>) and
    /// the rule: dates are yyyy-MM-dd and times HH:mm; working periods end after they start and follow each other
    /// without overlapping; a festival ends in its year, at most 31 days after it starts, and overlaps no other;
    /// an adjusted working day is a Saturday or Sunday of its year, listed once and not also a holiday; a year is
    /// listed once; unknown fields are rejected so that a misspelt one is not silently ignored.
    /// </summary>
    public static (WorkCalendar? Calendar, ValidationErrors Errors) Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ReadOptions);
        }
        catch (JsonException e)
        {
            return (null, new ValidationErrors().Add("calendar", $"is not valid JSON: {e.Message}"));
        }

        using (document)
        {
            var reader = new FileReader();
            var calendar = reader.ReadCalendar(document.RootElement);
            return (reader.Errors.IsValid ? calendar : null, reader.Errors);
        }
    }

    /// <summary>The calendar as a file that <see cref="Parse"/> reads back unchanged (UTF-8 text, two-space indents).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("version", Version);
            w.WriteStartArray("workingHours");
            foreach (var period in WorkingHours)
            {
                w.WriteStartObject();
                w.WriteString("start", period.Start.ToString(TimeFormat, CultureInfo.InvariantCulture));
                w.WriteString("end", period.End.ToString(TimeFormat, CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("years");
            foreach (var year in Years)
            {
                w.WriteStartObject();
                w.WriteNumber("year", year.Year);
                w.WriteString("source", year.Source);
                if (year.Url is not null)
                {
                    w.WriteString("url", year.Url);
                }
                w.WriteBoolean("confirmed", year.Confirmed);
                if (year.Confirmation is not null)
                {
                    w.WriteString("confirmation", year.Confirmation);
                }
                w.WriteStartArray("holidays");
                foreach (var holiday in year.Holidays)
                {
                    w.WriteStartObject();
                    w.WriteString("name", holiday.Name);
                    w.WriteString("from", holiday.From.ToString(DateFormat, CultureInfo.InvariantCulture));
                    w.WriteString("to", holiday.To.ToString(DateFormat, CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("workdays");
                foreach (var workday in year.Workdays)
                {
                    w.WriteStartObject();
                    w.WriteString("date", workday.Date.ToString(DateFormat, CultureInfo.InvariantCulture));
                    w.WriteString("name", workday.Name);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Walks the JSON document, collecting every error with the path of its field.</summary>
    private sealed class FileReader
    {
        private readonly HashSet<DateOnly> _holidays = [];
        private readonly HashSet<DateOnly> _workdays = [];

        public ValidationErrors Errors { get; } = new();

        public WorkCalendar? ReadCalendar(JsonElement root)
        {
            if (!IsObject(root, "calendar", "version", "workingHours", "years"))
            {
                return null;
            }
            var version = Text(root, "version", "version", 50, required: true);
            var hours = ReadWorkingHours(root);
            var years = new List<CalendarYear>();
            var seen = new HashSet<int>();
            var yearElements = Items(root, "years", "years");
            Errors.When(yearElements is [], "years", "must list at least one year");
            for (var i = 0; i < yearElements?.Count; i++)
            {
                var field = $"years[{i}]";
                var year = ReadYear(yearElements[i], field);
                if (year is not null)
                {
                    Errors.When(!seen.Add(year.Year), $"{field}.year", "must not repeat a year");
                    years.Add(year);
                }
            }
            return Errors.IsValid ? new WorkCalendar(version!, hours, years) : null;
        }

        private List<WorkingPeriod> ReadWorkingHours(JsonElement root)
        {
            var periods = new List<WorkingPeriod>();
            var elements = Items(root, "workingHours", "workingHours");
            Errors.When(elements is [], "workingHours", "must list at least one period");
            for (var i = 0; i < elements?.Count; i++)
            {
                var field = $"workingHours[{i}]";
                if (!IsObject(elements[i], field, "start", "end"))
                {
                    continue;
                }
                var start = Time(elements[i], "start", $"{field}.start");
                var end = Time(elements[i], "end", $"{field}.end");
                if (start is null || end is null)
                {
                    continue;
                }
                Errors.When(end <= start, $"{field}.end", "must be after start")
                      .When(periods.Count > 0 && start < periods[^1].End, $"{field}.start", "must not be before the end of the previous period");
                periods.Add(new WorkingPeriod(start.Value, end.Value));
            }
            return periods;
        }

        private CalendarYear? ReadYear(JsonElement element, string field)
        {
            if (!IsObject(element, field, "year", "source", "url", "confirmed", "confirmation", "holidays", "workdays"))
            {
                return null;
            }
            var year = Integer(element, "year", $"{field}.year");
            if (year is { } number)
            {
                Errors.Range(number, 2000, 2100, $"{field}.year");
            }
            var source = Text(element, "source", $"{field}.source", 500, required: true);
            var url = Text(element, "url", $"{field}.url", 500, required: false);
            var confirmed = Boolean(element, "confirmed", $"{field}.confirmed");
            var confirmation = Text(element, "confirmation", $"{field}.confirmation", 2000, required: false);

            var holidays = new List<HolidayRange>();
            var holidayElements = Items(element, "holidays", $"{field}.holidays");
            for (var i = 0; i < holidayElements?.Count; i++)
            {
                if (ReadHoliday(holidayElements[i], $"{field}.holidays[{i}]", year) is { } holiday)
                {
                    holidays.Add(holiday);
                }
            }
            // Working days after all holidays of the year, so that a clash is found whichever comes first in the file.
            var workdays = new List<AdjustedWorkday>();
            var workdayElements = Items(element, "workdays", $"{field}.workdays");
            for (var i = 0; i < workdayElements?.Count; i++)
            {
                if (ReadWorkday(workdayElements[i], $"{field}.workdays[{i}]", year) is { } workday)
                {
                    workdays.Add(workday);
                }
            }
            return year is null || source is null || confirmed is null
                ? null
                : new CalendarYear(year.Value, source, url, confirmed.Value, confirmation, holidays, workdays);
        }

        private HolidayRange? ReadHoliday(JsonElement element, string field, int? year)
        {
            if (!IsObject(element, field, "name", "from", "to"))
            {
                return null;
            }
            var name = Text(element, "name", $"{field}.name", 50, required: true);
            var from = Date(element, "from", $"{field}.from");
            var to = Date(element, "to", $"{field}.to");
            if (name is null || from is null || to is null)
            {
                return null;
            }
            Errors.When(to < from, $"{field}.to", "must not be before from")
                  .When(to.Value.DayNumber - from.Value.DayNumber >= MaxHolidayDays, $"{field}.to", "must be at most 31 days after from")
                  .When(year is not null && to.Value.Year != year, $"{field}.to", $"must lie in the year {year}");
            if (to < from || to.Value.DayNumber - from.Value.DayNumber >= MaxHolidayDays)
            {
                return null;
            }
            var overlaps = false;
            for (var day = from.Value; day <= to.Value; day = day.AddDays(1))
            {
                overlaps |= !_holidays.Add(day);
            }
            Errors.When(overlaps, field, "must not overlap another holiday");
            return new HolidayRange(name, from.Value, to.Value);
        }

        private AdjustedWorkday? ReadWorkday(JsonElement element, string field, int? year)
        {
            if (!IsObject(element, field, "date", "name"))
            {
                return null;
            }
            var date = Date(element, "date", $"{field}.date");
            var name = Text(element, "name", $"{field}.name", 50, required: true);
            if (date is not { } day || name is null)
            {
                return null;
            }
            Errors.When(year is not null && day.Year != year, $"{field}.date", $"must lie in the year {year}")
                  .When(day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{field}.date", "must be a Saturday or Sunday")
                  .When(_holidays.Contains(day), $"{field}.date", "must not also be a holiday")
                  .When(!_workdays.Add(day), $"{field}.date", "must not repeat a date");
            return new AdjustedWorkday(day, name);
        }

        /// <summary>True when <paramref name="element"/> is an object; reports it otherwise, and every unknown property.</summary>
        private bool IsObject(JsonElement element, string field, params string[] known)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Errors.Add(field, "must be a JSON object");
                return false;
            }
            foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name, StringComparer.Ordinal)))
            {
                Errors.Add(field == "calendar" ? property.Name : $"{field}.{property.Name}", "is not a known field");
            }
            return true;
        }

        /// <summary>The property's value, or null (reported as missing when <paramref name="required"/>) when absent or null.</summary>
        private JsonElement? Value(JsonElement element, string name, string field, bool required)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return value;
            }
            Errors.When(required, field, "is required");
            return null;
        }

        private string? Text(JsonElement element, string name, string field, int maxLength, bool required)
        {
            if (Value(element, name, field, required) is not { } value)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                Errors.Add(field, "must be a text");
                return null;
            }
            var text = value.GetString();
            if (required)
            {
                Errors.Required(text, field, maxLength);
            }
            else
            {
                Errors.Optional(text, field, maxLength);
            }
            return string.IsNullOrWhiteSpace(text) || text.Length > maxLength ? null : text;
        }

        private List<JsonElement>? Items(JsonElement element, string name, string field)
        {
            if (Value(element, name, field, required: true) is not { } value)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.Array)
            {
                Errors.Add(field, "must be a list");
                return null;
            }
            return [.. value.EnumerateArray()];
        }

        private int? Integer(JsonElement element, string name, string field)
        {
            if (Value(element, name, field, required: true) is not { } value)
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
            {
                return number;
            }
            Errors.Add(field, "must be a whole number");
            return null;
        }

        private bool? Boolean(JsonElement element, string name, string field)
        {
            if (Value(element, name, field, required: true) is not { } value)
            {
                return null;
            }
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }
            Errors.Add(field, "must be true or false");
            return null;
        }

        private DateOnly? Date(JsonElement element, string name, string field)
        {
            if (Value(element, name, field, required: true) is not { } value)
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            Errors.Add(field, "must be a date such as 2026-10-01");
            return null;
        }

        private TimeOnly? Time(JsonElement element, string name, string field)
        {
            if (Value(element, name, field, required: true) is not { } value)
            {
                return null;
            }
            if (value.ValueKind == JsonValueKind.String
                && TimeOnly.TryParseExact(value.GetString(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }
            Errors.Add(field, "must be a time such as 09:00");
            return null;
        }
    }
}

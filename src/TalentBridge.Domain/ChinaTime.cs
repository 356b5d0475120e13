namespace TalentBridge.Domain;

/// <summary>
/// The platform's calendar: China Standard Time (UTC+8, no daylight saving since 1991). Dates that
/// people see or that rules compare — "today", a birth year, a posting's expiry — are China dates,
/// whatever the server's own time zone is.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Now(TimeProvider time) => time.GetUtcNow().ToOffset(Offset);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Now(time).DateTime);

    public static DateOnly Date(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}

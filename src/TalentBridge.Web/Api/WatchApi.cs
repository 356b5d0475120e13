using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Api;

/// <summary>The alert list's query string (API and page): every value read as text, so a bad one is named.</summary>
public sealed class WarningParameters
{
    public string? Id { get; set; }
    public string? Kind { get; set; }
    public string? Severity { get; set; }
    public string? SubjectType { get; set; }
    public string? Period { get; set; }
    public string? Acknowledged { get; set; }
    public string? Region { get; set; }
    public string? Sort { get; set; }
    public string? Page { get; set; }
    public string? PageSize { get; set; }

    public (WarningQuery Query, ValidationErrors Errors) Parse(ReferenceData reference)
    {
        var errors = new ValidationErrors();
        var query = new WarningQuery
        {
            Id = WatchApi.Number(Id, "id", errors),
            Kind = WatchApi.Enum<WarningKind>(Kind, "kind", errors),
            Severity = WatchApi.Enum<WarningSeverity>(Severity, "severity", errors),
            SubjectType = WatchApi.Blank(SubjectType),
            Period = WatchApi.Blank(Period),
            Acknowledged = WatchApi.Bool(Acknowledged, "acknowledged", errors),
            Region = WatchApi.Blank(Region) is { } r ? Pages.FormReader.Region(r) : null,
            Sort = WatchApi.Blank(Sort),
            Page = (int?)WatchApi.Number(Page, "page", errors) ?? 1,
            PageSize = (int?)WatchApi.Number(PageSize, "pageSize", errors) ?? 20,
        };
        return (query, errors.AddMissing(query.Validate(reference)));
    }
}

/// <summary>The forecast table's query string (API and page).</summary>
public sealed class ForecastParameters
{
    public string? Measure { get; set; }
    public string? Level { get; set; }
    public string? Occupation { get; set; }
    public string? Region { get; set; }
    public string? Sort { get; set; }
    public string? Page { get; set; }
    public string? PageSize { get; set; }

    public (ForecastQuery Query, ValidationErrors Errors) Parse(ReferenceData reference)
    {
        var errors = new ValidationErrors();
        var query = new ForecastQuery
        {
            Measure = WatchApi.Blank(Measure) ?? Forecasts.Headcount,
            Level = WatchApi.Blank(Level) ?? Forecasts.County,
            Occupation = WatchApi.Blank(Occupation),
            Region = WatchApi.Blank(Region) is { } r ? Pages.FormReader.Region(r) : null,
            Sort = WatchApi.Blank(Sort),
            Page = (int?)WatchApi.Number(Page, "page", errors) ?? 1,
            PageSize = (int?)WatchApi.Number(PageSize, "pageSize", errors) ?? 20,
        };
        return (query, errors.AddMissing(query.Validate(reference)));
    }
}

/// <summary>
/// Early warnings and demand forecasts over HTTP (issue 13, items 5 and 6), for operators (their region's subtree) and
/// administrators. Thin: every rule and scope is <see cref="WarningAlerts"/>', <see cref="WarningThresholdSettings"/>' and
/// <see cref="Forecasts"/>'; what the caller may not see is 404 (403 for other roles).
/// </summary>
public static class WatchApi
{
    public sealed record AcknowledgementBody(string? Note, int? Version);

    public sealed record ThresholdsBody(double? SharpFallShare, int? SharpFallMinOpen, int? MassClosureCount, double? MassClosureShare,
        int? MassClosureMinPositions, int? TerminatedAgreements, double? SevereFactor);

    public static void MapWatchApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/analytics").WithTags("Early warnings and forecasts").RequireAuthorization();

        group.MapGet("/warnings", async Task<Results<Ok<Page<WarningAlert>>, ValidationProblem, ForbidHttpResult>> (
            [AsParameters] WarningParameters parameters, ClaimsPrincipal user, WarningAlerts alerts, ReferenceData reference, CancellationToken ct) =>
        {
            var (query, errors) = parameters.Parse(reference);
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors);
            }
            return await alerts.ListAsync(Caller.From(user), query, ct) is { } page ? TypedResults.Ok(page) : TypedResults.Forbid();
        }).WithSummary("Alerts of the caller's region, newest month first: kind (sharpFall, massClosure, massClosureShare, terminatedAgreements), " +
            "severity (warning, severe), subjectType (enterprise, industry), period (2026-05), acknowledged, region, sort (-period, period, -severity, " +
            "-raisedAt, subject), page, pageSize. Each alert carries its measured value, the threshold and the subject's last 12 months.");

        group.MapGet("/warnings/export", async Task<Results<FileContentHttpResult, ValidationProblem, ForbidHttpResult>> (
            [AsParameters] WarningParameters parameters, ClaimsPrincipal user, WarningAlerts alerts, ReferenceData reference, CancellationToken ct) =>
        {
            var (query, errors) = parameters.Parse(reference);
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors);
            }
            return await alerts.ExportCsvAsync(Caller.From(user), query, ct) is { } csv
                ? TypedResults.File(csv, "text/csv; charset=utf-8", "early-warnings.csv")
                : TypedResults.Forbid();
        }).WithSummary("The filtered alerts as CSV (at most 100,000); the export is audited.");

        group.MapGet("/warnings/{id:long}", async Task<Results<Ok<WarningAlert>, NotFound, ForbidHttpResult>> (long id, ClaimsPrincipal user,
            HttpResponse response, WarningAlerts alerts, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            if (!WarningAlerts.CanSee(caller))
            {
                return TypedResults.Forbid();
            }
            return await alerts.FindAsync(caller, id, ct) is { } alert ? TypedResults.Ok(PoolsApi.Tagged(response, alert)) : TypedResults.NotFound();
        }).WithSummary("One alert; the ETag is its version.");

        group.MapPost("/warnings/{id:long}/acknowledgement", async Task<Results<Ok<WarningAlert>, ValidationProblem, NotFound, ForbidHttpResult,
            ProblemHttpResult>> (long id, AcknowledgementBody body, ClaimsPrincipal user, HttpResponse response, WarningAlerts alerts, CancellationToken ct) =>
        {
            var version = response.HttpContext.Request.Headers.IfMatch.Count == 0 ? body.Version : Versions.IfMatch(response);
            return PoolsApi.Answer(response, await alerts.AcknowledgeAsync(Caller.From(user), id, body.Note, version, ct));
        }).WithSummary("Acknowledges an alert with a note (required); who and when are kept and audited. If-Match or version: the alert's version.");

        group.MapGet("/warnings/thresholds", async Task<Results<Ok<RegionThresholds>, NotFound>> (string? region, ClaimsPrincipal user, HttpResponse response,
            WarningThresholdSettings settings, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            return await settings.GetAsync(caller, Pages.FormReader.Region(region ?? caller.RegionCode ?? ""), ct) is { } found
                ? TypedResults.Ok(Tagged(response, found))
                : TypedResults.NotFound();
        }).WithSummary("The thresholds that apply in a region (default: the operator's): its own, its nearest ancestor's (setFor) or the defaults " +
            "(setFor null); the ETag is the version of the region's own thresholds, \"0\" while it has none.");

        group.MapPut("/warnings/thresholds", async Task<Results<Ok<RegionThresholds>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (
            string? region, ThresholdsBody body, ClaimsPrincipal user, HttpResponse response, WarningThresholdSettings settings, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            var errors = new ValidationErrors();
            T Required<T>(T? value, string field) where T : struct
            {
                errors.When(value is null, field, "is required");
                return value ?? default;
            }
            var thresholds = new WarningThresholds(Required(body.SharpFallShare, "sharpFallShare"), Required(body.SharpFallMinOpen, "sharpFallMinOpen"),
                Required(body.MassClosureCount, "massClosureCount"), Required(body.MassClosureShare, "massClosureShare"),
                Required(body.MassClosureMinPositions, "massClosureMinPositions"), Required(body.TerminatedAgreements, "terminatedAgreements"),
                Required(body.SevereFactor, "severeFactor"));
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors.AddMissing(thresholds.Validate()));
            }
            var result = await settings.SetAsync(caller, Pages.FormReader.Region(region ?? caller.RegionCode ?? ""), thresholds, Versions.IfMatch(response), ct);
            return result.Status switch
            {
                WriteStatus.Ok => TypedResults.Ok(Tagged(response, result.Value!)),
                WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
                WriteStatus.NotFound => TypedResults.NotFound(),
                WriteStatus.Conflict => PoolsApi.Changed(response, result.Value!.Version),
                _ => TypedResults.Forbid(),
            };
        }).RequireIfMatch()
            .WithSummary("Sets a region's own thresholds (shares as fractions: 0.3 = 30 %); If-Match \"0\" creates them. Re-evaluates the months evaluated.");

        group.MapGet("/forecasts", async Task<Results<Ok<Page<ForecastRow>>, ValidationProblem, ForbidHttpResult>> (
            [AsParameters] ForecastParameters parameters, ClaimsPrincipal user, Forecasts forecasts, ReferenceData reference, CancellationToken ct) =>
        {
            var (query, errors) = parameters.Parse(reference);
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors);
            }
            return await forecasts.ListAsync(Caller.From(user), query, ct) is { } page ? TypedResults.Ok(page) : TypedResults.Forbid();
        }).WithSummary("The stored forecasts: measure (headcount, open), level (county: occupation 小类 x county; city: 中类 x city), occupation " +
            "(a group code such as 2-02), region, sort (-demand, demand, smape, -smape, mase, -mase), page, pageSize; each with its method, forecast, " +
            "backtest errors (sMAPE, MASE) and Naive2's.");

        group.MapGet("/forecasts/summary", async Task<Results<Ok<IReadOnlyList<ForecastRunSummary>>, ForbidHttpResult>> (ClaimsPrincipal user,
                Forecasts forecasts, CancellationToken ct) =>
            Forecasts.CanSee(Caller.From(user)) ? TypedResults.Ok(await forecasts.SummariesAsync(ct)) : TypedResults.Forbid())
            .WithSummary("The newest run per measure and level: series, backtested series, the share whose chosen method beats Naive2, mean sMAPE and " +
                "MASE (and Naive2's), OWA.");

        group.MapGet("/forecasts/series", async Task<Results<Ok<ForecastRow>, NotFound>> (string? measure, string? level, string region, string occupation,
                ClaimsPrincipal user, Forecasts forecasts, CancellationToken ct) =>
            await forecasts.FindAsync(Caller.From(user), measure ?? Forecasts.Headcount, level ?? Forecasts.County, region, occupation, ct) is { } row
                ? TypedResults.Ok(row)
                : TypedResults.NotFound())
            .WithSummary("One series: its history, forecast and the backtest of every method tried.");
    }

    private static RegionThresholds Tagged(HttpResponse response, RegionThresholds thresholds)
    {
        response.Headers.ETag = Versions.ETag(thresholds.Version);
        return thresholds;
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static long? Number(string? value, string field, ValidationErrors errors)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= int.MaxValue)
        {
            return number;
        }
        errors.Add(field, "must be a whole number");
        return null;
    }

    internal static bool? Bool(string? value, string field, ValidationErrors errors)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }
        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }
        errors.Add(field, "must be true or false");
        return null;
    }

    /// <summary>An enum by name (sharpFall or SharpFall), never by number.</summary>
    internal static TEnum? Enum<TEnum>(string? value, string field, ValidationErrors errors) where TEnum : struct, Enum
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }
        if (!text.Any(char.IsDigit) && System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed))
        {
            return parsed;
        }
        errors.Add(field, "must be one of the listed options");
        return null;
    }
}

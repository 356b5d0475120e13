using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;
using TalentBridge.Web.Pages;

namespace TalentBridge.Web.Api;

/// <summary>
/// The one-click flow over HTTP (issue 6): apply, the steps of an application, invitations and their answers, the
/// lists of each side, an application's history and its agreement. Thin: every rule is <see cref="Applications"/>'s
/// and <see cref="Invitations"/>'s. A step names the version it acts on (<c>If-Match</c> or <c>version</c> in the
/// body; 428 without either, 412 when stale); a step the rules do not allow in the current state is 409 with the
/// rule's words.
/// </summary>
public static class FlowApi
{
    /// <summary>POST /applications/{id}/steps: the action and what it needs.</summary>
    public sealed record StepBody(string? Action, int? Version, string? InterviewAt, string? InterviewPlace, string? Reason, OfferBody? Offer);

    /// <summary>The offer's terms; the position's title and occupation are the application's, the place defaults to the position's region.</summary>
    public sealed record OfferBody(int? MonthlySalary, int? MonthsPerYear, string? StartOn, string? EngagementMode, string? RegionCode, int? ProbationMonths,
        string? SignBy);

    /// <summary>POST /applications/{id}/sign and /withdraw.</summary>
    public sealed record ConfirmBody(int? Version, string? Reason);

    public sealed record ApplyBody(bool? KeepForOtherPositions);

    public sealed record InviteBody(long? PositionId, string? Message, int? Days);

    public sealed record AnswerBody(string? Action, int? Version, bool? KeepForOtherPositions);

    /// <summary>POST /agreements/{id}/termination.</summary>
    public sealed record TerminationBody(string? Reason);

    /// <summary>The actions a client may ask for (expiry is the platform's own).</summary>
    private static readonly ApplicationAction[] ClientActions =
        [.. Enum.GetValues<ApplicationAction>().Where(a => a != ApplicationAction.Expire)];

    public static void MapFlowApi(this RouteGroupBuilder api)
    {
        MapApplications(api);
        MapInvitations(api);
    }

    private static void MapApplications(RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Applications").RequireAuthorization();

        group.MapPost("/positions/{id:long}/applications", async (long id, ApplyBody? body, ClaimsPrincipal user, HttpResponse response, Applications applications,
                CancellationToken ct) =>
            PoolsApi.Created(response, await applications.ApplyAsync(Caller.From(user), id, body?.KeepForOtherPositions ?? false, ct),
                a => $"/api/v1/applications/{a.Id}"))
            .WithSummary("一键投档: the signed-in talent applies to an open position with a snapshot of the profile (no contact data); keepForOtherPositions lets the enterprise keep it after a refusal.");

        group.MapGet("/applications/{id:long}", async (long id, ClaimsPrincipal user, HttpResponse response, Applications applications, CancellationToken ct) =>
            PoolsApi.Found(response, await applications.FindAsync(Caller.From(user), id, ct)))
            .WithSummary("One application for its talent, its enterprise's users, operators of its region and administrators; the ETag is its version.");

        group.MapPost("/applications/{id:long}/steps", async Task<Results<Ok<Application>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (
            long id, StepBody body, ClaimsPrincipal user, HttpResponse response, Applications applications, ReferenceData reference, TimeProvider time,
            CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var action = ParseAction(body.Action, errors);
            var (version, missing) = ExpectedVersion(response, body.Version, errors);
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors);
            }
            if (missing is not null)
            {
                return missing;
            }
            var caller = Caller.From(user);
            var request = new StepRequest(action!.Value, version, Reason: body.Reason);
            if (action == ApplicationAction.ScheduleInterview)
            {
                request = request with { InterviewAt = ParseInstant(body.InterviewAt, "interviewAt", errors), InterviewPlace = body.InterviewPlace };
            }
            else if (action == ApplicationAction.Offer)
            {
                // The terms name the application's position: read it (also for the 404 of a stranger) before building them.
                if (await applications.FindAsync(caller, id, ct) is not { } current)
                {
                    return TypedResults.NotFound();
                }
                request = request with { Offer = body.Offer is null ? null : Terms(body.Offer, current, errors) };
                if (!errors.IsValid && request.Offer is { } terms)
                {
                    // With the fields that did not parse, the domain's rules on the others (as the forms report them).
                    errors.AddMissing(terms.Validate(reference, ChinaTime.Today(time)));
                }
            }
            return errors.IsValid ? Stepped(response, await applications.ActAsync(caller, id, request, ct)) : PoolsApi.Invalid(errors);
        }).WithSummary("Takes one step: action = view, shortlist, scheduleInterview (interviewAt, interviewPlace), offer (offer: monthlySalary, monthsPerYear, startOn, engagementMode, regionCode, probationMonths, signBy), refuse (reason), sign or withdraw. The version in If-Match or the body is required: 412 when it is no longer current, 409 when the rules do not allow the step now.");

        group.MapPost("/applications/{id:long}/sign", (long id, ConfirmBody? body, ClaimsPrincipal user, HttpResponse response, Applications applications,
                CancellationToken ct) => ConfirmAsync(ApplicationAction.Sign, id, body, user, response, applications, ct))
            .WithSummary("一键签约: the talent confirms the offered terms as they are; the agreement is stored with its hash and the position loses one place. Version as for steps.");

        group.MapPost("/applications/{id:long}/withdraw", (long id, ConfirmBody? body, ClaimsPrincipal user, HttpResponse response, Applications applications,
                CancellationToken ct) => ConfirmAsync(ApplicationAction.Withdraw, id, body, user, response, applications, ct))
            .WithSummary("The talent withdraws the application (also the answer no to an offer), with an optional reason. Version as for steps.");

        group.MapGet("/applications/{id:long}/history", async Task<Results<Ok<IReadOnlyList<ApplicationStep>>, NotFound>> (
            long id, ClaimsPrincipal user, Applications applications, CancellationToken ct) =>
            await applications.FindAsync(Caller.From(user), id, ct) is null
                ? TypedResults.NotFound()
                : TypedResults.Ok(await applications.HistoryAsync(id, ct)))
            .WithSummary("The application's steps, oldest first: when, who, the side, the action, the states before and after, and the note.");

        group.MapGet("/applications/{id:long}/agreement", async Task<Results<Ok<Agreement>, NotFound>> (
            long id, ClaimsPrincipal user, Agreements agreements, CancellationToken ct) =>
            await agreements.FindAsync(Caller.From(user), id, ct) is { } agreement ? TypedResults.Ok(agreement) : TypedResults.NotFound())
            .WithSummary("The signed agreement of an application (404 until it is signed): the terms, both confirmations and the SHA-256 over them; hashMatches recomputes it.");

        group.MapPost("/agreements/{id:long}/termination", async Task<Results<Ok<Agreement>, ValidationProblem, NotFound>> (
            long id, TerminationBody? body, ClaimsPrincipal user, Agreements agreements, CancellationToken ct) =>
            await agreements.TerminateAsync(Caller.From(user), id, body?.Reason, ct) switch
            {
                { Status: WriteStatus.Ok, Value: { } terminated } => TypedResults.Ok(terminated),
                { Status: WriteStatus.Invalid } invalid => PoolsApi.Invalid(invalid.Errors),
                _ => TypedResults.NotFound(),
            })
            .WithSummary("解约: terminates the agreement of application {id} (the number on /agreements/{id}), for either side, an operator of its region or an administrator; reason required; once (400 on agreement when it is terminated already).");

        group.MapGet("/positions/{id:long}/candidates", async Task<Results<Ok<Page<Application>>, ValidationProblem, NotFound, ForbidHttpResult>> (
            long id, string? state, int? page, int? pageSize, ClaimsPrincipal user, PositionStore positions, Applications applications, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var filter = ParseEnum<ApplicationState>(state, "state", errors);
            CheckPage(page, pageSize, errors);
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors);
            }
            if (await positions.FindAsync(id, ct) is not { } position)
            {
                return TypedResults.NotFound();
            }
            return await applications.ForPositionAsync(Caller.From(user), position, filter, page ?? 1, pageSize ?? 20, ct) is { } list
                ? TypedResults.Ok(list)
                : TypedResults.Forbid();
        }).WithSummary("候选人: a position's applications for its enterprise's users, operators of its region and administrators, newest change first; state filters (applied, viewed, shortlisted, …).");

        MapTalentList<Application, Applications>(group, "applications", (applications, id, page, size, ct) => applications.ForTalentAsync(id, page, size, ct))
            .WithSummary("我的投档: a talent's applications, newest change first, for the talent, operators of the talent's region and administrators.");
    }

    private static void MapInvitations(RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Invitations").RequireAuthorization();

        group.MapPost("/talents/{id:long}/invitations", async Task<Results<Created<Invitation>, ValidationProblem, NotFound, ForbidHttpResult>> (
            long id, InviteBody body, ClaimsPrincipal user, HttpResponse response, Invitations invitations, CancellationToken ct) =>
        {
            if (body.PositionId is not { } positionId)
            {
                return PoolsApi.Invalid(new ValidationErrors().Add("positionId", "is required"));
            }
            return PoolsApi.Created(response, await invitations.InviteAsync(Caller.From(user), positionId, id, body.Message, body.Days, ct),
                i => $"/api/v1/invitations/{i.Id}");
        }).WithSummary($"一键邀约: invites a talent the caller may see to an open position of an enterprise the caller recruits for, with a message and days of validity (default {Invitations.DefaultDays}, at most {Invitations.MaxDays}).");

        group.MapGet("/invitations/{id:long}", async (long id, ClaimsPrincipal user, HttpResponse response, Invitations invitations, CancellationToken ct) =>
            PoolsApi.Found(response, await invitations.FindAsync(Caller.From(user), id, ct)))
            .WithSummary("One invitation for its talent and its enterprise's side; the ETag is its version.");

        group.MapPost("/invitations/{id:long}/answer", async Task<Results<Ok<Invitation>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (
            long id, AnswerBody body, ClaimsPrincipal user, HttpResponse response, Invitations invitations, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var action = ParseEnum<InvitationAction>(body.Action, "action", errors);
            errors.When(action is null && errors.IsValid, "action", "is required")
                .When(action == InvitationAction.Expire, "action", "must be accept or decline");
            var (version, missing) = ExpectedVersion(response, body.Version, errors);
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors);
            }
            if (missing is not null)
            {
                return missing;
            }
            return Stepped(response, await invitations.AnswerAsync(Caller.From(user), id, action!.Value, version, body.KeepForOtherPositions ?? false, ct));
        }).WithSummary("The talent accepts (which opens an application: see applicationId) or declines. Version as for an application's steps; 409 when the invitation is answered or expired.");

        MapTalentList<Invitation, Invitations>(group, "invitations", (invitations, id, page, size, ct) => invitations.ForTalentAsync(id, page, size, ct))
            .WithSummary("The invitations a talent received, newest first, for the talent, operators of the talent's region and administrators.");
    }

    private static async Task<Results<Ok<Application>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> ConfirmAsync(
        ApplicationAction action, long id, ConfirmBody? body, ClaimsPrincipal user, HttpResponse response, Applications applications, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (version, missing) = ExpectedVersion(response, body?.Version, errors);
        if (!errors.IsValid)
        {
            return PoolsApi.Invalid(errors);
        }
        if (missing is not null)
        {
            return missing;
        }
        return Stepped(response, await applications.ActAsync(Caller.From(user), id, new StepRequest(action, version, Reason: body?.Reason), ct));
    }

    /// <summary>A step's outcome: as any write (<see cref="PoolsApi.Answer{T}"/>), except that a step the rules refuse is a 409 with the rule's words.</summary>
    internal static Results<Ok<T>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult> Stepped<T>(HttpResponse response, WriteResult<T> result)
        where T : class, IVersioned
    {
        var errors = result.Errors.ToDictionary();
        if (result.Status != WriteStatus.Invalid || !errors.TryGetValue("action", out var rule))
        {
            return PoolsApi.Answer(response, result);
        }
        return TypedResults.Problem(string.Join(" ", rule), statusCode: StatusCodes.Status409Conflict, title: "The step is not allowed now.",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }

    /// <summary>GET /talents/{id}/{what}: one of the talent's own lists, paged, under the rule of <see cref="ForTalentAsync{T}"/>.</summary>
    private static RouteHandlerBuilder MapTalentList<T, TService>(RouteGroupBuilder group, string what,
        Func<TService, long, int, int, CancellationToken, Task<Page<T>>> list) where TService : notnull =>
        group.MapGet($"/talents/{{id:long}}/{what}", async Task<Results<Ok<Page<T>>, ValidationProblem, NotFound, ForbidHttpResult>> (
            long id, int? page, int? pageSize, ClaimsPrincipal user, TalentStore talents, ReferenceData reference, TService service, CancellationToken ct) =>
            await ForTalentAsync<Page<T>>(id, page, pageSize, Caller.From(user), talents, reference, ct) is { } refused
                ? refused
                : TypedResults.Ok(await list(service, id, page ?? 1, pageSize ?? 20, ct)));

    /// <summary>The talent's own lists: the talent, and whoever may edit the talent's record (operators of its region, administrators).</summary>
    private static async Task<Results<Ok<T>, ValidationProblem, NotFound, ForbidHttpResult>?> ForTalentAsync<T>(long id, int? page, int? pageSize, Caller caller,
        TalentStore talents, ReferenceData reference, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        CheckPage(page, pageSize, errors);
        if (!errors.IsValid)
        {
            return PoolsApi.Invalid(errors);
        }
        if (caller.TalentId == id)
        {
            return null;
        }
        if (await talents.FindAsync(id, ct) is not { } talent)
        {
            return TypedResults.NotFound();
        }
        if (!caller.CanEditTalent(reference.Regions, id, talent.ResidenceRegionCode))
        {
            return TypedResults.Forbid();
        }
        return null;
    }

    /// <summary>
    /// The version a step acts on: <c>If-Match</c> (<c>*</c>: whatever is current) or the body's <c>version</c>; both must agree when both are sent.
    /// Neither: the 428 answer to return.
    /// </summary>
    private static (int? Version, ProblemHttpResult? Missing) ExpectedVersion(HttpResponse response, int? bodyVersion, ValidationErrors errors)
    {
        if (response.HttpContext.Request.Headers.IfMatch.Count == 0)
        {
            return bodyVersion is null
                ? (null, TypedResults.Problem("Send the version you read (its ETag) in If-Match or as version in the body (If-Match: * acts on whatever is current).",
                    statusCode: StatusCodes.Status428PreconditionRequired, title: "The version is required"))
                : (bodyVersion, null);
        }
        var header = Versions.IfMatch(response);
        errors.When(bodyVersion is { } v && header is { } h && v != h, "version", "differs from the version in If-Match");
        return (header ?? bodyVersion, null);
    }

    private static ApplicationAction? ParseAction(string? text, ValidationErrors errors)
    {
        var action = ParseEnum<ApplicationAction>(text, "action", errors);
        if (action is null && errors.IsValid)
        {
            errors.Add("action", "is required");
        }
        if (action == ApplicationAction.Expire)
        {
            errors.Add("action", $"must be one of {string.Join(", ", ClientActions.Select(Applications.Action))}");
        }
        return action;
    }

    private static TEnum? ParseEnum<TEnum>(string? text, string field, ValidationErrors errors) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value)
            && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }
        errors.Add(field, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}");
        return null;
    }

    private static void CheckPage(int? page, int? pageSize, ValidationErrors errors) =>
        errors.When(page is < 1 or > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}")
            .When(pageSize is < 1 or > ListQuery.MaxPageSize, "pageSize", $"must be between 1 and {ListQuery.MaxPageSize}");

    /// <summary>An instant in ISO 8601; without an offset it is China time, as the forms read it.</summary>
    private static DateTimeOffset? ParseInstant(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null; // the rules say it is required
        }
        if (DateTime.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return parsed.Kind == DateTimeKind.Unspecified
                ? new DateTimeOffset(parsed, ChinaTime.Offset)
                : new DateTimeOffset(parsed.ToUniversalTime(), TimeSpan.Zero);
        }
        errors.Add(field, "must be a date and time (ISO 8601)");
        return null;
    }

    /// <summary>The offer as the domain takes it; what does not parse is a field error, the rest is checked by <see cref="OfferTerms.Validate"/>.</summary>
    private static OfferTerms Terms(OfferBody body, Application application, ValidationErrors errors)
    {
        var dates = new FormReader(); // the forms' reading of yyyy-MM-dd, with the same messages
        var terms = new OfferTerms
        {
            PositionTitle = application.PositionTitle,
            OccupationCode = application.OccupationCode,
            MonthlySalary = body.MonthlySalary ?? 0,
            MonthsPerYear = body.MonthsPerYear ?? 12,
            StartOn = dates.Date(body.StartOn, "startOn"),
            EngagementMode = body.EngagementMode is null ? EngagementModes.FullTime
                : ParseEnum<EngagementModes>(body.EngagementMode, "engagementMode", errors) ?? default,
            RegionCode = string.IsNullOrWhiteSpace(body.RegionCode) ? application.RegionCode : body.RegionCode.Trim(),
            ProbationMonths = body.ProbationMonths ?? 0,
            SignBy = dates.Date(body.SignBy, "signBy"),
        };
        errors.AddMissing(dates.Errors);
        return terms;
    }
}

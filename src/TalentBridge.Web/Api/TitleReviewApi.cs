using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.Recognition;
using TalentBridge.Domain.TitleReview;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;
using TalentBridge.Platform.TitleReview;
using TalentBridge.Web.Accounts;

namespace TalentBridge.Web.Api;

/// <summary>
/// The 职称 review (issue 15, item 5) and talent recognition (item 4) over HTTP. Thin: every rule is the Platform's
/// (<see cref="TitleReviews"/>, <see cref="Recognitions"/>). Applications are seen by the applicant, the employer's users,
/// operators of the region and administrators, and by the experts who review them; anything else is 404.
/// </summary>
public static class TitleReviewApi
{
    public sealed record StepBody(TitleReviewAction? Action, string? Reason, int? Version);
    public sealed record PanelBody(IReadOnlyList<long>? ExpertIds, int? Version);
    public sealed record ScoreBody(int? Score, string? Comment);
    public sealed record BallotBody(long? CommitteeId, IReadOnlyList<long>? PresentExpertIds, int? Version);
    public sealed record VoteBody(Vote? Vote);
    public sealed record VersionBody(int? Version);
    public sealed record ObjectionBody(string? Text);
    public sealed record ResolutionBody(ObjectionResolution? Resolution, string? Note);
    public sealed record CommitteeBody(string? Name, string? RegionCode);
    public sealed record MembershipBody(long? CommitteeId);

    public static void MapTitleReviewApi(this RouteGroupBuilder api)
    {
        var reviews = api.MapGroup("/title-reviews").WithTags("Title review");

        reviews.MapGet("/verify/{code}", async Task<Results<Ok<CertificateCheck>, NotFound, ProblemHttpResult>> (string code, TitleReviews titles,
            HttpContext http, CancellationToken ct) =>
        {
            var (certificate, wait) = await titles.VerifyAsync(code, ClientAddress.Of(http), ct);
            if (wait is not null)
            {
                http.Response.Headers.RetryAfter = ClientAddress.Seconds(wait.Value);
                return TypedResults.Problem("Too many failed checks from this address; try again after the time in Retry-After.",
                    statusCode: StatusCodes.Status429TooManyRequests);
            }
            return certificate is null ? TypedResults.NotFound() : TypedResults.Ok(certificate);
        }).WithSummary("Public check of an e-certificate by its verification code (no sign-in): holder's name masked, series, title, level, " +
            "date issued, status (valid or revoked). Failed checks are limited per client address like failed sign-ins.");

        var signedIn = reviews.MapGroup("").RequireAuthorization();

        signedIn.MapPost("", async Task<Results<Created<TitleReviewDetail>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<TitleReviewDetail>>> (TitleReviewDraft body,
            ClaimsPrincipal user, TitleReviews titles, CancellationToken ct) =>
            Answer(await titles.ApplyAsync(Caller.From(user), body, ct), d => TypedResults.Created($"/api/v1/title-reviews/{d.Application.Id}", d)))
            .WithSummary("Apply for a professional title: employerId, series, titleName, titleLevel, summary, refereeExpertIds, relatedExpertIds " +
                "(talentId only for operators). The employer reviews it first.");

        signedIn.MapGet("", async (ClaimsPrincipal user, TitleReviews titles, TitleReviewState? state, string? sort, int? page, int? pageSize,
            CancellationToken ct) => TypedResults.Ok(await titles.ListAsync(Caller.From(user), new TitleReviewQuery
            {
                State = state, Sort = sort is null || TitleReviewQuery.SortColumns.ContainsKey(sort.TrimStart('-')) ? sort : null,
                Page = Math.Clamp(page ?? 1, 1, ListQuery.MaxPage), PageSize = Math.Clamp(pageSize ?? 20, 1, ListQuery.MaxPageSize),
            }, ct)))
            .WithSummary("The caller's applications: their own, their enterprise's, their region's (operators), those they review as an expert.");

        signedIn.MapGet("/{id:long}", async Task<Results<Ok<TitleReviewDetail>, NotFound>> (long id, ClaimsPrincipal user, TitleReviews titles,
            HttpResponse response, CancellationToken ct) =>
        {
            if (await titles.FindAsync(Caller.From(user), id, ct) is not { } detail)
            {
                return TypedResults.NotFound();
            }
            response.Headers.ETag = Versions.ETag(detail.Application.Version);
            return TypedResults.Ok(detail);
        }).WithSummary("One application: state, the caller's side and open actions, steps, notices, objections, panel, ballot, certificate.");

        signedIn.MapPost("/{id:long}/steps", async Task<Results<Ok<TitleReviewDetail>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<TitleReviewDetail>>> (
            long id, StepBody body, ClaimsPrincipal user, TitleReviews titles, CancellationToken ct) =>
            body.Action is not { } action
                ? PoolsApi.Invalid(new ValidationErrors().Add("action", "is required"))
                : Answer(await titles.StepAsync(Caller.From(user), id, action, body.Reason, body.Version, ct), TypedResults.Ok))
            .WithSummary("A step: startPublicity, recommend, decline (employer); confirmEligibility, refuseEligibility, closeScoring, accept, certify, " +
                "reject, revoke (operator); withdraw (applicant). reason for refusals; version (409 with the current state when changed since).");

        signedIn.MapGet("/{id:long}/candidates", async Task<Results<Ok<IReadOnlyList<PanelCandidateView>>, NotFound>> (long id, ClaimsPrincipal user,
            TitleReviews titles, CancellationToken ct) =>
            await titles.CandidatesAsync(Caller.From(user), id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound())
            .WithSummary("Review experts for the panel, each with the conflicts of interest that exclude them (operators).");

        signedIn.MapPost("/{id:long}/panel", async Task<Results<Ok<TitleReviewDetail>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<TitleReviewDetail>>> (
            long id, PanelBody body, ClaimsPrincipal user, TitleReviews titles, CancellationToken ct) =>
            Answer(await titles.AssignPanelAsync(Caller.From(user), id, body.ExpertIds ?? [], body.Version, ct), TypedResults.Ok))
            .WithSummary("Assign the expert panel (operators): expertIds, none with a conflict of interest, at least the rules' minimum.");

        signedIn.MapPost("/{id:long}/score", async Task<Results<Ok<TitleReviewDetail>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<TitleReviewDetail>>> (
            long id, ScoreBody body, ClaimsPrincipal user, TitleReviews titles, CancellationToken ct) =>
            Answer(await titles.ScoreAsync(Caller.From(user), id, body.Score, body.Comment, ct), TypedResults.Ok))
            .WithSummary("A panel expert's score (0–100) and comment; again until the scoring is closed.");

        signedIn.MapGet("/committees", async (ClaimsPrincipal user, TitleReviews titles, CancellationToken ct) =>
            TypedResults.Ok(await titles.CommitteesAsync(Caller.From(user), ct)))
            .WithSummary("The review committees an operator may convene, with their number of members.");

        signedIn.MapPost("/{id:long}/ballot", async Task<Results<Ok<TitleReviewDetail>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<TitleReviewDetail>>> (
            long id, BallotBody body, ClaimsPrincipal user, TitleReviews titles, CancellationToken ct) =>
            Answer(await titles.OpenBallotAsync(Caller.From(user), id, body.CommitteeId, body.PresentExpertIds ?? [], body.Version, ct), TypedResults.Ok))
            .WithSummary("Open the committee's secret ballot (operators): committeeId and the members present (the quorum must be met).");

        signedIn.MapPost("/{id:long}/vote", async Task<Results<Ok<TitleReviewDetail>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<TitleReviewDetail>>> (
            long id, VoteBody body, ClaimsPrincipal user, TitleReviews titles, CancellationToken ct) =>
            Answer(await titles.VoteAsync(Caller.From(user), id, body.Vote, ct), TypedResults.Ok))
            .WithSummary("A committee member present votes once: yes, no or abstain. Who voted is recorded, not how.");

        signedIn.MapPost("/{id:long}/ballot/close", async Task<Results<Ok<TitleReviewDetail>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<TitleReviewDetail>>> (
            long id, VersionBody body, ClaimsPrincipal user, TitleReviews titles, CancellationToken ct) =>
            Answer(await titles.CloseBallotAsync(Caller.From(user), id, body.Version, ct), TypedResults.Ok))
            .WithSummary("Close the ballot once every member present has voted (operators): the tally passes or fails the application.");

        signedIn.MapPost("/{id:long}/objections", async Task<Results<Ok<TitleReviewObjection>, ValidationProblem, NotFound, ForbidHttpResult>> (
            long id, ObjectionBody body, ClaimsPrincipal user, TitleReviews titles, CancellationToken ct) =>
        {
            return Written(await titles.ObjectAsync(Caller.From(user), id, body.Text, ct), o => TypedResults.Ok(o));
        })
            .WithSummary("Raise an objection while the employer's publicity or the result notice runs.");

        signedIn.MapPost("/{id:long}/objections/{objectionId:long}/resolution",
            async Task<Results<Ok<TitleReviewDetail>, ValidationProblem, NotFound, ForbidHttpResult, Conflict<TitleReviewDetail>>> (long id, long objectionId,
            ResolutionBody body, ClaimsPrincipal user, TitleReviews titles, CancellationToken ct) =>
            Answer(await titles.ResolveObjectionAsync(Caller.From(user), id, objectionId, body.Resolution, body.Note, ct), TypedResults.Ok))
            .WithSummary("Resolve an objection (dismissed or upheld, with a note); upheld ends the application.");

        signedIn.MapPost("/committees", async Task<Results<Created<Committee>, ValidationProblem, NotFound, ForbidHttpResult>> (CommitteeBody body,
            ClaimsPrincipal user, ReviewExperts experts, CancellationToken ct) =>
            Written(await experts.CreateCommitteeAsync(Caller.From(user), body.Name, body.RegionCode, ct), c => TypedResults.Created("/api/v1/title-reviews/committees", c)))
            .WithSummary("Set up a review committee of a region in the operator's subtree (name, regionCode); experts join it as members.");

        signedIn.MapGet("/experts", async (ClaimsPrincipal user, ReviewExperts experts, CancellationToken ct) =>
            TypedResults.Ok(await experts.ListAsync(Caller.From(user), ct)))
            .WithSummary("The review experts of the operator's region, with their account, employer and committee.");

        signedIn.MapPost("/experts", async Task<Results<Created<ReviewExpert>, ValidationProblem, NotFound, ForbidHttpResult>> (ReviewExpertDraft body,
            ClaimsPrincipal user, ReviewExperts experts, CancellationToken ct) =>
            Written(await experts.RegisterAsync(Caller.From(user), body, ct), x => TypedResults.Created($"/api/v1/title-reviews/experts/{x.Id}", x)))
            .WithSummary("Register a review expert on an existing account (operators): userName, name, specialty, regionCode; talentId, employerId " +
                "(for conflicts of interest) and committeeId when known.");

        signedIn.MapPut("/experts/{expertId:long}/committee", async Task<Results<Ok<ReviewExpert>, ValidationProblem, NotFound, ForbidHttpResult>> (long expertId,
            MembershipBody body, ClaimsPrincipal user, ReviewExperts experts, CancellationToken ct) =>
            Written(await experts.SetCommitteeAsync(Caller.From(user), expertId, body.CommitteeId, ct), TypedResults.Ok))
            .WithSummary("Put an expert on a committee (committeeId) or take them off (null); an open ballot keeps the members it opened with.");

        var recognitions = api.MapGroup("/talents/{id:long}/recognitions").WithTags("Title review").RequireAuthorization();

        recognitions.MapPost("", async Task<Results<Created<StoredRecognition>, ValidationProblem, NotFound, ForbidHttpResult>> (long id, RecognitionClaim body,
            ClaimsPrincipal user, Recognitions store, CancellationToken ct) =>
        {
            return Written(await store.RecordAsync(Caller.From(user), id, body, ct), r => TypedResults.Created($"/api/v1/talents/{id}/recognitions", r));
        }).WithSummary("Recognise a talent's class (operators of the scheme's region): annualSalaryFen and salaryYear, projects, awards, " +
            "crossRegion, titleLevel; every criterion answered, the highest class met recognised.");

        recognitions.MapGet("", async Task<Results<Ok<IReadOnlyList<StoredRecognition>>, NotFound>> (long id, ClaimsPrincipal user, Recognitions store,
            CancellationToken ct) =>
            await store.ListAsync(Caller.From(user), id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound())
            .WithSummary("A talent's recognitions, newest first.");
    }

    private static Results<T, ValidationProblem, NotFound, ForbidHttpResult, Conflict<TitleReviewDetail>> Answer<T>(WriteResult<TitleReviewDetail> result,
        Func<TitleReviewDetail, T> ok) where T : IResult => result.Status switch
    {
        WriteStatus.Ok => ok(result.Value!),
        WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
        WriteStatus.NotFound => TypedResults.NotFound(),
        WriteStatus.Conflict => TypedResults.Conflict(result.Value!),
        _ => TypedResults.Forbid(),
    };

    /// <summary>A write's answer when it has no version to conflict with: the value, its errors, 404 or 403.</summary>
    private static Results<T, ValidationProblem, NotFound, ForbidHttpResult> Written<TValue, T>(WriteResult<TValue> result, Func<TValue, T> ok)
        where TValue : class where T : IResult => result.Status switch
    {
        WriteStatus.Ok => ok(result.Value!),
        WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
        WriteStatus.NotFound => TypedResults.NotFound(),
        _ => TypedResults.Forbid(),
    };
}

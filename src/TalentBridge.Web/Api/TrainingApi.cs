using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.Training;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;
using TalentBridge.Platform.Training;

namespace TalentBridge.Web.Api;

/// <summary>
/// Training from skill gaps over HTTP (issue 16, item 5), under /api/v1/training: the programme catalogue (anyone may read;
/// operators and administrators manage their region's), a talent's recommendations and enrolments, completions, and the
/// operators' training-demand table with its audited export. Thin: every rule is the Platform's.
/// </summary>
public static class TrainingApi
{
    public sealed record EnrolBody(long ProgrammeId);

    /// <summary>The catalogue's filters as a query string (<see cref="ListParameters"/> plus subsidised and level).</summary>
    public sealed class ProgrammeParameters
    {
        public string? Q { get; set; }
        public string? Region { get; set; }
        public string? Occupation { get; set; }
        public string? Subsidised { get; set; }
        public string? Level { get; set; }
        public string? Sort { get; set; }
        public string? Page { get; set; }
        public string? PageSize { get; set; }

        public (ProgrammeQuery Query, ValidationErrors Errors) Parse(ReferenceData reference)
        {
            var (list, errors) = new ListParameters { Q = Q, Region = Region, Occupation = Occupation, Sort = Sort, Page = Page, PageSize = PageSize }
                .Parse(reference, Programmes.SortKeys.Keys.ToList());
            SkillLevel? level = null;
            if (!string.IsNullOrWhiteSpace(Level))
            {
                level = Enum.TryParse<SkillLevel>(Level.Trim(), true, out var l) && Enum.IsDefined(l) && !int.TryParse(Level, CultureInfo.InvariantCulture, out _) ? l : null;
                errors.When(level is null, "level", "must be one of the listed options");
            }
            var subsidised = Subsidised is "true" or "1" or "on";
            errors.When(!string.IsNullOrWhiteSpace(Subsidised) && !subsidised && Subsidised is not ("false" or "0"), "subsidised", "must be true or false");
            return (new ProgrammeQuery(list, subsidised, level), errors);
        }
    }

    public static void MapTrainingApi(this RouteGroupBuilder api)
    {
        var training = api.MapGroup("/training").WithTags("Training");

        training.MapGet("/programmes", async Task<Results<Ok<Page<Programme>>, ValidationProblem, NotFound, ForbidHttpResult>> (
            [AsParameters] ProgrammeParameters parameters, Programmes programmes, ReferenceData reference, CancellationToken ct) =>
        {
            var (query, errors) = parameters.Parse(reference);
            return errors.IsValid ? EnterpriseServicesApi.Answer(await programmes.ListAsync(query, ct)) : PoolsApi.Invalid(errors);
        }).WithSummary("The programme catalogue: q (name, provider, skills, certificate), region (subtree), occupation (code prefix), subsidised, " +
            "level (SkillLevel), sort (name, cost, duration, level, updated; - for descending), page, pageSize. Money in fen.");

        training.MapGet("/programmes/{id:long}", async (long id, HttpResponse response, Programmes programmes, CancellationToken ct) =>
            PoolsApi.Found(response, await programmes.FindAsync(id, ct)));

        training.MapPost("/programmes", async (Programme body, ClaimsPrincipal user, HttpResponse response, Programmes programmes, CancellationToken ct) =>
            PoolsApi.Created(response, await programmes.CreateAsync(Caller.From(user), body, ct), p => $"/api/v1/training/programmes/{p.Id}"))
            .RequireAuthorization()
            .WithSummary("Adds a programme (operators in their region, administrators): providerId, name, skills, occupationCodes, level, certificate, " +
                "durationHours, costFen, subsidyFen, subsidyEligibility (None, Everyone, JobSeekers), regionCode, mode (InPerson, Online, Blended), active.");

        training.MapPut("/programmes/{id:long}", async (long id, Programme body, ClaimsPrincipal user, HttpResponse response, Programmes programmes,
            CancellationToken ct) =>
            PoolsApi.Answer(response, await programmes.UpdateAsync(Caller.From(user), id, Versions.IfMatch(response), body, ct)))
            .RequireAuthorization().RequireIfMatch()
            .WithSummary("Changes a programme (send its ETag in If-Match); set active=false to take it out of the catalogue.");

        training.MapGet("/providers", async (ClaimsPrincipal user, Programmes programmes, CancellationToken ct) =>
            TypedResults.Ok(await programmes.ProvidersAsync(Caller.From(user).ScopeRegion, ct)))
            .WithSummary("Training providers (an operator sees those of their region).");

        training.MapPost("/providers", async (TrainingProvider body, ClaimsPrincipal user, HttpResponse response, Programmes programmes, CancellationToken ct) =>
            PoolsApi.Created(response, await programmes.CreateProviderAsync(Caller.From(user), body, ct), p => $"/api/v1/training/providers/{p.Id}"))
            .RequireAuthorization()
            .WithSummary("Adds a training provider (operators in their region, administrators): name, regionCode, note.");

        training.MapGet("/talents/{id:long}/recommendations", async Task<Results<Ok<TrainingAdviceView>, NotFound, ProblemHttpResult>> (long id,
            ClaimsPrincipal user, TrainingAdvisor advisor, CancellationToken ct) =>
        {
            var answer = await advisor.ForTalentAsync(Caller.From(user), id, ct);
            return answer.Status switch
            {
                MatchStatus.Ok => TypedResults.Ok(answer.Advice!),
                MatchStatus.NotFound => TypedResults.NotFound(),
                _ => TypedResults.Problem(title: "The match index is still being built.", detail: "Retry in a few seconds.",
                    statusCode: StatusCodes.Status503ServiceUnavailable),
            };
        }).RequireAuthorization()
            .WithSummary("我的培训: the skills the talent's 20 best-matched positions ask for and the talent lacks (weighted by match score), and the " +
                "programmes that teach them ranked by the positions they would open (score re-computed with the programme completed, threshold 60), " +
                "score gain, cost after subsidy, nearness and level, each explained.");

        training.MapGet("/talents/{id:long}/enrolments", async Task<Results<Ok<IReadOnlyList<Enrolment>>, NotFound>> (long id, ClaimsPrincipal user,
            Enrolments enrolments, CancellationToken ct) =>
            await enrolments.ForTalentAsync(Caller.From(user), id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound())
            .RequireAuthorization().WithSummary("The talent's enrolments, newest first.");

        training.MapPost("/talents/{id:long}/enrolments", async (long id, EnrolBody body, ClaimsPrincipal user, HttpResponse response, Enrolments enrolments,
            CancellationToken ct) =>
            PoolsApi.Created(response, await enrolments.EnrolAsync(Caller.From(user), id, body.ProgrammeId, ct), e => $"/api/v1/training/enrolments/{e.Id}"))
            .RequireAuthorization().WithSummary("Enrols the talent in a programme (the talent, or an operator who may edit the record).");

        training.MapGet("/enrolments", async Task<Results<Ok<IReadOnlyList<Enrolment>>, ValidationProblem, ForbidHttpResult>> (string? status, ClaimsPrincipal user,
            Enrolments enrolments, CancellationToken ct) =>
        {
            if (!Enum.TryParse<EnrolmentStatus>(status ?? nameof(EnrolmentStatus.Enrolled), true, out var s) || !Enum.IsDefined(s))
            {
                return PoolsApi.Invalid(new ValidationErrors().Add("status", "must be one of Enrolled, Completed, Withdrawn"));
            }
            return await enrolments.ForRegionAsync(Caller.From(user), s, ct) is { } list ? TypedResults.Ok(list) : TypedResults.Forbid();
        }).RequireAuthorization().WithSummary("Enrolments of the operator's region with a status (default Enrolled), newest first.");

        training.MapPost("/enrolments/{id:long}/complete", async (long id, ClaimsPrincipal user, HttpResponse response, Enrolments enrolments,
            CancellationToken ct) =>
            PoolsApi.Answer(response, await enrolments.CompleteAsync(Caller.From(user), id, Versions.IfMatchOrNull(response), ct)))
            .RequireAuthorization()
            .WithSummary("Records a completion (operators of the talent's region, administrators): the talent's record gains the programme's skills, " +
                "certificate and skill level in the same transaction (a new version, audited).");

        training.MapPost("/enrolments/{id:long}/withdraw", async (long id, ClaimsPrincipal user, HttpResponse response, Enrolments enrolments,
            CancellationToken ct) =>
            PoolsApi.Answer(response, await enrolments.WithdrawAsync(Caller.From(user), id, Versions.IfMatchOrNull(response), ct)))
            .RequireAuthorization().WithSummary("Withdraws from a programme not completed (the talent or an operator).");

        training.MapGet("/demand", async (string? region, string? period, ClaimsPrincipal user, TrainingGaps gaps, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await gaps.TableAsync(Caller.From(user), region, period, ct)))
            .RequireAuthorization()
            .WithSummary("The training-demand table of a region (operators: their own subtree): per occupation and missing skill, the talents lacking it, " +
                "the shortage index of the catalogue for the period (default as on the analytics pages), priority = talents × index ÷ 100 and the programmes teaching it.");

        training.MapGet("/demand/export", async Task<Results<FileContentHttpResult, ValidationProblem, NotFound, ForbidHttpResult>> (string? region,
            string? period, string? format, ClaimsPrincipal user, TrainingGaps gaps, ReferenceData reference, CancellationToken ct) =>
        {
            var result = await gaps.ExportAsync(Caller.From(user), region, period, format ?? "", code => reference.Occupations.Find(code)?.Name ?? "", ct);
            return result.Status switch
            {
                WriteStatus.Ok => TypedResults.File(result.Value!, format == "csv" ? "text/csv; charset=utf-8" : EnterpriseServicesApi.FileType("xlsx").ContentType,
                    $"training-demand.{format}"),
                WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
                WriteStatus.NotFound => TypedResults.NotFound(),
                _ => TypedResults.Forbid(),
            };
        }).RequireAuthorization().WithSummary("The training-demand table as CSV (UTF-8 with BOM) or Excel (format=csv|xlsx); audited as an export.");

        training.MapPost("/demand/refresh", async (ClaimsPrincipal user, TrainingGaps gaps, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await gaps.QueueAsync(Caller.From(user), ct)))
            .RequireAuthorization().WithSummary("Queues the gap run now (it also runs daily); the table shows when its gaps were computed.");
    }
}

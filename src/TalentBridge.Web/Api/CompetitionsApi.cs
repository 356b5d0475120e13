using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Competitions;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Api;

/// <summary>
/// Competitions (以赛引才, issue 16 item 4) over HTTP under /api/v1/competitions: the list and a competition with its
/// tracks; the organiser's steps (create, tracks, judges, conflicts, open and close entry, publish, invite winners); a
/// talent's entry; a judge's board and sheets; the results; the winner's answer to an invitation. Thin: every rule is
/// the Platform's.
/// </summary>
public static class CompetitionsApi
{
    public sealed record StepBody(CompetitionAction Action);

    public sealed record EntryBody(long TrackId, string? Title, string? Summary, string? TeamName, IReadOnlyList<string>? Members, string? EnterpriseUscc);

    public sealed record JudgeBody(string? UserName, string? EnterpriseUscc);

    public sealed record ConflictBody(long JudgeId, long EntryId, string? Note);

    public sealed record ScoreBody(IReadOnlyList<decimal>? Points);

    public sealed record RemovalBody(string? Reason);

    /// <summary>The list's filters as a query string (<see cref="ListParameters"/> plus level, state and year).</summary>
    public sealed class CompetitionParameters
    {
        public string? Q { get; set; }
        public string? Region { get; set; }
        public string? Level { get; set; }
        public string? State { get; set; }
        public string? Year { get; set; }
        public string? Sort { get; set; }
        public string? Page { get; set; }
        public string? PageSize { get; set; }

        public (CompetitionQuery Query, ValidationErrors Errors) Parse(ReferenceData reference)
        {
            var (list, errors) = new ListParameters { Q = Q, Region = Region, Sort = Sort, Page = Page, PageSize = PageSize }
                .Parse(reference, Platform.Competitions.Competitions.SortKeys.Keys.ToList());
            int? year = null;
            if (!string.IsNullOrWhiteSpace(Year))
            {
                year = int.TryParse(Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;
                errors.When(year is null, "year", "must be a whole number");
            }
            return (new CompetitionQuery(list, Named<RecognitionLevel>(Level, "level", errors), Named<CompetitionState>(State, "state", errors), year), errors);
        }

        /// <summary>An option by its name (never a number); blank is none.</summary>
        private static TEnum? Named<TEnum>(string? value, string field, ValidationErrors errors) where TEnum : struct, Enum
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            if (!value.Any(char.IsDigit) && Enum.TryParse<TEnum>(value.Trim(), true, out var parsed) && Enum.IsDefined(parsed))
            {
                return parsed;
            }
            errors.Add(field, "must be one of the listed options");
            return null;
        }
    }

    public static void MapCompetitionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/competitions").WithTags("Competitions");

        group.MapGet("/", async Task<Results<Ok<Page<Competition>>, ValidationProblem, NotFound, ForbidHttpResult>> ([AsParameters] CompetitionParameters parameters,
            ClaimsPrincipal user, Platform.Competitions.Competitions competitions, ReferenceData reference, CancellationToken ct) =>
        {
            var (query, errors) = parameters.Parse(reference);
            return errors.IsValid ? EnterpriseServicesApi.Answer(await competitions.ListAsync(Caller.From(user), query, ct)) : PoolsApi.Invalid(errors);
        }).WithSummary("Competitions: q (name, organiser), region (subtree), level (RecognitionLevel), state (Draft, Open, Judging, Published; drafts only " +
            "for their organisers), year (of the final), sort (name, finalOn, entryUntil, level; - for descending; default newest final first), page, pageSize.");

        group.MapGet("/{id:long}", async Task<Results<Ok<CompetitionDetail>, NotFound>> (long id, ClaimsPrincipal user, HttpResponse response,
            Platform.Competitions.Competitions competitions, CancellationToken ct) =>
        {
            if (await competitions.DetailAsync(Caller.From(user), id, ct) is not { } detail)
            {
                return TypedResults.NotFound();
            }
            PoolsApi.Tagged(response, detail.Competition);
            return TypedResults.Ok(detail);
        })
            .WithSummary("A competition with its tracks (criteria, awards, entries), whether the caller organises it and whether they judge it; ETag = its version.");

        group.MapPost("/", async (Competition body, ClaimsPrincipal user, HttpResponse response, Platform.Competitions.Competitions competitions, CancellationToken ct) =>
            PoolsApi.Created(response, await competitions.CreateAsync(Caller.From(user), body, ct), c => $"/api/v1/competitions/{c.Id}"))
            .RequireAuthorization()
            .WithSummary("Creates a draft competition (operators in their region, administrators): name, organiser, regionCode, level (RecognitionLevel), " +
                "description, entryFrom, entryUntil, finalOn (YYYY-MM-DD).");

        group.MapPut("/{id:long}", async (long id, Competition body, ClaimsPrincipal user, HttpResponse response, Platform.Competitions.Competitions competitions,
            CancellationToken ct) =>
            PoolsApi.Answer(response, await competitions.UpdateAsync(Caller.From(user), id, Versions.IfMatch(response), body, ct)))
            .RequireAuthorization().RequireIfMatch().WithSummary("Changes a competition not yet published (send its ETag in If-Match).");

        group.MapPost("/{id:long}/tracks", async (long id, Track body, ClaimsPrincipal user, Platform.Competitions.Competitions competitions, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await competitions.AddTrackAsync(Caller.From(user), id, body, ct)))
            .RequireAuthorization()
            .WithSummary("Adds a track (the organiser): name, description, criteria [{name, maxPoints}] adding up to 100, gold, silver, bronze (awards by rank).");

        group.MapPut("/{id:long}/tracks/{trackId:long}", async (long id, long trackId, Track body, ClaimsPrincipal user, HttpResponse response,
            Platform.Competitions.Competitions competitions, CancellationToken ct) =>
            PoolsApi.Answer(response, await competitions.UpdateTrackAsync(Caller.From(user), id, trackId, Versions.IfMatch(response), body, ct)))
            .RequireAuthorization().RequireIfMatch()
            .WithSummary("Changes a track (the organiser; send the track's version as ETag in If-Match): name, description, criteria, gold, silver, bronze. " +
                "Only while the competition is a draft or open for entries and no judge has scored in the track.");

        group.MapPost("/{id:long}/steps", async (long id, StepBody body, ClaimsPrincipal user, HttpResponse response, Platform.Competitions.Competitions competitions,
            CancellationToken ct) =>
            PoolsApi.Answer(response, await competitions.StepAsync(Caller.From(user), id, Versions.IfMatchOrNull(response), body.Action, ct)))
            .RequireAuthorization().WithSummary("Opens (OpenEntry) or closes (CloseEntry) entry; closing starts the judging. If-Match optional.");

        group.MapPost("/{id:long}/publish", async (long id, ClaimsPrincipal user, HttpResponse response, CompetitionResults results, CancellationToken ct) =>
            PoolsApi.Answer(response, await results.PublishAsync(Caller.From(user), id, Versions.IfMatchOrNull(response), ct)))
            .RequireAuthorization()
            .WithSummary("Publishes the results (the organiser, while judging): each track ranked by the trimmed mean of the counted scores, ties sharing " +
                "rank and award. Final: the competition no longer changes.");

        group.MapPost("/{id:long}/entries", async Task<Results<Ok<EntryView>, ValidationProblem, NotFound, ForbidHttpResult>> (long id, EntryBody body,
            ClaimsPrincipal user, CompetitionEntries entries, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await entries.EnterAsync(Caller.From(user), id, new EntryForm
            {
                TrackId = body.TrackId, Title = body.Title ?? "", Summary = body.Summary, TeamName = body.TeamName, Members = body.Members ?? [],
            }, body.EnterpriseUscc, ct)))
            .RequireAuthorization()
            .WithSummary("The signed-in talent enters a track while entry is open: trackId, title, summary, teamName and members (a team, the talent its lead), " +
                "enterpriseUscc (the enterprise entered for; its judges stand aside).");

        group.MapGet("/{id:long}/judging", async Task<Results<Ok<JudgingBoard>, NotFound>> (long id, ClaimsPrincipal user, CompetitionJudging judging,
            CancellationToken ct) =>
            await judging.BoardAsync(Caller.From(user), id, ct) is { } board ? TypedResults.Ok(board) : TypedResults.NotFound())
            .RequireAuthorization()
            .WithSummary("The judging board: for the organiser every entry, judge, exclusion (reason SameEnterprise, OwnEntry or Declared with its note) " +
                "and sheet; for a judge their tracks, exclusions and own sheets.");

        group.MapPost("/{id:long}/tracks/{trackId:long}/judges", async (long id, long trackId, JudgeBody body, ClaimsPrincipal user, CompetitionJudging judging,
            CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await judging.AssignAsync(Caller.From(user), id, trackId, body.UserName, body.EnterpriseUscc, ct)))
            .RequireAuthorization()
            .WithSummary("Assigns an account as a judge of a track (the organiser): userName, enterpriseUscc (where the judge works, when not the account's enterprise).");

        group.MapPost("/{id:long}/judges/{judgeId:long}/remove", async (long id, long judgeId, RemovalBody body, ClaimsPrincipal user, CompetitionJudging judging,
            CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await judging.RemoveAsync(Caller.From(user), id, judgeId, body.Reason, ct)))
            .RequireAuthorization()
            .WithSummary("Removes a judge from their track (the organiser, until the results are published): reason, required when the judge has scored. " +
                "Their sheets and declared conflicts are discarded (the audit row keeps the sheets); the results no longer count them.");

        group.MapPost("/{id:long}/conflicts", async (long id, ConflictBody body, ClaimsPrincipal user, CompetitionJudging judging, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await judging.DeclareAsync(Caller.From(user), id, body.JudgeId, body.EntryId, body.Note, ct)))
            .RequireAuthorization().WithSummary("Declares a conflict of interest (the judge for themself, or the organiser): judgeId, entryId, note (required).");

        group.MapPut("/{id:long}/entries/{entryId:long}/score", async (long id, long entryId, ScoreBody body, ClaimsPrincipal user, CompetitionJudging judging,
            CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await judging.ScoreAsync(Caller.From(user), id, entryId, body.Points ?? [], ct)))
            .RequireAuthorization()
            .WithSummary("The caller's sheet for an entry of a track they judge, while judging: points, one per criterion in the track's order " +
                "(0 to its maximum, two decimals at most). Refused for an entry the judge stands aside from.");

        group.MapGet("/{id:long}/results", async Task<Results<Ok<IReadOnlyList<TrackResult>>, NotFound>> (long id, ClaimsPrincipal user,
            CompetitionResults results, CancellationToken ct) =>
            await results.ResultsAsync(Caller.From(user), id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound())
            .WithSummary("The published results per track: rank, final score, award, scores counted and dropped, entries without a result; the organiser " +
                "also gets each winner's invitations.");

        group.MapPost("/entries/{entryId:long}/award", async (long entryId, ClaimsPrincipal user, CompetitionResults results, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await results.RecordAwardAsync(Caller.From(user), entryId, ct)))
            .RequireAuthorization()
            .WithSummary("Into the talent pool (the organiser): the award becomes a certificate line of the winner's record (a new version, audited).");

        group.MapPost("/entries/{entryId:long}/invitation", async (long entryId, ClaimsPrincipal user, CompetitionResults results, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await results.InviteAsync(Caller.From(user), entryId, ct)))
            .RequireAuthorization().WithSummary("Into the shared pool (the organiser): invites an award winner to apply; the winner confirms or declines.");

        group.MapGet("/mine", async (ClaimsPrincipal user, CompetitionEntries entries, CancellationToken ct) =>
            TypedResults.Ok(await entries.MineAsync(Caller.From(user), ct)))
            .RequireAuthorization().WithSummary("The signed-in talent's entries with their competitions, results and invitations.");

        group.MapPost("/invitations/{invitationId:long}/accept", async (long invitationId, InvitationAnswer body, ClaimsPrincipal user,
            CompetitionResults results, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await results.AcceptAsync(Caller.From(user), invitationId, body, ct)))
            .RequireAuthorization()
            .WithSummary("The winner confirms a shared-pool invitation: poolRegion (a county of the city), modes (ServiceModes), summary. Submits an admission " +
                "application with the award as Competition evidence.");

        group.MapPost("/invitations/{invitationId:long}/decline", async (long invitationId, ClaimsPrincipal user, CompetitionResults results, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await results.DeclineAsync(Caller.From(user), invitationId, ct)))
            .RequireAuthorization().WithSummary("The winner declines a shared-pool invitation.");
    }
}

using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;
using TalentBridge.Platform.Pools;
using TalentBridge.Web.Pages;
using TalentBridge.Web.Pages.SharedPool;

namespace TalentBridge.Web.Api;

/// <summary>
/// The shared talent pool over HTTP (issue 12, items 1–3): pools and their settings, the tag tree with counts, the
/// classified index of experts (masked data only), applications for admission with evidence and files (multipart), the
/// operators' queue and decisions, the versioned admission standards and the working calendars. Thin: every rule is the
/// Platform's (<see cref="SharedPools"/>, <see cref="Experts"/>, <see cref="AdmissionStandards"/>, <see cref="WorkCalendars"/>);
/// a caller outside the region of a record gets 404, as elsewhere in the API.
/// </summary>
public static class SharedPoolApi
{
    public sealed record TagBody(string? Kind, string? Name, string? NameEn, string? Code, long? ParentId);

    public sealed record DecisionBody(bool? Admit, string? Reason);

    public sealed record PublishBody(JsonElement? Definition, string? Note);

    public sealed record SettingsBody(string? ClockMode, int? TargetHours, int? WarnHours, int? ReplyHours);

    /// <summary>An application as the API shows it: the pre-score explained rule by rule and the decision with the standard's version.</summary>
    public sealed record ApplicationView(long Id, long ExpertId, int StandardVersion, AdmissionEvidence Evidence, AdmissionAssessment Assessment, bool Passes,
        DateTimeOffset SubmittedAt, bool? Admitted, DateTimeOffset? DecidedAt, string? DecisionReason)
    {
        public static ApplicationView From(AdmissionApplication a) => new(a.Id, a.ExpertId, a.StandardVersion, a.Evidence, a.Assessment, a.Passes,
            a.SubmittedAt, a.Admitted, a.DecidedAt, a.DecisionReason);
    }

    public sealed record PendingView(ApplicationView Application, ExpertCard Expert);

    public sealed record StandardView(long Id, long PoolId, int Version, string? Note, DateTimeOffset CreatedAt, JsonElement Definition)
    {
        public static StandardView From(StoredStandard s) =>
            new(s.Id, s.PoolId, s.Version, s.Note, s.CreatedAt, JsonSerializer.Deserialize<JsonElement>(s.Standard.ToJson()));
    }

    public sealed record TagTreeNode(long Id, TagKind Kind, string Name, string? NameEn, string? Code, int Experts, int Total, IReadOnlyList<TagTreeNode> Children)
    {
        public static TagTreeNode From(TagNode n) =>
            new(n.Tag.Id, n.Tag.Kind, n.Tag.Name, n.Tag.NameEn, n.Tag.Code, n.Tag.Experts, n.Total, [.. n.Children.Select(From)]);
    }

    public sealed record Facets(IReadOnlyDictionary<string, int> ByCounty, IReadOnlyDictionary<string, int> ByMode);

    public sealed record CalendarUpload(int Reevaluated, IReadOnlyList<WorkCalendarVersion> Versions);

    public static void MapSharedPoolApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/shared").WithTags("Shared talent pool").RequireAuthorization();

        group.MapGet("/pools", async Task<Results<Ok<IReadOnlyList<SharedPoolInfo>>, NotFound>> (string? city, ClaimsPrincipal user, IServiceProvider services,
            SharedPools pools, CancellationToken ct) =>
        {
            var viewer = await PoolViewer.ForAsync(Caller.From(user), city, services, ct);
            return viewer.MayBrowse ? TypedResults.Ok(await pools.ListAsync(viewer.City!.RegionCode, ct)) : TypedResults.NotFound();
        }).WithSummary("A city's master pool and its county sub-pools with counts of admitted experts and pending applications (city: a region code; default the caller's city).");

        group.MapGet("/pools/{id:long}", async Task<Results<Ok<SharedPoolInfo>, NotFound>> (long id, ClaimsPrincipal user, IServiceProvider services,
            SharedPools pools, HttpResponse response, CancellationToken ct) =>
            await BrowsableAsync(id, user, services, ct) is { } pool ? TypedResults.Ok(Tagged(response, pool)) : TypedResults.NotFound())
            .WithSummary("One pool; the ETag is the version of its settings.");

        group.MapGet("/pools/{id:long}/settings", async Task<Results<Ok<PoolSettings>, NotFound>> (long id, ClaimsPrincipal user, IServiceProvider services,
            HttpResponse response, CancellationToken ct) =>
        {
            if (await BrowsableAsync(id, user, services, ct) is not { IsCity: true } pool)
            {
                return TypedResults.NotFound();
            }
            response.Headers.ETag = Versions.ETag(pool.Version);
            return TypedResults.Ok(new PoolSettings(pool.ClockMode, pool.TargetHours, pool.WarnHours, pool.ReplyHours));
        }).WithSummary("The response clock's settings of a city pool (clockMode Calendar or WorkingHours, targetHours, warnHours, replyHours).");

        group.MapPut("/pools/{id:long}/settings", async Task<Results<Ok<PoolSettings>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> (
            long id, SettingsBody body, ClaimsPrincipal user, HttpResponse response, SharedPools pools, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            var known = Enum.TryParse<ClockMode>(body.ClockMode, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !(body.ClockMode ?? "").Any(char.IsDigit);
            errors.When(!known, "clockMode", "must be one of the listed options")
                .When(body.TargetHours is null, "targetHours", "is required").When(body.WarnHours is null, "warnHours", "is required")
                .When(body.ReplyHours is null, "replyHours", "is required");
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors);
            }
            var result = await pools.SetSettingsAsync(Caller.From(user), id, new PoolSettings(mode, body.TargetHours!.Value, body.WarnHours!.Value, body.ReplyHours!.Value),
                Versions.IfMatch(response), ct);
            return result.Status switch
            {
                WriteStatus.Ok => TypedResults.Ok(Settings(response, result.Value!)),
                WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
                WriteStatus.NotFound => TypedResults.NotFound(),
                WriteStatus.Conflict => Changed(response, result.Value!),
                _ => TypedResults.Forbid(),
            };
        }).RequireIfMatch().WithSummary("The city's operators change the clock's settings; If-Match names the version read (412 when stale).");

        group.MapGet("/pools/{id:long}/tags", async Task<Results<Ok<IReadOnlyList<TagTreeNode>>, NotFound>> (long id, ClaimsPrincipal user, IServiceProvider services,
            SharedPools pools, CancellationToken ct) =>
        {
            if (await BrowsableAsync(id, user, services, ct) is not { } pool)
            {
                return TypedResults.NotFound();
            }
            var tags = await pools.TagsAsync(pool.ParentId ?? pool.Id, ct);
            return TypedResults.Ok<IReadOnlyList<TagTreeNode>>([.. TagNode.Build(tags).Select(TagTreeNode.From)]);
        }).WithSummary("The classified index's tags as trees by kind (industry, specialty, skill), each with its admitted experts and the total under it.");

        group.MapPost("/pools/{id:long}/tags", async Task<Results<Created<SharedTag>, ValidationProblem, NotFound, ForbidHttpResult>> (long id, TagBody body,
            ClaimsPrincipal user, SharedPools pools, CancellationToken ct) =>
        {
            var kind = Enum.TryParse<TagKind>(body.Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) && !(body.Kind ?? "").Any(char.IsDigit) ? k : 0;
            var result = await pools.AddTagAsync(Caller.From(user), id, kind, body.Name, body.NameEn, body.Code, body.ParentId, ct);
            return result.Status switch
            {
                WriteStatus.Ok => TypedResults.Created($"/api/v1/shared/pools/{id}/tags", result.Value!),
                WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
                WriteStatus.NotFound => TypedResults.NotFound(),
                _ => TypedResults.Forbid(),
            };
        }).WithSummary("Adds a tag (kind Industry, Specialty or Skill; an optional GB/T 4754 or occupation code; a parent of the same kind).");

        group.MapDelete("/pools/{id:long}/tags/{tagId:long}", async Task<Results<NoContent, ValidationProblem, NotFound, ForbidHttpResult>> (long id, long tagId,
            ClaimsPrincipal user, SharedPools pools, CancellationToken ct) =>
        {
            var result = await pools.RemoveTagAsync(Caller.From(user), id, tagId, ct);
            return result.Status switch
            {
                WriteStatus.Ok => TypedResults.NoContent(),
                WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
                WriteStatus.NotFound => TypedResults.NotFound(),
                _ => TypedResults.Forbid(),
            };
        }).WithSummary("Removes a tag that no expert carries and no tag hangs under.");

        group.MapGet("/pools/{id:long}/experts", async Task<Results<Ok<Page<ExpertCard>>, ValidationProblem, NotFound>> (long id, string? q, long? tag,
            string? region, string? mode, string? sort, int? page, int? pageSize, ClaimsPrincipal user, IServiceProvider services, Experts experts,
            CancellationToken ct) =>
        {
            if (await BrowsableAsync(id, user, services, ct) is not { } pool)
            {
                return TypedResults.NotFound();
            }
            var (query, errors) = Query(q, tag, region, mode, sort, page, pageSize);
            if (!errors.IsValid)
            {
                return PoolsApi.Invalid(errors);
            }
            var found = await experts.SearchAsync(pool.ParentId ?? pool.Id, query, ct);
            return TypedResults.Ok(new Page<ExpertCard>([.. found.Items.Select(ExpertCard.From)], found.Total, found.PageNumber, found.PageSize));
        }).WithSummary("The classified index: admitted experts of the city (any county), filtered by q (text), tag (and the tags under it), region (a county), mode; sort -rating (default), name, -admittedOn, -engagements; paged.");

        group.MapGet("/pools/{id:long}/facets", async Task<Results<Ok<Facets>, NotFound>> (long id, ClaimsPrincipal user, IServiceProvider services, Experts experts,
            CancellationToken ct) =>
        {
            if (await BrowsableAsync(id, user, services, ct) is not { } pool)
            {
                return TypedResults.NotFound();
            }
            var (byCounty, byMode) = await experts.FacetsAsync(pool.ParentId ?? pool.Id, ct);
            return TypedResults.Ok(new Facets(byCounty, byMode.ToDictionary(m => m.Key.ToString(), m => m.Value, StringComparer.Ordinal)));
        }).WithSummary("Admitted experts per county and per service mode.");

        group.MapGet("/experts/{id:long}", async Task<Results<Ok<ExpertCard>, NotFound>> (long id, ClaimsPrincipal user, HttpResponse response, IServiceProvider services,
            Experts experts, CancellationToken ct) =>
            await VisibleExpertAsync(id, user, services, ct) is { } expert ? TypedResults.Ok(PoolsApi.Tagged(response, ExpertCard.From(expert.Expert))) : TypedResults.NotFound())
            .WithSummary("One expert (masked data): admitted experts for whoever may browse the city; any state for the expert and the operators of the expert's region.");

        group.MapGet("/experts/{id:long}/applications", async Task<Results<Ok<IReadOnlyList<ApplicationView>>, NotFound>> (long id, ClaimsPrincipal user,
            IServiceProvider services, Experts experts, CancellationToken ct) =>
        {
            if (await VisibleExpertAsync(id, user, services, ct) is not { MaySeeApplications: true })
            {
                return TypedResults.NotFound();
            }
            return TypedResults.Ok<IReadOnlyList<ApplicationView>>([.. (await experts.ApplicationsAsync(id, ct)).Select(ApplicationView.From)]);
        }).WithSummary("The expert's applications, newest first, each with its evidence, its pre-score rule by rule, the standard's version and the decision.");

        group.MapPost("/applications", async Task<Results<Created<ApplicationView>, ValidationProblem, NotFound, ForbidHttpResult>> (HttpRequest request,
            ClaimsPrincipal user, Experts experts, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
            {
                return PoolsApi.Invalid(new ValidationErrors().Add("evidence", "is required"));
            }
            var form = await request.ReadFormAsync(ct);
            var (admission, errors) = await ReadApplicationAsync(form, ct);
            if (admission is null)
            {
                return PoolsApi.Invalid(errors);
            }
            var result = await experts.ApplyAsync(Caller.From(user), admission, ct);
            return result.Status switch
            {
                WriteStatus.Ok => TypedResults.Created($"/api/v1/shared/experts/{result.Value!.ExpertId}/applications", ApplicationView.From(result.Value)),
                WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
                WriteStatus.NotFound => TypedResults.NotFound(),
                _ => TypedResults.Forbid(),
            };
        }).WithSummary("Applies (or reconfirms) as multipart/form-data: poolRegion (a county), modes (repeated or comma-separated: ProjectCooperation, TechnologyShares, Workstation, PartTime, Consulting), summary, tagIds, evidence (JSON: {\"items\":[…]}), and files named files[N] for evidence item N (PDF, PNG or JPEG, at most 2 MB each). talentId lets an operator apply for a talent of their region.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SharedPoolLimits.MaxRequestBytes));

        group.MapGet("/applications", async Task<Results<Ok<IReadOnlyList<PendingView>>, ForbidHttpResult>> (ClaimsPrincipal user, Experts experts, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            if (!caller.IsAdmin && !caller.IsOperator)
            {
                return TypedResults.Forbid();
            }
            var pending = await experts.PendingAsync(caller, ct);
            return TypedResults.Ok<IReadOnlyList<PendingView>>([.. pending.Select(p => new PendingView(ApplicationView.From(p.Application), ExpertCard.From(p.Expert)))]);
        }).WithSummary("The operators' queue: applications awaiting a decision in the caller's region subtree, oldest first, with their pre-scores.");

        group.MapPost("/applications/{id:long}/decision", async Task<Results<Ok<ApplicationView>, ValidationProblem, NotFound, ForbidHttpResult>> (long id,
            DecisionBody body, ClaimsPrincipal user, Experts experts, CancellationToken ct) =>
        {
            if (body.Admit is null)
            {
                return PoolsApi.Invalid(new ValidationErrors().Add("admit", "is required"));
            }
            var result = await experts.DecideAsync(Caller.From(user), id, body.Admit.Value, body.Reason, ct);
            return result.Status switch
            {
                WriteStatus.Ok => TypedResults.Ok(ApplicationView.From(result.Value!)),
                WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
                WriteStatus.NotFound => TypedResults.NotFound(),
                _ => TypedResults.Forbid(),
            };
        }).WithSummary("An operator of the expert's county (or the city) admits (admit: true) or refuses with a reason; the decision keeps the standard's version. 404 outside the caller's region.");

        group.MapGet("/files/{id:long}", async Task<Results<FileContentHttpResult, NotFound>> (long id, ClaimsPrincipal user, Experts experts, CancellationToken ct) =>
            await experts.FileAsync(Caller.From(user), id, ct) is { } file
                ? TypedResults.File(file.Content, file.File.ContentType, file.File.Name)
                : TypedResults.NotFound())
            .WithSummary("An evidence file, for the expert and the operators who may decide on them (each operator's view is audited).");

        group.MapGet("/pools/{id:long}/standards", async Task<Results<Ok<IReadOnlyList<StandardView>>, NotFound>> (long id, ClaimsPrincipal user,
            IServiceProvider services, AdmissionStandards standards, CancellationToken ct) =>
            await BrowsableAsync(id, user, services, ct) is { } pool
                ? TypedResults.Ok<IReadOnlyList<StandardView>>([.. (await standards.VersionsAsync(pool.ParentId ?? pool.Id, ct)).Select(StandardView.From)])
                : TypedResults.NotFound())
            .WithSummary("The versions of the city's admission standard, newest first (the first is in force).");

        group.MapGet("/standards/{id:long}", async Task<Results<Ok<StandardView>, NotFound>> (long id, ClaimsPrincipal user, IServiceProvider services,
            AdmissionStandards standards, CancellationToken ct) =>
            await standards.FindAsync(id, ct) is { } standard && await BrowsableAsync(standard.PoolId, user, services, ct) is not null
                ? TypedResults.Ok(StandardView.From(standard))
                : TypedResults.NotFound())
            .WithSummary("One version of a standard with its JSON definition.");

        group.MapPost("/pools/{id:long}/standards", async Task<Results<Created<StandardView>, ValidationProblem>> (long id, PublishBody body,
            ClaimsPrincipal user, AdmissionStandards standards, CancellationToken ct) =>
        {
            var json = body.Definition is { ValueKind: JsonValueKind.String } text ? text.GetString()
                : body.Definition is { ValueKind: JsonValueKind.Object } document ? document.GetRawText() : null;
            var (stored, errors) = await standards.PublishAsync(Caller.From(user), id, json, body.Note, ct);
            return stored is null ? PoolsApi.Invalid(errors) : TypedResults.Created($"/api/v1/shared/standards/{stored.Id}", StandardView.From(stored));
        }).WithSummary("Publishes a new version from a whole definition (a JSON object, or its text) with a note; errors name the JSON path. Past decisions keep their version.");

        group.MapGet("/calendars", async Task<Results<Ok<IReadOnlyList<WorkCalendarVersion>>, ForbidHttpResult>> (ClaimsPrincipal user, WorkCalendars calendars,
            CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            return caller.IsAdmin || caller.IsOperator ? TypedResults.Ok(await calendars.VersionsAsync(ct)) : TypedResults.Forbid();
        }).WithSummary("The uploaded working calendars, newest first (none: the shipped calendar is in force).");

        group.MapPost("/calendars", async Task<Results<Ok<CalendarUpload>, ValidationProblem>> (HttpRequest request, ClaimsPrincipal user, WorkCalendars calendars,
            CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync(ct);
            var (errors, count) = await calendars.UploadAsync(Caller.From(user), json, ct);
            return errors.IsValid ? TypedResults.Ok(new CalendarUpload(count, await calendars.VersionsAsync(ct))) : PoolsApi.Invalid(errors);
        }).WithSummary("An administrator uploads a corrected calendar (the whole JSON file as the body, a new version); every open order is re-evaluated and counted.");
    }

    private static ProblemHttpResult Changed(HttpResponse response, SharedPoolInfo current) =>
        TypedResults.Problem("The settings were changed by someone else since you read them (their ETag is now " + Tagged(response, current).Version.ToString(CultureInfo.InvariantCulture) +
            "). Read them again, reapply your change and send it with the new ETag in If-Match.", statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed by someone else");

    private static SharedPoolInfo Tagged(HttpResponse response, SharedPoolInfo pool)
    {
        response.Headers.ETag = Versions.ETag(pool.Version);
        return pool;
    }

    private static PoolSettings Settings(HttpResponse response, SharedPoolInfo pool)
    {
        response.Headers.ETag = Versions.ETag(pool.Version);
        return new PoolSettings(pool.ClockMode, pool.TargetHours, pool.WarnHours, pool.ReplyHours);
    }

    /// <summary>A pool the caller may browse (the city of the pool, by the platform's rule), or null.</summary>
    private static async Task<SharedPoolInfo?> BrowsableAsync(long id, ClaimsPrincipal user, IServiceProvider services, CancellationToken ct)
    {
        if (await services.GetRequiredService<SharedPools>().FindAsync(id, ct) is not { } pool)
        {
            return null;
        }
        var viewer = await PoolViewer.ForAsync(Caller.From(user), pool.RegionCode, services, ct);
        return viewer.MayBrowse && viewer.City is { } city && city.Id == (pool.ParentId ?? pool.Id) ? pool : null;
    }

    /// <summary>An expert the caller may see, and whether the caller may see the applications too (the expert, the region's operators).</summary>
    internal static async Task<(SharedExpert Expert, bool MaySeeApplications)?> VisibleExpertAsync(long id, ClaimsPrincipal user, IServiceProvider services,
        CancellationToken ct)
    {
        if (await services.GetRequiredService<Experts>().FindAsync(id, ct) is not { } expert)
        {
            return null;
        }
        var caller = Caller.From(user);
        var own = caller.TalentId == expert.TalentId;
        var administers = SharedPools.CanAdminister(caller, expert.RegionCode);
        if (own || administers)
        {
            return (expert, true);
        }
        var pool = await services.GetRequiredService<SharedPools>().FindAsync(expert.CityPoolId, ct);
        var viewer = await PoolViewer.ForAsync(caller, pool?.RegionCode, services, ct);
        return expert.State == ExpertState.Admitted && viewer.MayBrowse && viewer.City?.Id == expert.CityPoolId ? (expert, false) : null;
    }

    internal static (ExpertQuery Query, ValidationErrors Errors) Query(string? q, long? tag, string? region, string? mode, string? sort, int? page, int? pageSize)
    {
        var errors = new ValidationErrors();
        ServiceModes? modes = null;
        if (!string.IsNullOrWhiteSpace(mode))
        {
            if (Enum.TryParse<ServiceModes>(mode, ignoreCase: true, out var m) && !mode.Any(char.IsDigit) && DemandOrderDraft.IsSingle(m))
            {
                modes = m;
            }
            else
            {
                errors.Add("mode", "must be one of the listed options");
            }
        }
        errors.When(sort is not null && sort.Length > 0 && !Experts.SortKeys.ContainsKey(sort), "sort", "must be one of the listed options")
            .When(page is < 1, "page", "must be at least 1")
            .When(pageSize is < 1 or > ListQuery.MaxPageSize, "pageSize", $"must be between 1 and {ListQuery.MaxPageSize}");
        errors.Optional(q, "q", 100);
        return (new ExpertQuery
        {
            Text = q, TagId = tag, Region = string.IsNullOrWhiteSpace(region) ? null : region.Trim(), Mode = modes,
            Sort = string.IsNullOrEmpty(sort) ? null : sort, Page = page ?? 1, PageSize = pageSize ?? 20,
        }, errors);
    }

    /// <summary>Reads a multipart application; evidence is JSON, files are named files[N] for evidence item N.</summary>
    internal static async Task<(AdmissionRequest? Request, ValidationErrors Errors)> ReadApplicationAsync(IFormCollection form, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var reader = new FormReader();
        var modes = reader.Flags<ServiceModes>(form["modes"].SelectMany(v => FormReader.List(v)), "modes");
        var tagIds = new List<long>();
        foreach (var value in form["tagIds"].SelectMany(v => FormReader.List(v)))
        {
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var tagId))
            {
                tagIds.Add(tagId);
            }
            else
            {
                reader.Errors.Add("tagIds", "must be one of the listed options");
            }
        }
        long? talentId = null;
        if (!string.IsNullOrWhiteSpace(form["talentId"]))
        {
            talentId = long.TryParse(form["talentId"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : -1;
        }
        AdmissionEvidence? evidence = null;
        if (string.IsNullOrWhiteSpace(form["evidence"]))
        {
            errors.Add("evidence", "is required");
        }
        else
        {
            var (parsed, evidenceErrors) = AdmissionEvidence.FromJson(form["evidence"]!);
            evidence = parsed;
            errors.AddMissing(Prefixed(evidenceErrors));
        }
        errors.AddMissing(reader.Errors);
        var files = new List<(int, AttachmentUpload)>();
        foreach (var file in form.Files)
        {
            var name = file.Name;
            if (!name.StartsWith("files[", StringComparison.Ordinal) || !name.EndsWith(']')
                || !int.TryParse(name.AsSpan(6, name.Length - 7), NumberStyles.None, CultureInfo.InvariantCulture, out var item))
            {
                errors.Add(name, "belongs to no evidence item");
                continue;
            }
            await using var stream = file.OpenReadStream();
            files.Add((item, await AttachmentUpload.ReadAsync(file.FileName, file.Length, stream, ct)));
        }
        if (!errors.IsValid || evidence is null)
        {
            return (null, errors);
        }
        return (new AdmissionRequest
        {
            TalentId = talentId, PoolRegion = FormReader.Region(form["poolRegion"]), Modes = modes, Summary = form["summary"], TagIds = tagIds,
            Evidence = evidence, Files = files,
        }, errors);
    }

    private static ValidationErrors Prefixed(ValidationErrors errors)
    {
        var prefixed = new ValidationErrors();
        foreach (var (field, messages) in errors.ToDictionary())
        {
            foreach (var message in messages)
            {
                prefixed.Add(field.StartsWith("evidence", StringComparison.Ordinal) ? field : "evidence." + field, message);
            }
        }
        return prefixed;
    }
}

/// <summary>Request sizes of the pages and endpoints that take evidence files.</summary>
public static class SharedPoolLimits
{
    /// <summary>A few files of at most 2 MB each, and a file somewhat above the limit, so that it is refused by the rule with the field named.</summary>
    public const int MaxRequestBytes = 24 * 1024 * 1024;
}

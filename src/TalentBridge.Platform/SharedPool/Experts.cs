using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;
using TalentBridge.Platform.TitleReview;

namespace TalentBridge.Platform.SharedPool;

/// <summary>
/// A shared expert as listed in the city's classified index: who, where (the county sub-pool), how they serve, their
/// tags, 职称 and skill level, and the published average rating of their engagements.
/// </summary>
public sealed record SharedExpert(long Id, long TalentId, string Name, long CityPoolId, long PoolId, string RegionCode, ExpertState State, int Version,
    ServiceModes Modes, string Summary, DateOnly? AdmittedOn, DateOnly? ExpiresOn, ProfessionalTitleLevel Title, SkillLevel SkillLevel,
    IReadOnlyList<long> TagIds, int Engagements, double? Rating) : IVersioned;

/// <summary>One application for admission (the first or a reconfirmation) with its pre-score and the decision.</summary>
public sealed record AdmissionApplication(long Id, long ExpertId, long StandardId, int StandardVersion, AdmissionEvidence Evidence,
    AdmissionAssessment Assessment, bool Passes, DateTimeOffset SubmittedAt, bool? Admitted, DateTimeOffset? DecidedAt, long? DecidedBy,
    string? DecisionReason);

/// <summary>An evidence file as stored (its bytes are read only by <see cref="Experts.FileAsync"/>).</summary>
public sealed record EvidenceFile(long Id, long ExpertId, string Name, string ContentType, int Size);

/// <summary>
/// What a talent (or an operator for them) submits to join a city's shared pool: the county sub-pool, the service modes
/// offered, a summary of what they can do, tags from the pool's index, the evidence, and files by the index of the
/// evidence item they prove.
/// </summary>
public sealed record AdmissionRequest
{
    public const int MaxSummary = 1000;
    public const int MaxFilesPerItem = 3;

    public long? TalentId { get; init; }
    public required string PoolRegion { get; init; }
    public ServiceModes Modes { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<long> TagIds { get; init; } = [];
    public required AdmissionEvidence Evidence { get; init; }
    public IReadOnlyList<(int Item, AttachmentUpload File)> Files { get; init; } = [];
}

/// <summary>Filters of the expert index.</summary>
public sealed record ExpertQuery
{
    public string? Text { get; init; }
    public long? TagId { get; init; }
    public string? Region { get; init; }
    public ServiceModes? Mode { get; init; }
    public ExpertState? State { get; init; } = ExpertState.Admitted;
    /// <summary>One of <see cref="Experts.SortKeys"/>; none sorts best rated first.</summary>
    public string? Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

/// <summary>
/// The experts of the shared pools (issue 7, items 1–3): applications with evidence, pre-scored against the city's
/// current admission standard and explained rule by rule; the decision of an operator of the county's sub-pool (or of
/// the city), which keeps the standard's version; expiry after the standard's validity with a reconfirmation request
/// before it; the classified index with tags. Each change with its audit row and event in one transaction.
/// </summary>
public sealed class Experts(Database db, ReferenceData reference, SharedPools pools, TimeProvider time)
{
    public const string ExpiryJobKind = "sharedpool.expiry";

    /// <summary>The longest reconfirmation window a standard may set (its validation's bound): the upkeep looks this far ahead.</summary>
    private const int MaxReconfirmDays = 365;

    private const string Columns =
        "x.id, x.talent_id, t.name, x.city_pool_id, x.pool_id, x.region_code, x.state, x.version, x.service_modes, x.summary, x.admitted_on, x.expires_on, " +
        "t.professional_title, t.skill_level, " +
        "(SELECT count(*) FROM engagements g WHERE g.expert_id = x.id), " +
        "(" + Rating + ")";

    private const string Rating =
        "SELECT avg(r.score * 1.0) FROM engagement_ratings r JOIN engagements g ON g.id = r.engagement_id WHERE g.expert_id = x.id AND r.side = 2";

    private const string From = "shared_experts x JOIN talents t ON t.id = x.talent_id";

    /// <summary>The index's orders: best rated (the default), by name, newest admission first, most engagements first.</summary>
    public static readonly IReadOnlyDictionary<string, string> SortKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["-rating"] = " ORDER BY coalesce((" + Rating + "), 0) DESC, t.name, x.id",
        ["name"] = " ORDER BY t.name, x.id",
        ["-admittedOn"] = " ORDER BY x.admitted_on DESC, t.name, x.id",
        ["-engagements"] = " ORDER BY 15 DESC, t.name, x.id",
    };

    public async Task<SharedExpert?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await FindAsync(c, null, id);
    }

    /// <summary>The talent's expert record in any city (at most one per city; the newest first).</summary>
    public async Task<IReadOnlyList<SharedExpert>> ForTalentAsync(long talentId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await QueryAsync(c, null, "x.talent_id = @talentId ORDER BY x.id DESC", new { talentId });
    }

    private static async Task<SharedExpert?> FindAsync(DbConnection c, DbTransaction? tx, long id) =>
        await QueryAsync(c, tx, "x.id = @id", new { id }) is [var expert, ..] ? expert : null;

    private static async Task<IReadOnlyList<SharedExpert>> QueryAsync(DbConnection c, DbTransaction? tx, string where, object args)
    {
        var rows = new List<SharedExpert>();
        await using (var r = await c.ExecuteReaderAsync($"SELECT {Columns} FROM {From} WHERE {where}", args, tx))
        {
            while (await r.ReadAsync())
            {
                rows.Add(Read(r));
            }
        }
        return await WithTagsAsync(c, tx, rows);
    }

    private static SharedExpert Read(DbDataReader r) => new(r.Long(0), r.Long(1), r.GetString(2), r.Long(3), r.Long(4),
        RegionCatalogue.Significant(r.GetString(5)), (ExpertState)r.Int(6), r.Int(7), (ServiceModes)r.Int(8), r.GetString(9),
        r.IsDBNull(10) ? null : r.Date(10), r.IsDBNull(11) ? null : r.Date(11), (ProfessionalTitleLevel)r.Int(12), (SkillLevel)r.Int(13), [],
        r.Int(14), r.IsDBNull(15) ? null : Math.Round(Convert.ToDouble(r.GetValue(15), CultureInfo.InvariantCulture), 2));

    private static async Task<IReadOnlyList<SharedExpert>> WithTagsAsync(DbConnection c, DbTransaction? tx, List<SharedExpert> experts)
    {
        if (experts.Count == 0)
        {
            return experts;
        }
        var ids = experts.Select(e => e.Id).ToArray();
        var tags = (await c.QueryAsync<(long Expert, long Tag)>(
                $"SELECT expert_id, tag_id FROM shared_expert_tags WHERE expert_id IN ({string.Join(",", ids)}) ORDER BY tag_id", transaction: tx))
            .ToLookup(t => t.Expert, t => t.Tag);
        return [.. experts.Select(e => e with { TagIds = [.. tags[e.Id]] })];
    }

    /// <summary>
    /// The classified index: a city's experts (admitted by default) with a text search over name, summary, major and
    /// skills, a tag (or any tag under it), a county and a service mode; best rated first, then by name.
    /// </summary>
    public async Task<Page<SharedExpert>> SearchAsync(long cityPoolId, ExpertQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new Where().Add("x.city_pool_id = @cityPoolId", "cityPoolId", cityPoolId);
        if (query.State is { } state)
        {
            where.Add("x.state = @state", "state", (int)state);
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            where.Text(db.Like, query.Text.Trim(), "t.name", "x.summary", "t.major", "t.skills", "t.certificates");
        }
        if (query.TagId is { } tag)
        {
            where.Add("EXISTS (SELECT 1 FROM shared_expert_tags et JOIN shared_tags st ON st.id = et.tag_id WHERE et.expert_id = x.id " +
                "AND (st.id = @tag OR st.parent_id = @tag))", "tag", tag);
        }
        if (query.Region is { Length: > 0 } region && reference.Regions.Find(region) is not null)
        {
            where.RegionSubtree("x.region_code", region, "region");
        }
        if (query.Mode is { } mode && mode != ServiceModes.None)
        {
            where.Add("(x.service_modes & @mode) <> 0", "mode", (int)mode);
        }
        var orderBy = query.Sort is { } sort && SortKeys.TryGetValue(sort, out var clause) ? clause : SortKeys["-rating"];
        var page = await ListSql.PageAsync(db, From, Columns, where, orderBy,
            new ListQuery { Page = Math.Clamp(query.Page, 1, ListQuery.MaxPage), PageSize = Math.Clamp(query.PageSize, 1, ListQuery.MaxPageSize) }, Read,
            // The text search reads the talents' columns: the count then needs the join too.
            string.IsNullOrWhiteSpace(query.Text) ? "shared_experts x" : null, ct);
        await using var c = await db.OpenAsync(ct);
        return page with { Items = await WithTagsAsync(c, null, [.. page.Items]) };
    }

    /// <summary>Admitted experts per county sub-pool and per service mode (the index's facets; tags carry their own counts).</summary>
    public async Task<(IReadOnlyDictionary<string, int> ByCounty, IReadOnlyDictionary<ServiceModes, int> ByMode)> FacetsAsync(long cityPoolId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<(string Region, int Modes)>(
            "SELECT region_code, service_modes FROM shared_experts WHERE city_pool_id = @cityPoolId AND state = 1", new { cityPoolId })).ToList();
        var byCounty = rows.GroupBy(r => RegionCatalogue.Significant(r.Region)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var byMode = Enum.GetValues<ServiceModes>().Where(m => m != ServiceModes.None)
            .ToDictionary(m => m, m => rows.Count(r => ((ServiceModes)r.Modes & m) != 0));
        return (byCounty, byMode);
    }

    /// <summary>The admitted, unexpired experts of a city as the order matcher reads them.</summary>
    internal static async Task<IReadOnlyList<ExpertCandidate>> CandidatesAsync(DbConnection c, DbTransaction? tx, long cityPoolId, DateOnly today)
    {
        var experts = (await c.QueryAsync<(long Id, long TalentId, string Name, string Region, int Modes, string Summary, string? Major, string Skills,
            string Certificates, int Title, int SkillLevel)>(
            "SELECT x.id, x.talent_id, t.name, x.region_code, x.service_modes, x.summary, t.major, t.skills, t.certificates, t.professional_title, t.skill_level " +
            "FROM shared_experts x JOIN talents t ON t.id = x.talent_id WHERE x.city_pool_id = @cityPoolId AND x.state = 1 AND x.expires_on >= @today",
            new { cityPoolId, today }, tx)).ToList();
        var occupations = (await c.QueryAsync<(long TalentId, string Code)>(
                "SELECT o.talent_id, o.occupation_code FROM talent_occupations o JOIN shared_experts x ON x.talent_id = o.talent_id " +
                "WHERE x.city_pool_id = @cityPoolId AND x.state = 1", new { cityPoolId }, tx))
            .ToLookup(o => o.TalentId, o => o.Code);
        var tags = (await c.QueryAsync<(long ExpertId, long TagId, int Kind, string Name, string? Code)>(
                "SELECT et.expert_id, st.id, st.kind, st.name, st.code FROM shared_expert_tags et JOIN shared_tags st ON st.id = et.tag_id " +
                "WHERE st.city_pool_id = @cityPoolId", new { cityPoolId }, tx))
            .ToLookup(t => t.ExpertId);
        var load = (await c.QueryAsync<(long ExpertId, long Count)>(
                "SELECT g.expert_id, count(*) FROM engagements g JOIN shared_experts x ON x.id = g.expert_id WHERE x.city_pool_id = @cityPoolId AND g.state = 0 " +
                "GROUP BY g.expert_id", new { cityPoolId }, tx))
            .ToDictionary(l => l.ExpertId, l => (int)l.Count);
        var ratings = (await c.QueryAsync<(long ExpertId, double Average)>(
                "SELECT g.expert_id, avg(r.score * 1.0) FROM engagement_ratings r JOIN engagements g ON g.id = r.engagement_id " +
                "JOIN shared_experts x ON x.id = g.expert_id WHERE x.city_pool_id = @cityPoolId AND r.side = 2 GROUP BY g.expert_id", new { cityPoolId }, tx))
            .ToDictionary(r => r.ExpertId, r => r.Average);
        return [.. experts.Select(e =>
        {
            var expertTags = tags[e.Id].ToList();
            var text = string.Join(' ', new[] { e.Summary, e.Major ?? "", e.Skills, e.Certificates }.Concat(expertTags.Select(t => t.Name)));
            return new ExpertCandidate(e.Id, e.TalentId, e.Name, RegionCatalogue.Significant(e.Region), (ServiceModes)e.Modes,
                [.. occupations[e.TalentId], .. expertTags.Where(t => t.Kind != (int)TagKind.Industry && t.Code is not null).Select(t => t.Code!)],
                [.. expertTags.Where(t => t.Kind == (int)TagKind.Industry && t.Code is not null).Select(t => t.Code!)],
                expertTags.Select(t => t.TagId).ToHashSet(), text, (ProfessionalTitleLevel)e.Title, (SkillLevel)e.SkillLevel,
                load.GetValueOrDefault(e.Id), ratings.TryGetValue(e.Id, out var average) ? average : null);
        })];
    }

    /// <summary>
    /// Applies for admission (or reconfirmation) to a city's pool: the talent for themself, or an operator of the talent's
    /// region for them. The evidence is pre-scored against the city's current standard; an operator decides.
    /// </summary>
    public Task<WriteResult<AdmissionApplication>> ApplyAsync(Caller caller, AdmissionRequest request, CancellationToken ct) =>
        ApplyAsync(caller, request, null, ct);

    /// <summary>Thrown out of the application's transaction when the step taken with it refuses (nothing is kept).</summary>
    private sealed class AlongsideRefusedException : Exception;

    /// <summary>
    /// The same application with a step of another feature in its transaction (a competition invitation accepted):
    /// <paramref name="alongside"/> gets the new application's id and returns false to undo both; the answer is then a
    /// conflict without a value.
    /// </summary>
    internal async Task<WriteResult<AdmissionApplication>> ApplyAsync(Caller caller, AdmissionRequest request,
        Func<DbConnection, DbTransaction, long, Task<bool>>? alongside, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var talentId = request.TalentId ?? caller.TalentId;
        if (talentId is null)
        {
            return WriteResult.NotFound<AdmissionApplication>();
        }
        var today = ChinaTime.Date(time.GetUtcNow());
        var errors = request.Evidence.Validate(today)
            .Optional(request.Summary, "summary", AdmissionRequest.MaxSummary)
            .When(string.IsNullOrWhiteSpace(request.Summary), "summary", "is required")
            .When(request.Modes == ServiceModes.None || (request.Modes & ~DemandOrderDraft.AllModes) != 0, "modes", "must name at least one service mode")
            .When(request.TagIds.Count > DemandOrderDraft.MaxTags, "tagIds", $"must be at most {DemandOrderDraft.MaxTags} tags")
            .When(request.Evidence.Items.Any(i => i.Title?.StartsWith(Recognitions.EvidencePrefix, StringComparison.Ordinal) == true),
                "evidence", "recognitions are added by the platform, not typed");
        var county = reference.Regions.Find(request.PoolRegion);
        errors.When(county is not { Level: RegionLevel.County }, "poolRegion", "is not a county");
        var types = new Dictionary<int, List<(AttachmentUpload File, string Type)>>();
        foreach (var (item, file) in request.Files)
        {
            var field = $"evidence.items[{item}].file";
            if (item < 0 || item >= request.Evidence.Items.Count)
            {
                errors.Add(field, "belongs to no evidence item");
                continue;
            }
            if (file.Check(errors, field) is { } type)
            {
                (types.TryGetValue(item, out var list) ? list : types[item] = []).Add((file, type));
            }
        }
        errors.When(types.Values.Any(l => l.Count > AdmissionRequest.MaxFilesPerItem), "evidence", $"must have at most {AdmissionRequest.MaxFilesPerItem} files per item");
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var talent = await c.QuerySingleOrDefaultAsync<(long Id, string Region, int Visibility)>(
                    "SELECT id, residence_region_code, visibility FROM talents WHERE id = @talentId", new { talentId }, tx);
                if (talent.Id == 0 || !(caller.TalentId == talentId || caller.CanEditTalent(reference.Regions, talent.Id, RegionCatalogue.Significant(talent.Region))))
                {
                    return WriteResult.NotFound<AdmissionApplication>();
                }
                var city = county is null ? null : pools.CityOf(county.Code);
                var cityPool = city is null ? null : await SharedPools.CityPoolAsync(c, tx, city);
                errors.When(county is not null && cityPool is null, "poolRegion", "lies in a city without a shared talent pool");
                var pool = cityPool is null ? 0 : await c.ExecuteScalarAsync<long>("SELECT id FROM shared_pools WHERE region_code = @region",
                    new { region = county!.FullCode }, tx);
                if (cityPool is not null && request.TagIds.Count > 0 && await c.ExecuteScalarAsync<long>(
                        $"SELECT count(*) FROM shared_tags WHERE city_pool_id = @poolId AND {ListSql.InList(db, "id", "tagIds")}",
                        new { poolId = cityPool.Id, tagIds = request.TagIds.Distinct().ToArray() }, tx) != request.TagIds.Distinct().Count())
                {
                    errors.Add("tagIds", "are not all tags of this pool");
                }
                var existing = cityPool is null ? null : await QueryAsync(c, tx, "x.talent_id = @talentId AND x.city_pool_id = @poolId",
                    new { talentId, poolId = cityPool.Id }) is [var found, ..] ? found : null;
                if (existing is not null && await c.ExecuteScalarAsync<long>(
                        "SELECT count(*) FROM admission_applications WHERE expert_id = @id AND decision IS NULL", new { id = existing.Id }, tx) > 0)
                {
                    errors.Add("evidence", "an application of yours awaits a decision already");
                }
                if (!errors.IsValid)
                {
                    return WriteResult.Invalid<AdmissionApplication>(errors);
                }
                var standard = (await AdmissionStandards.CurrentAsync(c, tx, cityPool!.Id))!;
                long expertId;
                if (existing is null)
                {
                    expertId = await c.ExecuteScalarAsync<long>(
                        "INSERT INTO shared_experts (talent_id, city_pool_id, pool_id, region_code, state, version, service_modes, summary, created_at, updated_at) " +
                        "VALUES (@talentId, @cityPoolId, @pool, @region, 0, 1, @modes, @summary, @now, @now) RETURNING id",
                        new { talentId, cityPoolId = cityPool.Id, pool, region = county!.FullCode, modes = (int)request.Modes, summary = request.Summary!.Trim(), now = Database.Utc(now) },
                        tx);
                }
                else
                {
                    expertId = existing.Id;
                    // A refused, expired or withdrawn expert applies again; an admitted one reconfirms and stays admitted meanwhile.
                    await c.ExecuteAsync(
                        "UPDATE shared_experts SET pool_id = @pool, region_code = @region, service_modes = @modes, summary = @summary, updated_at = @now, " +
                        "state = CASE WHEN state = 1 THEN 1 ELSE 0 END, version = version + 1 WHERE id = @expertId",
                        new { pool, region = county!.FullCode, modes = (int)request.Modes, summary = request.Summary!.Trim(), now = Database.Utc(now), expertId }, tx);
                }
                await c.ExecuteAsync("DELETE FROM shared_expert_tags WHERE expert_id = @expertId", new { expertId }, tx);
                foreach (var tag in request.TagIds.Distinct())
                {
                    await c.ExecuteAsync("INSERT INTO shared_expert_tags (expert_id, tag_id) VALUES (@expertId, @tag)", new { expertId, tag }, tx);
                }
                var evidence = request.Evidence;
                foreach (var (item, files) in types)
                {
                    var ids = new List<long>();
                    foreach (var (file, type) in files)
                    {
                        ids.Add(await c.ExecuteScalarAsync<long>(
                            "INSERT INTO admission_files (expert_id, name, content_type, size, content, uploaded_at, uploaded_by) " +
                            "VALUES (@expertId, @name, @type, @size, @content, @now, @by) RETURNING id",
                            new { expertId, name = Conversations.FileName(file.FileName, type), type, size = file.Content.Length, content = file.Content, now = Database.Utc(now), by = caller.AccountId },
                            tx));
                    }
                    evidence = evidence with
                    {
                        Items = [.. evidence.Items.Select((it, i) => i == item
                            ? it with { FileIds = [.. it.FileIds, .. ids.Select(id => id.ToString(CultureInfo.InvariantCulture))] }
                            : it)],
                    };
                }
                if (existing is not null)
                {
                    evidence = evidence with { Items = [.. evidence.Items, .. await EngagementEvidenceAsync(c, tx, expertId, AdmissionEvidence.MaxItems - evidence.Items.Count)] };
                }
                // The talent's recognised class (issue 15), added by the platform like the engagement records.
                var recognition = await Recognitions.EvidenceAsync(c, tx, talent.Id);
                evidence = evidence with { Items = [.. evidence.Items, .. recognition.Take(AdmissionEvidence.MaxItems - evidence.Items.Count)] };
                var assessment = standard.Assess(evidence, today);
                var applicationId = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO admission_applications (expert_id, standard_id, standard_version, evidence, assessment, passes, submitted_at, submitted_by) " +
                    "VALUES (@expertId, @standardId, @version, @evidence, @assessment, @passes, @now, @by) RETURNING id",
                    new
                    {
                        expertId, standardId = standard.Id, version = standard.Version, evidence = evidence.ToJson(), assessment = JsonSerializer.Serialize(assessment, AdmissionJson.Options),
                        passes = assessment.Passed, now = Database.Utc(now), by = caller.AccountId,
                    }, tx);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, existing is null ? AuditAction.Create : AuditAction.Update, "expert", expertId,
                    county!.Code, existing?.State == ExpertState.Admitted ? "reconfirm" : "apply",
                    JsonSerializer.Serialize(new { application = applicationId, standard = standard.Version, assessment.Passed }, Row.Json)), "expert.apply");
                await Inbox.NotifyOperatorsAsync(c, tx, county.Code, "expert.apply", "expert", expertId, [request.Summary!.Trim(), ""], now);
                if (alongside is not null && !await alongside(c, tx, applicationId))
                {
                    throw new AlongsideRefusedException();
                }
                return WriteResult.Ok((await ApplicationAsync(c, tx, applicationId))!);
            }, ct);
        }
        catch (AlongsideRefusedException)
        {
            return new WriteResult<AdmissionApplication>(WriteStatus.Conflict, null, new ValidationErrors());
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<AdmissionApplication>(new ValidationErrors().Add("talentId", "has an expert record in this city already"));
        }
    }

    /// <summary>The title of evidence the platform adds from its own engagement records (never typed by the applicant).</summary>
    public const string EngagementEvidencePrefix = "平台服务记录：";

    /// <summary>
    /// Engagement records feed a reconfirmation (issue 7, item 7): each completed engagement the enterprise rated 4 or 5
    /// becomes a project item of the year it ended (the expert's role counted as core), so the standard's project rules
    /// score the expert's service through the pool.
    /// </summary>
    private static async Task<IReadOnlyList<EvidenceItem>> EngagementEvidenceAsync(DbConnection c, DbTransaction tx, long expertId, int room)
    {
        if (room <= 0)
        {
            return [];
        }
        var rows = new List<(string Title, DateTimeOffset EndedAt)>();
        await using (var r = await c.ExecuteReaderAsync(
            "SELECT o.title, g.ended_at FROM engagements g JOIN demand_orders o ON o.id = g.order_id " +
            "JOIN engagement_ratings r ON r.engagement_id = g.id AND r.side = 2 " +
            "WHERE g.expert_id = @expertId AND g.state = 1 AND r.score >= 4 ORDER BY g.ended_at DESC LIMIT @room", new { expertId, room }, tx))
        {
            while (await r.ReadAsync())
            {
                rows.Add((r.GetString(0), r.Timestamp(1)));
            }
        }
        return [.. rows.Select(r => new EvidenceItem
        {
            Kind = EvidenceKind.Project, Title = (EngagementEvidencePrefix + r.Title)[..Math.Min(AdmissionEvidence.MaxTitleLength, EngagementEvidencePrefix.Length + r.Title.Length)],
            Role = ProjectRole.Core, Year = ChinaTime.Date(r.EndedAt).Year,
        })];
    }

    public async Task<IReadOnlyList<AdmissionApplication>> ApplicationsAsync(long expertId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var ids = await c.QueryAsync<long>("SELECT id FROM admission_applications WHERE expert_id = @expertId ORDER BY id DESC", new { expertId });
        var rows = new List<AdmissionApplication>();
        foreach (var id in ids)
        {
            rows.Add((await ApplicationAsync(c, null, id))!);
        }
        return rows;
    }

    /// <summary>Applications awaiting a decision in the caller's region, oldest first.</summary>
    public async Task<IReadOnlyList<(AdmissionApplication Application, SharedExpert Expert)>> PendingAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return [];
        }
        var where = new Where().Add("a.decision IS NULL");
        if (caller.ScopeRegion is { } scope)
        {
            where.RegionSubtree("x.region_code", scope, "scope");
        }
        await using var c = await db.OpenAsync(ct);
        var rows = (await c.QueryAsync<(long Application, long Expert)>(
            $"SELECT a.id, a.expert_id FROM admission_applications a JOIN shared_experts x ON x.id = a.expert_id {where} ORDER BY a.submitted_at, a.id LIMIT 200",
            where.Parameters)).ToList();
        var result = new List<(AdmissionApplication, SharedExpert)>();
        foreach (var (application, expert) in rows)
        {
            result.Add(((await ApplicationAsync(c, null, application))!, (await FindAsync(c, null, expert))!));
        }
        return result;
    }

    private static async Task<AdmissionApplication?> ApplicationAsync(DbConnection c, DbTransaction? tx, long id)
    {
        await using var r = await c.ExecuteReaderAsync(
            "SELECT id, expert_id, standard_id, standard_version, evidence, assessment, passes, submitted_at, decision, decided_at, decided_by, decision_reason " +
            "FROM admission_applications WHERE id = @id", new { id }, tx);
        if (!await r.ReadAsync())
        {
            return null;
        }
        return new AdmissionApplication(r.Long(0), r.Long(1), r.Long(2), r.Int(3), AdmissionEvidence.FromJson(r.GetString(4)).Evidence!,
            JsonSerializer.Deserialize<AdmissionAssessment>(r.GetString(5), AdmissionJson.Options)!, r.Bool(6), r.Timestamp(7), r.IsDBNull(8) ? null : r.Int(8) == 1,
            r.NullableTimestamp(9), r.NullableLong(10), r.NullableString(11));
    }

    /// <summary>
    /// An operator of the expert's sub-pool (or the city, or an administrator) admits or refuses an application with a
    /// reason. Admission runs for the validity of the standard version the application was made under.
    /// </summary>
    public async Task<WriteResult<AdmissionApplication>> DecideAsync(Caller caller, long applicationId, bool admit, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var errors = new ValidationErrors().Required(reason, "reason", 1000);
        var now = time.GetUtcNow();
        var today = ChinaTime.Date(now);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await ApplicationAsync(c, tx, applicationId) is not { } application || await FindAsync(c, tx, application.ExpertId) is not { } expert
                || !SharedPools.CanAdminister(caller, expert.RegionCode))
            {
                return WriteResult.NotFound<AdmissionApplication>();
            }
            errors.When(application.Admitted is not null, "decision", "this application was decided already");
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<AdmissionApplication>(errors);
            }
            await c.ExecuteAsync(
                "UPDATE admission_applications SET decision = @decision, decided_at = @now, decided_by = @by, decision_reason = @reason WHERE id = @applicationId",
                new { decision = admit ? 1 : 0, now = Database.Utc(now), by = caller.AccountId, reason = reason!.Trim(), applicationId }, tx);
            if (admit)
            {
                var standard = (await AdmissionStandards.VersionAsync(c, tx, application.StandardId))!;
                await c.ExecuteAsync(
                    "UPDATE shared_experts SET state = 1, admitted_on = @today, expires_on = @expires, reconfirm_asked_at = NULL, version = version + 1, " +
                    "updated_at = @now WHERE id = @id",
                    new { today, expires = standard.ExpiresOn(today), now = Database.Utc(now), id = expert.Id }, tx);
            }
            else if (expert.State != ExpertState.Admitted)
            {
                await c.ExecuteAsync("UPDATE shared_experts SET state = 2, version = version + 1, updated_at = @now WHERE id = @id",
                    new { now = Database.Utc(now), id = expert.Id }, tx);
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "expert", expert.Id, expert.RegionCode,
                admit ? "admit" : "refuse", JsonSerializer.Serialize(new { application = applicationId, standard = application.StandardVersion }, Row.Json)),
                admit ? "expert.admit" : "expert.refuse");
            await Inbox.NotifyPartyAsync(c, tx, expert.TalentId, null, admit ? "expert.admit" : "expert.refuse", "expert", expert.Id, [expert.Summary, ""], now);
            return WriteResult.Ok((await ApplicationAsync(c, tx, applicationId))!);
        }, ct);
    }

    /// <summary>The expert leaves the pool (their open proposals stay as they are; no new ones are made).</summary>
    public async Task<WriteResult<SharedExpert>> WithdrawAsync(Caller caller, long expertId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, expertId) is not { } expert || (caller.TalentId != expert.TalentId && !SharedPools.CanAdminister(caller, expert.RegionCode)))
            {
                return WriteResult.NotFound<SharedExpert>();
            }
            await c.ExecuteAsync("UPDATE shared_experts SET state = 4, version = version + 1, updated_at = @now WHERE id = @expertId",
                new { now = Database.Utc(now), expertId }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "expert", expertId, expert.RegionCode, "withdraw"),
                "expert.withdraw");
            return WriteResult.Ok((await FindAsync(c, tx, expertId))!);
        }, ct);
    }

    /// <summary>An evidence file for the expert themself and the operators who may decide on them; each operator's view is audited.</summary>
    public async Task<(EvidenceFile File, byte[] Content)?> FileAsync(Caller caller, long fileId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(long Id, long ExpertId, string Name, string Type, int Size, byte[] Content)>(
            "SELECT id, expert_id, name, content_type, size, content FROM admission_files WHERE id = @fileId", new { fileId });
        if (row.Id == 0 || await FindAsync(c, null, row.ExpertId) is not { } expert)
        {
            return null;
        }
        if (caller.TalentId != expert.TalentId)
        {
            if (!SharedPools.CanAdminister(caller, expert.RegionCode))
            {
                return null;
            }
            await AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.View, "expert", expert.Id, expert.RegionCode,
                "evidence file", $"{{\"file\":{fileId}}}"), ct);
        }
        return (new EvidenceFile(row.Id, row.ExpertId, row.Name, row.Type, row.Size), row.Content);
    }

    /// <summary>
    /// The daily upkeep (run by the job runner's sweep on any node; each change is conditional, so two nodes do it once):
    /// admissions past their expiry date expire; experts within the standard's reconfirmation window are asked once.
    /// </summary>
    internal async Task<(int Expired, int Asked)> UpkeepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = ChinaTime.Date(now);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var expired = (await c.QueryAsync<(long Id, long TalentId, string Region, string Summary)>(
                "SELECT id, talent_id, region_code, summary FROM shared_experts WHERE state = 1 AND expires_on < @today", new { today }, tx)).ToList();
            foreach (var e in expired)
            {
                if (await c.ExecuteAsync("UPDATE shared_experts SET state = 3, version = version + 1, updated_at = @now WHERE id = @id AND state = 1",
                        new { now = Database.Utc(now), id = e.Id }, tx) == 1)
                {
                    await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, null, AuditAction.Update, "expert", e.Id, RegionCatalogue.Significant(e.Region), "expire"),
                        "expert.expire");
                    await Inbox.NotifyPartyAsync(c, tx, e.TalentId, null, "expert.expire", "expert", e.Id, [e.Summary, ""], now);
                }
            }
            var due = (await c.QueryAsync<(long Id, long TalentId, string Region, string Summary, DateOnly ExpiresOn, long StandardId)>(
                "SELECT x.id, x.talent_id, x.region_code, x.summary, x.expires_on, " +
                "(SELECT a.standard_id FROM admission_applications a WHERE a.expert_id = x.id AND a.decision = 1 ORDER BY a.id DESC LIMIT 1) " +
                "FROM shared_experts x WHERE x.state = 1 AND x.reconfirm_asked_at IS NULL AND x.expires_on <= @horizon",
                new { horizon = today.AddDays(MaxReconfirmDays) }, tx)).ToList();
            var asked = 0;
            foreach (var e in due)
            {
                var standard = await AdmissionStandards.VersionAsync(c, tx, e.StandardId);
                if (standard is null || today < standard.ReconfirmFrom(e.ExpiresOn))
                {
                    continue;
                }
                if (await c.ExecuteAsync("UPDATE shared_experts SET reconfirm_asked_at = @now WHERE id = @id AND reconfirm_asked_at IS NULL",
                        new { now = Database.Utc(now), id = e.Id }, tx) == 1)
                {
                    asked++;
                    await Inbox.NotifyPartyAsync(c, tx, e.TalentId, null, "expert.reconfirm", "expert", e.Id, [e.Summary, e.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], now);
                }
            }
            return (expired.Count, asked);
        }, ct);
    }
}

/// <summary>Runs the experts' daily upkeep from the job runner's sweep (no jobs are queued for it).</summary>
public sealed class ExpertUpkeepHandler(Experts experts, TimeProvider time) : IJobHandler
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public string Kind => Experts.ExpiryJobKind;

    public Task RunAsync(Job job, CancellationToken ct) => experts.UpkeepAsync(ct);

    public Task AbandonedAsync(Job job, string reason, CancellationToken ct) => Task.CompletedTask;

    public async Task SweepAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() - _last < Every)
        {
            return;
        }
        _last = time.GetUtcNow();
        await experts.UpkeepAsync(ct);
    }
}

using System.Diagnostics;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Demo;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.SharedPool;

/// <summary>What the shared pool's demo (or the SLA bench) wrote and how long the clocks and the writes took.</summary>
public sealed record SharedPoolSeedReport(long CityPoolId, int Experts, int Pending, int Orders, int Events, TimeSpan ClockTime, TimeSpan WriteTime);

/// <summary>
/// The shared pool's demo data, for the Lishui demo and the SLA bench: a city's pools with the first admission standard,
/// tags, experts admitted from the talents with a title or a high skill level (evidence built from their records and
/// assessed against the standard — up to ten who do not pass wait in the operators' queue), and a period of orders with
/// their histories (<see cref="DemandOrderGenerator"/>), proposals, engagements and clocks computed from the histories.
/// </summary>
public sealed class SharedPoolDemo(Database db, SharedPools pools, TimeProvider time)
{
    private static readonly (TagKind Kind, string Name, string NameEn, string? Code, string? Parent)[] Tags =
    [
        (TagKind.Industry, "制造业", "Manufacturing", "C", null),
        (TagKind.Industry, "通用设备制造业", "General equipment", "34", "制造业"),
        (TagKind.Industry, "有色金属冶炼和压延加工业", "Non-ferrous metals", "32", "制造业"),
        (TagKind.Industry, "木材加工和木竹制品业", "Wood and bamboo products", "20", "制造业"),
        (TagKind.Industry, "农、林、牧、渔业", "Agriculture", "A", null),
        (TagKind.Industry, "农业", "Farming", "01", "农、林、牧、渔业"),
        (TagKind.Industry, "信息传输、软件和信息技术服务业", "Information technology", "I", null),
        (TagKind.Industry, "电力、热力、燃气及水生产和供应业", "Utilities", "D", null),
        (TagKind.Specialty, "工程技术", "Engineering", "2-02-00-00", null),
        (TagKind.Specialty, "铸造工艺", "Casting", "2-02-07-13", "工程技术"),
        (TagKind.Specialty, "自动控制", "Automation", "2-02-07-07", "工程技术"),
        (TagKind.Specialty, "人工智能", "Artificial intelligence", "2-02-38-01", "工程技术"),
        (TagKind.Specialty, "工业设计", "Industrial design", "2-02-34-02", "工程技术"),
        (TagKind.Specialty, "农业技术", "Farming technology", "5-01-00-00", null),
        (TagKind.Specialty, "食用菌生产", "Edible fungi", "5-01-02-03", "农业技术"),
        (TagKind.Specialty, "中药材种植", "Medicinal herbs", "5-01-02-05", "农业技术"),
        (TagKind.Specialty, "电子商务", "E-commerce", "4-01-06-01", null),
        (TagKind.Skill, "工艺改进", "Process improvement", null, null),
        (TagKind.Skill, "质量诊断", "Quality diagnosis", null, null),
        (TagKind.Skill, "数字化转型", "Digital transformation", null, null),
        (TagKind.Skill, "品牌营销", "Brand marketing", null, null),
        (TagKind.Skill, "技能培训", "Skills training", null, null),
    ];

    /// <summary>Talents whose evidence does not pass wait in the operators' queue, up to this many; the others are not entered.</summary>
    private const int MaxPending = 10;

    private static readonly ServiceModes[] ModeChoices =
        [ServiceModes.Consulting, ServiceModes.ProjectCooperation, ServiceModes.PartTime, ServiceModes.Workstation, ServiceModes.TechnologyShares];

    /// <summary>
    /// Seeds a city's pool: up to <paramref name="expertCount"/> experts (and talent 1, the demo talent, when it exists) and
    /// <paramref name="orderCount"/> orders placed between <paramref name="from"/> and <paramref name="to"/>.
    /// </summary>
    public async Task<SharedPoolSeedReport> SeedAsync(string cityCode, int expertCount, int orderCount, int seed, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct)
    {
        var admin = new Caller(null, Role.PlatformAdmin, null, null, null);
        var opened = await pools.OpenCityAsync(admin, cityCode, null, ct);
        var city = opened.Value ?? throw new InvalidOperationException($"Cannot open the shared pool of {cityCode}: {opened.Errors}");
        var tagIds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, name, nameEn, code, parent) in Tags)
        {
            var added = await pools.AddTagAsync(admin, city.Id, kind, name, nameEn, code, parent is null ? null : tagIds[parent], ct);
            tagIds[name] = added.Value?.Id ?? throw new InvalidOperationException($"Tag {name}: {added.Errors}");
        }
        var clock = Stopwatch.StartNew();
        var (experts, pending) = await SeedExpertsAsync(city, expertCount, seed, [.. tagIds.Values], ct);
        var (orders, events, clockTime) = await SeedOrdersAsync(city, experts, orderCount, seed, from, to, ct);
        return new SharedPoolSeedReport(city.Id, experts.Count, pending, orders, events, clockTime, clock.Elapsed - clockTime);
    }

    /// <summary>
    /// Adds <paramref name="orderCount"/> orders with their histories, proposals, engagements and clocks to the open pool of
    /// <paramref name="cityCode"/>, proposing its admitted experts (the SLA bench's bulk load): the clocks are computed first,
    /// then the rows are written with the bulk insert (COPY on PostgreSQL), 5,000 orders with their events a transaction.
    /// The report's <see cref="SharedPoolSeedReport.WriteTime"/> is the writing alone.
    /// </summary>
    /// <exception cref="InvalidOperationException">The city has no open shared pool or no admitted expert.</exception>
    public async Task<SharedPoolSeedReport> SeedOrdersAsync(string cityCode, int orderCount, int seed, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct)
    {
        SharedPoolInfo city;
        List<(long Id, long TalentId)> experts;
        await using (var c = await db.OpenAsync(ct))
        {
            city = await SharedPools.CityPoolAsync(c, null, cityCode) ?? throw new InvalidOperationException($"{cityCode} has no open shared pool.");
            experts = [.. await c.QueryAsync<(long Id, long TalentId)>(new CommandDefinition(
                "SELECT id, talent_id FROM shared_experts WHERE city_pool_id = @id AND state = 1 ORDER BY id", new { id = city.Id }, cancellationToken: ct))];
        }
        if (experts.Count == 0)
        {
            throw new InvalidOperationException($"The shared pool of {cityCode} has no admitted expert to propose.");
        }
        var clock = Stopwatch.StartNew();
        var (orders, events, clockTime) = await SeedOrdersAsync(city, experts, orderCount, seed, from, to, ct);
        return new SharedPoolSeedReport(city.Id, experts.Count, 0, orders, events, clockTime, clock.Elapsed - clockTime);
    }

    private async Task<(IReadOnlyList<(long Id, long TalentId)> Admitted, int Pending)> SeedExpertsAsync(SharedPoolInfo city, int count, int seed,
        IReadOnlyList<long> tags, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = ChinaTime.Date(now);
        var counties = await CountyPoolsAsync(city);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var (lo, hi) = RegionCatalogue.SubtreeRange(city.RegionCode);
            var talents = (await c.QueryAsync<(long Id, string Region, int Title, int SkillLevel, int Education, string Occupations)>(
                "SELECT id, residence_region_code, professional_title, skill_level, education, occupations FROM talents " +
                "WHERE (residence_region_code BETWEEN @lo AND @hi AND (professional_title >= 3 OR skill_level >= 5)) OR id = 1 ORDER BY id LIMIT @count",
                new { lo, hi, count = count + 1 }, tx)).ToList();
            var standard = (await AdmissionStandards.CurrentAsync(c, tx, city.Id))!;
            var admitted = new List<(long, long)>();
            var pending = 0;
            foreach (var t in talents)
            {
                var rng = new Random(HashCode.Combine(seed, t.Id));
                var region = RegionCatalogue.Significant(t.Region);
                var county = counties.FirstOrDefault(p => region.StartsWith(p.Region, StringComparison.Ordinal));
                if (county == default)
                {
                    county = counties[rng.Next(counties.Count)];
                }
                var years = JsonSerializer.Deserialize<List<TalentOccupation>>(t.Occupations, Row.Json)?.Select(o => o.Years).DefaultIfEmpty(0).Max() ?? 0;
                var evidence = Evidence(rng, (ProfessionalTitleLevel)t.Title, (SkillLevel)t.SkillLevel, (EducationLevel)t.Education, years, today);
                var assessment = standard.Assess(evidence, today);
                var modes = ModeChoices[rng.Next(ModeChoices.Length)] | ModeChoices[rng.Next(ModeChoices.Length)] | ServiceModes.Consulting;
                var admittedOn = today.AddDays(-rng.Next(0, 700));
                var admit = assessment.Passed;
                if (!admit && pending >= MaxPending)
                {
                    continue;
                }
                var expertId = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO shared_experts (talent_id, city_pool_id, pool_id, region_code, state, version, service_modes, summary, admitted_on, expires_on, " +
                    "created_at, updated_at) VALUES (@talent, @cityPool, @pool, @region, @state, 1, @modes, @summary, @admittedOn, @expiresOn, @now, @now) RETURNING id",
                    new
                    {
                        talent = t.Id, cityPool = city.Id, pool = county.Id, region = RegionCatalogue.Pad(county.Region), state = admit ? 1 : 0, modes = (int)modes,
                        summary = Summary(rng, years), admittedOn = admit ? admittedOn : (DateOnly?)null,
                        expiresOn = admit ? standard.ExpiresOn(admittedOn) : (DateOnly?)null, now = Database.Utc(now),
                    }, tx);
                await c.ExecuteAsync(
                    "INSERT INTO admission_applications (expert_id, standard_id, standard_version, evidence, assessment, passes, submitted_at, decision, decided_at, " +
                    "decision_reason) VALUES (@expertId, @standardId, @version, @evidence, @assessment, @passes, @submitted, @decision, @decided, @reason)",
                    new
                    {
                        expertId, standardId = standard.Id, version = standard.Version, evidence = evidence.ToJson(),
                        assessment = JsonSerializer.Serialize(assessment, AdmissionJson.Options), passes = assessment.Passed,
                        submitted = Database.Utc(now.AddDays(admit ? -(today.DayNumber - admittedOn.DayNumber) - 3 : -rng.Next(0, 5))),
                        decision = admit ? 1 : (int?)null, decided = admit ? Database.Utc(now.AddDays(-(today.DayNumber - admittedOn.DayNumber))) : (DateTimeOffset?)null,
                        reason = admit ? "材料齐全，符合准入标准" : null,
                    }, tx);
                foreach (var tag in tags.OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)))
                {
                    await c.ExecuteAsync("INSERT INTO shared_expert_tags (expert_id, tag_id) VALUES (@expertId, @tag)", new { expertId, tag }, tx);
                }
                if (admit)
                {
                    admitted.Add((expertId, t.Id));
                }
                else
                {
                    pending++;
                }
            }
            return ((IReadOnlyList<(long, long)>)admitted, pending);
        }, ct);
    }

    private async Task<IReadOnlyList<(long Id, string Region)>> CountyPoolsAsync(SharedPoolInfo city)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        return [.. (await c.QueryAsync<(long Id, string Region)>("SELECT id, region_code FROM shared_pools WHERE parent_id = @id ORDER BY region_code",
            new { id = city.Id })).Select(p => (p.Id, RegionCatalogue.Significant(p.Region)))];
    }

    /// <summary>Evidence as a talent's record and a few plausible extras suggest it.</summary>
    private static AdmissionEvidence Evidence(Random rng, ProfessionalTitleLevel title, SkillLevel skill, EducationLevel education, int years, DateOnly today)
    {
        var items = new List<EvidenceItem>();
        if (title > ProfessionalTitleLevel.None)
        {
            items.Add(new EvidenceItem { Kind = EvidenceKind.ProfessionalTitle, TitleLevel = title, Year = today.Year - rng.Next(1, 12) });
        }
        if (skill > SkillLevel.None)
        {
            items.Add(new EvidenceItem { Kind = EvidenceKind.SkillLevel, SkillLevel = skill, Year = today.Year - rng.Next(1, 10) });
        }
        if (education > EducationLevel.None)
        {
            items.Add(new EvidenceItem { Kind = EvidenceKind.Education, Education = education });
        }
        // Experts in a shared pool are mostly seasoned: at least six years, with a provincial certificate for most.
        items.Add(new EvidenceItem { Kind = EvidenceKind.Experience, Years = Math.Max(years, rng.Next(6, 25)) });
        if (rng.NextDouble() < 0.7)
        {
            items.Add(new EvidenceItem { Kind = EvidenceKind.Certificate, Title = "浙江省专业技术资格证书", Level = RecognitionLevel.Provincial, Year = today.Year - rng.Next(0, 8) });
        }
        if (rng.NextDouble() < 0.85)
        {
            items.Add(new EvidenceItem
            {
                Kind = EvidenceKind.IndustryReview, Level = rng.NextDouble() < 0.7 ? RecognitionLevel.Provincial : RecognitionLevel.City,
                Rating = ReviewRating.GradeA, Year = today.Year - rng.Next(0, 2), Title = "丽水市相关行业协会",
            });
        }
        if (rng.NextDouble() < 0.7)
        {
            items.Add(new EvidenceItem
            {
                Kind = EvidenceKind.Award, Title = "丽水市技术能手", Level = rng.NextDouble() < 0.6 ? RecognitionLevel.Provincial : RecognitionLevel.City,
                Grade = rng.NextDouble() < 0.5 ? AwardGrade.Second : AwardGrade.First, Year = today.Year - rng.Next(0, 4),
            });
        }
        if (rng.NextDouble() < 0.6)
        {
            items.Add(new EvidenceItem
            {
                Kind = EvidenceKind.Competition, Title = "丽水市职业技能竞赛", Level = RecognitionLevel.City, Placing = rng.Next(1, 10), Year = today.Year - rng.Next(0, 4),
            });
        }
        if (rng.NextDouble() < 0.8)
        {
            items.Add(new EvidenceItem
            {
                Kind = EvidenceKind.Project, Title = "企业技术改造项目", Role = rng.NextDouble() < 0.6 ? ProjectRole.Lead : ProjectRole.Core,
                AmountYuan = rng.Next(50, 500) * 10_000L, Year = today.Year - rng.Next(0, 4),
            });
        }
        if (rng.NextDouble() < 0.3)
        {
            items.Add(new EvidenceItem { Kind = EvidenceKind.Patent, PatentKind = PatentKind.UtilityModel, Count = rng.Next(1, 4) });
        }
        return new AdmissionEvidence { Items = items };
    }

    private static string Summary(Random rng, int years)
    {
        string[] what = ["工艺改进与质量诊断", "设备自动化改造", "产品外观与结构设计", "食用菌与中药材栽培技术", "电商运营与品牌营销", "企业数字化转型咨询", "铸造缺陷分析"];
        return $"从业 {Math.Max(1, years)} 年，擅长{what[rng.Next(what.Length)]}，可为企业提供现场指导与方案评审。";
    }

    private async Task<(int Orders, int Events, TimeSpan ClockTime)> SeedOrdersAsync(SharedPoolInfo city, IReadOnlyList<(long Id, long TalentId)> experts,
        int count, int seed, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (count == 0)
        {
            return (0, 0, TimeSpan.Zero);
        }
        var counties = (await CountyPoolsAsync(city)).Select(p => p.Region).ToList();
        await using var read = await db.OpenAsync(ct);
        var (lo, hi) = RegionCatalogue.SubtreeRange(city.RegionCode);
        var enterprises = (await read.QueryAsync<(long Id, string Region, string Name)>(
            "SELECT id, region_code, name FROM enterprises WHERE region_code BETWEEN @lo AND @hi ORDER BY id LIMIT 2000", new { lo, hi })).ToList();
        if (enterprises.Count == 0)
        {
            return (0, 0, TimeSpan.Zero);
        }
        var calendar = await WorkCalendars.CurrentAsync(read, null);
        var policy = city.Policy;
        var generated = DemandOrderGenerator.Generate(seed, count, counties, enterprises.Count, experts.Count, from, to).ToList();
        var clockTime = Stopwatch.StartNew();
        var rows = new List<(GeneratedOrder Order, ClockState Clock, DateTimeOffset? Warned, DateTimeOffset? Escalated)>(generated.Count);
        foreach (var order in generated)
        {
            var history = order.Steps.Select(s => new DemandOrderEvent(0, s.At, null, s.Actor, s.Action, s.Action == "place" ? null : s.From, s.To, s.Note));
            var clock = ResponseClock.Evaluate(DemandOrders.ClockEvents(history), policy, calendar, to);
            rows.Add((order, clock, clock.Warned ? clock.WarnAt : null, clock.BreachedAt));
        }
        clockTime.Stop();
        var events = 0;
        foreach (var batch in rows.Chunk(5_000))
        {
            events += await db.InTransactionAsync(async (c, tx) =>
            {
                var before = await c.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) FROM demand_orders", transaction: tx);
                await BulkInsert.WriteAsync(c, tx, OrderInsert, batch.Select(r =>
                {
                    var e = enterprises[r.Order.Enterprise];
                    var state = r.Order.Steps[^1].To;
                    return (object)new
                    {
                        EnterpriseId = e.Id, CityPoolId = city.Id, Region = e.Region, r.Order.Title, r.Order.Problem, r.Order.Field,
                        OccupationCode = r.Order.OccupationCode, ServiceMode = (int)r.Order.Mode, Tags = "[]", State = (int)state,
                        Level = r.Escalated is null ? 0 : 1, ClockMode = (int)policy.Mode, TargetHours = city.TargetHours, WarnHours = city.WarnHours,
                        Month = DemandOrders.Month(r.Order.PlacedAt), PlacedAt = Database.Utc(r.Order.PlacedAt), DueAt = Utc(DemandOrders.Waiting(r.Clock) ? r.Clock.DueAt : null),
                        WarnedAt = Utc(r.Warned), EscalatedAt = Utc(r.Escalated), FirstProposalAt = Utc(r.Clock.StoppedAt),
                        ResponseSeconds = r.Clock.StoppedAt is null ? (long?)null : (long)r.Clock.Elapsed.TotalSeconds,
                        Met = r.Clock.StoppedAt is null ? (bool?)null : r.Clock.Status == ClockStatus.Met,
                        ClosedAt = state == DemandOrderState.Cancelled ? Database.Utc(r.Order.Steps[^1].At) : (DateTimeOffset?)null,
                        Version = r.Order.Steps.Count,
                    };
                }), ct);
                var ids = (await c.QueryAsync<long>("SELECT id FROM demand_orders WHERE id > @before ORDER BY id", new { before }, tx)).ToList();
                if (ids.Count != batch.Length)
                {
                    throw new InvalidOperationException($"Seeding orders expected {batch.Length} new rows but found {ids.Count}; seed only a pool without orders.");
                }
                var stepRows = new List<object>();
                var proposals = new List<object>();
                for (var i = 0; i < batch.Length; i++)
                {
                    foreach (var s in batch[i].Order.Steps)
                    {
                        stepRows.Add(new
                        {
                            OrderId = ids[i], At = Database.Utc(s.At), Actor = (int)s.Actor, s.Action, From = s.Action == "place" ? (int?)null : (int)s.From,
                            To = (int)s.To, s.Note,
                        });
                    }
                    proposals.AddRange(Proposals(ids[i], batch[i].Order, experts, city.ReplyHours));
                }
                await BulkInsert.WriteAsync(c, tx, EventInsert, stepRows, ct);
                // Orders still waiting get their clock job now: it warns or escalates what is due and queues the next instant.
                for (var i = 0; i < batch.Length; i++)
                {
                    if (batch[i].Order.Steps[^1].To is DemandOrderState.Open or DemandOrderState.AwaitingEnterprise)
                    {
                        await JobTable.EnqueueAsync(c, tx, DemandOrders.ClockJobKind, new OrderPayload(ids[i]), to, to);
                    }
                }
                await BulkInsert.WriteAsync(c, tx, ProposalInsert, proposals, ct);
                // An engagement for every order an expert accepted.
                await c.ExecuteAsync(
                    "INSERT INTO engagements (order_id, proposal_id, expert_id, talent_id, enterprise_id, region_code, service_mode, state, version, started_at, " +
                    "ended_at, service_days, deliverables) " +
                    "SELECT o.id, p.id, p.expert_id, x.talent_id, o.enterprise_id, o.region_code, o.service_mode, " +
                    "CASE WHEN p.answered_at < @cutoff THEN 1 ELSE 0 END, 1, p.answered_at, CASE WHEN p.answered_at < @cutoff THEN @cutoff ELSE NULL END, " +
                    "CASE WHEN p.answered_at < @cutoff THEN 5 ELSE 1 END, CASE WHEN p.answered_at < @cutoff THEN '现场诊断报告及改进方案' ELSE NULL END " +
                    "FROM demand_orders o JOIN order_proposals p ON p.order_id = o.id AND p.state = 1 JOIN shared_experts x ON x.id = p.expert_id " +
                    "WHERE o.id > @before", new { before, cutoff = Database.Utc(to.AddDays(-30)) }, tx);
                await c.ExecuteAsync(
                    "INSERT INTO engagement_ratings (engagement_id, side, score, comment, rated_at) " +
                    "SELECT g.id, 2, 3 + (g.id % 3), '专家响应及时，方案可落地', g.ended_at FROM engagements g WHERE g.state = 1 AND g.order_id > @before",
                    new { before }, tx);
                await c.ExecuteAsync(
                    "INSERT INTO engagement_ratings (engagement_id, side, score, comment, rated_at) " +
                    "SELECT g.id, 1, 4 + (g.id % 2), NULL, g.ended_at FROM engagements g WHERE g.state = 1 AND g.order_id > @before",
                    new { before }, tx);
                return stepRows.Count;
            }, ct);
        }
        return (rows.Count, events, clockTime.Elapsed);
    }

    /// <summary>The proposal rows of an order's history: each "propose" step, answered by the next decline or engage step for that expert.</summary>
    private static IEnumerable<object> Proposals(long orderId, GeneratedOrder order, IReadOnlyList<(long Id, long TalentId)> experts, int replyHours)
    {
        foreach (var (step, i) in order.Steps.Select((s, i) => (s, i)).Where(x => x.s.Action == "propose"))
        {
            var answer = order.Steps.Skip(i + 1).FirstOrDefault(s => s.Expert == step.Expert && s.Action is "decline" or "engage");
            var cancelled = order.Steps[^1].To == DemandOrderState.Cancelled;
            var state = answer?.Action switch
            {
                "engage" => ProposalState.Accepted,
                "decline" => ProposalState.Declined,
                _ => cancelled ? ProposalState.Withdrawn : ProposalState.Sent,
            };
            yield return new
            {
                OrderId = orderId, ExpertId = experts[step.Expert!.Value].Id, State = (int)state, Version = 1, Score = 60.0, Explanation = "[]", Automatic = step.Actor == FlowActor.System,
                SentAt = Database.Utc(step.At), ReplyDueAt = Database.Utc(step.At.AddHours(replyHours)), AnsweredAt = Utc(answer?.At),
                DeclineReason = answer?.Action == "decline" ? answer.Note : null,
            };
        }
    }

    private static DateTimeOffset? Utc(DateTimeOffset? value) => value is { } v ? Database.Utc(v) : null;

    private const string OrderInsert =
        "INSERT INTO demand_orders (enterprise_id, city_pool_id, region_code, title, problem, field, occupation_code, service_mode, tag_ids, state, version, " +
        "level, clock_mode, target_hours, warn_hours, placed_month, placed_at, due_at, warned_at, escalated_at, first_proposal_at, response_seconds, met, " +
        "closed_at) VALUES (@EnterpriseId, @CityPoolId, @Region, @Title, @Problem, @Field, @OccupationCode, @ServiceMode, @Tags, @State, @Version, @Level, " +
        "@ClockMode, @TargetHours, @WarnHours, @Month, @PlacedAt, @DueAt, @WarnedAt, @EscalatedAt, @FirstProposalAt, @ResponseSeconds, @Met, @ClosedAt)";

    private const string EventInsert =
        "INSERT INTO demand_order_events (order_id, at, actor, action, from_state, to_state, note) VALUES (@OrderId, @At, @Actor, @Action, @From, @To, @Note)";

    private const string ProposalInsert =
        "INSERT INTO order_proposals (order_id, expert_id, state, version, score, explanation, automatic, sent_at, reply_due_at, answered_at, decline_reason) " +
        "VALUES (@OrderId, @ExpertId, @State, @Version, @Score, @Explanation, @Automatic, @SentAt, @ReplyDueAt, @AnsweredAt, @DeclineReason)";
}

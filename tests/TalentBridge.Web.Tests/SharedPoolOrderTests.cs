using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The shared pool's orders (issue 7, items 4, 5 and 7) on the demo data of both engines: place, propose from the
/// matcher's candidates, accept and engage; the clock paused while the order waits on the enterprise; the warning and
/// the escalation on the job runner, once; an expert's lapsed reply replaced by the next-best expert; a corrected
/// calendar re-evaluating an open order; access; engagement records, ratings and the engagement's conversation.
/// Time is a <see cref="FakeTimeProvider"/> started at the real now, so the app's own job runner never takes these jobs.
/// </summary>
public sealed class SharedPoolOrderTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private sealed record Setup(TestApp App, Database Db, FakeTimeProvider Time, DemandOrders Orders, Engagements Engagements, Caller Enterprise,
        Caller County, Caller City, Caller Admin, long EnterpriseId, string Region)
    {
        public JobRunner Runner() => new(new JobTable(Db, new Node(), Time),
            [new SharedPoolJobHandler(Orders, DemandOrders.ClockJobKind), new SharedPoolJobHandler(Orders, DemandOrders.ReplyJobKind)], Time,
            NullLogger<JobRunner>.Instance);

        /// <summary>Runs every due job of the shared pool's kinds.</summary>
        public async Task DrainAsync()
        {
            var runner = Runner();
            while (await runner.RunOnceAsync(CancellationToken.None))
            {
            }
        }

    }

    private static Caller Expert(long talentId) => new(null, Role.Talent, null, null, talentId);

    private static async Task<Setup> SetupAsync(TestApp app)
    {
        var db = app.Service<Database>();
        var reference = app.Service<ReferenceData>();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var pools = new SharedPools(db, reference, time);
        var orders = new DemandOrders(db, reference, pools, app.Service<ExpertMatcher>(), time);
        await using var c = await db.OpenAsync(CancellationToken.None);
        var enterprise = await c.QueryFirstAsync<(long Id, string Region)>(
            "SELECT id, region_code FROM enterprises WHERE region_code LIKE '331121%' ORDER BY id LIMIT 1");
        var county = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'qingtian.operator'");
        var city = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'lishui.operator'");
        var admin = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'admin'");
        var enterpriseAccount = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'enterprise.admin'");
        return new Setup(app, db, time, orders, new Engagements(db, time), new Caller(enterpriseAccount, Role.EnterpriseAdmin, enterprise.Id, null, null),
            new Caller(county, Role.Operator, null, "331121", null), new Caller(city, Role.Operator, null, "3311", null),
            new Caller(admin, Role.PlatformAdmin, null, null, null), enterprise.Id, RegionCatalogue.Significant(enterprise.Region));
    }

    private static DemandOrderDraft Draft(string title = "阀门铸造缺陷分析") => new()
    {
        Title = title, Problem = "阀体铸件气孔率偏高，希望专家现场诊断铸造工艺并给出改进方案。", Field = "铸造工艺", OccupationCode = "2-02-07-13",
        ServiceMode = ServiceModes.Consulting, DurationDays = 30, BudgetMin = 5000, BudgetMax = 20000, Place = "青田县油竹街道",
    };

    private static async Task<DemandOrder> PlaceAsync(Setup s, DemandOrderDraft? draft = null)
    {
        var placed = await s.Orders.PlaceAsync(s.Enterprise, s.EnterpriseId, draft ?? Draft(), CancellationToken.None);
        Assert.True(placed.Status == WriteStatus.Ok, $"{placed.Status} {placed.Errors}");
        return placed.Value!;
    }

    private static async Task<Proposal> ProposeBestAsync(Setup s, DemandOrder order)
    {
        var candidates = await s.Orders.CandidatesAsync(s.County, order.Id, 5, CancellationToken.None);
        Assert.NotNull(candidates);
        Assert.NotEmpty(candidates);
        var proposed = await s.Orders.ProposeAsync(s.County, order.Id, candidates[0].Fit.ExpertId, "请尽快联系企业", CancellationToken.None);
        Assert.True(proposed.Status == WriteStatus.Ok, $"{proposed.Status} {proposed.Errors}");
        return proposed.Value!;
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_order_is_proposed_accepted_and_engaged_with_its_history_audit_and_notifications(string engine)
    {
        var s = await SetupAsync(await apps.For(engine));
        var order = await PlaceAsync(s);
        Assert.Equal(DemandOrderState.Open, order.State);
        Assert.NotNull(order.DueAt);
        Assert.Equal(order.PlacedAt.AddHours(order.TargetHours), order.DueAt!.Value, TimeSpan.FromSeconds(1));

        // The candidates all offer the order's mode and come with their factors, best first.
        var candidates = (await s.Orders.CandidatesAsync(s.County, order.Id, 10, CancellationToken.None))!;
        Assert.All(candidates, c => Assert.True((c.Modes & ServiceModes.Consulting) != 0));
        Assert.Equal(candidates.Select(c => c.Fit.Score).OrderByDescending(x => x), candidates.Select(c => c.Fit.Score));
        Assert.All(candidates, c => Assert.Equal(6, c.Fit.Factors.Count));

        s.Time.Advance(TimeSpan.FromHours(3));
        var proposal = await ProposeBestAsync(s, order);
        var again = await s.Orders.ProposeAsync(s.County, order.Id, proposal.ExpertId, null, CancellationToken.None);
        Assert.Contains("expertId", again.Errors.ToDictionary().Keys);
        order = (await s.Orders.FindAsync(s.County, order.Id, CancellationToken.None))!;
        Assert.Equal(DemandOrderState.Proposed, order.State);
        Assert.Equal(3 * 3600, order.ResponseSeconds);
        Assert.True(order.Met);
        Assert.Null(order.DueAt);

        // Another talent may not answer; the expert may see the order and accept.
        Assert.Equal(WriteStatus.NotFound, (await s.Orders.AnswerAsync(Expert(proposal.TalentId + 100_000), proposal.Id, true, null, null, CancellationToken.None)).Status);
        Assert.NotNull(await s.Orders.FindAsync(Expert(proposal.TalentId), order.Id, CancellationToken.None));
        s.Time.Advance(TimeSpan.FromHours(1));
        var accepted = await s.Orders.AnswerAsync(Expert(proposal.TalentId), proposal.Id, true, null, proposal.Version, CancellationToken.None);
        Assert.True(accepted.Status == WriteStatus.Ok, accepted.Errors.ToString());
        Assert.Equal(ProposalState.Accepted, accepted.Value!.State);
        order = (await s.Orders.FindAsync(s.County, order.Id, CancellationToken.None))!;
        Assert.Equal(DemandOrderState.Engaged, order.State);
        var engagement = await s.Engagements.ForOrderAsync(order.Id, CancellationToken.None);
        Assert.NotNull(engagement);
        Assert.Equal(proposal.ExpertId, engagement.ExpertId);

        var history = await s.Orders.EventsAsync(order.Id, CancellationToken.None);
        Assert.Equal(["place", "propose", "engage"], history.Select(h => h.Action));
        await using var c = await s.Db.OpenAsync(CancellationToken.None);
        Assert.Equal(["demandOrder.place", "demandOrder.propose", "demandOrder.engage"], await c.QueryAsync<string>(
            "SELECT kind FROM events WHERE subject_type = 'demandOrder' AND subject_id = @id ORDER BY id", new { id = order.Id }));
        Assert.True(await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE subject_type = 'demandOrder' AND subject_id = @id AND kind = 'demandOrder.place' " +
            "AND account_id = (SELECT id FROM accounts WHERE user_name = 'qingtian.operator')", new { id = order.Id }) == 1);
        Assert.Equal(1, await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE subject_type = 'proposal' AND subject_id = @id AND reason = 'accept'", new { id = proposal.Id }));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_demo_has_lishuis_pools_admitted_experts_a_queue_and_a_year_of_orders(string engine)
    {
        var s = await SetupAsync(await apps.For(engine));
        var pools = s.App.Service<SharedPools>();
        var list = await pools.ListAsync("3311", CancellationToken.None);
        Assert.Equal(10, list.Count);
        Assert.True(list[0].IsCity);
        Assert.True(list[0].Admitted >= 30, $"{list[0].Admitted} admitted");
        Assert.InRange(list[0].Pending, 1, 10);
        Assert.True(list.Skip(1).Count(p => p.Admitted > 0) >= 5);
        var dashboard = (await s.App.Service<SlaDashboard>().BuildAsync(s.City, null, null, null, CancellationToken.None))!;
        Assert.True(dashboard.Total.Placed >= 150);
        Assert.InRange(dashboard.Total.OnTimeRate!.Value, 0.5, 0.99);
        Assert.True(dashboard.ByMonth.Count >= 12);
        Assert.True(dashboard.Total.MedianHours < dashboard.Total.P90Hours);
        Assert.Null(await s.App.Service<SlaDashboard>().BuildAsync(s.Enterprise, null, null, null, CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_talents_data_download_holds_their_shared_pool_record_applications_and_proposals(string engine)
    {
        var s = await SetupAsync(await apps.For(engine));
        await using var c = await s.Db.OpenAsync(CancellationToken.None);
        var account = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'talent'");
        var export = await s.App.Service<Platform.Privacy.PersonalData>().ExportAsync(new Caller(account, Role.Talent, null, null, 1), "test",
            CancellationToken.None);
        var expert = Assert.Single(export!.SharedPool);
        Assert.Equal(1, expert.Expert.TalentId);
        Assert.NotEmpty(expert.Applications);
        Assert.All(expert.Applications, a => Assert.Equal(1, a.StandardVersion));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_clock_pauses_while_the_order_waits_on_the_enterprise(string engine)
    {
        var s = await SetupAsync(await apps.For(engine));
        var order = await PlaceAsync(s, Draft("暂停计时测试"));
        s.Time.Advance(TimeSpan.FromHours(2));
        var asked = await s.Orders.StepAsync(s.County, order.Id, DemandOrderAction.AskEnterprise, null, null, CancellationToken.None);
        Assert.Equal(["is required"], asked.Errors.ToDictionary()["note"]);
        asked = await s.Orders.StepAsync(s.County, order.Id, DemandOrderAction.AskEnterprise, "请说明铸件材质与批量", order.Version, CancellationToken.None);
        Assert.Equal(DemandOrderState.AwaitingEnterprise, asked.Value!.State);
        Assert.Null(asked.Value.DueAt);
        var early = await s.Orders.StepAsync(s.County, order.Id, DemandOrderAction.Answer, "x", null, CancellationToken.None);
        Assert.Equal(["only the enterprise may answer an order"], early.Errors.ToDictionary()["action"]);

        s.Time.Advance(TimeSpan.FromHours(10));
        var answered = await s.Orders.StepAsync(s.Enterprise, order.Id, DemandOrderAction.Answer, "材质 WCB，月产 2000 件", null, CancellationToken.None);
        Assert.Equal(DemandOrderState.Open, answered.Value!.State);
        // 2 hours counted before the question; the target is reached 46 counted hours after the answer.
        Assert.Equal(s.Time.GetUtcNow().AddHours(46), answered.Value.DueAt!.Value, TimeSpan.FromSeconds(1));

        s.Time.Advance(TimeSpan.FromHours(18));
        await ProposeBestAsync(s, order);
        order = (await s.Orders.FindAsync(s.County, order.Id, CancellationToken.None))!;
        Assert.Equal(20 * 3600, order.ResponseSeconds);
        Assert.True(order.Met);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_warning_and_the_escalation_run_once_on_the_job_runner(string engine)
    {
        var s = await SetupAsync(await apps.For(engine));
        var order = await PlaceAsync(s, Draft("升级测试"));
        await using var c = await s.Db.OpenAsync(CancellationToken.None);
        async Task<long> CountAsync(string kind, string user) => await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE subject_type = 'demandOrder' AND subject_id = @id AND kind = @kind " +
            "AND account_id = (SELECT id FROM accounts WHERE user_name = @user)", new { id = order.Id, kind, user });

        s.Time.Advance(TimeSpan.FromHours(23));
        await s.DrainAsync();
        Assert.Null((await s.Orders.FindAsync(s.County, order.Id, CancellationToken.None))!.WarnedAt);

        s.Time.Advance(TimeSpan.FromHours(1.5));
        await s.DrainAsync();
        await s.DrainAsync();
        order = (await s.Orders.FindAsync(s.County, order.Id, CancellationToken.None))!;
        Assert.NotNull(order.WarnedAt);
        Assert.Null(order.EscalatedAt);
        Assert.Equal(1, await CountAsync("demandOrder.warn", "qingtian.operator"));

        s.Time.Advance(TimeSpan.FromHours(24));
        await s.DrainAsync();
        await s.DrainAsync();
        order = (await s.Orders.FindAsync(s.City, order.Id, CancellationToken.None))!;
        Assert.NotNull(order.EscalatedAt);
        Assert.Equal(1, order.Level);
        Assert.Equal(1, await CountAsync("demandOrder.escalate", "lishui.operator"));
        Assert.Equal(1, await CountAsync("demandOrder.warn", "qingtian.operator"));
        Assert.Equal(["place", "warn", "escalate"], (await s.Orders.EventsAsync(order.Id, CancellationToken.None)).Select(e => e.Action));

        // A late first proposal is recorded as breached.
        await ProposeBestAsync(s, order);
        order = (await s.Orders.FindAsync(s.City, order.Id, CancellationToken.None))!;
        Assert.False(order.Met);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_expert_who_lets_the_reply_time_run_out_is_replaced_by_the_next_best(string engine)
    {
        var s = await SetupAsync(await apps.For(engine));
        var order = await PlaceAsync(s, Draft("超时替换测试"));
        var first = await ProposeBestAsync(s, order);
        s.Time.Advance(first.ReplyDueAt - s.Time.GetUtcNow() + TimeSpan.FromMinutes(1));
        var late = await s.Orders.AnswerAsync(Expert(first.TalentId), first.Id, true, null, null, CancellationToken.None);
        Assert.Equal(["the reply time of this proposal has run out"], late.Errors.ToDictionary()["action"]);
        await s.DrainAsync();
        await using (var c = await s.Db.OpenAsync(CancellationToken.None))
        {
            Assert.Empty(await c.QueryAsync<string>("SELECT error FROM jobs WHERE kind LIKE 'sharedpool.%' AND error IS NOT NULL"));
        }

        var proposals = await s.Orders.ProposalsAsync(order.Id, CancellationToken.None);
        Assert.Equal(2, proposals.Count);
        Assert.Equal(ProposalState.Lapsed, proposals[0].State);
        Assert.Equal(ProposalState.Sent, proposals[1].State);
        Assert.True(proposals[1].Automatic);
        Assert.NotEqual(first.ExpertId, proposals[1].ExpertId);

        // A decline with a reason also brings the next one; declining needs a reason.
        var noReason = await s.Orders.AnswerAsync(Expert(proposals[1].TalentId), proposals[1].Id, false, null, null, CancellationToken.None);
        Assert.Equal(["is required"], noReason.Errors.ToDictionary()["reason"]);
        var declined = await s.Orders.AnswerAsync(Expert(proposals[1].TalentId), proposals[1].Id, false, "档期冲突", null, CancellationToken.None);
        Assert.Equal(ProposalState.Declined, declined.Value!.State);
        proposals = await s.Orders.ProposalsAsync(order.Id, CancellationToken.None);
        Assert.Equal(3, proposals.Count);
        Assert.Equal(3, proposals.Select(p => p.ExpertId).Distinct().Count());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_corrected_calendar_moves_the_deadline_of_an_open_working_hours_order(string engine)
    {
        var s = await SetupAsync(await apps.For(engine));
        var pools = new SharedPools(s.Db, s.App.Service<ReferenceData>(), s.Time);
        var city = (await pools.CityPoolOfAsync("3311", CancellationToken.None))!;
        var set = await pools.SetSettingsAsync(s.City, city.Id, new PoolSettings(ClockMode.WorkingHours, 48, 24, 24), null, CancellationToken.None);
        Assert.True(set.Status == WriteStatus.Ok, set.Errors.ToString());
        try
        {
            var order = await PlaceAsync(s, Draft("工作时间计时测试"));
            Assert.Equal(ClockMode.WorkingHours, order.ClockMode);
            var calendars = new WorkCalendars(s.Db, s.Time);
            var current = await calendars.CurrentAsync(CancellationToken.None);
            var day = ChinaTime.Date(s.Time.GetUtcNow()).AddDays(1);
            while (!current.IsWorkingDay(day))
            {
                day = day.AddDays(1);
            }
            var corrected = WithHoliday(current, day);
            var (errors, count) = await calendars.UploadAsync(s.Admin, corrected.ToJson(), CancellationToken.None);
            Assert.True(errors.IsValid, errors.ToString());
            Assert.True(count >= 1);
            var moved = (await s.Orders.FindAsync(s.County, order.Id, CancellationToken.None))!;
            Assert.True(moved.DueAt > order.DueAt, $"{moved.DueAt} should be after {order.DueAt}");
            Assert.Equal(corrected.Add(order.PlacedAt, TimeSpan.FromHours(48), ClockMode.WorkingHours), moved.DueAt!.Value, TimeSpan.FromSeconds(1));
            var (again, _) = await calendars.UploadAsync(s.Admin, corrected.ToJson(), CancellationToken.None);
            Assert.Contains("version", again.ToDictionary().Keys);
            var (forbidden, _) = await calendars.UploadAsync(s.City, corrected.ToJson(), CancellationToken.None);
            Assert.False(forbidden.IsValid);
        }
        finally
        {
            var restored = await pools.SetSettingsAsync(s.City, city.Id, new PoolSettings(ClockMode.Calendar, 48, 24, 24), null, CancellationToken.None);
            Assert.Equal(WriteStatus.Ok, restored.Status);
        }
    }

    /// <summary>The calendar with one more holiday (an operator's correction), under a new version.</summary>
    private static WorkCalendar WithHoliday(WorkCalendar calendar, DateOnly day)
    {
        var json = JsonNode.Parse(calendar.ToJson())!.AsObject();
        json["version"] = $"test-{Guid.NewGuid():N}";
        var years = json["years"]!.AsArray();
        if (years.FirstOrDefault(y => (int)y!["year"]! == day.Year) is not { } year)
        {
            year = JsonNode.Parse($$"""{"year":{{day.Year}},"source":"test","confirmed":false,"confirmation":"test","holidays":[],"workdays":[]}""")!;
            years.Add(year);
        }
        var iso = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        year["holidays"]!.AsArray().Add(JsonNode.Parse($$"""{"name":"测试假日","from":"{{iso}}","to":"{{iso}}"}"""));
        var (parsed, errors) = WorkCalendar.Parse(json.ToJsonString());
        Assert.True(errors.IsValid, errors.ToString());
        return parsed!;
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Orders_are_seen_by_their_enterprise_their_region_and_their_experts_only(string engine)
    {
        var s = await SetupAsync(await apps.For(engine));
        var order = await PlaceAsync(s, Draft("访问控制测试"));
        var otherCounty = new Caller(s.County.AccountId, Role.Operator, null, "331102", null);
        var otherEnterprise = s.Enterprise with { EnterpriseId = s.EnterpriseId + 1 };
        Assert.Null(await s.Orders.FindAsync(otherCounty, order.Id, CancellationToken.None));
        Assert.Null(await s.Orders.FindAsync(otherEnterprise, order.Id, CancellationToken.None));
        Assert.Null(await s.Orders.FindAsync(Expert(1), order.Id, CancellationToken.None));
        Assert.NotNull(await s.Orders.FindAsync(s.City, order.Id, CancellationToken.None));
        Assert.Null(await s.Orders.CandidatesAsync(s.Enterprise, order.Id, 5, CancellationToken.None));
        Assert.Equal(WriteStatus.NotFound, (await s.Orders.ProposeAsync(otherCounty, order.Id, 1, null, CancellationToken.None)).Status);
        Assert.DoesNotContain((await s.Orders.ListAsync(otherCounty, new OrderQuery { PageSize = 100 }, CancellationToken.None)).Items, o => o.Id == order.Id);
        Assert.Contains((await s.Orders.ListAsync(s.Enterprise, new OrderQuery { OpenOnly = true, PageSize = 100 }, CancellationToken.None)).Items,
            o => o.Id == order.Id);

        var bad = await s.Orders.PlaceAsync(s.Enterprise, s.EnterpriseId, Draft() with
        {
            Title = "", ServiceMode = ServiceModes.Consulting | ServiceModes.PartTime, BudgetMin = 9, BudgetMax = 1, OccupationCode = "9-99-99-99",
        }, CancellationToken.None);
        Assert.Equal(["budgetMax", "occupationCode", "serviceMode", "title"], bad.Errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(WriteStatus.NotFound, (await s.Orders.PlaceAsync(otherEnterprise, s.EnterpriseId, Draft(), CancellationToken.None)).Status);

        // The enterprise cancels; the order's open proposals are withdrawn with it.
        await ProposeBestAsync(s, order);
        var cancelled = await s.Orders.StepAsync(s.Enterprise, order.Id, DemandOrderAction.Cancel, null, null, CancellationToken.None);
        Assert.Equal(DemandOrderState.Cancelled, cancelled.Value!.State);
        Assert.All(await s.Orders.ProposalsAsync(order.Id, CancellationToken.None), p => Assert.Equal(ProposalState.Withdrawn, p.State));
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_engagement_records_service_and_both_ratings_show_when_both_rated_or_a_week_after_the_first(string engine)
    {
        var s = await SetupAsync(await apps.For(engine));
        var order = await PlaceAsync(s, Draft("服务记录测试"));
        var proposal = await ProposeBestAsync(s, order);
        // The expert signed in (any account id: messages name their sender's account).
        var expert = Expert(proposal.TalentId) with { AccountId = s.Admin.AccountId };
        Assert.Equal(WriteStatus.Ok, (await s.Orders.AnswerAsync(expert, proposal.Id, true, null, null, CancellationToken.None)).Status);
        var engagement = (await s.Engagements.ForOrderAsync(order.Id, CancellationToken.None))!;

        var early = await s.Engagements.RateAsync(s.Enterprise, engagement.Id, 5, null, CancellationToken.None);
        Assert.Equal(["can be given once the engagement is completed"], early.Errors.ToDictionary()["score"]);
        var recorded = await s.Engagements.RecordAsync(expert, engagement.Id, 6, "完成铸造工艺诊断报告一份", engagement.Version, CancellationToken.None);
        Assert.Equal(6, recorded.Value!.ServiceDays);
        Assert.Equal(["only the enterprise may complete an engagement"],
            (await s.Engagements.CompleteAsync(expert, engagement.Id, null, CancellationToken.None)).Errors.ToDictionary()["engagement"]);
        Assert.Equal(EngagementState.Completed, (await s.Engagements.CompleteAsync(s.Enterprise, engagement.Id, null, CancellationToken.None)).Value!.State);

        var rated = await s.Engagements.RateAsync(s.Enterprise, engagement.Id, 5, "响应及时", CancellationToken.None);
        Assert.False(rated.Value!.Ratings.Single().Shown);
        Assert.Equal(["was given already"], (await s.Engagements.RateAsync(s.Enterprise, engagement.Id, 4, null, CancellationToken.None)).Errors.ToDictionary()["score"]);
        s.Time.Advance(TimeSpan.FromDays(Engagements.RatingWindowDays) + TimeSpan.FromMinutes(1));
        Assert.True((await s.Engagements.FindAsync(expert, engagement.Id, CancellationToken.None))!.Ratings.Single().Shown);
        var both = await s.Engagements.RateAsync(expert, engagement.Id, 4, null, CancellationToken.None);
        Assert.Equal(2, both.Value!.Ratings.Count);
        Assert.All(both.Value.Ratings, r => Assert.True(r.Shown));

        // The two sides talk in the engagement's conversation (the messages of issue 6); an operator only reads.
        var conversations = s.App.Service<Conversations>();
        var key = new ConversationKey(ConversationKind.Engagement, engagement.Id);
        Assert.Equal(WriteStatus.Ok, (await conversations.SendAsync(s.Enterprise, key, "请于周三到厂", null, CancellationToken.None)).Status);
        Assert.Equal(WriteStatus.Ok, (await conversations.SendAsync(expert, key, "好的", null, CancellationToken.None)).Status);
        Assert.Equal(WriteStatus.Forbidden, (await conversations.SendAsync(s.County, key, "监督", null, CancellationToken.None)).Status);
        var conversation = (await conversations.FindAsync(s.County, key, CancellationToken.None))!;
        Assert.Equal(["请于周三到厂", "好的"], (await conversations.ListAsync(conversation, 0, 10, CancellationToken.None)).Select(m => m.Body));
        Assert.Equal(0, await conversations.UnreadCountAsync(expert, CancellationToken.None));
        Assert.Equal(1, await conversations.UnreadCountAsync(s.Enterprise, CancellationToken.None));

        // The engagement, rated 5 by the enterprise, feeds the expert's reconfirmation as a project on record.
        var experts = new Experts(s.Db, s.App.Service<ReferenceData>(), new SharedPools(s.Db, s.App.Service<ReferenceData>(), s.Time), s.Time);
        var record = (await experts.FindAsync(engagement.ExpertId, CancellationToken.None))!;
        var reconfirm = await experts.ApplyAsync(expert, new AdmissionRequest
        {
            PoolRegion = record.RegionCode, Modes = record.Modes, Summary = record.Summary,
            Evidence = new AdmissionEvidence { Items = [new EvidenceItem { Kind = EvidenceKind.Experience, Years = 12 }] },
        }, CancellationToken.None);
        Assert.True(reconfirm.Status == WriteStatus.Ok, reconfirm.Errors.ToString());
        var fed = Assert.Single(reconfirm.Value!.Evidence.Items, i => i.Title == Experts.EngagementEvidencePrefix + order.Title);
        Assert.Equal((EvidenceKind.Project, ProjectRole.Core), (fed.Kind, fed.Role));
        Assert.Equal(ExpertState.Admitted, (await experts.FindAsync(engagement.ExpertId, CancellationToken.None))!.State);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;
using TalentBridge.Web;

namespace TalentBridge.Cli;

/// <summary>
/// <c>talentbridge bench flow</c>: the one-click flow under load through the real web host. It starts the host on a
/// free loopback port on a fresh database (demo data, then positions, accounts and API tokens for the simulated
/// people in one bulk transaction), measures the same steps called in-process on the Platform library as the
/// baseline, runs the simulated talents and recruiters for the given seconds, prints requests per second and
/// p50/p99 per step with the ratio to the baseline and to the 200 ms aim, and then checks the database against what
/// the clients saw: no history, audit or event row lost or doubled, every agreement's terms and hash those of its
/// offer, no headcount below zero.
/// </summary>
internal static class FlowBench
{
    /// <summary>The aim for every step's p99 (issue 6).</summary>
    private const double AimP99Ms = 200;

    private const int PositionsPerRecruiter = 3;
    private const int HeadcountPerPosition = 4;

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>How the Platform stores JSON columns (web defaults).</summary>
    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    private sealed record Options(string Engine, string? PostgresAdmin, int Users, int Seconds, int ThinkMs, string Scale, int BaselineRounds, int WarmUpSeconds);

    public static async Task<int> BenchAsync(IReadOnlyDictionary<string, string> arguments, TextWriter output, CancellationToken ct)
    {
        if (Parse(arguments) is not { } options)
        {
            await Console.Error.WriteLineAsync("usage: talentbridge bench flow [--engine sqlite|postgres] [--postgres \"admin connection\"] [--users 200] " +
                "[--seconds 60] [--think-ms 1000] [--warmup-seconds 5] [--scale small|lishui] [--baseline-rounds 20]");
            return 2;
        }
        await using var database = await BenchDatabase.CreateAsync("flow", options.Engine, options.PostgresAdmin, ct);
        var clock = Stopwatch.StartNew();
        // The CLI references the web host for this command only: the figures must include Kestrel, authentication and the endpoints.
        var app = TalentBridgeApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = options.Engine,
                ["ConnectionStrings:TalentBridge"] = database.ConnectionString,
                ["Demo:Scale"] = options.Scale,
                ["Security:ContactHashKey"] = "bench-flow-contact-key-2026",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
            });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        try
        {
            await app.InitializeAsync(ct);
            await app.StartAsync(ct);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"bench flow: {options.Engine}, {options.Users} users for {options.Seconds} s (think {options.ThinkMs / 2}–{options.ThinkMs * 3 / 2} ms), " +
                $"web host on {address}, demo '{options.Scale}' seeded in {clock.Elapsed.TotalSeconds:F1} s"));

            clock.Restart();
            var seed = await SeedAsync(app.Services, options, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"seeded {seed.Positions.Count} positions (headcount {HeadcountPerPosition}) for {seed.Recruiters.Count} recruiters and accounts with API tokens " +
                $"for {seed.Talents.Count} talents in {clock.Elapsed.TotalSeconds:F2} s"));

            var recorder = new FlowRecorder();
            var baseline = await BaselineAsync(app.Services, seed, options.BaselineRounds, recorder, ct);

            var talentIds = seed.Talents.Select(t => t.TalentId).ToList();
            var today = ChinaTime.Today(TimeProvider.System);
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Users + 8, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
            var users = new FlowBenchUsers(recorder, seed.Positions, talentIds, TimeSpan.FromMilliseconds(options.ThinkMs), today);
            // Everyone acts from the start; what starts in the first seconds is the warm-up (JIT, pools, threads), reported apart.
            var warmUp = TimeSpan.FromSeconds(options.WarmUpSeconds);
            var duration = warmUp + TimeSpan.FromSeconds(options.Seconds);
            clock.Restart();
            recorder.MeasureFrom = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
            var running = new List<Task>();
            var n = 0;
            foreach (var talent in seed.Talents)
            {
                var client = FlowBenchUsers.Client(handler, address, talent.Token);
                var userSeed = ++n;
                running.Add(Task.Run(async () =>
                {
                    using (client)
                    {
                        await users.TalentAsync(client, talent.TalentId, userSeed, clock, duration);
                    }
                }, CancellationToken.None));
            }
            foreach (var recruiter in seed.Recruiters)
            {
                var client = FlowBenchUsers.Client(handler, address, recruiter.Token);
                var own = seed.Positions.Where(p => p.EnterpriseId == recruiter.EnterpriseId).ToList();
                var userSeed = ++n;
                running.Add(Task.Run(async () =>
                {
                    using (client)
                    {
                        await users.RecruiterAsync(client, own, userSeed, clock, duration);
                    }
                }, CancellationToken.None));
            }
            await Task.WhenAll(running);
            var elapsed = clock.Elapsed - warmUp;
            await output.WriteLineAsync($"load average of the machine (1, 5, 15 min) after the run: {LoadAverage() ?? "unknown"}");

            var checks = await CheckAsync(app.Services.GetRequiredService<Database>(), seed, recorder, ct);
            return await ReportAsync(output, options, recorder, baseline, checks, elapsed);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    /// <summary>The first three fields of /proc/loadavg (Linux): figures of a shared machine need to say how busy it was.</summary>
    private static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    private static Options? Parse(IReadOnlyDictionary<string, string> arguments)
    {
        var engine = arguments.GetValueOrDefault("engine") ?? "sqlite";
        var scale = arguments.GetValueOrDefault("scale") ?? "lishui";
        if (engine is not ("sqlite" or "postgres") || scale is not ("small" or "lishui")
            || !Count(arguments, "users", 200, 2, out var users) || !Count(arguments, "seconds", 60, 1, out var seconds)
            || !Count(arguments, "think-ms", 1000, 0, out var think) || !Count(arguments, "baseline-rounds", 20, 1, out var rounds)
            || !Count(arguments, "warmup-seconds", 5, 0, out var warmUp))
        {
            return null;
        }
        if (!BenchDatabase.TryAdmin(arguments, engine, out var admin))
        {
            return null;
        }
        return new Options(engine, admin, users, seconds, think, scale, rounds, warmUp);

        static bool Count(IReadOnlyDictionary<string, string> arguments, string name, int fallback, int min, out int value)
        {
            value = fallback;
            return arguments.GetValueOrDefault(name) is not { } text
                || (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min);
        }
    }

    private sealed record BenchTalent(long TalentId, long AccountId, string Token);

    private sealed record BenchRecruiter(long EnterpriseId, long AccountId, string Token);

    private sealed record Seed(IReadOnlyList<BenchPosition> Positions, IReadOnlyList<BenchTalent> Talents, IReadOnlyList<BenchRecruiter> Recruiters,
        BenchPosition BaselinePosition, IReadOnlyList<BenchTalent> BaselineTalents, BenchRecruiter BaselineRecruiter);

    /// <summary>
    /// Positions for the recruiters' enterprises, one account with an API token per simulated person (a recruiter per
    /// enterprise, a talent per public demo talent) and the in-process baseline's own, in one transaction through the
    /// Platform's bulk insert (COPY on PostgreSQL).
    /// </summary>
    private static async Task<Seed> SeedAsync(IServiceProvider services, Options options, CancellationToken ct)
    {
        var db = services.GetRequiredService<Database>();
        var recruiterCount = Math.Max(1, options.Users / 5);
        var talentCount = options.Users - recruiterCount;
        var baselineTalents = 2 * options.BaselineRounds;
        var now = DateTimeOffset.UtcNow;
        var today = ChinaTime.Today(TimeProvider.System);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var enterprises = (await c.QueryAsync<(long Id, string RegionCode, string? IndustryCode)>(
                "SELECT id, region_code, industry_code FROM enterprises ORDER BY id LIMIT @count", new { count = recruiterCount + 1 }, tx)).ToList();
            var talents = (await c.QueryAsync<long>("SELECT id FROM talents WHERE visibility = 0 ORDER BY id LIMIT @count",
                new { count = talentCount + baselineTalents }, tx)).ToList();
            if (enterprises.Count < recruiterCount + 1 || talents.Count < talentCount + baselineTalents)
            {
                throw new InvalidOperationException($"The demo scale '{options.Scale}' has too few enterprises or public talents for {options.Users} users.");
            }
            var positions = new List<Position>();
            foreach (var (enterprise, index) in enterprises.Select((e, i) => (e, i)))
            {
                var baseline = index == recruiterCount;
                for (var k = 0; k < (baseline ? 1 : PositionsPerRecruiter); k++)
                {
                    positions.Add(new Position
                    {
                        EnterpriseId = enterprise.Id, Title = baseline ? "压测基线岗位" : $"压测岗位 {enterprise.Id}-{k + 1}", OccupationCode = "6-18-01-01",
                        IndustryCode = enterprise.IndustryCode, RegionCode = RegionCatalogue.Significant(enterprise.RegionCode),
                        Headcount = baseline ? 10 * options.BaselineRounds : HeadcountPerPosition, SalaryMin = 6000, SalaryMax = 9000, PostedOn = today,
                        ExpiresOn = today.AddDays(30), Description = "bench flow", CreatedAt = now, UpdatedAt = now,
                    });
                }
            }
            await BulkInsert.WriteAsync(c, tx, PositionStore.Insert, positions.Select(PositionStore.Parameters), ct);
            var stored = (await c.QueryAsync<(long Id, long EnterpriseId, string Title)>(
                "SELECT id, enterprise_id, title FROM positions WHERE description = @description ORDER BY id", new { description = "bench flow" }, tx))
                .Select(p => new BenchPosition(p.Id, p.EnterpriseId, p.Title, "6-18-01-01",
                    positions.First(q => q.EnterpriseId == p.EnterpriseId).RegionCode, p.Title == "压测基线岗位" ? 10 * options.BaselineRounds : HeadcountPerPosition))
                .ToList();

            // Accounts: a talent account per talent, a recruiter per enterprise; they sign in with tokens only (no usable password).
            var accounts = talents.Select(t => new AccountRow($"bench.talent.{t}", (int)Role.Talent, null, t, now))
                .Concat(enterprises.Select(e => new AccountRow($"bench.recruiter.{e.Id}", (int)Role.EnterpriseRecruiter, e.Id, null, now))).ToList();
            await BulkInsert.WriteAsync(c, tx,
                "INSERT INTO accounts (user_name, display_name, password_hash, role, enterprise_id, talent_id, failed_logins, created_at) " +
                "VALUES (@UserName, @DisplayName, @PasswordHash, @Role, @EnterpriseId, @TalentId, @FailedLogins, @CreatedAt)", accounts, ct);
            var ids = (await c.QueryAsync<(long Id, string UserName)>("SELECT id, user_name FROM accounts WHERE user_name LIKE @prefix",
                new { prefix = "bench.%" }, tx)).ToDictionary(a => a.UserName, a => a.Id, StringComparer.Ordinal);
            var tokens = accounts.ToDictionary(a => a.UserName, _ => "tb_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), StringComparer.Ordinal);
            await BulkInsert.WriteAsync(c, tx,
                "INSERT INTO api_tokens (account_id, name, token_hash, created_at, expires_at) VALUES (@AccountId, @Name, @TokenHash, @CreatedAt, @ExpiresAt)",
                tokens.Select(t => new TokenRow(ids[t.Key], "bench flow", AccountStore.HashToken(t.Value), now, now.AddDays(1))), ct);

            BenchTalent Talent(long id) => new(id, ids[$"bench.talent.{id}"], tokens[$"bench.talent.{id}"]);
            BenchRecruiter Recruiter(long id) => new(id, ids[$"bench.recruiter.{id}"], tokens[$"bench.recruiter.{id}"]);
            return new Seed(stored.Where(p => p.EnterpriseId != enterprises[^1].Id).ToList(), talents.Take(talentCount).Select(Talent).ToList(),
                enterprises.Take(recruiterCount).Select(e => Recruiter(e.Id)).ToList(), stored.Single(p => p.EnterpriseId == enterprises[^1].Id),
                talents.Skip(talentCount).Select(Talent).ToList(), Recruiter(enterprises[^1].Id));
        }, ct);
    }

    /// <summary>An account row; "!" is no password hash at all, so these accounts sign in with their tokens only.</summary>
    private sealed record AccountRow(string UserName, int Role, long? EnterpriseId, long? TalentId, DateTimeOffset CreatedAt)
    {
        public string DisplayName => UserName;
        public string PasswordHash { get; } = "!";
        public int FailedLogins { get; }
    }

    private sealed record TokenRow(long AccountId, string Name, string TokenHash, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

    /// <summary>
    /// The baseline: the same steps called in-process on the Platform library (no HTTP, no authentication, one at a time)
    /// on the same database before the load. Its events go into the ledger like the clients' ones.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, double>> BaselineAsync(IServiceProvider services, Seed seed, int rounds, FlowRecorder ledger,
        CancellationToken ct)
    {
        var applications = services.GetRequiredService<Applications>();
        var invitations = services.GetRequiredService<Invitations>();
        var positions = services.GetRequiredService<PositionStore>();
        var timings = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var recruiter = new Caller(seed.BaselineRecruiter.AccountId, Role.EnterpriseRecruiter, seed.BaselineRecruiter.EnterpriseId, null, null);
        var position = (await positions.FindAsync(seed.BaselinePosition.Id, ct))!;
        var today = ChinaTime.Today(TimeProvider.System);
        var terms = new OfferTerms
        {
            PositionTitle = position.Title, OccupationCode = position.OccupationCode, MonthlySalary = 7000, StartOn = today.AddDays(14),
            RegionCode = position.RegionCode, SignBy = today.AddDays(7),
        };

        async Task<T> Time<T>(string step, Func<Task<T>> call)
        {
            var clock = Stopwatch.StartNew();
            var result = await call();
            (timings.TryGetValue(step, out var list) ? list : timings[step] = []).Add(clock.Elapsed.TotalMilliseconds);
            return result;
        }

        async Task<Application> Step(Caller caller, long id, StepRequest request)
        {
            var action = Applications.Action(request.Action);
            var result = await Time(action, () => applications.ActAsync(caller, id, request, ct));
            if (result.Status != WriteStatus.Ok)
            {
                throw new InvalidOperationException($"baseline step {action}: {result.Status} {result.Errors}");
            }
            ledger.Saw("application", id, action);
            return result.Value!;
        }

        for (var round = 0; round < rounds; round++)
        {
            var applicant = seed.BaselineTalents[2 * round];
            var talent = new Caller(applicant.AccountId, Role.Talent, null, null, applicant.TalentId);
            var applied = await Time("apply", () => applications.ApplyAsync(talent, position.Id, false, ct));
            var id = applied.Value?.Id ?? throw new InvalidOperationException($"baseline apply: {applied.Status} {applied.Errors}");
            ledger.Saw("application", id, "apply");
            await Time("candidates", () => applications.ForPositionAsync(recruiter, position, null, 1, 50, ct));
            await Time("get", () => applications.FindAsync(recruiter, id, ct));
            var current = await Step(recruiter, id, new StepRequest(ApplicationAction.View, applied.Value.Version));
            current = await Step(recruiter, id, new StepRequest(ApplicationAction.Shortlist, current.Version));
            current = await Step(recruiter, id, new StepRequest(ApplicationAction.ScheduleInterview, current.Version, DateTimeOffset.UtcNow.AddDays(2), "会议室"));
            current = await Step(recruiter, id, new StepRequest(ApplicationAction.Offer, current.Version, Offer: terms));
            ledger.Offers[id] = terms;
            await Time("myApplications", () => applications.ForTalentAsync(applicant.TalentId, 1, 50, ct));
            await Step(talent, id, new StepRequest(ApplicationAction.Sign, current.Version));

            var invitee = seed.BaselineTalents[2 * round + 1];
            var invited = await Time("invite", () => invitations.InviteAsync(recruiter, position.Id, invitee.TalentId, "诚邀", 7, ct));
            var invitation = invited.Value ?? throw new InvalidOperationException($"baseline invite: {invited.Status} {invited.Errors}");
            ledger.Saw("invitation", invitation.Id, "invite");
            await Time("myInvitations", () => invitations.ForTalentAsync(invitee.TalentId, 1, 20, ct));
            var answered = await Time("accept", () => invitations.AnswerAsync(new Caller(invitee.AccountId, Role.Talent, null, null, invitee.TalentId),
                invitation.Id, InvitationAction.Accept, invitation.Version, false, ct));
            ledger.Saw("invitation", invitation.Id, "accept");
            ledger.Saw("application", answered.Value!.ApplicationId!.Value, "acceptInvitation");
        }
        return timings.ToDictionary(t => t.Key, t => FlowRecorder.Percentile([.. t.Value.Order()], 0.5), StringComparer.Ordinal);
    }

    private sealed record Checks(long SeenEvents, long LostEvents, long DuplicatedEvents, int Agreements, int MismatchedAgreements, int NegativeHeadcounts,
        int HeadcountMismatches, int OverSignedPositions);

    /// <summary>The database against what the clients saw succeed: per subject, id and action, in the history, the audit log and the event feed.</summary>
    private static async Task<Checks> CheckAsync(Database db, Seed seed, FlowRecorder recorder, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var seen = recorder.Seen.GroupBy(s => s).ToDictionary(g => g.Key, g => (long)g.Count());
        long lost = 0, duplicated = 0;
        var sources = new[]
        {
            // The bench's applications only: the demo's history has applications of its own.
            ("application", "SELECT e.application_id, e.action, count(*) FROM application_events e JOIN applications a ON a.id = e.application_id " +
                "JOIN positions p ON p.id = a.position_id WHERE p.description = 'bench flow' GROUP BY e.application_id, e.action"),
            ("application", "SELECT subject_id, reason, count(*) FROM audit_log WHERE subject_type = 'application' GROUP BY subject_id, reason"),
            ("application", "SELECT subject_id, substr(kind, 13), count(*) FROM events WHERE subject_type = 'application' GROUP BY subject_id, kind"),
            ("invitation", "SELECT subject_id, reason, count(*) FROM audit_log WHERE subject_type = 'invitation' GROUP BY subject_id, reason"),
            ("invitation", "SELECT subject_id, substr(kind, 12), count(*) FROM events WHERE subject_type = 'invitation' GROUP BY subject_id, kind"),
        };
        foreach (var (subject, sql) in sources)
        {
            var stored = (await c.QueryAsync<(long Id, string Action, long Count)>(new CommandDefinition(sql, cancellationToken: ct)))
                .ToDictionary(r => (subject, r.Id, r.Action), r => r.Count);
            foreach (var key in seen.Keys.Where(k => k.Subject == subject).Union(stored.Keys))
            {
                var difference = seen.GetValueOrDefault(key) - stored.GetValueOrDefault(key);
                lost += Math.Max(0, difference);
                duplicated += Math.Max(0, -difference);
            }
        }

        // Agreements: the stored terms are the application's offer and the offer the client sent, and the hash is theirs.
        var agreements = new List<(Agreement Agreement, string Offer)>();
        await using (var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Agreements.Columns}, a.offer FROM {Agreements.From} JOIN applications a ON a.id = g.application_id " +
            "JOIN positions bp ON bp.id = g.position_id WHERE bp.description = 'bench flow'", cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                agreements.Add((Agreements.Read(reader), reader.GetString(reader.FieldCount - 1)));
            }
        }
        var signed = recorder.Seen.Where(s => s is { Subject: "application", Action: "sign" }).Select(s => s.Id).ToHashSet();
        var mismatched = agreements.Count(a => !a.Agreement.HashMatches
            || a.Agreement.Terms != JsonSerializer.Deserialize<OfferTerms>(a.Offer, StoredJson)
            || !recorder.Offers.TryGetValue(a.Agreement.ApplicationId, out var sent) || sent != a.Agreement.Terms
            || !signed.Contains(a.Agreement.ApplicationId));
        mismatched += signed.Count(id => agreements.All(a => a.Agreement.ApplicationId != id));

        // Headcount: never below zero; each position lost one place per agreement until full.
        var negative = await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*) FROM positions WHERE headcount < 0", cancellationToken: ct));
        var bySigned = agreements.GroupBy(a => a.Agreement.PositionId).ToDictionary(g => g.Key, g => g.Count());
        var now = (await c.QueryAsync<(long Id, int Headcount)>(new CommandDefinition("SELECT id, headcount FROM positions WHERE description = @description",
            new { description = "bench flow" }, cancellationToken: ct))).ToDictionary(p => p.Id, p => p.Headcount);
        var all = seed.Positions.Append(seed.BaselinePosition).ToList();
        var headcountMismatches = all.Count(p => now[p.Id] != Math.Max(0, p.Headcount - bySigned.GetValueOrDefault(p.Id)));
        var overSigned = all.Count(p => bySigned.GetValueOrDefault(p.Id) > p.Headcount);
        return new Checks(recorder.Seen.Count, lost, duplicated, agreements.Count, mismatched, negative, headcountMismatches, overSigned);
    }

    private static readonly string[] StepOrder =
        ["apply", "myApplications", "myInvitations", "candidates", "get", "view", "shortlist", "scheduleInterview", "offer", "refuse", "sign", "withdraw", "invite",
         "accept", "decline"];

    private static async Task<int> ReportAsync(TextWriter output, Options options, FlowRecorder recorder, IReadOnlyDictionary<string, double> baseline,
        Checks checks, TimeSpan elapsed)
    {
        var latencies = recorder.Latencies;
        var steps = StepOrder.Where(latencies.ContainsKey).Concat(latencies.Keys.Except(StepOrder).Order(StringComparer.Ordinal)).ToList();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{"step",-18}{"requests",9}{"ok",7}{"refused",8}{"errors",7}{"p50 ms",9}{"p99 ms",9}{"max ms",9}{"in-proc p50",12}{"HTTP/in-proc",13}"));
        var p50 = new Dictionary<string, double>(StringComparer.Ordinal);
        var p99 = new Dictionary<string, double>(StringComparer.Ordinal);
        var ratios = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var values = latencies[step];
            var (ok, refused, errors) = recorder.Outcomes(step);
            p50[step] = Math.Round(FlowRecorder.Percentile(values, 0.5), 2);
            p99[step] = Math.Round(FlowRecorder.Percentile(values, 0.99), 2);
            var inProcess = baseline.TryGetValue(step, out var b) ? b : (double?)null;
            if (inProcess is { } ip && ip > 0)
            {
                ratios[step] = Math.Round(p50[step] / ip, 1);
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{step,-18}{values.Length,9}{ok,7}{refused,8}{errors,7}{p50[step],9:F1}{p99[step],9:F1}{values[^1],9:F1}" +
                $"{(inProcess is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) : "-"),12}{(ratios.TryGetValue(step, out var r) ? r.ToString("F1", CultureInfo.InvariantCulture) + "×" : "-"),13}"));
        }
        var warm = recorder.WarmUp;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"warm-up, first {options.WarmUpSeconds} s (not in the figures above): {warm.Length:N0} requests, p50 {FlowRecorder.Percentile(warm, 0.5):F1} ms, " +
            $"p99 {FlowRecorder.Percentile(warm, 0.99):F1} ms, max {(warm.Length == 0 ? 0 : warm[^1]):F1} ms"));
        var all = latencies.Values.SelectMany(v => v).Order().ToArray();
        var rate = recorder.Requests / elapsed.TotalSeconds;
        var worst = p99.Count == 0 ? 0 : p99.Values.Max();
        var worstStep = p99.Count == 0 ? "-" : p99.MaxBy(p => p.Value).Key;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"all: {recorder.Requests:N0} requests in {elapsed.TotalSeconds:F1} s = {rate:F1} requests/s, p50 {FlowRecorder.Percentile(all, 0.5):F1} ms, " +
            $"p99 {FlowRecorder.Percentile(all, 0.99):F1} ms, {recorder.Errors} errors (5xx or no answer)"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"aim p99 < {AimP99Ms:F0} ms per step: worst {worstStep} {worst:F1} ms = {worst / AimP99Ms:F2}× the aim ({(worst < AimP99Ms ? "met" : "MISSED")})"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"checks: {checks.SeenEvents:N0} flow events seen by the clients; history/audit/event rows lost {checks.LostEvents}, duplicated {checks.DuplicatedEvents}; " +
            $"{checks.Agreements} agreements, {checks.MismatchedAgreements} not matching their offer or hash; headcount below zero {checks.NegativeHeadcounts}, " +
            $"not following the agreements {checks.HeadcountMismatches}; positions signed beyond their headcount {checks.OverSignedPositions}"));
        await output.WriteLineAsync(JsonSerializer.Serialize(new
        {
            engine = options.Engine,
            users = options.Users,
            seconds = options.Seconds,
            thinkMs = options.ThinkMs,
            loadAverage = LoadAverage(),
            requests = recorder.Requests,
            requestsPerSecond = Math.Round(rate, 1),
            p50MsByStep = p50,
            p99MsByStep = p99,
            inProcessP50MsByStep = baseline.ToDictionary(b => b.Key, b => Math.Round(b.Value, 3), StringComparer.Ordinal),
            httpToInProcessP50Ratio = ratios,
            worstP99Ms = worst,
            warmUpSeconds = options.WarmUpSeconds,
            warmUpP99Ms = Math.Round(FlowRecorder.Percentile(warm, 0.99), 2),
            worstP99ToAimRatio = Math.Round(worst / AimP99Ms, 3),
            errors = recorder.Errors,
            seenEvents = checks.SeenEvents,
            lostEvents = checks.LostEvents,
            duplicatedEvents = checks.DuplicatedEvents,
            agreements = checks.Agreements,
            mismatchedAgreements = checks.MismatchedAgreements,
            negativeHeadcounts = checks.NegativeHeadcounts,
            headcountMismatches = checks.HeadcountMismatches,
            overSignedPositions = checks.OverSignedPositions,
        }, Json));
        return checks.LostEvents + checks.DuplicatedEvents + checks.MismatchedAgreements + checks.NegativeHeadcounts + checks.HeadcountMismatches > 0 ? 1 : 0;
    }
}

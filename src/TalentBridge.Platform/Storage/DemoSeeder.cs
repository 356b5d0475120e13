using System.Diagnostics;
using Dapper;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Domain;
using TalentBridge.Domain.Demo;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Challenges;
using TalentBridge.Platform.Competitions;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.TitleReview;
using TalentBridge.Platform.Training;

namespace TalentBridge.Platform.Storage;

public sealed record SeedProgress(string Stage, long Done, long Total);

public sealed record SeedReport(string Scale, int Seed, long Enterprises, long Positions, long Talents, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{Scale} (seed {Seed}): {Enterprises:N0} enterprises, {Positions:N0} positions, {Talents:N0} talents in {Elapsed.TotalSeconds:N1} s";
}

/// <summary>
/// Streams generated demo data into an empty database in batches, one transaction per batch, and
/// creates the demo accounts. Ids are assigned by the database in insertion order, which on an empty
/// table equals the generator's ids on both engines; the seeder checks that before it finishes.
/// </summary>
public sealed class DemoSeeder(Database db, ReferenceData reference, ContactProtector protector, IPasswordHasher<Account> hasher,
    AccountStore accounts, AnalyticsRefresh analytics, TimeProvider time, ChallengesDemo? challenges = null,
    CompetitionDemo? competitionDemo = null)
{
    public const int DefaultSeed = 2026;
    private const int BatchSize = 5_000;

    /// <summary>The demo accounts; the README lists the same.</summary>
    public static readonly IReadOnlyList<(string UserName, string Password, Role Role, string DisplayName)> DemoAccounts =
    [
        ("admin", "Admin#2026", Role.PlatformAdmin, "平台管理员"),
        ("lishui.operator", "Operator#2026", Role.Operator, "丽水市人社局"),
        ("qingtian.operator", "Operator#2026", Role.Operator, "青田县人社局"),
        ("enterprise.admin", "Enterprise#2026", Role.EnterpriseAdmin, "企业管理员"),
        ("recruiter", "Recruiter#2026", Role.EnterpriseRecruiter, "招聘专员"),
        ("talent", "Talent#2026", Role.Talent, "人才用户"),
        ("reviewer", "Reviewer#2026", Role.Talent, "评审专家"),
    ];

    public async Task<SeedReport?> SeedIfEmptyAsync(string scaleName, int seed, IProgress<SeedProgress>? progress, CancellationToken ct)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            var rows = await connection.ExecuteScalarAsync<long>("SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM enterprises)");
            if (rows > 0)
            {
                return null;
            }
        }
        return await SeedAsync(scaleName, seed, progress, ct);
    }

    public Task<SeedReport> SeedAsync(string scaleName, int seed, IProgress<SeedProgress>? progress, CancellationToken ct) =>
        SeedAsync(scaleName, seed, progress, true, ct);

    /// <summary>The demo data; without <paramref name="sharedPool"/> the shared pool is left unopened (the SLA bench seeds its own).</summary>
    public async Task<SeedReport> SeedAsync(string scaleName, int seed, IProgress<SeedProgress>? progress, bool sharedPool, CancellationToken ct)
    {
        var scale = DemoScale.Parse(scaleName)
            ?? throw new ArgumentException($"Unknown scale '{scaleName}'; use lishui, province or small.", nameof(scaleName));
        var clock = Stopwatch.StartNew();
        // The generator's clock is the start of today (UTC): the same seed gives the same data all day.
        var today = time.GetUtcNow().UtcDateTime.Date;
        var generator = new DemoDataGenerator(reference, protector, scale, seed, new DateTimeOffset(today, TimeSpan.Zero));

        var enterprises = await WriteAsync("enterprises", scale.Enterprises, generator.Enterprises(),
            e => [(EnterpriseStore.Insert, EnterpriseStore.Parameters(e))], progress, ct);
        var positions = await WriteAsync("positions", scale.Positions, generator.Positions(),
            p => [(PositionStore.Insert, PositionStore.Parameters(p))], progress, ct);
        var talents = await WriteAsync("talents", scale.Talents, generator.Talents(),
            t => TalentRows(t), progress, ct);
        // 24 months of history: closed positions with their applications and agreements (ADR 0016's facts need them).
        var (historic, applications, agreements) = (0L, 0L, 0L);
        await WriteAsync("history", scale.HistoricPositionsPerMonth * (DemoDataGenerator.HistoryMonths - 3L), generator.History(), h =>
        {
            historic++;
            applications += h.Applications.Count;
            agreements += h.Agreement is null ? 0 : 1;
            return HistoryRows(h);
        }, progress, ct);

        await CheckIdsAsync("enterprises", enterprises, ct);
        await CheckIdsAsync("positions", positions + historic, ct);
        await CheckIdsAsync("talents", talents, ct);
        await CheckIdsAsync("applications", applications, ct);
        await CheckIdsAsync("agreements", agreements, ct);
        await CreateDemoAccountsAsync(ct);
        await ConfirmDemoTiersAsync(ct);
        // 丽水's shared talent pool (seed 003): experts from the demo talents and a year of orders.
        if (sharedPool)
        {
            progress?.Report(new SeedProgress("shared pool", 0, 1));
            var (experts, orders) = scale.Talents <= DemoScale.Small.Talents ? (100, 150) : (300, 800);
            await new SharedPoolDemo(db, new SharedPools(db, reference, time), time)
                .SeedAsync("3311", experts, orders, seed, time.GetUtcNow().AddYears(-1), time.GetUtcNow(), ct);
            progress?.Report(new SeedProgress("shared pool", 1, 1));
            // 职称 review (issue 15): a committee, experts and applications in several states, one certified.
            await new TitleReviewDemo(db, reference, protector, accounts, hasher, time).SeedAsync("3311", ct);
        }
        // Training providers and programmes for the skills the open positions ask for most (issue 16).
        progress?.Report(new SeedProgress("training", 0, 1));
        await new TrainingDemo(db, new Programmes(db, reference, time), reference).SeedAsync(scale.Talents <= DemoScale.Small.Talents ? 12 : 30, ct);
        progress?.Report(new SeedProgress("training", 1, 1));
        // The challenge board and one escrow contract with its first milestone released (issue 16).
        if (challenges is not null)
        {
            await challenges.SeedAsync(ct);
        }
        // A finished competition with its judging, results and winners' invitations (issue 16); the host's seeder has it,
        // a seeder built by hand (the seed tests) leaves it out.
        if (competitionDemo is not null)
        {
            progress?.Report(new SeedProgress("competitions", 0, 1));
            await competitionDemo.SeedAsync(ct);
            progress?.Report(new SeedProgress("competitions", 1, 1));
        }
        // The analytics facts of every month, so that the analytics pages show the history on first start.
        progress?.Report(new SeedProgress("analytics", 0, 1));
        await analytics.RefreshAllAsync(null, ct);
        progress?.Report(new SeedProgress("analytics", 1, 1));
        await using (var connection = await db.OpenAsync(ct))
        {
            // Fresh statistics so that the query planner knows the tables are no longer empty.
            // (CommandType.Text: Dapper takes a lone word for a stored procedure name.)
            await connection.ExecuteAsync(new CommandDefinition("ANALYZE", commandType: System.Data.CommandType.Text, cancellationToken: ct));
        }
        return new SeedReport(scale.Name, seed, enterprises, positions + historic, talents, clock.Elapsed);
    }

    /// <summary>
    /// The demo enterprises' tiers as records an operator confirmed (the tier column is derived from records, and the
    /// analytics read them): each valid from the first of a month up to 30 months back, spread by the enterprise's id so
    /// that the tier trend grows over the history.
    /// </summary>
    private async Task ConfirmDemoTiersAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var month = ChinaTime.Date(now);
        month = new DateOnly(month.Year, month.Month, 1);
        await db.InTransactionAsync(async (c, tx) =>
        {
            var tiered = (await c.QueryAsync<(long Id, string Region, int Tier)>(
                new CommandDefinition("SELECT id, region_code, tier FROM enterprises WHERE tier > 0 ORDER BY id", transaction: tx, cancellationToken: ct))).ToList();
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO es_tier_records (enterprise_id, region_code, tier, evidence, note, valid_from, valid_until, confirmed_at) " +
                "VALUES (@Id, @Region, @Tier, '[\"演示数据：认定名单公告\"]', '演示数据', @From, NULL, @Now)",
                tiered.Select(e => new { e.Id, e.Region, e.Tier, From = month.AddMonths(-(int)(e.Id * 7919 % 30)), Now = Database.Utc(now) }),
                tx, cancellationToken: ct));
            return 0;
        }, ct);
    }

    private static IEnumerable<(string Sql, object Parameters)> TalentRows(Talent t)
    {
        yield return (TalentStore.Insert, TalentStore.Parameters(t));
        foreach (var row in TalentStore.OccupationRows(t.Id, t))
        {
            yield return (TalentStore.InsertOccupation, row);
        }
    }

    private const string InsertApplication =
        "INSERT INTO applications (position_id, talent_id, enterprise_id, region_code, state, version, keep_for_other_positions, applied_at, updated_at, " +
        "refusal_reason, offer, offered_at, sign_by) VALUES (@PositionId, @TalentId, @EnterpriseId, @Region, @State, @Version, @Keep, @AppliedAt, @UpdatedAt, " +
        "@RefusalReason, @Offer, @OfferedAt, @SignBy)";

    private const string InsertEvent =
        "INSERT INTO application_events (application_id, at, actor, action, from_state, to_state, note) VALUES (@ApplicationId, @At, @Actor, @Action, " +
        "@FromState, @ToState, @Note)";

    private const string InsertAgreement =
        "INSERT INTO agreements (application_id, position_id, talent_id, enterprise_id, region_code, terms, offered_at, signed_at, content_hash, " +
        "terminated_at, termination_reason) VALUES (@ApplicationId, @PositionId, @TalentId, @EnterpriseId, @Region, @Terms, @OfferedAt, @SignedAt, " +
        "@ContentHash, @TerminatedAt, @TerminationReason)";

    private sealed record EventRow(long ApplicationId, DateTimeOffset At, int Actor, string Action, int? FromState, int ToState, string? Note);

    /// <summary>A historic position, its applications with their first and last steps, and its agreement.</summary>
    private static IEnumerable<(string Sql, object Parameters)> HistoryRows(HistoricPosition h)
    {
        yield return (PositionStore.Insert, PositionStore.Parameters(h.Position));
        foreach (var a in h.Applications)
        {
            yield return (InsertApplication, new
            {
                a.PositionId, a.TalentId, a.EnterpriseId, Region = RegionCatalogue.Pad(a.RegionCode), State = (int)a.State, Version = a.Offer is null ? 2 : 3,
                Keep = false, AppliedAt = Database.Utc(a.AppliedAt), UpdatedAt = Database.Utc(a.UpdatedAt), a.RefusalReason,
                Offer = a.Offer is null ? null : Row.ToJson(a.Offer), OfferedAt = a.OfferedAt is { } o ? Database.Utc(o) : (DateTimeOffset?)null,
                SignBy = a.Offer?.SignBy,
            });
            yield return (InsertEvent, new EventRow(a.Id, Database.Utc(a.AppliedAt), (int)FlowActor.Talent, "apply", null, (int)ApplicationState.Applied, null));
            foreach (var step in a.State switch
            {
                ApplicationState.Signed =>
                [
                    new EventRow(a.Id, Database.Utc(a.OfferedAt!.Value), (int)FlowActor.Enterprise, "offer", (int)ApplicationState.Applied, (int)ApplicationState.Offered, null),
                    new EventRow(a.Id, Database.Utc(a.UpdatedAt), (int)FlowActor.Talent, "sign", (int)ApplicationState.Offered, (int)ApplicationState.Signed, null),
                ],
                ApplicationState.Refused => [new EventRow(a.Id, Database.Utc(a.UpdatedAt), (int)FlowActor.Enterprise, "refuse", (int)ApplicationState.Applied,
                    (int)ApplicationState.Refused, a.RefusalReason)],
                _ => new[] { new EventRow(a.Id, Database.Utc(a.UpdatedAt), (int)FlowActor.Talent, "withdraw", (int)ApplicationState.Applied,
                    (int)a.State, null) },
            })
            {
                yield return (InsertEvent, step);
            }
        }
        if (h.Agreement is { } g)
        {
            yield return (InsertAgreement, new
            {
                g.ApplicationId, g.PositionId, g.TalentId, g.EnterpriseId, Region = RegionCatalogue.Pad(g.RegionCode), Terms = Row.ToJson(g.Terms),
                OfferedAt = Database.Utc(g.OfferedAt), SignedAt = Database.Utc(g.SignedAt), g.ContentHash,
                TerminatedAt = g.TerminatedAt is { } t ? Database.Utc(t) : (DateTimeOffset?)null, g.TerminationReason,
            });
        }
    }

    private async Task<long> WriteAsync<T>(string stage, long total, IEnumerable<T> records,
        Func<T, IEnumerable<(string Sql, object Parameters)>> rows, IProgress<SeedProgress>? progress, CancellationToken ct)
    {
        long done = 0;
        foreach (var batch in records.Chunk(BatchSize))
        {
            await db.InTransactionAsync(async (c, tx) =>
            {
                if (db.Engine == DatabaseEngine.Sqlite)
                {
                    // Index pages of millions of rows must stay in memory or every insert reads the disk.
                    await c.ExecuteAsync("PRAGMA cache_size = -262144", transaction: tx);
                }
                // Rows of one statement go together, in order of first appearance (parents before children):
                // see BulkInsert.
                foreach (var group in batch.SelectMany(rows).GroupBy(r => r.Sql, StringComparer.Ordinal))
                {
                    await BulkInsert.WriteAsync(c, tx, group.Key, group.Select(r => r.Parameters), ct);
                }
                return 0;
            }, ct);
            done += batch.Length;
            progress?.Report(new SeedProgress(stage, done, total));
        }
        return done;
    }

    private async Task CheckIdsAsync(string table, long expected, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var (count, max) = await connection.QuerySingleAsync<(long, long)>($"SELECT count(*), coalesce(max(id), 0) FROM {table}");
        if (count != expected || max != expected)
        {
            throw new InvalidOperationException($"Seeding {table} expected ids 1..{expected} but found {count} rows up to id {max}; seed only an empty database.");
        }
    }

    private async Task CreateDemoAccountsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        long? reviewerTalent;
        await using (var c = await db.OpenAsync(ct))
        {
            // The reviewer is a person of the talent pool: the first talent of Lishui with a senior title.
            var (lo, hi) = RegionCatalogue.SubtreeRange("3311");
            reviewerTalent = await c.ExecuteScalarAsync<long?>(
                "SELECT min(id) FROM talents WHERE professional_title = 5 AND id > 1 AND residence_region_code BETWEEN @lo AND @hi", new { lo, hi });
        }
        foreach (var (userName, password, role, displayName) in DemoAccounts)
        {
            var hash = hasher.HashPassword(null!, password);
            var (enterpriseId, region, talentId) = userName switch
            {
                "lishui.operator" => ((long?)null, "3311", (long?)null),
                "qingtian.operator" => (null, "331121", null),
                "enterprise.admin" or "recruiter" => (1L, null, null),
                "talent" => (null, null, 1L),
                "reviewer" => (null, null, reviewerTalent),
                _ => (null, (string?)null, (long?)null),
            };
            await accounts.CreateAsync(userName, displayName, hash, role, enterpriseId, region, talentId, now, ct);
        }
    }
}

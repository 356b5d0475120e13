using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using TalentBridge.Domain;
using TalentBridge.Domain.Demo;
using TalentBridge.Cli;
using TalentBridge.Platform.Storage;

// talentbridge: batch work against the same database the web host uses.
//   talentbridge migrate [--provider sqlite|postgres] [--connection CS]
//   talentbridge seed [--scale lishui|province|small] [--seed N] [--provider …] [--connection …]
//   talentbridge normalize title|place|salary < lines
//   talentbridge analytics refresh [--month yyyy-MM] [--provider …] [--connection …]
//   talentbridge ledger verify [--provider …] [--connection …]
//   talentbridge index run --tree KEY|TREE.json --data FIGURES.csv|.xlsx [--spec SPEC.json] [--period P] [--out FILE.csv|.xlsx]
//   talentbridge index reproduce
var command = args.FirstOrDefault();
if (command == "normalize")
{
    return await Normalize.RunAsync(args.Skip(1).ToArray(), Console.In, Console.Out);
}
if (command == "eval" && args.ElementAtOrDefault(1) == "matches")
{
    return ParseOptions(args.Skip(2).ToArray()) is { } evalOptions ? await MatchCommands.EvaluateAsync(evalOptions, Console.Out) : 2;
}
if (command == "train")
{
    return await Normalize.TrainTitlesAsync(args.Skip(1).ToArray(), Console.Out);
}
if (command == "eval")
{
    return await Normalize.EvaluateTitlesAsync(args.Skip(1).ToArray(), Console.Out);
}
if (command == "index")
{
    return ParseOptions(args.Skip(2).ToArray()) is { } indexOptions ? await IndexCommands.RunAsync(args.ElementAtOrDefault(1), indexOptions, Console.Out, Console.Error) : 2;
}
if (command == "bench")
{
    var benchOptions = ParseOptions(args.Skip(2).ToArray());
    return (args.ElementAtOrDefault(1), benchOptions) switch
    {
        ("import", { } o) => await ImportCommands.BenchAsync(o, Console.Out, CancellationToken.None),
        ("dedup", { } o) => await ImportCommands.BenchDedupAsync(o, Console.Out),
        ("match", { } o) => await MatchCommands.BenchAsync(o, Console.Out),
        ("flow", { } o) => await FlowBench.BenchAsync(o, Console.Out, CancellationToken.None),
        ("sla", { } o) => await SlaBench.BenchAsync(o, Console.Out, CancellationToken.None),
        ("analytics", { } o) => await AnalyticsCommands.BenchAsync(o, Console.Out, CancellationToken.None),
        ("services", { } o) => await ServicesBench.BenchAsync(o, Console.Out),
        _ => Usage(),
    };

    static int Usage()
    {
        Console.Error.WriteLine("usage: talentbridge bench import [--rows N] | bench dedup [--records N] | bench match [--talents N --positions M] | " +
            "bench flow [--engine sqlite|postgres --postgres CS --users N --seconds S] | bench sla [--engine sqlite|postgres --postgres CS --orders N --experts M] | " +
            "bench analytics [--engine sqlite|postgres --postgres CS --scale small|lishui|province] | bench services [--enterprises N --threads T]");
        return 2;
    }
}
// "match", "analytics" and "ledger" take a mode word before their options.
var options = ParseOptions(args.Skip(command is "match" or "analytics" or "ledger" ? 2 : 1).ToArray());
if (command is null or "help" or "--help" or "-h" || options is null)
{
    Console.Error.WriteLine("""
        usage: talentbridge <command> [options]
          migrate   apply the database migrations
          seed      fill an empty database with demo data
          normalize title|place|salary   one text per line on stdin, one JSON object per line on stdout
          eval titles [--file F] [--half dev|test] [--model M.zip] [--second-labels F] [--sweep]  accuracy of the title classifier, vocabulary only and with the model
          eval matches [--talents N --positions M --seed S]   the engine on a generated set with hidden ground truth
          eval matches --source outcomes [--provider … --connection …]   the engine judged by the database's real outcomes
          train titles [--out F] [--without SET]  train the title model (data/reference/titles/title-model.zip)
          analytics refresh [--month yyyy-MM]   compute the labour-market analytics facts now: every month with data, or one
          ledger verify   reconcile the 安心宝 escrow ledger: every entry balanced and as its rule gives, balances, escrow zero on closed contracts
          index run --tree KEY|TREE.json --data F.csv|.xlsx [--spec S.json] [--period P] [--out F.csv|.xlsx]   compute a composite index from files (no database): ranking, rank bands, coverage, coherence
          index reproduce   the agreement of the seed-001 tables the index engine reproduces
          import --source NAME --profile P.json --file EXPORT   import positions, talents or enterprises (the profile's kind) from an outside platform
          bench import [--rows N]        the import benchmark (default 1,000,000 rows)
          bench dedup [--records N]      duplicate detection precision/recall and rate (default 100,000)
          bench match [--talents N --positions M]   matching index against exhaustive scoring (default 1,500,000 × 1,200,000)
          bench flow [--engine sqlite|postgres] [--postgres CS] [--users 200 --seconds 60 --think-ms 1000]   the one-click flow over HTTP under load, checked against the database
          bench sla [--engine sqlite|postgres] [--postgres CS] [--orders 100000 --experts 100 --runs 9]   the shared pool's 48-hour dashboard, clocks and overdue sweep
          bench analytics [--engine sqlite|postgres] [--postgres CS] [--scale lishui] [--runs 5]   refresh of the analytics facts and every analytics page, cold and warm
          bench services [--enterprises 150000] [--seed 2026] [--threads N]   every 专精特新 tier and policy for generated enterprises (aim: 10 s)
        options:
          --provider sqlite|postgres   (default sqlite; env Database__Provider)
          --connection "…"             (default Data Source=data/talentbridge.db; env ConnectionStrings__TalentBridge)
          --scale lishui|province|small  (seed; default lishui)
          --seed N                     (seed; default 2026)
          --contact-key SECRET         (seed, import of talents; HMAC key for phone/ID hashes, required for postgres; env Security__ContactHashKey)
        """);
    return command is null or "help" or "--help" or "-h" ? 0 : 2;
}

ServiceProvider platform;
try
{
    platform = CliPlatform.Build(options);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
await using var disposePlatform = platform;
var db = platform.GetRequiredService<Database>();

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;

// Everything is checked before anything is written.
if (command is not ("migrate" or "seed" or "import" or "match" or "analytics" or "ledger") || (command == "analytics" && args.ElementAtOrDefault(1) != "refresh")
    || (command == "ledger" && args.ElementAtOrDefault(1) != "verify"))
{
    Console.Error.WriteLine($"error: unknown command '{command}' (try --help)");
    return 2;
}
var scale = options.GetValueOrDefault("scale") ?? "lishui";
if (DemoScale.Parse(scale) is null)
{
    Console.Error.WriteLine($"error: --scale must be small, lishui or province, not '{scale}'");
    return 2;
}
if (!int.TryParse(options.GetValueOrDefault("seed") ?? "2026", NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
{
    Console.Error.WriteLine("error: --seed must be a whole number");
    return 2;
}

if (command == "match")
{
    return await MatchCommands.RunAsync(platform, args.ElementAtOrDefault(1), options, Console.In, Console.Out, ct);
}
if (command == "import")
{
    return await ImportCommands.ImportAsync(platform, options, Console.Out, ct);
}
if (command == "seed")
{
    // Seeding PostgreSQL needs the deployment's own hashing key.
    try
    {
        platform.GetRequiredService<ContactProtector>();
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine($"error: {e.Message} (--contact-key or env Security__ContactHashKey)");
        return 2;
    }
}

var applied = await MigrationRunner.MigrateAsync(db, ct);
Console.WriteLine(applied.Count == 0 ? "migrations: up to date" : $"migrations applied: {string.Join(", ", applied)}");
if (command == "migrate")
{
    return 0;
}
if (command == "analytics")
{
    return await AnalyticsCommands.RefreshAsync(platform, options, Console.Out, ct);
}
if (command == "ledger")
{
    return await LedgerCommands.VerifyAsync(platform, Console.Out, ct);
}

var seeder = platform.GetRequiredService<DemoSeeder>();
var clock = Stopwatch.StartNew();
var lastReport = TimeSpan.Zero;
var progress = new Progress<SeedProgress>(p =>
{
    if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(2) || p.Done == p.Total)
    {
        lastReport = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {p.Stage,-12} {p.Done,10:N0} / {p.Total:N0}  ({100.0 * p.Done / Math.Max(1, p.Total):F0}%, {clock.Elapsed.TotalSeconds:F1} s)"));
    }
});
var report = await seeder.SeedIfEmptyAsync(scale, seed, progress, ct);
if (report is null)
{
    Console.Error.WriteLine("error: the database already holds data; seed only an empty database");
    return 1;
}
Console.WriteLine($"seeded {report}");
var size = await SizeAsync(db, ct);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database size: {size / 1048576.0:F1} MiB"));
return 0;

static async Task<long> SizeAsync(Database db, CancellationToken ct)
{
    if (db.Engine == DatabaseEngine.Sqlite)
    {
        var file = new SqliteConnectionStringBuilder(db.ConnectionString).DataSource;
        return new[] { file, file + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
    }
    await using var c = await db.OpenAsync(ct);
    return await c.ExecuteScalarAsync<long>("SELECT pg_database_size(current_database())");
}

static Dictionary<string, string>? ParseOptions(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
        {
            Console.Error.WriteLine($"error: expected --option value, got '{args[i]}'");
            return null;
        }
        result[args[i][2..]] = args[++i];
    }
    return result;
}

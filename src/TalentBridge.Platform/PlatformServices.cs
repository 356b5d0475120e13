using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalentBridge.Domain;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.Search;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Challenges;
using TalentBridge.Platform.EnterpriseServices;
using TalentBridge.Platform.Escrow;
using TalentBridge.Platform.Indices;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Aggregation;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Privacy;
using TalentBridge.Platform.Competitions;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;
using TalentBridge.Platform.TitleReview;
using TalentBridge.Platform.Titles;
using TalentBridge.Platform.Training;

namespace TalentBridge.Platform;

/// <summary>The platform's services, wired once for every host (web, CLI, tests).</summary>
public static class PlatformServices
{
    /// <summary>The key the demo uses for contact hashes; never acceptable on PostgreSQL, the production engine.</summary>
    public const string DemoContactKey = "talentbridge-demo-key-change-me";

    public static IServiceCollection AddTalentBridgePlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => ReferenceData.Load());
        services.AddSingleton(_ => Database.FromConfiguration(configuration));
        services.AddSingleton(sp => new ContactProtector(ContactKey(configuration["Security:ContactHashKey"], sp.GetRequiredService<Database>().Engine)));
        services.AddSingleton(sp => new TextSearch(Segmenter.Load(), sp.GetRequiredService<ReferenceData>()));
        services.AddSingleton(sp => new OccupationNames(sp.GetRequiredService<ReferenceData>().Occupations));
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<TalentStore>();
        services.AddSingleton<EnterpriseStore>();
        services.AddSingleton<PositionStore>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<DataProtectionKeys>();
        services.AddMemoryCache();
        services.AddSingleton<Dashboard>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Login>();
        services.AddSingleton<PublicAccounts>();
        services.AddSingleton<Inbox>();
        services.AddSingleton<IJobHandler, Outbox>();
        // The default sender writes to a file and the log; a deployment registers its SMS/e-mail sender before this call.
        services.TryAddSingleton<INotificationSender>(sp => new FileNotificationSender(
            configuration["Notifications:OutboxDirectory"] ?? Path.Combine("data", "outbox"), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FileNotificationSender>>()));
        services.AddSingleton(sp => new SignInThrottle(sp.GetRequiredService<Database>(), sp.GetRequiredService<ContactProtector>(),
            int.TryParse(configuration["Security:FailedSignInsPerAddress"], out var failures) && failures > 0 ? failures : 20,
            TimeSpan.FromMinutes(int.TryParse(configuration["Security:FailedSignInWindowMinutes"], out var minutes) && minutes > 0 ? minutes : 15)));
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddSingleton<EnterpriseWrites>();
        services.AddSingleton<PositionWrites>();
        services.AddSingleton<TalentWrites>();
        services.AddSingleton(sp => new TitleClassifier(sp.GetRequiredService<ReferenceData>().Occupations));
        services.AddSingleton(sp => new PlaceNormaliser(sp.GetRequiredService<ReferenceData>().Regions));
        // Imports classify titles with the vocabulary and the learned model (ADR 0022); the model (4.8 MB) is loaded when
        // an importer is first resolved, and disposed with the container.
        services.AddSingleton(_ => TitleModel.LoadEmbedded());
        services.AddSingleton<ITitleClassifier>(sp => new CombinedTitleClassifier(sp.GetRequiredService<TitleClassifier>(), sp.GetRequiredService<TitleModel>(),
            sp.GetRequiredService<ReferenceData>().Occupations));
        services.AddSingleton(sp => new PostingNormaliser(sp.GetRequiredService<ITitleClassifier>(), sp.GetRequiredService<PlaceNormaliser>()));
        services.AddSingleton(_ => ImportLimits.From(configuration));
        services.AddSingleton<PostingImport>();
        services.AddSingleton<TalentImport>();
        services.AddSingleton(sp => new EnterpriseImport(sp.GetRequiredService<Database>(), sp.GetRequiredService<PlaceNormaliser>(),
            sp.GetRequiredService<ReferenceData>().Industries, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ImportLimits>()));
        services.AddSingleton<ImportRuns>();
        services.AddSingleton<ClusterReview>();
        services.AddSingleton<ImportedPostings>();
        services.AddSingleton<ClusterPublishing>();
        services.AddSingleton<ImportUploads>();
        services.AddSingleton<IJobHandler, ImportJobHandler>();
        services.AddSingleton<Applications>();
        services.AddSingleton<Invitations>();
        services.AddSingleton<Agreements>();
        services.AddSingleton<PersonalData>();
        services.AddSingleton<IJobHandler, RetentionHandler>();
        services.AddSingleton<Conversations>();
        services.AddSingleton<IJobHandler, FlowExpiryHandler>();
        services.AddSingleton(_ => new ExpertMatcher(Segmenter.Load()));
        services.AddSingleton<SharedPools>();
        services.AddSingleton<AdmissionStandards>();
        services.AddSingleton<WorkCalendars>();
        services.AddSingleton<Experts>();
        services.AddSingleton<DemandOrders>();
        services.AddSingleton<Engagements>();
        services.AddSingleton<SlaDashboard>();
        services.AddSingleton<WagePrices>();
        services.AddSingleton<ShortageCatalogues>();
        services.AddSingleton<Publications>();
        services.AddSingleton<IJobHandler>(sp => new SharedPoolJobHandler(sp.GetRequiredService<DemandOrders>(), DemandOrders.ClockJobKind));
        services.AddSingleton<IJobHandler>(sp => new SharedPoolJobHandler(sp.GetRequiredService<DemandOrders>(), DemandOrders.ReplyJobKind));
        services.AddSingleton<IJobHandler, ExpertUpkeepHandler>();
        services.AddSingleton<MapOutlines>();
        services.AddSingleton<SelfAssessments>();
        services.AddSingleton<TierRecords>();
        // The challenge board, technology managers and the 安心宝 escrow ledger (issue 16).
        services.AddSingleton<ChallengeBoard>();
        services.AddSingleton<TechnologyManagers>();
        services.AddSingleton<EscrowContracts>();
        services.AddSingleton<LedgerAudit>();
        services.AddSingleton<ChallengesDemo>();
        services.AddSingleton<IJobHandler, TierUpkeepHandler>();
        services.AddSingleton<PolicyDocuments>();
        services.AddSingleton<PolicyFacts>();
        services.AddSingleton<PolicyMatching>();
        services.AddSingleton<TitleReviews>();
        services.AddSingleton<Recognitions>();
        services.AddSingleton<IndexMeasures>();
        services.AddSingleton<IndexTrees>();
        services.AddSingleton<IndexRuns>();
        services.AddSingleton<ReviewExperts>();
        services.AddSingleton<TalentMap>();
        services.AddSingleton<WarningThresholdSettings>();
        services.AddSingleton<Warnings>();
        services.AddSingleton<WarningAlerts>();
        services.AddSingleton<Forecasts>();
        services.AddSingleton<IJobHandler>(sp => new AnalyticsJobHandler(Warnings.JobKind, sp.GetRequiredService<Warnings>().EvaluateAsync,
            sp.GetRequiredService<Warnings>().QueueStaleAsync, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IJobHandler>(sp => new AnalyticsJobHandler(Forecasts.JobKind, sp.GetRequiredService<Forecasts>().RunAsync,
            sp.GetRequiredService<Forecasts>().QueueStaleAsync, sp.GetRequiredService<TimeProvider>()));
        // No daily sweep: each refresh queues the wage cells' computation, and a stale table is computed again on read.
        services.AddSingleton<IJobHandler>(sp => new AnalyticsJobHandler(WagePrices.JobKind, sp.GetRequiredService<WagePrices>().PrecomputeAsync,
            _ => Task.CompletedTask, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AnalyticsRefresh>();
        services.AddSingleton<IJobHandler, AnalyticsRefreshHandler>();
        services.AddSingleton<SupplyDemand>();
        services.AddSingleton<TierBreakdown>();
        services.AddSingleton<Programmes>();
        services.AddSingleton<Enrolments>();
        services.AddSingleton<TrainingAdvisor>();
        services.AddSingleton<TrainingGaps>();
        services.AddSingleton<IJobHandler>(sp => new AnalyticsJobHandler(TrainingGaps.JobKind, sp.GetRequiredService<TrainingGaps>().RunAsync,
            sp.GetRequiredService<TrainingGaps>().QueueStaleAsync, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Competitions.Competitions>();
        services.AddSingleton<CompetitionEntries>();
        services.AddSingleton<CompetitionJudging>();
        services.AddSingleton<CompetitionResults>();
        services.AddSingleton<CompetitionDemo>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<MatchImpressions>();
        services.AddSingleton<MatchOutcomes>();
        services.AddSingleton<MatchService>();
        services.AddHostedService(sp => sp.GetRequiredService<MatchService>());
        services.AddSingleton<MatchQueries>();
        services.AddSingleton<Node>();
        services.AddSingleton<Leases>();
        services.AddSingleton<JobTable>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return services;
    }

    /// <summary>
    /// The HMAC key for phone and ID-number hashes. PostgreSQL deployments must set their own secret:
    /// with a published key the hashes of the ~10⁹ possible phone numbers could be recomputed.
    /// </summary>
    public static byte[] ContactKey(string? configured, DatabaseEngine engine)
    {
        if (string.IsNullOrEmpty(configured))
        {
            if (engine == DatabaseEngine.Postgres)
            {
                throw new InvalidOperationException(
                    "Security:ContactHashKey must be set when the database is PostgreSQL: it keys the phone and ID-number hashes. " +
                    "Use a secret of at least 16 characters and never change it afterwards.");
            }
            configured = DemoContactKey;
        }
        return System.Text.Encoding.UTF8.GetBytes(configured);
    }

    /// <summary>Demo data is seeded by default only into the embedded SQLite database; PostgreSQL gets it only when asked.</summary>
    public static string DemoScale(IConfiguration configuration, DatabaseEngine engine) =>
        configuration["Demo:Scale"] ?? (engine == DatabaseEngine.Sqlite ? "lishui" : "none");

    /// <summary>Applies migrations and, on an empty database, seeds the demo accounts and data the configuration asks for.</summary>
    public static async Task InitializeAsync(IServiceProvider services, IConfiguration configuration, ILogger logger, CancellationToken ct)
    {
        var db = services.GetRequiredService<Database>();
        var applied = await MigrationRunner.MigrateAsync(db, ct);
        if (applied.Count > 0)
        {
            logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", applied));
        }
        await services.GetRequiredService<PolicyDocuments>().SeedShippedAsync(ct);
        await services.GetRequiredService<IndexTrees>().SeedShippedAsync(ct);
        var scale = DemoScale(configuration, db.Engine);
        if (!string.Equals(scale, "none", StringComparison.OrdinalIgnoreCase))
        {
            var seed = int.TryParse(configuration["Demo:Seed"], out var s) ? s : DemoSeeder.DefaultSeed;
            var report = await services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(scale, seed, null, ct);
            if (report is not null)
            {
                logger.LogInformation("Seeded demo data: {Report}", report);
            }
        }
        // Records written without search terms (demo bulk loads, rows from before migration 0014), by one node at a time.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var indexed = await services.GetRequiredService<Leases>().WhileHoldingAsync("search-index", TimeSpan.FromMinutes(10),
            async token => (object)await services.GetRequiredService<SearchIndex>().IndexMissingAsync(token), ct);
        if (indexed is long count and > 0)
        {
            logger.LogInformation("Indexed {Count} records for text search in {Seconds:F1} s", count,
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}

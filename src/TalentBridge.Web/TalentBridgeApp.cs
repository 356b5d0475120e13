using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Web.Accounts;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Web.Api;
using TalentBridge.Web.Import;
using TalentBridge.Web.Pools;
using TalentBridge.Web.Matching;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web;

/// <summary>Composition of the web host: one method per area, used by Program.cs and the tests.</summary>
public static class TalentBridgeApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application name pins Razor Pages discovery to this assembly, also when a test host builds it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(TalentBridgeApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        builder.Services.AddPlatform(builder.Configuration);
        // Sign-in attempts per client address and minute (tests raise it; lockout still applies per account).
        builder.Services.AddSecurity(int.TryParse(builder.Configuration["Security:LoginAttemptsPerMinute"], out var permits) ? permits : 10);
        // One page serves create and edit for each pool: /x/new is the edit page without an id.
        builder.Services.AddRazorPages(o => o.Conventions
            .AddPageRoute("/Enterprises/Edit", "enterprises/new")
            .AddPageRoute("/Positions/Edit", "positions/new")
            .AddPageRoute("/Talents/Edit", "talents/new"));
        builder.Services.AddOpenApi("v1");
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRequestLocalization(Localization.Options);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/api/v1/openapi.json");
        app.MapApi();
        app.MapAccountEndpoints();
        app.MapRazorPages();
        return app;
    }

    private static void AddPlatform(this IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => ReferenceData.Load());
        services.AddSingleton(_ => Database.FromConfiguration(configuration));
        services.AddSingleton(sp => new ContactProtector(ContactKey(configuration["Security:ContactHashKey"], sp.GetRequiredService<Database>().Engine)));
        services.AddSingleton<TalentStore>();
        services.AddSingleton<EnterpriseStore>();
        services.AddSingleton<PositionStore>();
        services.AddSingleton<AccountStore>();
        services.AddMemoryCache();
        services.AddSingleton<Dashboard>();
        services.AddSingleton<Login>();
        services.AddSingleton<EnterpriseWrites>();
        services.AddSingleton<PositionWrites>();
        services.AddSingleton<TalentWrites>();
        services.AddSingleton(sp => new PostingNormaliser(sp.GetRequiredService<TitleClassifier>(), sp.GetRequiredService<PlaceNormaliser>()));
        services.AddSingleton<PostingImport>();
        services.AddSingleton(sp => new TitleClassifier(sp.GetRequiredService<ReferenceData>().Occupations));
        services.AddSingleton(sp => new PlaceNormaliser(sp.GetRequiredService<ReferenceData>().Regions));
        services.AddSingleton<TalentImport>();
        services.AddSingleton(sp => new EnterpriseImport(sp.GetRequiredService<Database>(), sp.GetRequiredService<PlaceNormaliser>(),
            sp.GetRequiredService<ReferenceData>().Industries, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ClusterReview>();
        services.AddSingleton<ImportJobs>();
        services.AddSingleton<Ui>();
        services.AddSingleton<MatchService>();
        services.AddHostedService(sp => sp.GetRequiredService<MatchService>());
        services.AddSingleton<MatchQueries>();
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
    }

    /// <summary>The key the demo uses for contact hashes; never acceptable on PostgreSQL, the production engine.</summary>
    public const string DemoContactKey = "talentbridge-demo-key-change-me";

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

    private static void AddSecurity(this IServiceCollection services, int loginPermits)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "CookieOrToken";
                o.DefaultChallengeScheme = "CookieOrToken";
            })
            .AddPolicyScheme("CookieOrToken", "Cookie or API token", o =>
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiTokenHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "tb.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // The API answers 401/403 instead of redirecting to the login page.
                o.Events.OnRedirectToLogin = c => ApiOrRedirect(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiOrRedirect(c, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddAntiforgery(o => o.Cookie.Name = "tb.af");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = loginPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    public const string LoginRateLimit = "login";

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static void UseSecurityHeaders(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
                "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            await next(context);
        });

    /// <summary>Applies migrations and, on an empty database, seeds the demo accounts and data.</summary>
    public static async Task InitializeAsync(this WebApplication app, CancellationToken ct)
    {
        var db = app.Services.GetRequiredService<Database>();
        var applied = await MigrationRunner.MigrateAsync(db, ct);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TalentBridge");
        if (applied.Count > 0)
        {
            logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", applied));
        }
        var scale = DemoScale(app.Configuration, db.Engine);
        if (!string.Equals(scale, "none", StringComparison.OrdinalIgnoreCase))
        {
            var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(app.Services);
            var seed = int.TryParse(app.Configuration["Demo:Seed"], out var s) ? s : DemoSeeder.DefaultSeed;
            var report = await seeder.SeedIfEmptyAsync(scale, seed, null, ct);
            if (report is not null)
            {
                logger.LogInformation("Seeded demo data: {Report}", report);
            }
        }
    }
}

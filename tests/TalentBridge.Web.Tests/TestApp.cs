using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The real web host on a free loopback port, on a fresh database of one engine, seeded with the
/// "small" demo scale (2,000 talents, 200 enterprises, 600 positions in Lishui).
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    /// <summary>The database this app created and drops; null for another node on an app's database (that app drops it).</summary>
    private readonly TestDatabase? _database;

    private TestApp(WebApplication app, TestDatabase? database, string engine, Uri address)
    {
        App = app;
        _database = database;
        Engine = engine;
        Address = address;
    }

    public WebApplication App { get; }
    public Uri Address { get; }
    public string Engine { get; }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Starts the app; <paramref name="settings"/> are configuration values over the test defaults (e.g. <c>Imports:MaxIssuesPerRun</c>).</summary>
    public static async Task<TestApp> StartAsync(string engine, int failedSignInsPerAddress = 1000, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabases.CreateAsync(engine);
        return await StartOnAsync(database.Provider, database.Database.ConnectionString, database, failedSignInsPerAddress, settings);
    }

    /// <summary>A second app node on this app's database, as app instances behind nginx share one database; disposing it leaves the database.</summary>
    public Task<TestApp> AnotherNodeAsync() => StartOnAsync(Engine, Service<Platform.Storage.Database>().ConnectionString, null, 1000, null);

    private static async Task<TestApp> StartOnAsync(string provider, string connectionString, TestDatabase? database, int failedSignInsPerAddress,
        IReadOnlyDictionary<string, string?>? settings)
    {
        var app = TalentBridgeApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["ConnectionStrings:TalentBridge"] = connectionString,
                ["Demo:Scale"] = "small",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Security:FailedSignInsPerAddress"] = failedSignInsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Security:ContactHashKey"] = "test-contact-key-for-both-engines",
                // Each app its own outbox: a test reads the messages its app sent.
                ["Notifications:OutboxDirectory"] = Path.Combine(Path.GetTempPath(), "tb-outbox-" + Guid.NewGuid().ToString("N")),
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.InitializeAsync(CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestApp(app, database, provider, new Uri(address));
    }

    public HttpClient Client(string? token = null) => ClientFor(Address, token);

    /// <summary>A client of an app at <paramref name="address"/>, with a bearer token when given.</summary>
    public static HttpClient ClientFor(Uri address, string? token)
    {
        var client = new HttpClient { BaseAddress = address };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>An API token for a demo account.</summary>
    public async Task<string> TokenAsync(string userName, string password)
    {
        using var client = Client();
        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { userName, password, name = "tests" });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        return body!.Token;
    }

    private sealed record TokenBody(string Token);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>One app per engine for a test class; tests that write use their own unique data.</summary>
public sealed class AppPerEngine : IAsyncLifetime
{
    private readonly Dictionary<string, Task<TestApp>> _apps = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<TestApp> For(string engine)
    {
        TestDatabases.RequireEngine(engine);
        lock (_lock)
        {
            if (!_apps.TryGetValue(engine, out var app))
            {
                _apps[engine] = app = TestApp.StartAsync(engine);
            }
            return app;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            if (app.IsCompletedSuccessfully)
            {
                await app.Result.DisposeAsync();
            }
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace TalentBridge.Web.Tests.MultiNode;

/// <summary>The web app run as its own process (the built TalentBridge.Web.dll) on a free loopback port.</summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly Uri _address;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        _address = address;
    }

    public static AppProcess Start(string connectionString) => Start(connectionString, FreePort());

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static AppProcess Start(string connectionString, int port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "TalentBridge.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Database__Provider"] = "postgres";
        start.Environment["ConnectionStrings__TalentBridge"] = connectionString;
        start.Environment["Demo__Scale"] = "small";
        start.Environment["Security__ContactHashKey"] = "two-process-test-contact-key";
        start.Environment["Security__FailedSignInsPerAddress"] = "1000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // A home of its own, as on a machine of its own: nothing may be shared through the local disk
        // (ASP.NET Core would otherwise keep its data-protection keys in ~/.aspnet on both).
        start.Environment["HOME"] = Directory.CreateTempSubdirectory("tb-node-home-").FullName;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
    }

    public Uri Address => _address;

public HttpClient Client(string? token = null) => TestApp.ClientFor(_address, token);

    public async Task<string> TokenAsync(string userName, string password)
    {
        using var client = Client();
        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { userName, password, name = "two-process" });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>
    /// Waits until the app answers and its match index is built (migrations and seeding happen first: about 30 s on a
    /// loaded 2-core machine, so the limit leaves room for a test run that shares the cores).
    /// </summary>
    public async Task WaitReadyAsync()
    {
        using var client = Client();
        var watch = Stopwatch.StartNew();
        string? token = null;
        while (watch.Elapsed < TimeSpan.FromSeconds(180))
        {
            Assert.False(_process.HasExited, "the app process exited");
            try
            {
                token ??= await TokenAsync("admin", "Admin#2026");
                using var authorised = Client(token);
                if ((await authorised.GetAsync("/api/v1/talents/1/matches")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or Xunit.Sdk.XunitException)
            {
                // Not listening or not seeded yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the app process did not become ready within 180 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}

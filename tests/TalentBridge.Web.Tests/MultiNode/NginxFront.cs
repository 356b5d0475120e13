using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace TalentBridge.Web.Tests.MultiNode;

/// <summary>
/// Debian's nginx in front of several app instances (round robin), as production runs them, on loopback with
/// its own configuration and files in a temporary folder. Skipped locally without nginx; a failure on CI.
/// </summary>
public sealed class NginxFront : IDisposable
{
    private const string Nginx = "/usr/sbin/nginx";
    private readonly Process _process;
    private readonly string _folder;

    private NginxFront(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public static void RequireNginx()
    {
        if (File.Exists(Nginx))
        {
            return;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI=true but {Nginx} is missing: .ci/run installs nginx.");
        }
        Skip.If(true, "nginx is not installed (the several-node tests run on CI).");
    }

    public static async Task<NginxFront> StartAsync(params Uri[] nodes)
    {
        RequireNginx();
        var folder = Directory.CreateTempSubdirectory("tb-nginx-").FullName;
        var port = AppProcess.FreePort();
        var servers = string.Concat(nodes.Select(n => $"    server {n.Host}:{n.Port.ToString(CultureInfo.InvariantCulture)};\n"));
        var config = $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              client_max_body_size 64m;
              upstream app {
            {{servers}}  }
              server {
                listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}};
                location / {
                  proxy_pass http://app;
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                }
              }
            }
            """;
        var file = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(file, config);
        var process = Process.Start(new ProcessStartInfo(Nginx, ["-c", file, "-p", folder, "-e", Path.Combine(folder, "error.log")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var front = new NginxFront(process, folder, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            Assert.False(process.HasExited, "nginx exited: " + await process.StandardError.ReadToEndAsync());
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return front;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        front.Dispose();
        throw new TimeoutException("nginx did not listen within 10 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

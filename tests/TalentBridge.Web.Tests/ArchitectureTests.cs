using System.Reflection;

namespace TalentBridge.Web.Tests;

/// <summary>The compile-time shape: Domain without I/O, Platform without HTTP, the CLI on the Platform (the web host only for bench flow), the web host without SQL.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(TalentBridge.Domain.ContactProtector).Assembly;
    private static readonly Assembly Platform = typeof(TalentBridge.Platform.PlatformServices).Assembly;
    private static readonly Assembly Cli = typeof(Cli.CliPlatform).Assembly;
    private static readonly Assembly Web = typeof(TalentBridgeApp).Assembly;

    /// <summary>Every assembly reachable from <paramref name="root"/> through references, by name.</summary>
    private static SortedSet<string> Closure(Assembly root)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var queue = new Queue<AssemblyName>(root.GetReferencedAssemblies());
        while (queue.TryDequeue(out var name))
        {
            if (!seen.Add(name.Name!) || name.Name!.StartsWith("System", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var next in Assembly.Load(name).GetReferencedAssemblies())
            {
                queue.Enqueue(next);
            }
        }
        return seen;
    }

    /// <summary>
    /// An assembly of ASP.NET Core. PasswordHasher&lt;T&gt; lives in Microsoft.Extensions.Identity.Core, which needs only
    /// ASP.NET Core's PBKDF2 helpers (Cryptography.*); nothing of the HTTP stack (Http, Routing, Mvc, Hosting,
    /// Authentication) may be reachable.
    /// </summary>
    private static bool IsAspNetCore(string name) =>
        name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
        && !name.StartsWith("Microsoft.AspNetCore.Cryptography.", StringComparison.Ordinal);

    [Fact]
    public void The_platform_library_does_not_depend_on_ASP_NET_Core()
    {
        Assert.DoesNotContain(Closure(Platform), IsAspNetCore);
        Assert.DoesNotContain("TalentBridge.Web", Closure(Platform));
    }

    [Fact]
    public void The_domain_depends_on_neither_the_platform_nor_any_storage_or_web_library()
    {
        var closure = Closure(Domain);
        Assert.DoesNotContain("TalentBridge.Platform", closure);
        Assert.DoesNotContain(closure, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || n is "Dapper" or "Npgsql" or "Microsoft.Data.Sqlite" or "CsvHelper" or "ExcelDataReader");
    }

    /// <summary>
    /// The CLI works through the Platform. It references the web host for one command only, <c>bench flow</c>, which runs
    /// the real host in-process to measure the flow over HTTP (ADR 0005): no other CLI source names the web host, and
    /// the web host never references the CLI.
    /// </summary>
    [Fact]
    public void The_command_line_uses_the_platform_and_the_web_host_only_for_the_flow_benchmark()
    {
        Assert.Contains("TalentBridge.Platform", Closure(Cli));
        Assert.DoesNotContain("talentbridge", Closure(Web));
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        var separator = Path.DirectorySeparatorChar;
        var naming = Directory.EnumerateFiles(Path.Combine(root, "src", "TalentBridge.Cli"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("TalentBridge.Web", StringComparison.Ordinal))
            .Select(Path.GetFileName);
        Assert.Equal(["FlowBench.cs"], naming);
    }

    /// <summary>
    /// Page models and endpoints call Platform services and hold no SQL (ADR 0005): the web assembly's own code does
    /// not use Dapper. (Dapper still reaches the host through the Platform; only direct references count.)
    /// </summary>
    [Fact]
    public void The_web_host_does_not_use_Dapper()
    {
        Assert.DoesNotContain(Web.GetReferencedAssemblies(), a => a.Name == "Dapper");
    }
}

using System.Reflection;

namespace TalentBridge.Web.Tests;

/// <summary>The compile-time shape: Domain without I/O, Platform without HTTP, the CLI without the web host, the web host without SQL.</summary>
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

    [Fact]
    public void The_command_line_uses_the_platform_not_the_web_host()
    {
        var closure = Closure(Cli);
        Assert.Contains("TalentBridge.Platform", closure);
        Assert.DoesNotContain("TalentBridge.Web", closure);
        Assert.DoesNotContain(closure, IsAspNetCore);
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

using TalentBridge.Platform;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Cli;

/// <summary>The platform's services for a command: the same <c>AddTalentBridgePlatform</c> the web host calls.</summary>
internal static class CliPlatform
{
    /// <summary>
    /// Settings come from the environment (<c>Database__Provider</c>, <c>ConnectionStrings__TalentBridge</c>,
    /// <c>Security__ContactHashKey</c>), overridden by the command's <c>--provider</c>, <c>--connection</c> and <c>--contact-key</c>.
    /// Throws <see cref="ArgumentException"/> when they name no usable database.
    /// </summary>
    public static ServiceProvider Build(IReadOnlyDictionary<string, string> options)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        Map("provider", "Database:Provider");
        Map("connection", "ConnectionStrings:TalentBridge");
        Map("contact-key", "Security:ContactHashKey");
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
        var platform = new ServiceCollection().AddLogging().AddTalentBridgePlatform(configuration).BuildServiceProvider();
        try
        {
            // Checks the provider and connection settings before any command runs.
            platform.GetRequiredService<Database>();
        }
        catch (InvalidOperationException e)
        {
            platform.Dispose();
            throw new ArgumentException(e.Message, e);
        }
        return platform;

        void Map(string option, string key)
        {
            if (options.GetValueOrDefault(option) is { } value)
            {
                overrides[key] = value;
            }
        }
    }
}

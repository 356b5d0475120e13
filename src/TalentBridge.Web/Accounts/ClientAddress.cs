using System.Globalization;

namespace TalentBridge.Web.Accounts;

/// <summary>The client's address as the sign-in limit counts it (after forwarded headers from a trusted proxy).</summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>A Retry-After value: whole seconds, rounded up.</summary>
    public static string Seconds(TimeSpan wait) => ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using TalentBridge.Platform.Analytics;

namespace TalentBridge.Cli;

/// <summary><c>talentbridge analytics refresh [--month yyyy-MM]</c>: computes the analytics facts now (ADR 0016), every month with data or one.</summary>
internal static class AnalyticsCommands
{
    public static async Task<int> RefreshAsync(IServiceProvider platform, Dictionary<string, string> options, TextWriter output, CancellationToken ct)
    {
        var refresh = platform.GetRequiredService<AnalyticsRefresh>();
        if (options.GetValueOrDefault("month") is { } month)
        {
            if (AnalyticsRefresh.FirstDay(month) is null)
            {
                await Console.Error.WriteLineAsync($"error: --month must be a month yyyy-MM, not '{month}'");
                return 2;
            }
            Print(output, await refresh.RefreshAsync(month, ct));
            return 0;
        }
        var done = await refresh.RefreshAllAsync(new SyncProgress(r => Print(output, r)), ct);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"refreshed {done.Count} months in {done.Sum(r => r.Elapsed.TotalSeconds):F1} s"));
        return 0;
    }

    private static void Print(TextWriter output, PeriodRefresh r) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {r.Period}  {r.Cells,8:N0} cells  {r.WageObservations,8:N0} wages  {r.EnterpriseMonths,7:N0} enterprises  {r.Elapsed.TotalMilliseconds,8:F0} ms"));

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<PeriodRefresh> report) : IProgress<PeriodRefresh>
    {
        public void Report(PeriodRefresh value) => report(value);
    }
}

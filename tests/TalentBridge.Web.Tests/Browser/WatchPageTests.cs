using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests.Browser;

/// <summary>
/// Early warnings and demand forecasts in headless Chromium, in Chinese, with axe-core on every page: the county's
/// operator finds an alert raised from inserted enterprise months, is refused an acknowledgement without a note (the
/// error at the field), acknowledges with one and sees who and when; the thresholds form shows an error per field; the
/// forecast page shows the run's summary and, for a chosen series, its chart.
/// </summary>
public sealed class WatchPageTests : IAsyncLifetime
{
    private readonly BrowserSession _session = new();

    public Task InitializeAsync() => _session.InitializeAsync();

    public Task DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task An_operator_acknowledges_an_alert_sets_thresholds_and_reads_a_forecast()
    {
        var app = _session.App;
        var db = app.Service<Database>();
        var enterprise = (await WarningTests.EnterprisesAsync(db, "331121", 1))[0];
        await WarningTests.InsertAsync(db, WarningTests.History(["2031-01", "2031-02", "2031-03", "2031-04"], enterprise, "331121000000", "C", 20, 4, 0, 0));
        await app.Service<Warnings>().EvaluateAsync("2031-04", CancellationToken.None);
        await ForecastTests.InsertAsync(db);
        await app.Service<Forecasts>().RunAsync(ForecastTests.Period, CancellationToken.None);

        var page = await _session.SignedInPageAsync("qingtian.operator", "Operator#2026");
        await page.GotoAsync("/analytics/warnings?period=2031-04&subjectType=enterprise");
        await page.WaitForSelectorAsync("table.warnings svg.sparkline");
        Assert.Contains("在招岗位骤降", await page.InnerTextAsync("table.warnings"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);

        // Without a note the acknowledgement is refused at its field.
        await page.ClickAsync("table.warnings form.acknowledge button[type=submit]");
        await page.WaitForSelectorAsync("#note-error");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.FillAsync("#note", "已联系企业，岗位调整为季节性招聘");
        await page.ClickAsync("table.warnings form.acknowledge:has(#note) button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("done=acknowledged", StringComparison.Ordinal));
        var acknowledged = await page.InnerTextAsync("table.warnings");
        Assert.Contains("已联系企业，岗位调整为季节性招聘", acknowledged, StringComparison.Ordinal);
        Assert.Matches(@"\S+ 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 确认", acknowledged);
        await BrowserSession.AssertAccessibleAsync(page);

        // The thresholds form: a share above 1 and a count that is not a number are refused at their fields.
        await page.GotoAsync("/analytics/warnings/settings");
        await page.FillAsync("#sharpFallShare", "1.5");
        await page.FillAsync("#massClosureCount", "许多");
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForSelectorAsync("#sharpFallShare-error");
        await page.WaitForSelectorAsync("#massClosureCount-error");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.FillAsync("#sharpFallShare", "0.4");
        await page.FillAsync("#massClosureCount", "15");
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("saved=true", StringComparison.Ordinal));
        Assert.Equal("0.4", await page.InputValueAsync("#sharpFallShare"));

        // The forecast: the summary in words, then a series' chart from the table.
        await page.GotoAsync("/analytics/forecast");
        Assert.Contains("Naive2", await page.InnerTextAsync("section.forecast-summary"), StringComparison.Ordinal);
        await BrowserSession.AssertAccessibleAsync(page);
        await page.ClickAsync("table.forecasts tbody tr:first-child td:first-child a");
        await page.WaitForSelectorAsync("#chart svg.chart.series");
        await BrowserSession.AssertAccessibleAsync(page);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Early warnings on both engines, from enterprise months the tests insert (the facts' refresh is not theirs): a sharp
/// fall, a mass closure and terminated agreements raise alerts per enterprise and per industry of a county; a severe one
/// notifies the county's operators once; re-evaluation never duplicates an alert and keeps its acknowledgement, which
/// needs a note and is audited; a county's operator sees only the county's alerts; thresholds are validated per field,
/// versioned, audited, inherited from the nearest ancestor and change what is raised. Each test uses months and counties
/// of its own.
/// </summary>
public sealed class WarningTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>One enterprise month: positions open at its end, closed in it, agreements terminated in it.</summary>
    internal sealed record Month(string Period, long EnterpriseId, string Region, string Section, int Open, int Closed, int Terminated);

    /// <summary>Inserts (or replaces) enterprise months, as the refresh would.</summary>
    internal static async Task InsertAsync(Database db, params Month[] months)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        foreach (var m in months)
        {
            await c.ExecuteAsync("DELETE FROM analytics_enterprise_months WHERE period = @Period AND enterprise_id = @EnterpriseId", m);
            await c.ExecuteAsync(
                "INSERT INTO analytics_enterprise_months (period, enterprise_id, region_code, industry_section, positions_open, positions_new, positions_closed, " +
                "headcount_sought, agreements, terminated) VALUES (@Period, @EnterpriseId, @Region, @Section, @Open, 0, @Closed, 0, 0, @Terminated)", m);
        }
    }

    /// <summary>Months of an enterprise that had <paramref name="before"/> open positions for three months, then the given last month.</summary>
    internal static Month[] History(string[] periods, long enterpriseId, string region, string section, int before, int open, int closed, int terminated) =>
        [.. periods[..^1].Select(p => new Month(p, enterpriseId, region, section, before, 0, 0)), new Month(periods[^1], enterpriseId, region, section, open, closed, terminated)];

    /// <summary>The first enterprises of the demo data in a county.</summary>
    internal static async Task<long[]> EnterprisesAsync(Database db, string county, int count)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        return [.. await c.QueryAsync<long>($"SELECT id FROM enterprises WHERE region_code LIKE '{county}%' ORDER BY id LIMIT {count}")];
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement page) => page.GetProperty("items").EnumerateArray();

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Alerts_are_raised_kept_once_acknowledged_with_a_note_and_scoped_to_the_county(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        string[] periods = ["2031-01", "2031-02", "2031-03", "2031-04"];
        var qingtian = await EnterprisesAsync(db, "331121", 2);
        var liandu = (await EnterprisesAsync(db, "331102", 1))[0];
        await InsertAsync(db, [
            // 20 open for three months, then 4: an 80 % fall, severe (twice the 30 % threshold).
            .. History(periods, qingtian[0], "331121000000", "C", 20, 4, 0, 0),
            // 25 closed, 5 still open: a mass closure (25 ≥ 20) and a closed share of 83 % (≥ 50 %).
            .. History(periods, qingtian[1], "331121000000", "F", 5, 5, 25, 0),
            // 6 agreements terminated (≥ 5).
            .. History(periods, liandu, "331102000000", "C", 3, 3, 0, 6),
        ]);
        var warnings = app.Service<Warnings>();
        var first = await warnings.EvaluateAsync("2031-04", CancellationToken.None);
        Assert.Equal(8, first.Alerts);

        using var admin = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var page = await Json(await admin.GetAsync("/api/v1/analytics/warnings?period=2031-04&pageSize=100"));
        var alerts = Items(page).Select(a => (Subject: a.GetProperty("subjectType").GetString() + ":" + a.GetProperty("subjectName").GetString(),
            Kind: a.GetProperty("kind").GetString()!, Alert: a)).ToList();
        Assert.Equal(8, alerts.Count);
        var fall = alerts.Single(a => a.Alert.GetProperty("enterpriseId").ValueKind == JsonValueKind.Number
            && a.Alert.GetProperty("enterpriseId").GetInt64() == qingtian[0]).Alert;
        Assert.Equal("SharpFall", fall.GetProperty("kind").GetString());
        Assert.Equal("Severe", fall.GetProperty("severity").GetString());
        Assert.Equal(0.8, fall.GetProperty("measured").GetDouble(), 6);
        Assert.Equal(0.3, fall.GetProperty("threshold").GetDouble(), 6);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 20, 20, 20, 4], fall.GetProperty("trend").EnumerateArray().Select(v => v.GetInt32()));
        var closure = alerts.Where(a => a.Alert.TryGetProperty("enterpriseId", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt64() == qingtian[1])
            .Select(a => a.Kind).Order().ToList();
        Assert.Equal(["MassClosure", "MassClosureShare"], closure);
        Assert.Contains(alerts, a => a.Kind == "TerminatedAgreements" && a.Alert.GetProperty("regionCode").GetString() == "331102");
        // The industries of the counties: Qingtian's manufacturing fell, its construction closed positions, Liandu's manufacturing terminated.
        var industries = alerts.Where(a => a.Subject.StartsWith("industry:", StringComparison.Ordinal)).Select(a => (a.Alert.GetProperty("regionCode").GetString()!,
            a.Alert.GetProperty("industrySection").GetString()!, a.Kind)).Order().ToList();
        Assert.Equal([("331102", "C", "TerminatedAgreements"), ("331121", "C", "SharpFall"), ("331121", "F", "MassClosure"), ("331121", "F", "MassClosureShare")],
            industries);

        // The severe alerts (the enterprise's and its industry's fall) notified Qingtian's operators, once each.
        async Task<long> NotificationsAsync()
        {
            await using var c = await db.OpenAsync(CancellationToken.None);
            return await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM notifications n JOIN accounts a ON a.id = n.account_id WHERE a.user_name = 'qingtian.operator' " +
                "AND n.kind = 'earlyWarning.SharpFall' AND n.subject_id IN (SELECT id FROM early_warnings WHERE period = '2031-04')");
        }
        Assert.Equal(2, await NotificationsAsync());

        // Acknowledging needs a note; then who and when are kept, and audited.
        var id = fall.GetProperty("id").GetInt64();
        var noNote = await admin.PostAsJsonAsync($"/api/v1/analytics/warnings/{id}/acknowledgement", new { note = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.True((await Json(noNote)).GetProperty("errors").TryGetProperty("note", out _));
        var stale = await admin.PostAsJsonAsync($"/api/v1/analytics/warnings/{id}/acknowledgement", new { note = "已电话核实", version = 7 });
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var acknowledged = await admin.PostAsJsonAsync($"/api/v1/analytics/warnings/{id}/acknowledgement",
            new { note = "已电话核实：企业搬迁，岗位转至新厂区", version = fall.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var ack = await Json(acknowledged);
        Assert.False(string.IsNullOrEmpty(ack.GetProperty("acknowledgedBy").GetString()));
        Assert.Equal("已电话核实：企业搬迁，岗位转至新厂区", ack.GetProperty("acknowledgementNote").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/analytics/warnings/{id}/acknowledgement", new { note = "again" })).StatusCode);
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(1, await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM audit_log WHERE subject_type = 'earlyWarning' AND subject_id = @id AND action = 'update' AND detail LIKE '%企业搬迁%'", new { id }));
        }

        // Evaluating again changes nothing: no second alert, no second notification, the acknowledgement stays.
        var again = await warnings.EvaluateAsync("2031-04", CancellationToken.None);
        Assert.Equal((8, 0, 0), (again.Alerts, again.Raised, again.Cleared));
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(8, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM early_warnings WHERE period = '2031-04'"));
        }
        Assert.Equal(2, await NotificationsAsync());
        // When the facts change so that the fall is gone, the alert is marked cleared and keeps its acknowledgement.
        await InsertAsync(db, new Month("2031-04", qingtian[0], "331121000000", "C", 19, 0, 0));
        var changed = await warnings.EvaluateAsync("2031-04", CancellationToken.None);
        Assert.Equal(2, changed.Cleared);
        var after = await Json(await admin.GetAsync($"/api/v1/analytics/warnings/{id}"));
        Assert.Equal(JsonValueKind.String, after.GetProperty("clearedAt").ValueKind);
        Assert.Equal("已电话核实：企业搬迁，岗位转至新厂区", after.GetProperty("acknowledgementNote").GetString());

        // Qingtian's operator sees Qingtian's alerts only; another county's alert is 404; other roles are refused.
        using var county = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));
        var mine = Items(await Json(await county.GetAsync("/api/v1/analytics/warnings?period=2031-04&pageSize=100"))).ToList();
        Assert.NotEmpty(mine);
        Assert.All(mine, a => Assert.StartsWith("331121", a.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
        var liandusAlert = alerts.First(a => a.Alert.GetProperty("regionCode").GetString() == "331102").Alert.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync($"/api/v1/analytics/warnings/{liandusAlert}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await county.PostAsJsonAsync($"/api/v1/analytics/warnings/{liandusAlert}/acknowledgement", new { note = "x" })).StatusCode);
        using var recruiter = app.Client(await app.TokenAsync("recruiter", "Recruiter#2026"));
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync("/api/v1/analytics/warnings")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/analytics/warnings?kind=everything&period=2031-13")).StatusCode);
        var unacknowledged = Items(await Json(await admin.GetAsync("/api/v1/analytics/warnings?period=2031-04&acknowledged=false&kind=massClosure&sort=-severity"))).ToList();
        Assert.All(unacknowledged, a => Assert.Equal("MassClosure", a.GetProperty("kind").GetString()));
        Assert.Equal(2, unacknowledged.Count);

        // The export is CSV and audited.
        var csv = await admin.GetAsync("/api/v1/analytics/warnings/export?period=2031-04");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,period,subject_type,subject,", lines[0], StringComparison.Ordinal);
        Assert.Equal(9, lines.Length);
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(1, await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM audit_log WHERE subject_type = 'earlyWarning' AND action = 'export' AND detail LIKE '%2031-04%'"));
        }

        // The pages render for the operator, the acknowledgement with a note through the form too.
        using var pages = await UntranslatedTextTests.SignedInAsync(app, "qingtian.operator", "Operator#2026");
        var list = await pages.GetStringAsync("/analytics/warnings?period=2031-04");
        Assert.Contains("svg class=\"sparkline\"", list, StringComparison.Ordinal);
        Assert.Contains("已电话核实", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync("/analytics/warnings?handler=Csv&period=2031-04")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Thresholds_are_validated_versioned_audited_inherited_and_decide_what_is_raised(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        using var city = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        using var county = app.Client(await app.TokenAsync("qingtian.operator", "Operator#2026"));

        // 庆元 (331126) starts with the defaults; a township of it too.
        var defaults = await city.GetAsync("/api/v1/analytics/warnings/thresholds?region=331126");
        Assert.Equal("\"0\"", defaults.Headers.ETag?.Tag);
        var read = await Json(defaults);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("setFor").ValueKind);
        Assert.Equal(5, read.GetProperty("thresholds").GetProperty("terminatedAgreements").GetInt32());

        object Body(double share, int terminated) => new
        {
            sharpFallShare = share, sharpFallMinOpen = 10, massClosureCount = 20, massClosureShare = 0.5, massClosureMinPositions = 10,
            terminatedAgreements = terminated, severeFactor = 2.0,
        };
        async Task<HttpResponseMessage> PutAsync(HttpClient client, string region, object body, string? ifMatch)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/analytics/warnings/thresholds?region={region}") { Content = JsonContent.Create(body) };
            if (ifMatch is not null)
            {
                request.Headers.IfMatch.Add(ifMatch == "*" ? EntityTagHeaderValue.Any : new EntityTagHeaderValue(ifMatch));
            }
            return await client.SendAsync(request);
        }
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await PutAsync(city, "331126", Body(0.3, 2), null)).StatusCode);
        var invalid = await PutAsync(city, "331126", new { sharpFallShare = 1.5, massClosureCount = 0 }, "\"0\"");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await Json(invalid)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("sharpFallShare", out _));
        Assert.True(errors.TryGetProperty("massClosureCount", out _));
        Assert.True(errors.TryGetProperty("terminatedAgreements", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(county, "331126", Body(0.3, 2), "\"0\"")).StatusCode);

        var created = await PutAsync(city, "331126", Body(0.3, 2), "\"0\"");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await PutAsync(city, "331126", Body(0.3, 3), "\"0\"")).StatusCode);
        var inherited = await Json(await city.GetAsync("/api/v1/analytics/warnings/thresholds?region=331126101"));
        Assert.Equal("331126", inherited.GetProperty("setFor").GetString());
        Assert.Equal(2, inherited.GetProperty("thresholds").GetProperty("terminatedAgreements").GetInt32());
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(1, await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM audit_log WHERE subject_type = 'warningThresholds' AND region_code = '331126000000' AND action = 'create'"));
        }

        // Three terminations warn in 庆元 (threshold 2), not in 松阳 (331124, the default 5).
        string[] periods = ["2032-01", "2032-02", "2032-03", "2032-04"];
        // Enterprise ids the pool does not hold: an alert's region is its facts', and its name falls back to the id.
        await InsertAsync(db, [.. History(periods, 9_000_001, "331126000000", "H", 2, 2, 0, 3), .. History(periods, 9_000_002, "331124000000", "H", 2, 2, 0, 3)]);
        var result = await app.Service<Warnings>().EvaluateAsync("2032-04", CancellationToken.None);
        Assert.Equal(2, result.Alerts); // the enterprise and its county's industry
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(["331126000000", "331126000000"], await c.QueryAsync<string>("SELECT region_code FROM early_warnings WHERE period = '2032-04'"));
        }

        // Changing the thresholds queues the re-evaluation of the newest months evaluated.
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var changed = await PutAsync(city, "331126", Body(0.3, 4), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            // Queued now, or waiting already from before (the queue keeps one job per month waiting).
            var newest = await c.ExecuteScalarAsync<string>("SELECT max(period) FROM warning_evaluations");
            Assert.True(await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM jobs WHERE kind = 'analytics.warnings' AND payload LIKE @period AND (status = 'queued' OR created_at >= @since)",
                new { period = $"%{newest}%", since }) >= 1);
        }

        // The settings page shows an error per field.
        using var pages = await UntranslatedTextTests.SignedInAsync(app, "lishui.operator", "Operator#2026");
        var form = await pages.GetStringAsync("/analytics/warnings/settings?region=331126");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var posted = await pages.PostAsync("/analytics/warnings/settings?region=331126", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Version"] = "2", ["Values[sharpFallShare]"] = "abc", ["Values[sharpFallMinOpen]"] = "10",
            ["Values[massClosureCount]"] = "20", ["Values[massClosureShare]"] = "3", ["Values[massClosureMinPositions]"] = "10",
            ["Values[terminatedAgreements]"] = "4", ["Values[severeFactor]"] = "2",
        }));
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("id=\"sharpFallShare-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"massClosureShare-error\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"terminatedAgreements-error\"", html, StringComparison.Ordinal);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_daily_sweep_queues_months_whose_facts_are_newer_than_their_evaluation(string engine)
    {
        var app = await apps.For(engine);
        var db = app.Service<Database>();
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            await c.ExecuteAsync("DELETE FROM analytics_periods WHERE period >= '2039-01'");
            await c.ExecuteAsync(
                "INSERT INTO analytics_periods (period, refreshed_at, positions, postings, talents, agreements) VALUES ('2039-11', @at, 0, 0, 0, 0), ('2039-12', @at, 0, 0, 0, 0)",
                new { at = DateTimeOffset.UtcNow });
            await c.ExecuteAsync("INSERT INTO warning_evaluations (period, evaluated_at, subjects, alerts) VALUES ('2039-11', @at, 0, 0)",
                new { at = DateTimeOffset.UtcNow.AddDays(1) });
        }
        async Task<(long November, long December)> JobsAsync()
        {
            await using var c = await db.OpenAsync(CancellationToken.None);
            return (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'analytics.warnings' AND payload LIKE '%2039-11%'"),
                await c.ExecuteScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'analytics.warnings' AND payload LIKE '%2039-12%'"));
        }
        var before = await JobsAsync();
        await app.Service<Warnings>().QueueStaleAsync(CancellationToken.None);
        await app.Service<Warnings>().QueueStaleAsync(CancellationToken.None);
        var after = await JobsAsync();
        // December was never evaluated: queued (a second time only if the runner took the first meanwhile); November's
        // evaluation is newer than its facts.
        Assert.InRange(after.December - before.December, 1, 2);
        Assert.Equal(before.November, after.November);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TalentBridge.Domain.Flow;

namespace TalentBridge.Cli;

/// <summary>What every request of a step took and how it ended, and every flow event a client saw succeed.</summary>
internal sealed class FlowRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _latencies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]> _outcomes = new(StringComparer.Ordinal);

    /// <summary>(subject, id, action) of every write the client saw succeed: application history rows, invitation audit rows.</summary>
    public ConcurrentQueue<(string Subject, long Id, string Action)> Seen { get; } = new();

    /// <summary>The terms each application was last offered, as the client sent them.</summary>
    public ConcurrentDictionary<long, OfferTerms> Offers { get; } = new();

    /// <summary>Requests that failed without an answer (their effect is unknown) or answered 5xx.</summary>
    public int Errors => _outcomes.Values.Sum(o => o[2]);

    private readonly ConcurrentQueue<double> _warmUp = new();

    /// <summary>Requests started before this <see cref="Stopwatch"/> timestamp are the warm-up: counted apart, not in the figures.</summary>
    public long MeasureFrom { get; set; }

    /// <summary>The latencies of the warm-up's requests, sorted.</summary>
    public double[] WarmUp => [.. _warmUp.Order()];

    public void Record(string step, long started, double milliseconds, Outcome outcome)
    {
        if (started < MeasureFrom)
        {
            _warmUp.Enqueue(milliseconds);
            return;
        }
        _latencies.GetOrAdd(step, _ => new()).Enqueue(milliseconds);
        Interlocked.Increment(ref _outcomes.GetOrAdd(step, _ => new int[3])[(int)outcome]);
    }

    public void Saw(string subject, long id, string action) => Seen.Enqueue((subject, id, action));

    public IReadOnlyDictionary<string, double[]> Latencies => _latencies.ToDictionary(p => p.Key, p => p.Value.Order().ToArray(), StringComparer.Ordinal);

    public (int Ok, int Refused, int Errors) Outcomes(string step) =>
        _outcomes.TryGetValue(step, out var o) ? (o[0], o[1], o[2]) : (0, 0, 0);

    public long Requests => _outcomes.Values.Sum(o => (long)o[0] + o[1] + o[2]);

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}

internal enum Outcome
{
    Ok = 0,
    /// <summary>An answer the flow expects under concurrency: a rule (409), a stale version (412), a field (400), gone (404).</summary>
    Refused = 1,
    Error = 2,
}

/// <summary>A bench position: its id, enterprise, title, occupation and region (for the offer's terms) and its headcount when seeded.</summary>
internal sealed record BenchPosition(long Id, long EnterpriseId, string Title, string OccupationCode, string RegionCode, int Headcount);

/// <summary>
/// The simulated people of <c>bench flow</c>, each an HTTP client with its own API token and a think time between
/// actions. Talents apply, sign or withdraw offers, answer invitations; recruiters go through their positions'
/// candidates one step at a time (view, shortlist or refuse, interview, offer) and now and then invite a talent.
/// </summary>
internal sealed class FlowBenchUsers(FlowRecorder recorder, IReadOnlyList<BenchPosition> positions, IReadOnlyList<long> talentIds, TimeSpan think,
    DateOnly today)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record ApplicationDto(long Id, long PositionId, string State, int Version);

    private sealed record InvitationDto(long Id, long PositionId, string State, int Version, long? ApplicationId);

    private sealed record PageDto<T>(List<T> Items);

    private static readonly string[] Open = ["Applied", "Viewed", "Shortlisted", "Interview", "Offered"];

    public static HttpClient Client(HttpMessageHandler handler, Uri address, string token)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task ThinkAsync(Random random) =>
        await Task.Delay(TimeSpan.FromMilliseconds(think.TotalMilliseconds * (0.5 + random.NextDouble())));

    /// <summary>One request of a step, timed; the body is read before the clock stops. Never cancelled: a client that gave up could not tell what the server did.</summary>
    private async Task<(HttpStatusCode Status, T? Body, string? ETag)> SendAsync<T>(HttpClient client, string step, HttpMethod method, string url, object? body,
        string? ifMatch = null)
    {
        var started = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, options: Json);
            }
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            clock.Stop();
            var status = (int)response.StatusCode;
            recorder.Record(step, started, clock.Elapsed.TotalMilliseconds, status < 300 ? Outcome.Ok : status is 400 or 404 or 409 or 412 ? Outcome.Refused : Outcome.Error);
            var parsed = status < 300 && text.Length > 0 ? JsonSerializer.Deserialize<T>(text, Json) : default;
            return (response.StatusCode, parsed, response.Headers.ETag?.Tag);
        }
        catch (HttpRequestException)
        {
            recorder.Record(step, started, clock.Elapsed.TotalMilliseconds, Outcome.Error);
            return (0, default, null);
        }
        catch (TaskCanceledException)
        {
            recorder.Record(step, started, clock.Elapsed.TotalMilliseconds, Outcome.Error);
            return (0, default, null);
        }
    }

    private static string Tag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>A talent: answers an offer first, then an invitation, sometimes withdraws, and keeps up to three applications open.</summary>
    public async Task TalentAsync(HttpClient client, long talentId, int seed, Stopwatch clock, TimeSpan duration)
    {
        var random = new Random(seed);
        for (var round = 0; ; round++)
        {
            await ThinkAsync(random);
            if (clock.Elapsed >= duration)
            {
                return;
            }
            var (_, mine, _) = await SendAsync<PageDto<ApplicationDto>>(client, "myApplications", HttpMethod.Get, $"/api/v1/talents/{talentId}/applications?pageSize=50", null);
            var applications = mine?.Items ?? [];
            if (applications.FirstOrDefault(a => a.State == "Offered") is { } offered)
            {
                var sign = random.NextDouble() < 0.9;
                var (status, _, _) = await SendAsync<ApplicationDto>(client, sign ? "sign" : "withdraw", HttpMethod.Post,
                    $"/api/v1/applications/{offered.Id}/{(sign ? "sign" : "withdraw")}", new { reason = sign ? null : "已接受其他录用" }, Tag(offered.Version));
                if (status == HttpStatusCode.OK)
                {
                    recorder.Saw("application", offered.Id, sign ? "sign" : "withdraw");
                }
                continue;
            }
            if (round % 3 == 0 && await AnswerInvitationAsync(client, talentId, random))
            {
                continue;
            }
            var open = applications.Where(a => Open.Contains(a.State)).ToList();
            if (random.NextDouble() < 0.05 && open.FirstOrDefault(a => a.State is "Applied" or "Viewed" or "Shortlisted") is { } early)
            {
                var (status, _, _) = await SendAsync<ApplicationDto>(client, "withdraw", HttpMethod.Post, $"/api/v1/applications/{early.Id}/withdraw",
                    new { version = early.Version, reason = "不再考虑" });
                if (status == HttpStatusCode.OK)
                {
                    recorder.Saw("application", early.Id, "withdraw");
                }
                continue;
            }
            if (open.Count < 3)
            {
                var position = positions[random.Next(positions.Count)];
                if (open.Any(a => a.PositionId == position.Id))
                {
                    continue;
                }
                var (status, created, _) = await SendAsync<ApplicationDto>(client, "apply", HttpMethod.Post, $"/api/v1/positions/{position.Id}/applications",
                    new { keepForOtherPositions = random.NextDouble() < 0.5 });
                if (status == HttpStatusCode.Created)
                {
                    recorder.Saw("application", created!.Id, "apply");
                }
            }
        }
    }

    private async Task<bool> AnswerInvitationAsync(HttpClient client, long talentId, Random random)
    {
        var (_, received, _) = await SendAsync<PageDto<InvitationDto>>(client, "myInvitations", HttpMethod.Get, $"/api/v1/talents/{talentId}/invitations?pageSize=20", null);
        if (received?.Items.FirstOrDefault(i => i.State == "Sent") is not { } invitation)
        {
            return false;
        }
        var accept = random.NextDouble() < 0.7;
        var (status, answered, _) = await SendAsync<InvitationDto>(client, accept ? "accept" : "decline", HttpMethod.Post, $"/api/v1/invitations/{invitation.Id}/answer",
            new { action = accept ? "accept" : "decline", keepForOtherPositions = true }, Tag(invitation.Version));
        if (status == HttpStatusCode.OK)
        {
            recorder.Saw("invitation", invitation.Id, accept ? "accept" : "decline");
            if (answered?.ApplicationId is { } applicationId)
            {
                recorder.Saw("application", applicationId, "acceptInvitation");
            }
        }
        return true;
    }

    /// <summary>A recruiter: one step on one candidate of one of its positions per action; sometimes an invitation instead.</summary>
    public async Task RecruiterAsync(HttpClient client, IReadOnlyList<BenchPosition> own, int seed, Stopwatch clock, TimeSpan duration)
    {
        var random = new Random(seed);
        for (var round = 0; ; round++)
        {
            await ThinkAsync(random);
            if (clock.Elapsed >= duration)
            {
                return;
            }
            var position = own[round % own.Count];
            var (_, page, _) = await SendAsync<PageDto<ApplicationDto>>(client, "candidates", HttpMethod.Get, $"/api/v1/positions/{position.Id}/candidates?pageSize=50", null);
            var actionable = (page?.Items ?? []).Where(a => a.State is "Applied" or "Viewed" or "Shortlisted" or "Interview").ToList();
            if (actionable.Count == 0 || random.NextDouble() < 0.1)
            {
                var talent = talentIds[random.Next(talentIds.Count)];
                var (status, sent, _) = await SendAsync<InvitationDto>(client, "invite", HttpMethod.Post, $"/api/v1/talents/{talent}/invitations",
                    new { positionId = position.Id, message = "您好，诚邀您应聘本岗位。", days = 7 });
                if (status == HttpStatusCode.Created)
                {
                    recorder.Saw("invitation", sent!.Id, "invite");
                }
                continue;
            }
            var candidate = actionable[random.Next(actionable.Count)];
            var (found, current, etag) = await SendAsync<ApplicationDto>(client, "get", HttpMethod.Get, $"/api/v1/applications/{candidate.Id}", null);
            if (found != HttpStatusCode.OK || current is null)
            {
                continue;
            }
            var terms = current.State == "Interview" ? Terms(position, random) : null;
            (string? action, object? body) = current.State switch
            {
                "Applied" => ("view", (object)new { action = "view" }),
                "Viewed" when random.NextDouble() < 0.15 => ("refuse", new { action = "refuse", reason = "经验与岗位要求不符" }),
                "Viewed" => ("shortlist", new { action = "shortlist" }),
                "Shortlisted" => ("scheduleInterview", new
                {
                    action = "scheduleInterview",
                    interviewAt = DateTimeOffset.UtcNow.AddDays(2 + random.Next(5)).ToString("O", CultureInfo.InvariantCulture),
                    interviewPlace = "企业总部二楼会议室",
                }),
                "Interview" => ("offer", new { action = "offer", offer = Offer(terms!) }),
                _ => ((string?)null, (object?)null),
            };
            if (action is null)
            {
                continue; // someone else moved it on meanwhile
            }
            var (stepped, _, _) = await SendAsync<ApplicationDto>(client, action, HttpMethod.Post, $"/api/v1/applications/{current.Id}/steps", body, etag);
            if (stepped == HttpStatusCode.OK)
            {
                recorder.Saw("application", current.Id, action);
                if (terms is not null)
                {
                    recorder.Offers[current.Id] = terms;
                }
            }
        }
    }

    private OfferTerms Terms(BenchPosition position, Random random) => new()
    {
        PositionTitle = position.Title,
        OccupationCode = position.OccupationCode,
        MonthlySalary = 6000 + 100 * random.Next(31),
        MonthsPerYear = 12 + random.Next(3),
        StartOn = today.AddDays(14 + random.Next(14)),
        EngagementMode = Domain.EngagementModes.FullTime,
        RegionCode = position.RegionCode,
        ProbationMonths = random.Next(4),
        SignBy = today.AddDays(7),
    };

    private static object Offer(OfferTerms terms) => new
    {
        monthlySalary = terms.MonthlySalary,
        monthsPerYear = terms.MonthsPerYear,
        startOn = terms.StartOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        engagementMode = terms.EngagementMode.ToString(),
        regionCode = terms.RegionCode,
        probationMonths = terms.ProbationMonths,
        signBy = terms.SignBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}

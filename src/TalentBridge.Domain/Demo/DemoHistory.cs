using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;

namespace TalentBridge.Domain.Demo;

/// <summary>A generated application of the demo history, in its final state (refused, withdrawn or signed).</summary>
public sealed record HistoricApplication(long Id, long PositionId, long TalentId, long EnterpriseId, string RegionCode, ApplicationState State,
    DateTimeOffset AppliedAt, DateTimeOffset UpdatedAt, OfferTerms? Offer, DateTimeOffset? OfferedAt, string? RefusalReason);

/// <summary>A generated signed agreement (with its content hash) and, for some, its termination.</summary>
public sealed record HistoricAgreement(long Id, long ApplicationId, long PositionId, long TalentId, long EnterpriseId, string RegionCode, OfferTerms Terms,
    DateTimeOffset OfferedAt, DateTimeOffset SignedAt, string ContentHash, DateTimeOffset? TerminatedAt, string? TerminationReason);

/// <summary>A closed position of the demo history with what happened to it.</summary>
public sealed record HistoricPosition(Position Position, IReadOnlyList<HistoricApplication> Applications, HistoricAgreement? Agreement);

public sealed partial class DemoDataGenerator
{
    private const ulong HistoryStream = 0x7A1E_0006;
    private const ulong ShrinkStream = 0x7A1E_0007;
    private const ulong FlowStream = 0x7A1E_0008;

    /// <summary>Days before today that the positions of <see cref="Positions"/> cover; history ends before them.</summary>
    private const int CurrentDays = 90;

    /// <summary>Months of history in all (the current 90 days included).</summary>
    public const int HistoryMonths = 24;

    /// <summary>
    /// Postings per calendar month relative to the average: quiet before 春节 (January, early February), the spring peak
    /// after it (late February to April), the graduates' bump (June, July), quieter around 国庆 and at the year's end.
    /// </summary>
    private static readonly double[] Season = [0.6, 1.0, 1.6, 1.3, 1.0, 1.15, 1.35, 1.0, 1.0, 0.75, 0.85, 0.8];

    /// <summary>Postings per month of a shrinking enterprise, from 12 months before today (before the mass closure) to the last.</summary>
    private static readonly int[] Shrinking = [8, 8, 8, 8, 8, 8, 6, 4, 3, 2, 1, 0];

    private static readonly string[] RefusalReasons = ["岗位已招满", "经验与岗位要求不符", "技能与岗位要求不符", "求职意向与岗位不符"];
    private static readonly string[] TerminationReasons = ["企业经营调整，岗位撤销", "双方协商一致解除", "试用期内解除"];

    /// <summary>
    /// Enterprises that shrink over the last six months: falling postings, a mass closure of their open positions two
    /// months ago and terminated agreements. About one in a hundred, never enterprise 1 (the demo enterprise's account).
    /// </summary>
    public IReadOnlyList<long> ShrinkingEnterprises()
    {
        var list = new List<long>();
        for (long id = 2; id <= _scale.Enterprises; id++)
        {
            var rng = new DemoRandom(_seed, ShrinkStream, id);
            if (rng.Chance(0.01))
            {
                list.Add(id);
            }
        }
        return list;
    }

    /// <summary>
    /// The demo's history: closed positions posted in the 21 months before the last 90 days with seasonal volume, and
    /// the postings of the shrinking enterprises; each with applications from talents registered before them and, for
    /// some, a signed agreement (salary in its terms), a few later terminated. Ids continue after <see cref="Positions"/>
    /// (positions) and start at 1 (applications, agreements) in stream order; deterministic for the seed and today.
    /// </summary>
    public IEnumerable<HistoricPosition> History()
    {
        if (_scale.HistoricPositionsPerMonth == 0)
        {
            yield break;
        }
        var ids = new HistoryIds { Position = _scale.Positions };
        var start = _today.AddMonths(-(HistoryMonths - 1));
        start = new DateOnly(start.Year, start.Month, 1);
        // Before the last 90 days the history is all there is; within them it adds positions filled and closed quickly (at
        // a third of the rate, beside the current positions), so that applications and agreements go on to the last weeks.
        var window = _today.AddDays(-CurrentDays);
        var end = _today.AddDays(-7);
        for (var month = start; month <= end; month = month.AddMonths(1))
        {
            var last = month.AddMonths(1).AddDays(-1);
            var to = last < end ? last : end;
            var days = to.DayNumber - month.DayNumber + 1;
            var recent = Math.Clamp(to.DayNumber - window.DayNumber + 1, 0, days);
            var weighted = days - recent + (recent / 3.0);
            var count = (int)Math.Round(_scale.HistoricPositionsPerMonth * Season[month.Month - 1] * weighted / last.Day);
            for (var i = 0; i < count; i++)
            {
                var id = ++ids.Position;
                var rng = new DemoRandom(_seed, HistoryStream, id);
                // Uniform over the month's days, a recent day counting a third.
                var posted = month.AddDays((int)(rng.NextDouble() * weighted));
                if (posted.DayNumber - month.DayNumber >= days - recent)
                {
                    posted = month.AddDays(days - recent + (int)((posted.DayNumber - month.DayNumber - (days - recent)) * 3.0));
                }
                var close = posted >= window ? rng.Between(3, Math.Max(3, Math.Min(30, end.DayNumber - posted.DayNumber + 6))) : rng.Between(14, 75);
                yield return Historic(Position(id), posted, posted.AddDays(close), ids, ref rng, terminations: 0.02);
            }
        }
        // The shrinking enterprises: steady postings, then fewer each month; two months ago they closed every position
        // still open on one day.
        var closure = _today.AddMonths(-2);
        foreach (var enterprise in ShrinkingEnterprises())
        {
            for (var m = 0; m < Shrinking.Length; m++)
            {
                var month = _today.AddMonths(m - Shrinking.Length);
                month = new DateOnly(month.Year, month.Month, 1);
                for (var i = 0; i < Shrinking[m]; i++)
                {
                    var id = ++ids.Position;
                    var rng = new DemoRandom(_seed, HistoryStream, id);
                    var posted = month.AddDays(rng.Next(DateTime.DaysInMonth(month.Year, month.Month)));
                    if (posted >= _today)
                    {
                        posted = _today.AddDays(-1);
                    }
                    var closed = posted.AddDays(rng.Between(30, 120));
                    if (posted < closure && closed > closure)
                    {
                        closed = closure;
                    }
                    yield return Historic(Position(id, enterprise), posted, closed, ids, ref rng, terminations: 0.6);
                }
            }
        }
    }

    /// <summary>The next ids of the history's three streams.</summary>
    private sealed class HistoryIds
    {
        public long Position { get; set; }
        public long Application { get; set; }
        public long Agreement { get; set; }
    }

    private HistoricPosition Historic(Position drawn, DateOnly posted, DateOnly closed, HistoryIds ids, ref DemoRandom rng, double terminations)
    {
        var yesterday = _today.AddDays(-1);
        if (closed > yesterday)
        {
            closed = yesterday;
        }
        if (closed < posted)
        {
            closed = posted;
        }
        var openDays = closed.DayNumber - posted.DayNumber;
        var flow = new DemoRandom(_seed, FlowStream, drawn.Id);
        var applications = new List<HistoricApplication>();
        HistoricAgreement? agreement = null;
        var talents = new HashSet<long>();
        var wanted = flow.Between(0, drawn.Headcount > 2 ? 8 : 5);
        var fills = flow.Chance(0.45);
        for (var i = 0; i < wanted; i++)
        {
            var talent = 1 + flow.Next(_scale.Talents);
            var applied = At(posted.AddDays(flow.Next(Math.Max(1, openDays - 2))), ref flow);
            if (!talents.Add(talent) || TalentDraftFor(talent).CreatedAt > applied)
            {
                continue;
            }
            var id = ++ids.Application;
            var region = drawn.RegionCode;
            if (fills && agreement is null && i == wanted - 1 && closed.DayNumber - ChinaTime.Date(applied).DayNumber >= 4)
            {
                // The last applicant got an offer and signed; the position closed when its place was taken.
                var signed = At(closed.AddDays(-flow.Between(0, 2)), ref flow);
                var offered = signed.AddDays(-flow.Between(1, 3));
                if (offered < applied)
                {
                    offered = applied.AddHours(2);
                }
                var mode = (drawn.EngagementMode & EngagementModes.FullTime) != 0 ? EngagementModes.FullTime
                    : (drawn.EngagementMode & EngagementModes.PartTime) != 0 ? EngagementModes.PartTime : EngagementModes.Project;
                var terms = new OfferTerms
                {
                    PositionTitle = drawn.Title,
                    OccupationCode = drawn.OccupationCode,
                    MonthlySalary = drawn.SalaryMin + (flow.Next(((drawn.SalaryMax - drawn.SalaryMin) / 100) + 1) * 100),
                    MonthsPerYear = drawn.MonthsPerYear,
                    StartOn = ChinaTime.Date(signed).AddDays(flow.Between(7, 30)),
                    EngagementMode = mode,
                    RegionCode = drawn.RegionCode,
                    ProbationMonths = flow.Between(0, 3),
                    SignBy = ChinaTime.Date(signed),
                };
                var agreementId = ++ids.Agreement;
                DateTimeOffset? terminatedAt = null;
                if (flow.Chance(terminations))
                {
                    // Terminated within the last three months (and after signing).
                    var day = _today.AddDays(-flow.Between(1, 90));
                    var at = At(day, ref flow);
                    terminatedAt = at > signed ? at : null;
                }
                agreement = new HistoricAgreement(agreementId, id, drawn.Id, talent, drawn.EnterpriseId, region, terms, offered, signed,
                    terms.AgreementHash(id, talent, drawn.EnterpriseId, offered, null, signed, null), terminatedAt,
                    terminatedAt is null ? null : flow.Pick(TerminationReasons));
                applications.Add(new HistoricApplication(id, drawn.Id, talent, drawn.EnterpriseId, region, ApplicationState.Signed, applied, signed, terms,
                    offered, null));
                continue;
            }
            var end = At(posted.AddDays(Math.Min(openDays, ChinaTime.Date(applied).DayNumber - posted.DayNumber + flow.Between(1, 10))), ref flow);
            if (end < applied)
            {
                end = applied.AddHours(1);
            }
            var refused = flow.Chance(0.7);
            applications.Add(new HistoricApplication(id, drawn.Id, talent, drawn.EnterpriseId, region,
                refused ? ApplicationState.Refused : ApplicationState.Withdrawn, applied, end, null, null, refused ? flow.Pick(RefusalReasons) : null));
        }
        var createdAt = At(posted, ref rng);
        var closedAt = At(closed, ref rng);
        var position = drawn with
        {
            // What is left of the headcount after the agreement took its place, as signing leaves it.
            Headcount = drawn.Headcount - (agreement is null ? 0 : 1),
            Status = PositionStatus.Closed,
            PostedOn = posted,
            ExpiresOn = posted.AddDays(90),
            CreatedAt = createdAt,
            // Its last change was its closing (the day the analytics take as its end).
            UpdatedAt = closedAt < createdAt ? createdAt : closedAt,
        };
        return new HistoricPosition(position, applications, agreement);
    }

    /// <summary>An instant in working hours (9–18 h China time) of a China day, to the second.</summary>
    private static DateTimeOffset At(DateOnly day, ref DemoRandom rng) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset).AddSeconds(rng.Next(9 * 3600)).ToUniversalTime();
}

using TalentBridge.Domain.Flow;
using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.Demo;

/// <summary>One step of a generated order's history; <see cref="Expert"/> is the index of the proposed expert for proposals and answers.</summary>
public sealed record GeneratedOrderStep(DateTimeOffset At, string Action, FlowActor Actor, DemandOrderState From, DemandOrderState To, int? Expert = null,
    string? Note = null);

/// <summary>A generated demand order with its history (the demo's and the SLA bench's).</summary>
public sealed record GeneratedOrder(int Index, string RegionCode, int Enterprise, DateTimeOffset PlacedAt, ServiceModes Mode, string Title, string Problem,
    string Field, string? OccupationCode, IReadOnlyList<GeneratedOrderStep> Steps);

/// <summary>
/// Demand orders of a city's enterprises over a period, deterministic for a seed: needs typical of the counties' industries
/// (Lishui's by default), placed mostly in working hours; about one in eight waits on the enterprise for a while; most get
/// a first proposal within a day, some within two, a few later; proposed experts accept, decline or let the reply
/// time pass. Histories only: the platform computes the clocks.
/// </summary>
public static class DemandOrderGenerator
{
    private static readonly (string Title, string Field, string? Occupation, ServiceModes Mode)[] Needs =
    [
        ("铝箔轧制工艺优化", "有色金属压延", "2-02-05-02", ServiceModes.ProjectCooperation),
        ("阀门铸造缺陷分析", "铸造工艺", "2-02-07-13", ServiceModes.Consulting),
        ("机床数控系统升级", "数控机床", "2-02-07-07", ServiceModes.ProjectCooperation),
        ("木制玩具外观设计", "工业设计", "2-02-34-02", ServiceModes.PartTime),
        ("茶叶深加工技术指导", "茶叶加工", "6-02-06-10", ServiceModes.Consulting),
        ("香菇菌种选育", "食用菌栽培", "5-01-02-03", ServiceModes.Workstation),
        ("跨境电商运营诊断", "电子商务", "4-01-06-01", ServiceModes.Consulting),
        ("民宿数字化营销方案", "市场营销", "2-06-07-02", ServiceModes.PartTime),
        ("机器视觉质检方案", "人工智能", "2-02-38-01", ServiceModes.ProjectCooperation),
        ("小水电站智能运维", "水电运维", "6-28-01-09", ServiceModes.TechnologyShares),
        ("中药材种植规范", "中药材种植", "5-01-02-05", ServiceModes.Workstation),
        ("半导体封装良率提升", "半导体工艺", "2-02-09-01", ServiceModes.TechnologyShares),
        ("青瓷釉料配方改良", "陶瓷工艺", "4-08-10-01", ServiceModes.ProjectCooperation),
        ("竹木制品防霉处理", "木材加工", "2-02-20-07", ServiceModes.Consulting),
        ("企业数字化转型咨询", "信息化", "2-02-10-05", ServiceModes.Consulting),
    ];

    /// <summary><paramref name="count"/> orders placed between <paramref name="from"/> and <paramref name="to"/> by enterprises 0..<paramref name="enterprises"/>-1 of the counties.</summary>
    public static IEnumerable<GeneratedOrder> Generate(int seed, int count, IReadOnlyList<string> counties, int enterprises, int experts,
        DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(counties);
        var span = (to - from).TotalMinutes;
        for (var i = 0; i < count; i++)
        {
            var rng = new DemoRandom(seed, 0x5AED, i);
            var placed = PlaceInWorkingHours(from.AddMinutes(rng.NextDouble() * span));
            var need = rng.Pick(Needs);
            var county = counties[rng.Next(counties.Count)];
            yield return new GeneratedOrder(i, county, rng.Next(Math.Max(1, enterprises)), placed, need.Mode, need.Title,
                $"{need.Title}：企业在{need.Field}方面遇到瓶颈，希望共享专家给予指导。", need.Field, need.Occupation, Steps(ref rng, placed, experts, to));
        }
    }

    /// <summary>China working hours are when enterprises place most orders: move an instant at night to 9–17 h the same day.</summary>
    private static DateTimeOffset PlaceInWorkingHours(DateTimeOffset instant)
    {
        var local = instant.ToOffset(ChinaTime.Offset);
        if (local.Hour is >= 9 and < 17)
        {
            return instant;
        }
        return new DateTimeOffset(local.Date, ChinaTime.Offset).AddHours(9 + (local.Minute % 8)).AddMinutes(local.Second).ToUniversalTime();
    }

    private static List<GeneratedOrderStep> Steps(ref DemoRandom rng, DateTimeOffset placed, int experts, DateTimeOffset end)
    {
        var steps = new List<GeneratedOrderStep> { new(placed, "place", FlowActor.Enterprise, DemandOrderState.Open, DemandOrderState.Open) };
        var at = placed;
        if (rng.Chance(0.12))
        {
            at = at.AddHours(rng.Between(1, 20));
            steps.Add(new(at, "askEnterprise", FlowActor.Operator, DemandOrderState.Open, DemandOrderState.AwaitingEnterprise, Note: "请补充技术参数与预期目标"));
            at = at.AddHours(rng.Between(2, 72));
            steps.Add(new(at, "answer", FlowActor.Enterprise, DemandOrderState.AwaitingEnterprise, DemandOrderState.Open, Note: "已补充"));
        }
        var roll = rng.NextDouble();
        var hours = roll < 0.7 ? rng.Between(1, 24) : roll < 0.92 ? rng.Between(24, 48) : rng.Between(48, 120);
        at = at.AddHours(hours).AddMinutes(rng.Between(0, 59));
        if (at > end || experts == 0)
        {
            return steps; // still open at the end of the period
        }
        if (rng.Chance(0.03))
        {
            steps.Add(new(at, "cancel", FlowActor.Enterprise, steps[^1].To, DemandOrderState.Cancelled, Note: "需求已自行解决"));
            return steps;
        }
        var expert = rng.Next(experts);
        steps.Add(new(at, "propose", FlowActor.Operator, steps[^1].To, DemandOrderState.Proposed, expert));
        var answer = rng.NextDouble();
        if (answer < 0.15 && experts > 1)
        {
            // The first expert declines; a second one is proposed and accepts.
            at = at.AddHours(rng.Between(1, 20));
            steps.Add(new(at, "decline", FlowActor.Talent, DemandOrderState.Proposed, DemandOrderState.Proposed, expert, "档期冲突"));
            expert = (expert + 1 + rng.Next(Math.Max(1, experts - 1))) % experts;
            steps.Add(new(at, "propose", FlowActor.System, DemandOrderState.Proposed, DemandOrderState.Proposed, expert));
        }
        at = at.AddHours(rng.Between(1, 20));
        if (at <= end)
        {
            steps.Add(new(at, "engage", FlowActor.Talent, DemandOrderState.Proposed, DemandOrderState.Engaged, expert));
        }
        return steps;
    }
}

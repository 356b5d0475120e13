using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Competitions;

/// <summary>
/// A finished demo competition in Lishui, written through the use cases (validated and audited like an organiser's,
/// the judges' and the entrants' own steps): two tracks, entries by demo talents (the demo talent among them, some
/// entering for enterprise 1, whose users judge and therefore stand aside), a declared conflict, five judges' sheets
/// with a tie, the published results, the gold winners' awards on their records and the demo talent's invitation into
/// the shared pool waiting for an answer.
/// </summary>
public sealed class CompetitionDemo(Database db, Competitions competitions, CompetitionEntries entries, CompetitionJudging judging,
    CompetitionResults results, TimeProvider time)
{
    private static readonly Caller Organiser = new(null, Role.PlatformAdmin, null, null, null);

    private static readonly string[] Judges = ["lishui.operator", "qingtian.operator", "enterprise.admin", "recruiter", "admin"];

    /// <summary>Each track: name, criteria, awards, and every entrant's points per judge before the criteria split (the demo talent first).</summary>
    private static readonly (string Name, Criterion[] Criteria, int Gold, int Silver, int Bronze, string[] Works)[] Tracks =
    [
        ("数控车工", [new("工艺方案", 30), new("加工精度", 50), new("安全文明生产", 20)], 1, 2, 3,
            ["阶梯轴精密车削", "螺纹配合件加工", "薄壁套筒车削", "偏心轴加工", "细长轴车削", "锥度配合件", "多线螺纹加工"]),
        ("电子商务师", [new("选品与运营", 40), new("数据分析", 30), new("现场答辩", 30)], 1, 1, 2,
            ["丽水山耕直播运营方案", "青田石雕跨境店铺", "缙云烧饼社群营销", "龙泉青瓷品牌店铺", "松阳茶叶私域运营", "遂昌竹炭选品"]),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        var today = ChinaTime.Date(time.GetUtcNow());
        var competition = Ok(await competitions.CreateAsync(Organiser, new Competition
        {
            Name = $"{today.Year}年丽水市“丽水工匠”职业技能大赛", Organiser = "丽水市人力资源和社会保障局", RegionCode = "3311", Level = RecognitionLevel.City,
            Description = "以赛引才：获奖选手可记入人才库档案，并受邀申请加入丽水市共享人才库。",
            EntryFrom = today.AddDays(-120), EntryUntil = today.AddDays(-60), FinalOn = today.AddDays(-45),
        }, ct));
        var tracks = new List<Track>();
        foreach (var (name, criteria, gold, silver, bronze, _) in Tracks)
        {
            tracks.Add(Ok(await competitions.AddTrackAsync(Organiser, competition.Id, new Track
            {
                Name = name, Criteria = criteria, Gold = gold, Silver = silver, Bronze = bronze,
            }, ct)));
        }
        var judges = new List<JudgeView>();
        foreach (var track in tracks)
        {
            foreach (var userName in Judges)
            {
                judges.Add(Ok(await judging.AssignAsync(Organiser, competition.Id, track.Id, userName, null, ct)));
            }
        }
        competition = Ok(await competitions.StepAsync(Organiser, competition.Id, null, CompetitionAction.OpenEntry, ct));
        List<long> entrants;
        string? uscc;
        await using (var c = await db.OpenAsync(ct))
        {
            // The demo talent (record 1) and Lishui's next talents enter; enterprise 1 is the one its users judge for.
            entrants = [1, .. await c.QueryAsync<long>(new CommandDefinition(
                "SELECT id FROM talents WHERE id > 1 AND residence_region_code BETWEEN '331100000000' AND '331199999999' ORDER BY id LIMIT 12", cancellationToken: ct))];
            uscc = await c.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT uscc FROM enterprises WHERE id = 1", cancellationToken: ct));
        }
        var entered = new List<EntryView>();
        var n = 0;
        for (var t = 0; t < tracks.Count; t++)
        {
            foreach (var work in Tracks[t].Works)
            {
                if (n >= entrants.Count)
                {
                    break;
                }
                var talent = new Caller(null, Role.Talent, null, null, entrants[n]);
                var team = n % 4 == 3;
                entered.Add(Ok(await entries.EnterAsync(talent, competition.Id, new EntryForm
                {
                    TrackId = tracks[t].Id, Title = work, Summary = $"{work}：参赛作品说明。", TeamName = team ? $"{work}团队" : null,
                    Members = team ? ["王明", "陈静"] : [],
                }, n % 3 == 1 ? uscc : null, ct)));
                n++;
            }
        }
        competition = Ok(await competitions.StepAsync(Organiser, competition.Id, null, CompetitionAction.CloseEntry, ct));
        // 青田县人社局's judge declares a conflict (师生关系) with the third entry of the first track.
        var declaring = judges.First(j => j.TrackId == tracks[0].Id && j.UserName == "qingtian.operator");
        Ok(await judging.DeclareAsync(Organiser, competition.Id, declaring.Id, entered.Where(e => e.TrackId == tracks[0].Id).ElementAt(2).Id, "师生关系", ct));
        var board = (await judging.BoardAsync(Organiser, competition.Id, ct))!;
        for (var i = 0; i < entered.Count; i++)
        {
            var entry = entered[i];
            var track = tracks.Single(k => k.Id == entry.TrackId);
            var index = entered.Where(e => e.TrackId == entry.TrackId).ToList().IndexOf(entry);
            foreach (var judge in judges.Where(j => j.TrackId == entry.TrackId && board.ExclusionOf(j.Id, entry.Id) is null))
            {
                // The first entrant of each track leads; the second and third get the same sheets (a tie where the same judges count them).
                var points = 92m - (index == 2 ? 1 : index) * 4 - (judges.IndexOf(judge) % 5) + (index == 0 ? judges.IndexOf(judge) % 2 : 0);
                var judgeCaller = new Caller(judge.AccountId, null, null, null, null);
                Ok(await judging.ScoreAsync(judgeCaller, competition.Id, entry.Id, Split(track, points), ct));
            }
        }
        competition = Ok(await results.PublishAsync(Organiser, competition.Id, null, ct));
        var published = (await results.ResultsAsync(Organiser, competition.Id, ct))!;
        foreach (var row in published.SelectMany(t => t.Rows).Where(r => r.Result.Award == Award.Gold))
        {
            Ok(await results.RecordAwardAsync(Organiser, row.Entry.Id, ct));
            if (row.Entry.TalentId == 1)
            {
                Ok(await results.InviteAsync(Organiser, row.Entry.Id, ct));
            }
        }
    }

    /// <summary>The value of a demo step; a refusal is a bug of the demo, reported with its errors.</summary>
    private static T Ok<T>(WriteResult<T> result) where T : class =>
        result.Status == WriteStatus.Ok ? result.Value! : throw new InvalidOperationException($"The competition demo was refused: {result.Status} {result.Errors}");

    /// <summary>A judge's total split over the criteria in proportion to their maxima (the last takes the rest).</summary>
    private static List<decimal> Split(Track track, decimal total)
    {
        var parts = track.Criteria.Select(k => decimal.Round(total * k.MaxPoints / 100m, 2)).ToList();
        parts[^1] = total - parts.Take(parts.Count - 1).Sum();
        return parts;
    }
}

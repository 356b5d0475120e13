using TalentBridge.Domain.Matching;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.Training;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Training;

/// <summary>
/// A talent's training advice as the pages and the API show it: the gaps, the programmes ranked with what each would
/// open, the positions named (<see cref="Positions"/>, by id) and the talent's enrolments. <see cref="Blocked"/> is set
/// (talentVisible) when the talent cannot be matched at all (hidden, pool-only or inactive): then there is no advice.
/// </summary>
public sealed record TrainingAdviceView(long TalentId, DateOnly Day, string? Blocked, double Threshold, int PositionsConsidered,
    IReadOnlyList<SkillGap> Gaps, IReadOnlyList<TrainingRecommendation> Recommendations, IReadOnlyDictionary<long, MatchedPosition> Positions,
    IReadOnlyList<Enrolment> Enrolments);

public sealed record TrainingAdviceAnswer(MatchStatus Status, TrainingAdviceView? Advice);

/// <summary>
/// Training recommendations for a talent (我的培训): their best-matched positions from the match index (the same list
/// as 推荐岗位, without exposure adjustment), the gaps in them and the programmes of the catalogue ranked by
/// <see cref="TrainingRecommender"/>. Who may ask: as for the talent's matches (the talent, operators of their region,
/// administrators); anyone else gets "not found".
/// </summary>
public sealed class TrainingAdvisor(MatchQueries queries, MatchService service, TalentStore talents, Programmes programmes, Enrolments enrolments,
    ReferenceData reference)
{
    /// <summary>How many of the talent's best matches the advice reads.</summary>
    public const int PositionsConsidered = 20;

    public async Task<TrainingAdviceAnswer> ForTalentAsync(Caller caller, long talentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await talents.FindAsync(talentId, ct) is not { } talent || !caller.CanSeePositionsFor(reference.Regions, talentId, talent.ResidenceRegionCode))
        {
            return new TrainingAdviceAnswer(MatchStatus.NotFound, null);
        }
        if (await queries.IndexAsync(ct) is not { } index)
        {
            return new TrainingAdviceAnswer(MatchStatus.Warming, null);
        }
        var day = service.Today;
        var own = await enrolments.ForTalentAsync(caller, talentId, ct) ?? [];
        var list = index.PositionsFor(talentId, PositionsConsidered, day, exposureAware: false);
        if (list.Blocked is not null || !list.Found)
        {
            return new TrainingAdviceAnswer(MatchStatus.Ok, new TrainingAdviceView(talentId, day, "talentVisible", TrainingRecommender.DefaultThreshold, 0, [], [],
                new Dictionary<long, MatchedPosition>(), own));
        }
        var matched = list.Results.Select(r => index.FindPosition(r.Id)).OfType<PositionProfile>().ToList();
        // Programmes of the talent's province, and online ones from anywhere; those already taken are not offered again.
        var province = talent.ResidenceRegionCode[..2];
        var taken = own.Where(e => e.Status != EnrolmentStatus.Withdrawn).Select(e => e.ProgrammeId).ToHashSet();
        var candidates = (await programmes.ActiveAsync(ct))
            .Where(p => !taken.Contains(p.Id) && (p.Mode == DeliveryMode.Online || p.RegionCode.StartsWith(province, StringComparison.Ordinal)));
        var advice = TrainingRecommender.Recommend(talent, matched, candidates, index.Skills, day);
        var named = advice.Recommendations.SelectMany(r => r.Raised.Select(o => o.PositionId)).Concat(advice.Gaps.SelectMany(g => g.PositionIds)).Distinct().ToList();
        return new TrainingAdviceAnswer(MatchStatus.Ok, new TrainingAdviceView(talentId, day, null, advice.Threshold, advice.PositionsConsidered, advice.Gaps,
            advice.Recommendations, await queries.PositionCardsAsync(named, ct), own));
    }
}

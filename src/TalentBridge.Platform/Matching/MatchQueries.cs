using System.Text.Json;
using TalentBridge.Domain;
using TalentBridge.Domain.Matching;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Matching;

public enum MatchStatus
{
    Ok,
    NotFound,
    Forbidden,
    /// <summary>The index is still being built after a start.</summary>
    Warming,
}

/// <summary>One factor's part of a score, rounded for display; the points of a result sum to its score.</summary>
public sealed record FactorPoints(string Factor, string Side, double Value, double Weight, double Points);

/// <summary>A recommended talent as a position's owner sees it: no contact data.</summary>
public sealed record MatchedTalent(string Name, int BirthYear, EducationLevel Education, string ResidenceRegionCode,
    IReadOnlyList<TalentOccupation> Occupations, int? ExpectedSalaryMin, int? ExpectedSalaryMax, DateTimeOffset UpdatedAt);

/// <summary>A recommended position as a talent sees it.</summary>
public sealed record MatchedPosition(string Title, long EnterpriseId, string? EnterpriseName, string RegionCode, string OccupationCode,
    int SalaryMin, int SalaryMax, int MonthsPerYear, DateOnly PostedOn);

/// <summary>One recommendation with its explanation.</summary>
public sealed record MatchItem(
    long Id,
    double Score,
    double RankScore,
    double ExposureBonus,
    double PositionView,
    double TalentView,
    IReadOnlyList<FactorPoints> Factors,
    IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<string> MissingSkills,
    IReadOnlyList<string> ConditionsPassed,
    MatchedTalent? Talent,
    MatchedPosition? Position);

/// <summary>
/// The recommendations for one subject. <see cref="Blocked"/> names the hard condition that rules the
/// subject itself out (positionOpen: the position is closed or expired; talentVisible: the talent is
/// hidden, pool-only or inactive); the list is then empty.
/// </summary>
public sealed record MatchPage(string Subject, long SubjectId, DateOnly Day, string? Blocked, bool ExposureAware, IReadOnlyList<MatchItem> Results);

public sealed record MatchAnswer(MatchStatus Status, MatchPage? Page);

/// <summary>
/// Match queries for the API, the pages and the CLI: who may ask, and the answer with display data.
/// 推荐人才 (talents for a position): the position's enterprise, operators whose region holds the
/// position, admins. 推荐岗位 (positions for a talent): the talent, operators of the talent's region, admins.
/// Positions are public, so a caller who may not see a position's matches is told so (403); a talent's
/// record is not, so for a talent anyone else gets 404, as for a talent that does not exist.
/// </summary>
public sealed class MatchQueries(MatchService service, MatchImpressions impressions, TalentStore talents, PositionStore positions, ReferenceData reference)
{
    public const int MaxTake = 100;
    private static readonly TimeSpan WarmupWait = TimeSpan.FromSeconds(5);
    private static readonly JsonNamingPolicy Names = JsonNamingPolicy.CamelCase;

    public async Task<MatchAnswer> TalentsForPositionAsync(Caller caller, long positionId, int take, CancellationToken ct)
    {
        if (await IndexAsync(ct) is not { } index)
        {
            return new MatchAnswer(MatchStatus.Warming, null);
        }
        if (index.FindPosition(positionId) is not { } position)
        {
            return new MatchAnswer(MatchStatus.NotFound, null);
        }
        if (!caller.CanSeeTalentsFor(reference.Regions, position.EnterpriseId, MatchCodes.RegionText(position.Region)))
        {
            return new MatchAnswer(MatchStatus.Forbidden, null);
        }
        var day = service.Today;
        // An operator sees only talents living in their region, as in every other talent read.
        var list = index.TalentsFor(positionId, take, day, caller.ScopeRegion is null ? null : t => caller.InScope(MatchCodes.RegionText(t.Residence)));
        var details = await talents.MatchCardsAsync(list.Results.Select(r => r.Id).ToList(), ct);
        var items = list.Results.Where(r => details.ContainsKey(r.Id)).Select(r => Item(r, details[r.Id], null)).ToList();
        return new MatchAnswer(MatchStatus.Ok, new MatchPage("position", positionId, day, Name(list.Blocked), false, items));
    }

    public async Task<MatchAnswer> PositionsForTalentAsync(Caller caller, long talentId, int take, bool exposureAware, CancellationToken ct)
    {
        if (await IndexAsync(ct) is not { } index)
        {
            return new MatchAnswer(MatchStatus.Warming, null);
        }
        if (index.FindTalent(talentId) is not { } talent)
        {
            return new MatchAnswer(MatchStatus.NotFound, null);
        }
        if (!caller.CanSeePositionsFor(reference.Regions, talentId, MatchCodes.RegionText(talent.Residence)))
        {
            // A person's record is not public: whoever may not see their matches learns nothing, not even that they exist.
            return new MatchAnswer(MatchStatus.NotFound, null);
        }
        var day = service.Today;
        // Only what the talent sees counts as exposure, not an operator's look on the talent's behalf; the talent's own
        // impressions are left out of their own list's exposure, so that it stays the same when they look again.
        var own = caller.TalentId == talentId;
        var list = index.PositionsFor(talentId, take, day, exposureAware, own ? await impressions.OwnAsync(talentId, day, ct) : null);
        if (own && exposureAware)
        {
            await impressions.RecordAsync(talentId, list.Results.Select(r => r.Id).ToList(), day, ct);
        }
        var details = await PositionCardsAsync(list.Results.Select(r => r.Id).ToList(), ct);
        var items = list.Results.Where(r => details.ContainsKey(r.Id)).Select(r => Item(r, null, details[r.Id])).ToList();
        return new MatchAnswer(MatchStatus.Ok, new MatchPage("talent", talentId, day, Name(list.Blocked), exposureAware, items));
    }

    /// <summary>What a talent sees of recommended positions, by id (positions no longer stored are left out).</summary>
    internal async Task<Dictionary<long, MatchedPosition>> PositionCardsAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var details = new Dictionary<long, MatchedPosition>();
        await foreach (var (p, _) in positions.StreamForMatchingAsync(ids, null, ct))
        {
            details[p.Id] = new MatchedPosition(p.Title, p.EnterpriseId, p.EnterpriseName, p.RegionCode, p.OccupationCode,
                p.SalaryMin, p.SalaryMax, p.MonthsPerYear, p.PostedOn);
        }
        return details;
    }

    /// <summary>The index, caught up with every change committed so far (read your own writes); null while it is built.</summary>
    internal async Task<MatchIndex?> IndexAsync(CancellationToken ct)
    {
        MatchIndex index;
        try
        {
            index = service.Index ?? await service.ReadyAsync(ct).WaitAsync(WarmupWait, ct);
        }
        catch (TimeoutException)
        {
            return null;
        }
        await service.CatchUpAsync(index, ct);
        return index;
    }

    private static string? Name(HardCondition? condition) => condition is { } c ? Names.ConvertName(c.ToString()) : null;

    private static MatchItem Item(MatchResult r, MatchedTalent? talent, MatchedPosition? position)
    {
        var e = r.Explanation;
        return new MatchItem(r.Id, Round(r.Score), Round(r.RankScore), Round(r.ExposureBonus), Math.Round(e.PositionView, 4), Math.Round(e.TalentView, 4),
            Points(e), e.MatchedSkills, e.MissingSkills, [.. e.ConditionsPassed.Select(c => Name(c)!)], talent, position);
    }

    /// <summary>Factors with points rounded to 0.01 so that they still sum to the rounded score (the rounding rest goes to the largest).</summary>
    public static List<FactorPoints> Points(MatchExplanation e)
    {
        var factors = e.Factors.Select(f => new FactorPoints(Names.ConvertName(f.Factor.ToString()), Names.ConvertName(f.Side.ToString()),
            Math.Round(f.Value, 4), f.Weight, Round(f.Points))).ToList();
        var rest = Math.Round(Round(e.Score) - factors.Sum(f => f.Points), 2);
        if (rest != 0)
        {
            var largest = factors.IndexOf(factors.MaxBy(f => f.Points)!);
            factors[largest] = factors[largest] with { Points = Round(factors[largest].Points + rest) };
        }
        return factors;
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.Competitions;

/// <summary>Where a competition stands: drafted, taking entries, judging (entry closed), results published.</summary>
public enum CompetitionState
{
    Draft = 0,
    Open = 1,
    Judging = 2,
    Published = 3,
}

/// <summary>What the organiser does to a competition's state.</summary>
public enum CompetitionAction
{
    OpenEntry = 1,
    CloseEntry = 2,
    Publish = 3,
}

/// <summary>
/// The competition's steps as data: a draft opens for entries, entry closes and judging starts (entry may open again
/// while no result is published), and publishing the results ends it. Tracks and judges are added before publishing;
/// talents enter only while open; judges score only while judging.
/// </summary>
public static class CompetitionSteps
{
    /// <summary>The refusal of any change once the results are published.</summary>
    public const string PublishedRefusal = "the results are published: the competition can no longer change";

    private static readonly Dictionary<(CompetitionState, CompetitionAction), CompetitionState> Rules = new()
    {
        [(CompetitionState.Draft, CompetitionAction.OpenEntry)] = CompetitionState.Open,
        [(CompetitionState.Open, CompetitionAction.CloseEntry)] = CompetitionState.Judging,
        [(CompetitionState.Judging, CompetitionAction.OpenEntry)] = CompetitionState.Open,
        [(CompetitionState.Judging, CompetitionAction.Publish)] = CompetitionState.Published,
    };

    /// <summary>The next state, or the rule broken, naming the action and the state.</summary>
    public static (CompetitionState? To, string? Error) Next(CompetitionState from, CompetitionAction action) =>
        Rules.TryGetValue((from, action), out var to) ? (to, null) : (null, $"cannot {Phrase(action)} a competition that is {Phrase(from)}");

    /// <summary>The words a message uses for an action or a state (the pages translate each as a term).</summary>
    private static string Phrase(CompetitionAction action) => action switch
    {
        CompetitionAction.OpenEntry => "open entry",
        CompetitionAction.CloseEntry => "close entry",
        _ => "publish results",
    };

    private static string Phrase(CompetitionState state) => state switch
    {
        CompetitionState.Draft => "a draft",
        CompetitionState.Open => "open for entries",
        CompetitionState.Judging => "being judged",
        _ => "published",
    };

    /// <summary>The actions open in a state, in rule order.</summary>
    public static IReadOnlyList<CompetitionAction> Actions(CompetitionState state) => [.. Rules.Keys.Where(k => k.Item1 == state).Select(k => k.Item2)];

    /// <summary>The camelCase name of an action or a reason, as audit rows, events and messages name it ("openEntry", "sameEnterprise").</summary>
    public static string Word<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}

/// <summary>
/// A competition (以赛引才): its name, the organising body, the region whose operators manage it, the level it is
/// recognised at (the level an award carries as admission evidence), and its dates: entry from and until, and the day
/// of the final (the year of the award).
/// </summary>
public sealed record Competition : IVersioned
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public required string Organiser { get; init; }
    public required string RegionCode { get; init; }
    public RecognitionLevel Level { get; init; }
    public string? Description { get; init; }
    public DateOnly EntryFrom { get; init; }
    public DateOnly EntryUntil { get; init; }
    public DateOnly FinalOn { get; init; }
    public CompetitionState State { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public int Version { get; init; }

    public ValidationErrors Validate(ReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var errors = new ValidationErrors()
            .Required(Name, "name", 100)
            .Required(Organiser, "organiser", 100)
            .Optional(Description, "description", 2000)
            .Defined(Level, "level")
            .When(EntryFrom == default, "entryFrom", "is required")
            .When(EntryUntil == default, "entryUntil", "is required")
            .When(FinalOn == default, "finalOn", "is required")
            .When(EntryFrom != default && EntryUntil != default && EntryUntil < EntryFrom, "entryUntil", "must not be before entryFrom")
            .When(EntryUntil != default && FinalOn != default && FinalOn < EntryUntil, "finalOn", "must not be before entryUntil");
        // A city's or a province's bureau organises too: any known region, not only a county or finer as for records.
        return errors.When(string.IsNullOrWhiteSpace(RegionCode) || reference.Regions.Find(RegionCode) is null, "regionCode", "must be a known region code");
    }
}

/// <summary>One criterion of a track's score sheet (创新性 30, 技术难度 40 …): a judge gives 0 to its maximum points.</summary>
public sealed record Criterion(string Name, int MaxPoints);

/// <summary>
/// A track (赛道/组别) of a competition: its criteria, whose maxima add up to 100 (a judge's score is the sum of the
/// criteria's points), and how many gold, silver and bronze awards it gives (by rank, ties sharing: <see cref="TrackResults"/>).
/// Versioned: the organiser changes it with the version read (<see cref="ChangeRefusals"/> says when it may change).
/// </summary>
public sealed record Track : IVersioned
{
    public const int MaxCriteria = 10;
    public const int MaxAwards = 100;

    public long Id { get; init; }
    public long CompetitionId { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<Criterion> Criteria { get; init; } = [];
    public int Gold { get; init; }
    public int Silver { get; init; }
    public int Bronze { get; init; }
    public int Version { get; init; }

    /// <summary>
    /// A track may change (name, description, criteria, awards) while its competition is a draft or open for entries and
    /// no judge has scored in it: a sheet is given on the criteria as they were, and changing them afterwards would make
    /// the judges' sheets incomparable.
    /// </summary>
    public static ValidationErrors ChangeRefusals(CompetitionState state, bool scored) => new ValidationErrors()
        .When(state is not (CompetitionState.Draft or CompetitionState.Open), "state", "a track can change while the competition is a draft or open for entries")
        .When(scored, "track", "a judge has scored in this track: it can no longer change");

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors()
            .Required(Name, "name", 100)
            .Optional(Description, "description", 1000)
            .Range(Gold, 0, MaxAwards, "gold")
            .Range(Silver, 0, MaxAwards, "silver")
            .Range(Bronze, 0, MaxAwards, "bronze")
            .When(Criteria is null || Criteria.Count is 0 or > MaxCriteria, "criteria", $"must list 1 to {MaxCriteria} criteria");
        // A JSON body may hold null where the type says none can be: each is a field error, never an exception.
        var criteria = Criteria ?? [];
        for (var i = 0; i < criteria.Count; i++)
        {
            errors.When(criteria[i] is null, $"criteria[{i}]", "is required");
            if (criteria[i] is { } k)
            {
                errors.Required(k.Name, $"criteria[{i}].name", 50).Range(k.MaxPoints, 1, 100, $"criteria[{i}].maxPoints");
            }
        }
        var named = criteria.Where(c => c?.Name is not null).ToList();
        errors.When(named.Count > 0 && criteria.Sum(c => c?.MaxPoints ?? 0) != 100, "criteria", "must have maximum points that add up to 100");
        errors.When(named.Select(c => c.Name.Trim()).Distinct(StringComparer.Ordinal).Count() != named.Count, "criteria", "must have different names");
        return errors;
    }

    /// <summary>
    /// A judge's sheet for an entry: one value per criterion, in the track's order, each 0 to its maximum with at most two
    /// decimals; the score is their sum (checked again by <see cref="ScoreAggregation.Validate"/>).
    /// </summary>
    public (decimal Total, ValidationErrors Errors) Score(IReadOnlyList<decimal> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var errors = new ValidationErrors().When(points.Count != Criteria.Count, "points", $"must give one value for each of the {Criteria.Count} criteria");
        for (var i = 0; i < Math.Min(points.Count, Criteria.Count); i++)
        {
            errors.Range(points[i], 0, Criteria[i].MaxPoints, $"points[{i}]")
                .When(decimal.Round(points[i], 2) != points[i], $"points[{i}]", "must have at most two decimals");
        }
        return (points.Sum(), errors);
    }
}

/// <summary>An entry as the entrant submits it: the talent (the team's lead), the work's title, a team's name and members.</summary>
public sealed record EntryForm
{
    public const int MaxMembers = 9;

    public long TrackId { get; init; }
    public required string Title { get; init; }
    public string? Summary { get; init; }
    /// <summary>A named team (团队赛): the entering talent is its lead; the other members by name.</summary>
    public string? TeamName { get; init; }
    public IReadOnlyList<string> Members { get; init; } = [];

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors()
            .Required(Title, "title", 100)
            .Optional(Summary, "summary", 2000)
            .Optional(TeamName, "teamName", 50)
            .When(Members.Count > MaxMembers, "members", $"must list at most {MaxMembers} members besides the lead")
            .When(Members.Any(m => string.IsNullOrWhiteSpace(m) || m.Trim().Length > 50), "members", "each member must be 1 to 50 characters")
            .When(Members.Count > 0 && string.IsNullOrWhiteSpace(TeamName), "teamName", "is required for an entry with members");
        return errors;
    }
}

/// <summary>How a published award becomes evidence and a line on the talent's record.</summary>
public static class AwardEvidence
{
    /// <summary>The award as one line (a certificate of the talent's record): "2026 丽水市数控技能大赛·数控车 金奖（第1名）".</summary>
    public static string Line(Competition competition, string track, EntryResult result)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(result);
        // The record's certificates are data in Chinese, as the training certificates are.
        var award = result.Award switch { Award.Gold => "金奖", Award.Silver => "银奖", Award.Bronze => "铜奖", _ => "参赛" };
        var line = $"{competition.FinalOn.Year} {competition.Name}·{track} {award}（第{result.Rank}名）";
        return line.Length <= AdmissionEvidence.MaxTitleLength ? line : line[..AdmissionEvidence.MaxTitleLength];
    }

    /// <summary>The award as a shared-pool evidence item of kind Competition: the competition's level, the rank as placing, the final's year.</summary>
    public static EvidenceItem Item(Competition competition, string track, EntryResult result)
    {
        ArgumentNullException.ThrowIfNull(competition);
        ArgumentNullException.ThrowIfNull(result);
        var title = $"{competition.Name}·{track}";
        return new EvidenceItem
        {
            Kind = EvidenceKind.Competition,
            Title = title.Length <= AdmissionEvidence.MaxTitleLength ? title : title[..AdmissionEvidence.MaxTitleLength],
            Level = competition.Level,
            Placing = result.Rank,
            Year = competition.FinalOn.Year,
        };
    }
}

using System.Text.Json;
using TalentBridge.Domain.Matching.Evaluation;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Pools;
using R = TalentBridge.Domain.Tests.Reference.Reference;

namespace TalentBridge.Domain.Tests.Matching.Evaluation;

public class MatchEvaluationSetGeneratorTests
{
    /// <summary>One medium set shared by the tests that only read it.</summary>
    private static readonly Lazy<MatchEvaluationSet> Shared = new(() => MatchEvaluationSetGenerator.Generate(R.All, 1_000, 300, 7));

    private static MatchEvaluationSet Set => Shared.Value;

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    [Fact]
    public void The_same_seed_gives_the_same_set()
    {
        var a = MatchEvaluationSetGenerator.Generate(R.All, 300, 100, 3);
        var b = MatchEvaluationSetGenerator.Generate(R.All, 300, 100, 3);
        Assert.Equal(a.Talents.Select(Json), b.Talents.Select(Json));
        Assert.Equal(a.Positions.Select(Json), b.Positions.Select(Json));
        Assert.Equal(a.Outcomes, b.Outcomes);
        Assert.Equal(a.ReferenceDate, b.ReferenceDate);

        var c = MatchEvaluationSetGenerator.Generate(R.All, 300, 100, 4);
        Assert.NotEqual(a.Talents.Select(Json), c.Talents.Select(Json));
        Assert.NotEqual(a.Outcomes, c.Outcomes);
    }

    [Fact]
    public void Talents_are_valid_public_and_seeking_with_ids_from_one()
    {
        Assert.Equal(Enumerable.Range(1, 1_000).Select(i => (long)i), Set.Talents.Select(t => t.Id));
        Assert.Equal(Set.Talents.Count, Set.Talents.Select(t => t.PhoneHash).Distinct(StringComparer.Ordinal).Count());
        foreach (var talent in Set.Talents)
        {
            var errors = AsDraft(talent).Validate(R.All, Set.ReferenceDate.Year, isNew: true);
            Assert.True(errors.IsValid, $"talent {talent.Id}: {errors}");
            Assert.Equal(TalentVisibility.Public, talent.Visibility);
            Assert.Equal(TalentStatus.Seeking, talent.Status);
            Assert.StartsWith("3311", talent.ResidenceRegionCode, StringComparison.Ordinal);
            Assert.All(talent.WorkRegionCodes, c => Assert.StartsWith("3311", c, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Positions_are_valid_and_open_on_the_reference_date_with_ids_from_one()
    {
        Assert.Equal(new DateOnly(2026, 3, 15), Set.ReferenceDate);
        Assert.Equal(MatchEvaluationSetGenerator.ReferenceDate, Set.ReferenceDate);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), Set.Positions.Select(p => p.Id));
        foreach (var position in Set.Positions)
        {
            var errors = position.Validate(R.All);
            Assert.True(errors.IsValid, $"position {position.Id}: {errors}");
            Assert.Equal(PositionStatus.Open, position.Status);
            Assert.True(position.IsOpenOn(Set.ReferenceDate), $"position {position.Id} is not open on the reference date");
            Assert.StartsWith("3311", position.RegionCode, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_posted_or_listed_skill_is_known_to_the_vocabulary_and_some_go_by_a_synonym()
    {
        var vocabulary = SkillVocabulary.Load();
        var names = Set.Talents.SelectMany(t => t.Skills.Select(s => s.Name))
            .Concat(Set.Positions.SelectMany(p => p.RequiredSkills.Concat(p.PreferredSkills)))
            .ToList();
        Assert.All(names, n => Assert.NotNull(vocabulary.Find(n)));
        var synonyms = names.Count(n => !string.Equals(vocabulary.Find(n)!.Name, n, StringComparison.Ordinal));
        Assert.InRange((double)synonyms / names.Count, 0.1, 0.4);
    }

    [Fact]
    public void Observed_records_are_noisy_views_of_the_latent_ones()
    {
        var latent = Set.Latent!;
        var talentsWithTrueCode = Set.Talents.Count(t => string.Equals(t.Occupations[0].Code, latent.Talents[t.Id - 1].Occupations[0], StringComparison.Ordinal));
        Assert.InRange((double)talentsWithTrueCode / Set.Talents.Count, 0.6, 0.8);
        var positionsWithTrueCode = Set.Positions.Count(p => string.Equals(p.OccupationCode, latent.Positions[p.Id - 1].Occupation, StringComparison.Ordinal));
        Assert.InRange((double)positionsWithTrueCode / Set.Positions.Count, 0.6, 0.8);
        var withoutSalary = Set.Talents.Count(t => t.ExpectedSalaryMin is null);
        Assert.InRange((double)withoutSalary / Set.Talents.Count, 0.08, 0.25);
    }

    [Fact]
    public void Most_queries_of_both_directions_have_several_relevant_items()
    {
        var perPosition = Set.Positions.Select(p => Set.Judgments.TalentsByPosition.GetValueOrDefault(p.Id)?.Count ?? 0).ToList();
        var perTalent = Set.Talents.Select(t => Set.Judgments.PositionsByTalent.GetValueOrDefault(t.Id)?.Count ?? 0).ToList();
        Assert.True(perPosition.Count(n => n > 0) >= 0.9 * perPosition.Count, $"{perPosition.Count(n => n > 0)} positions with relevant talents");
        Assert.True(perTalent.Count(n => n > 0) >= 0.75 * perTalent.Count, $"{perTalent.Count(n => n > 0)} talents with relevant positions");
        Assert.True(Median(perPosition) >= 3, $"median {Median(perPosition)} relevant talents per position");
        // Every grade occurs, agreements least often.
        var grades = Set.Judgments.TalentsByPosition.Values.SelectMany(d => d.Values).GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([1, 2, 3], grades.Keys.Order());
        Assert.True(grades[3] < grades[1] && grades[3] < grades[2]);
    }

    [Fact]
    public void Ranking_by_the_outcomes_is_perfect_and_random_is_far_below()
    {
        var report = MatchEvaluation.Run(Set, ByOutcomeForPosition, ByOutcomeForTalent);

        Assert.Equal(1.0, report.Engine.TalentsForPosition.NdcgAt10, 12);
        Assert.Equal(1.0, report.Engine.PositionsForTalent.NdcgAt10, 12);
        Assert.True(report.Random.TalentsForPosition.NdcgAt10 < 0.1, report.Format());
        Assert.True(report.Random.PositionsForTalent.NdcgAt10 < 0.1, report.Format());
        Assert.Equal(report.Engine.TalentsForPosition.QueriesEvaluated, report.Random.TalentsForPosition.QueriesEvaluated);
        Assert.Equal(Set.Positions.Count, report.Engine.TalentsForPosition.QueriesEvaluated + report.Engine.TalentsForPosition.QueriesSkipped);
        Assert.Equal(Set.Talents.Count, report.Engine.PositionsForTalent.QueriesEvaluated + report.Engine.PositionsForTalent.QueriesSkipped);
    }

    [Fact]
    public void The_naive_baseline_beats_random_and_the_hidden_relevance_beats_naive()
    {
        var latent = Set.Latent!;
        var talentIds = Set.Talents.Select(t => t.Id).ToArray();
        var positionIds = Set.Positions.Select(p => p.Id).ToArray();
        var report = MatchEvaluation.Run(
            Set,
            (position, take) => [.. talentIds.OrderByDescending(t => latent.ExpectedRelevance(t, position)).ThenBy(t => t).Take(take)],
            (talent, take) => [.. positionIds.OrderByDescending(p => latent.ExpectedRelevance(talent, p)).ThenBy(p => p).Take(take)]);

        Assert.True(report.Naive.TalentsForPosition.NdcgAt10 > 3 * report.Random.TalentsForPosition.NdcgAt10, report.Format());
        Assert.True(report.Naive.PositionsForTalent.NdcgAt10 > 3 * report.Random.PositionsForTalent.NdcgAt10, report.Format());
        Assert.True(report.Naive.TalentsForPosition.RecallAt20 > report.Random.TalentsForPosition.RecallAt20, report.Format());
        Assert.True(report.Naive.PositionsForTalent.RecallAt20 > report.Random.PositionsForTalent.RecallAt20, report.Format());
        Assert.True(report.Engine.TalentsForPosition.NdcgAt10 > 1.5 * report.Naive.TalentsForPosition.NdcgAt10, report.Format());
        Assert.True(report.Engine.PositionsForTalent.NdcgAt10 > 1.5 * report.Naive.PositionsForTalent.NdcgAt10, report.Format());
    }

    [Fact]
    public void The_baselines_do_not_depend_on_the_engine()
    {
        var a = MatchEvaluation.Run(Set, (_, _) => [], (_, _) => []);
        var b = MatchEvaluation.Run(Set, ByOutcomeForPosition, ByOutcomeForTalent);
        Assert.Equal(a.Random, b.Random);
        Assert.Equal(a.Naive, b.Naive);
        Assert.Equal(0.0, a.Engine.TalentsForPosition.NdcgAt10);
    }

    private static long[] ByOutcomeForPosition(long positionId, int take) =>
        [.. Set.Judgments.TalentsByPosition.GetValueOrDefault(positionId, new Dictionary<long, int>())
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key).Take(take)];

    private static long[] ByOutcomeForTalent(long talentId, int take) =>
        [.. Set.Judgments.PositionsByTalent.GetValueOrDefault(talentId, new Dictionary<long, int>())
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key).Take(take)];

    private static int Median(List<int> values) => values.Order().ElementAt(values.Count / 2);

    private static TalentDraft AsDraft(Talent talent) => new()
    {
        Name = talent.Name,
        Phone = "13800138000",
        BirthYear = talent.BirthYear,
        Gender = talent.Gender,
        Education = talent.Education,
        Major = talent.Major,
        ResidenceRegionCode = talent.ResidenceRegionCode,
        WorkRegionCodes = talent.WorkRegionCodes,
        Occupations = talent.Occupations,
        Skills = talent.Skills,
        Certificates = talent.Certificates,
        ProfessionalTitle = talent.ProfessionalTitle,
        SkillLevel = talent.SkillLevel,
        ExpectedSalaryMin = talent.ExpectedSalaryMin,
        ExpectedSalaryMax = talent.ExpectedSalaryMax,
        Availability = talent.Availability,
        Visibility = talent.Visibility,
        Status = talent.Status,
        ConsentVersion = talent.ConsentVersion,
    };
}

using TalentBridge.Domain.Pools;

namespace TalentBridge.Domain.Matching.Evaluation;

/// <summary>
/// Talents, positions and the outcomes recorded between them: the material an offline evaluation of
/// matching runs on. Built by <see cref="MatchEvaluationSetGenerator"/> from a hidden model, or from the
/// platform's own records once real outcomes are recorded. Every outcome refers to a talent and a
/// position of the set.
/// </summary>
public sealed class MatchEvaluationSet
{
    /// <summary>Builds a set and derives its <see cref="Judgments"/> from <paramref name="outcomes"/>.</summary>
    /// <exception cref="ArgumentException">Ids repeat, or an outcome refers to a talent or position not in the set.</exception>
    public MatchEvaluationSet(IReadOnlyList<Talent> talents, IReadOnlyList<Position> positions, IReadOnlyList<MatchOutcome> outcomes, DateOnly referenceDate)
    {
        ArgumentNullException.ThrowIfNull(talents);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(outcomes);
        var talentIds = talents.Select(t => t.Id).ToHashSet();
        var positionIds = positions.Select(p => p.Id).ToHashSet();
        if (talentIds.Count != talents.Count)
        {
            throw new ArgumentException("Talent ids must be unique.", nameof(talents));
        }
        if (positionIds.Count != positions.Count)
        {
            throw new ArgumentException("Position ids must be unique.", nameof(positions));
        }
        foreach (var outcome in outcomes)
        {
            if (!talentIds.Contains(outcome.TalentId) || !positionIds.Contains(outcome.PositionId))
            {
                throw new ArgumentException(
                    $"The outcome for talent {outcome.TalentId} and position {outcome.PositionId} refers to a record that is not in the set.",
                    nameof(outcomes));
            }
        }
        Talents = talents;
        Positions = positions;
        Outcomes = outcomes;
        ReferenceDate = referenceDate;
        Judgments = MatchJudgments.FromOutcomes(outcomes);
    }

    /// <summary>The day the set describes: positions are open on it, talents are seeking on it.</summary>
    public DateOnly ReferenceDate { get; }

    /// <summary>The talents, the candidates of position queries and the queries of the other direction.</summary>
    public IReadOnlyList<Talent> Talents { get; }

    /// <summary>The positions, the candidates of talent queries and the queries of the other direction.</summary>
    public IReadOnlyList<Position> Positions { get; }

    /// <summary>The recorded outcomes; a pair may have several.</summary>
    public IReadOnlyList<MatchOutcome> Outcomes { get; }

    /// <summary>The relevance judgments derived from <see cref="Outcomes"/>.</summary>
    public MatchJudgments Judgments { get; }

    /// <summary>
    /// The generator's hidden model, for tests only (an oracle ranking); null for sets built from real
    /// records. Nothing that is evaluated may read it.
    /// </summary>
    internal MatchLatentModel? Latent { get; init; }
}

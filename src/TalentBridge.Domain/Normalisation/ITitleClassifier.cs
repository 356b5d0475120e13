using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// Job title → occupation code, as imports use it: the vocabulary (<see cref="TitleClassifier"/>) or the vocabulary
/// with the learned model (the Platform's <c>CombinedTitleClassifier</c>, ADR 0022). Thread-safe.
/// </summary>
public interface ITitleClassifier
{
    /// <summary>The occupation the title names with a confidence in [0, 1], or no value when it names none.</summary>
    Normalised<Occupation> Classify(string? title);
}

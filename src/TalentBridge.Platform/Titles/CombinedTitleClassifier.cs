using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Platform.Titles;

/// <summary>
/// Title → occupation with the vocabulary and the learned model together (ADR 0010). The vocabulary
/// answers when it is confident: a keyword that names the job is precise and explainable. Otherwise the
/// model decides: it gives a code when it is sure enough, no code when it is sure the title names no
/// occupation, and leaves the vocabulary's answer (which may be none) otherwise.
/// </summary>
public sealed class CombinedTitleClassifier(TitleClassifier vocabulary, TitleModel model, OccupationCatalogue occupations)
{
    /// <summary>The thresholds of the combination; <see cref="Default"/> was chosen on the development sets.</summary>
    public sealed record Thresholds(double TrustVocabulary, double ModelCode, double ModelNone)
    {
        public static Thresholds Default { get; } = new(0.9, 0.3, 0.6);
    }

    public Thresholds Limits { get; init; } = Thresholds.Default;

    public TitleClassifier Vocabulary => vocabulary;

    public TitleModel Model => model;

    public Normalised<Occupation> Classify(string? title)
    {
        var found = vocabulary.Classify(title);
        if (found.Value is not null && found.Confidence >= Limits.TrustVocabulary)
        {
            return found;
        }
        var (code, probability) = model.Predict(title, found);
        if (code is null)
        {
            return probability >= Limits.ModelNone
                ? new Normalised<Occupation>(null, 0, [], "no occupation word found")
                : found;
        }
        if (probability < Limits.ModelCode || occupations.Find(code) is not { } predicted)
        {
            return found;
        }
        if (found.Value is { } word && (occupations.IsInSubtree(word.Code, code) || occupations.IsInSubtree(code, word.Code)))
        {
            // The two agree; keep the finer code.
            return occupations.IsInSubtree(word.Code, code) ? found : new Normalised<Occupation>(predicted, Math.Round(probability, 2), [word]);
        }
        return new Normalised<Occupation>(predicted, Math.Round(probability, 2), found.Value is { } other ? [other] : [], "learned model");
    }
}

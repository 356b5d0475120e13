using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Platform.Titles;

/// <summary>
/// Title → occupation with the vocabulary and the learned model together (ADR 0010, ADR 0022); what imports use. The
/// vocabulary answers when it is confident: a keyword that names the job is precise and explainable. Otherwise the
/// model decides: where the vocabulary found no job word, the model's code when it gives one with a modest
/// probability; where the vocabulary is unsure, the model's code only when the model is sure, and no code when the
/// model is sure the title names no occupation; the vocabulary's answer in all other cases. An empty title and a
/// company name stay without a code, as the vocabulary rules.
/// </summary>
public sealed class CombinedTitleClassifier(TitleClassifier vocabulary, TitleModel model, OccupationCatalogue occupations) : ITitleClassifier
{
    /// <summary>The thresholds of the combination; <see cref="Default"/> was chosen on the development sets.</summary>
    /// <param name="TrustVocabulary">The vocabulary's answer stands at this confidence or above.</param>
    /// <param name="ModelCode">The model's code replaces an unsure vocabulary answer at this probability or above.</param>
    /// <param name="ModelNone">The model's "no occupation" replaces an unsure vocabulary answer at this probability or above.</param>
    /// <param name="ModelWhenSilent">The model's code is taken at this probability or above when the vocabulary found no job word.</param>
    public sealed record Thresholds(double TrustVocabulary, double ModelCode, double ModelNone, double ModelWhenSilent)
    {
        public static Thresholds Default { get; } = new(0.8, 0.7, 0.6, 0.4);
    }

    public Normalised<Occupation> Classify(string? title)
    {
        var found = vocabulary.Classify(title);
        return NeedsModel(found, Thresholds.Default) ? Combine(found, model.Predict(title), Thresholds.Default, occupations) : found;
    }

    /// <summary>Whether the vocabulary's answer leaves room for the model: a code below trust, or no job word found.</summary>
    public static bool NeedsModel(Normalised<Occupation> found, Thresholds limits)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(limits);
        return found.Value is null ? found.Note == TitleClassifier.NoJobWord : found.Confidence < limits.TrustVocabulary;
    }

    /// <summary>
    /// The combined answer from the vocabulary's answer and the model's best class (code null: no occupation);
    /// a pure function, so that a threshold sweep can call each classifier once per title.
    /// </summary>
    public static Normalised<Occupation> Combine(Normalised<Occupation> found, (string? Code, double Probability) learned,
        Thresholds limits, OccupationCatalogue occupations)
    {
        ArgumentNullException.ThrowIfNull(occupations);
        if (!NeedsModel(found, limits))
        {
            return found;
        }
        var (code, probability) = learned;
        if (code is null)
        {
            return found.Value is { } unsure && probability >= limits.ModelNone
                ? new Normalised<Occupation>(null, 0, [unsure], "learned model: no occupation")
                : found;
        }
        var needed = found.Value is null ? limits.ModelWhenSilent : limits.ModelCode;
        if (probability < needed || occupations.Find(code) is not { } predicted)
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

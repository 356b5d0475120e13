using Microsoft.ML;
using Microsoft.ML.Data;
using TalentBridge.Domain.Normalisation;

namespace TalentBridge.Platform.Titles;

/// <summary>
/// The learned half of title → occupation (ADR 0010, ADR 0022): a multiclass maximum-entropy model over hashed
/// character 1–3-grams of the cleaned title (<see cref="TitleClassifier.Clean"/>), trained by
/// <c>talentbridge train titles</c> on the catalogue, the curated lists and the labelled development
/// sets, and vendored as <c>data/reference/titles/title-model.zip</c>. One class, <see cref="NoOccupation"/>,
/// stands for titles that name no occupation (pay, praise, company names). It does not see the vocabulary's
/// answer: a second opinion that leans on the first adds little where the first is wrong.
/// </summary>
public sealed class TitleModel : IDisposable
{
    /// <summary>The class of titles that name no occupation.</summary>
    public const string NoOccupation = "-";

    /// <summary>How the model is trained; the defaults are those of the vendored model.</summary>
    /// <param name="HashBits">Bits of the n-gram hash (2^bits feature slots).</param>
    /// <param name="L1">L1 regularisation: zero weights compress to almost nothing in the model file.</param>
    /// <param name="Iterations">Passes of the SDCA trainer over the examples.</param>
    public sealed record Options(int HashBits = 14, float L1 = 0.03f, int Iterations = 10);

    private sealed class Example
    {
        public string Text { get; set; } = "";
        public string Code { get; set; } = "";
        public float Weight { get; set; } = 1;
    }

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }

    private readonly ITransformer _model;
    private readonly string[] _classes;
    private readonly ThreadLocal<PredictionEngine<Example, Prediction>> _engines;

    private TitleModel(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        _model = model;
        var output = model.GetOutputSchema(inputSchema);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        output["Score"].GetSlotNames(ref names);
        _classes = [.. names.DenseValues().Select(n => n.ToString())];
        _engines = new ThreadLocal<PredictionEngine<Example, Prediction>>(() => ml.Model.CreatePredictionEngine<Example, Prediction>(_model));
    }

    /// <summary>The number of classes, <see cref="NoOccupation"/> included.</summary>
    public int ClassCount => _classes.Length;

    /// <summary>
    /// Trains a model on (title, code, weight) examples, code <see cref="NoOccupation"/> for titles that name
    /// none, and writes it to <paramref name="output"/>. The same examples in the same order and the same
    /// seed give the same model.
    /// </summary>
    public static void Train(IEnumerable<(string Title, string Code, float Weight)> examples, Stream output,
        Options? options = null, int seed = 20261206)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new Options();
        var ml = new MLContext(seed);
        var rows = examples.Select(e => new Example
        {
            Text = Text(e.Title),
            Code = e.Code,
            Weight = e.Weight,
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(Example.Code))
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", nameof(Example.Text), useMarkerCharacters: true))
            .Append(ml.Transforms.Text.ProduceHashedNgrams("CharGrams", "Chars", numberOfBits: options.HashBits, ngramLength: 3, useAllLengths: true))
            .Append(ml.Transforms.NormalizeLpNorm("Features", "CharGrams"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new Microsoft.ML.Trainers.SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                ExampleWeightColumnName = nameof(Example.Weight),
                L1Regularization = options.L1,
                L2Regularization = 1e-5f,
                MaximumNumberOfIterations = options.Iterations,
                NumberOfThreads = 1, // reproducible: SDCA with several threads depends on their timing
                Shuffle = true,
            }));
        var model = pipeline.Fit(data);
        ml.Model.Save(model, data.Schema, output);
    }

    /// <summary>Loads a model that <see cref="Train"/> wrote.</summary>
    public static TitleModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var ml = new MLContext(seed: 0);
        var model = ml.Model.Load(stream, out var schema);
        return new TitleModel(ml, model, schema);
    }

    /// <summary>The model vendored with the platform (embedded resource <c>title-model.zip</c>).</summary>
    public static TitleModel LoadEmbedded()
    {
        using var stream = typeof(TitleModel).Assembly.GetManifestResourceStream("title-model.zip")
            ?? throw new InvalidOperationException("The title model is not embedded; run talentbridge train titles.");
        return Load(stream);
    }

    /// <summary>The text the model sees: the title folded and cleaned as the vocabulary cleans it, spaces collapsed.</summary>
    internal static string Text(string title) =>
        string.Join(' ', TitleClassifier.Clean(title).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// The most probable class and its probability; code null for <see cref="NoOccupation"/>. A title with nothing
    /// left to read once cleaned (only brackets, digits or noise) names no occupation for certain.
    /// </summary>
    public (string? Code, double Probability) Predict(string? title)
    {
        var text = Text(title ?? "");
        if (text.Length == 0)
        {
            return (null, 1);
        }
        var scores = _engines.Value!.Predict(new Example { Text = text }).Score;
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }
        return (_classes[best] == NoOccupation ? null : _classes[best], scores[best]);
    }

    public void Dispose() => _engines.Dispose();
}

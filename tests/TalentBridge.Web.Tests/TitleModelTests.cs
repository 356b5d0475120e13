using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Titles;

namespace TalentBridge.Web.Tests;

/// <summary>The vendored title model (ADR 0010): it loads, classifies, and the combination keeps the vocabulary's confident answers.</summary>
public sealed class TitleModelTests
{
    private static readonly Lazy<(OccupationCatalogue Occupations, TitleClassifier Vocabulary, TitleModel Model)> Loaded = new(() =>
    {
        var occupations = ReferenceData.Load().Occupations;
        return (occupations, new TitleClassifier(occupations), TitleModel.LoadEmbedded());
    });

    [Theory]
    [InlineData("电话销售专员", "4-01-02")]
    [InlineData("淘宝客服", "4-04-05")]
    [InlineData("数控车床操作工", "6-18-01")]
    [InlineData("Java开发工程师", "2-02-10")]
    public void The_embedded_model_loads_and_classifies(string title, string group)
    {
        var model = Loaded.Value.Model;
        Assert.True(model.ClassCount > 100);
        var (code, probability) = model.Predict(title);
        Assert.NotNull(code);
        Assert.StartsWith(group, code, StringComparison.Ordinal);
        Assert.InRange(probability, 0.0, 1.0);
    }

    [Fact]
    public void A_title_with_nothing_left_to_read_names_no_occupation()
    {
        var (occupations, vocabulary, model) = Loaded.Value;
        Assert.Equal((null, 1.0), model.Predict("（）【】 123"));
        Assert.Null(new CombinedTitleClassifier(vocabulary, model, occupations).Classify("（）【】 123").Value);
    }

    [Fact]
    public void The_model_gives_no_code_to_a_pay_only_title()
    {
        var (occupations, vocabulary, model) = Loaded.Value;
        var combined = new CombinedTitleClassifier(vocabulary, model, occupations);
        Assert.Null(combined.Classify("无责任底薪2300+万元提成 绝对真实").Value);
    }

    [Fact]
    public void A_confident_vocabulary_answer_is_kept()
    {
        var (occupations, vocabulary, model) = Loaded.Value;
        var combined = new CombinedTitleClassifier(vocabulary, model, occupations);
        var found = vocabulary.Classify("电销");
        Assert.True(found.Confidence >= CombinedTitleClassifier.Thresholds.Default.TrustVocabulary);
        Assert.Same(found.Value, combined.Classify("电销").Value);
    }

    [Fact]
    public void Training_writes_a_model_that_loads()
    {
        var occupations = Loaded.Value.Occupations;
        var examples = new List<(string, string, float)>
        {
            ("电话销售", "4-01-02-01", 1), ("销售代表", "4-01-02-01", 1), ("业务员", "4-01-02-01", 1),
            ("淘宝客服", "4-04-05-03", 1), ("客服专员", "4-04-05-03", 1), ("在线客服", "4-04-05-03", 1),
            ("底薪3000", TitleModel.NoOccupation, 1), ("高薪诚聘", TitleModel.NoOccupation, 1),
        };
        using var stream = new MemoryStream();
        TitleModel.Train(examples, stream, new TitleModel.Options(HashBits: 10));
        stream.Position = 0;
        using var model = TitleModel.Load(stream);
        Assert.Equal(3, model.ClassCount);
        Assert.Equal("4-04-05-03", model.Predict("客服").Code);
    }

    [Fact]
    public void The_combination_takes_the_model_where_the_vocabulary_is_silent_or_unsure_by_separate_thresholds()
    {
        var occupations = Loaded.Value.Occupations;
        var limits = new CombinedTitleClassifier.Thresholds(TrustVocabulary: 0.8, ModelCode: 0.7, ModelNone: 0.6, ModelWhenSilent: 0.4);
        var silent = new Normalised<Occupation>(null, 0, [], TitleClassifier.NoJobWord);
        var company = new Normalised<Occupation>(null, 0, [], "a company name only");
        var unsure = new Normalised<Occupation>(occupations.Find("4-01-02-01"), 0.6, []);
        var sure = new Normalised<Occupation>(occupations.Find("4-01-02-01"), 0.85, []);
        string? Code(Normalised<Occupation> found, string? code, double probability) =>
            CombinedTitleClassifier.Combine(found, (code, probability), limits, occupations).Value?.Code;

        Assert.Equal("6-05-01-02", Code(silent, "6-05-01-02", 0.45)); // nothing found: a modest probability is enough
        Assert.Null(Code(silent, "6-05-01-02", 0.35));
        Assert.Equal("4-01-02-01", Code(unsure, "6-05-01-02", 0.65)); // an unsure answer yields only to a sure model
        Assert.Equal("6-05-01-02", Code(unsure, "6-05-01-02", 0.75));
        Assert.Null(Code(unsure, null, 0.65)); // the model is sure the title names no occupation
        Assert.Equal("4-01-02-01", Code(unsure, null, 0.55));
        Assert.Equal("4-01-02-01", Code(sure, "6-05-01-02", 0.99)); // a confident vocabulary answer stands
        Assert.Equal("4-01-02-01", Code(unsure, "4-01-02-00", 0.9)); // they agree: the finer code is kept
        Assert.Equal("4-01-02-01", Code(new Normalised<Occupation>(occupations.Find("4-01-02-00"), 0.6, []), "4-01-02-01", 0.75)); // the model's finer code
        Assert.Null(Code(silent, null, 0.99)); // neither finds a job
        Assert.Null(Code(company, "4-01-02-01", 0.99)); // a company name stays without a code, as the vocabulary rules
        Assert.False(CombinedTitleClassifier.NeedsModel(company, limits));
        Assert.True(CombinedTitleClassifier.NeedsModel(silent, limits));
    }
}

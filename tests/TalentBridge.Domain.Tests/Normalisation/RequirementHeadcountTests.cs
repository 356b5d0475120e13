using TalentBridge.Domain.Normalisation;

namespace TalentBridge.Domain.Tests.Normalisation;

public sealed class RequirementHeadcountTests
{
    [Theory]
    [InlineData("招3人", 3, 3)]
    [InlineData("3人", 3, 3)]
    [InlineData("招聘5名", 5, 5)]
    [InlineData("1-2人", 1, 2)]
    [InlineData("十人", 10, 10)]
    [InlineData("两名", 2, 2)]
    [InlineData("招10人以上", 10, null)]
    [InlineData("招１０人", 10, 10)]
    [InlineData("３人", 3, 3)]
    [InlineData("招 3 人", 3, 3)]
    [InlineData("3名", 3, 3)]
    [InlineData("1位", 1, 1)]
    [InlineData("招聘1人", 1, 1)]
    [InlineData("二十五人", 25, 25)]
    [InlineData("二十人", 20, 20)]
    [InlineData("十五名", 15, 15)]
    [InlineData("一名", 1, 1)]
    [InlineData("3~5名", 3, 5)]
    [InlineData("３－５人", 3, 5)]
    [InlineData("三至五人", 3, 5)]
    [InlineData("2到3人", 2, 3)]
    [InlineData("10人及以上", 10, null)]
    [InlineData("3人以内", 1, 3)]
    [InlineData("不超过3人", 1, 3)]
    [InlineData("需要2人", 2, 2)]
    [InlineData("招聘人数：5", 5, 5)]
    [InlineData("5 people", 5, 5)]
    [InlineData("3 positions", 3, 3)]
    [InlineData("2-3 people", 2, 3)]
    [InlineData("Hiring 4", 4, 4)]
    [InlineData("100人", 100, 100)]
    [InlineData("1个", 1, 1)]
    public void Explicit_forms_give_the_count_with_high_confidence(string text, int min, int? max)
    {
        var result = RequirementNormaliser.Headcount(text);

        Assert.Equal(new HeadcountRequirement(min, max, false), result.Value);
        Assert.True(result.Confidence >= 0.9, $"confidence {result.Confidence} for {text}");
    }

    [Theory]
    [InlineData("若干")]
    [InlineData("若干名")]
    [InlineData("不限")]
    [InlineData("招聘若干")]
    [InlineData("若干人")]
    [InlineData("人数不限")]
    public void Unspecified_forms_have_no_count_with_high_confidence(string text)
    {
        var result = RequirementNormaliser.Headcount(text);

        Assert.Equal(new HeadcountRequirement(null, null, true), result.Value);
        Assert.True(result.Confidence >= 0.95);
    }

    [Theory]
    [InlineData("数名")]
    [InlineData("多名")]
    [InlineData("多人")]
    [InlineData("待定")]
    [InlineData("Several")]
    [InlineData("multiple")]
    public void Vague_forms_are_unspecified_with_a_lower_confidence(string text)
    {
        var result = RequirementNormaliser.Headcount(text);

        Assert.Equal(new HeadcountRequirement(null, null, true), result.Value);
        Assert.InRange(result.Confidence, 0.75, 0.94);
    }

    [Theory]
    [InlineData("3", 3, 3, 0.85)]
    [InlineData("10+", 10, null, 0.85)]
    [InlineData("5人左右", 5, 5, 0.8)]
    [InlineData("十", 10, 10, 0.85)]
    public void Bare_and_approximate_forms_get_lower_confidence(string text, int min, int? max, double confidence)
    {
        var result = RequirementNormaliser.Headcount(text);

        Assert.Equal(new HeadcountRequirement(min, max, false), result.Value);
        Assert.Equal(confidence, result.Confidence, 3);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("面议")]
    [InlineData("0人")]
    [InlineData("30岁以下")]
    [InlineData("8千")]
    [InlineData("5k")]
    [InlineData("2024年")]
    [InlineData("一线")]
    [InlineData("abc")]
    [InlineData("1.5人")]
    public void Garbage_and_empty_give_no_value(string? text)
    {
        var result = RequirementNormaliser.Headcount(text);

        Assert.Null(result.Value);
        Assert.Equal(0, result.Confidence);
    }
}

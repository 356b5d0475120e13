using TalentBridge.Domain.Normalisation;

namespace TalentBridge.Domain.Tests.Normalisation;

public sealed class RequirementEducationTests
{
    [Theory]
    [InlineData("本科及以上", EducationLevel.Bachelor)]
    [InlineData("大专", EducationLevel.Associate)]
    [InlineData("硕士", EducationLevel.Master)]
    [InlineData("研究生", EducationLevel.Master)]
    [InlineData("博士", EducationLevel.Doctorate)]
    [InlineData("高中", EducationLevel.SeniorHigh)]
    [InlineData("中专", EducationLevel.SeniorHigh)]
    [InlineData("中技", EducationLevel.SeniorHigh)]
    [InlineData("技校", EducationLevel.SeniorHigh)]
    [InlineData("职高", EducationLevel.SeniorHigh)]
    [InlineData("初中", EducationLevel.JuniorHigh)]
    [InlineData("初中及以上", EducationLevel.JuniorHigh)]
    [InlineData("小学", EducationLevel.Primary)]
    [InlineData("统招本科", EducationLevel.Bachelor)]
    [InlineData("全日制大专以上", EducationLevel.Associate)]
    [InlineData("MBA", EducationLevel.Master)]
    [InlineData("Bachelor's degree", EducationLevel.Bachelor)]
    [InlineData("Master", EducationLevel.Master)]
    [InlineData("PhD", EducationLevel.Doctorate)]
    [InlineData("本科", EducationLevel.Bachelor)]
    [InlineData("本科以上学历", EducationLevel.Bachelor)]
    [InlineData("大专及以上学历", EducationLevel.Associate)]
    [InlineData("大专以上", EducationLevel.Associate)]
    [InlineData("专科", EducationLevel.Associate)]
    [InlineData("大学专科", EducationLevel.Associate)]
    [InlineData("大学本科", EducationLevel.Bachelor)]
    [InlineData("全日制统招本科及以上学历", EducationLevel.Bachelor)]
    [InlineData("硕士研究生及以上", EducationLevel.Master)]
    [InlineData("博士后", EducationLevel.Doctorate)]
    [InlineData("中专/高中及以上", EducationLevel.SeniorHigh)]
    [InlineData("高中或中专以上学历", EducationLevel.SeniorHigh)]
    [InlineData("中职", EducationLevel.SeniorHigh)]
    [InlineData("技工学校", EducationLevel.SeniorHigh)]
    [InlineData("高职", EducationLevel.Associate)]
    [InlineData("学士学位", EducationLevel.Bachelor)]
    [InlineData("  本 科  ", EducationLevel.Bachelor)]
    [InlineData("本科（含）以上", EducationLevel.Bachelor)]
    [InlineData("ＭＢＡ", EducationLevel.Master)]
    [InlineData("Ph.D.", EducationLevel.Doctorate)]
    [InlineData("Master's degree or above", EducationLevel.Master)]
    [InlineData("MASTERS", EducationLevel.Master)]
    [InlineData("BSc in Computer Science", EducationLevel.Bachelor)]
    [InlineData("High school diploma", EducationLevel.SeniorHigh)]
    [InlineData("Junior high school", EducationLevel.JuniorHigh)]
    [InlineData("Associate degree", EducationLevel.Associate)]
    [InlineData("Doctorate", EducationLevel.Doctorate)]
    [InlineData("Undergraduate", EducationLevel.Bachelor)]
    [InlineData("985/211院校本科", EducationLevel.Bachelor)]
    public void Named_levels_are_the_minimum(string text, EducationLevel expected)
    {
        var result = RequirementNormaliser.Education(text);

        Assert.Equal(expected, result.Value);
        Assert.True(result.Confidence >= 0.9, $"confidence {result.Confidence} for {text}");
    }

    [Theory]
    [InlineData("学历不限")]
    [InlineData("不限")]
    [InlineData("不限学历")]
    [InlineData("无学历要求")]
    [InlineData("无要求")]
    [InlineData(" 学历 不限 ")]
    [InlineData("No requirement")]
    [InlineData("Any")]
    public void Unlimited_forms_are_none_with_high_confidence(string text)
    {
        var result = RequirementNormaliser.Education(text);

        Assert.Equal(EducationLevel.None, result.Value);
        Assert.True(result.Confidence >= 0.9);
        Assert.Empty(result.Alternatives);
    }

    [Theory]
    [InlineData("本科/硕士", EducationLevel.Bachelor, EducationLevel.Master)]
    [InlineData("硕士/本科", EducationLevel.Bachelor, EducationLevel.Master)]
    [InlineData("大专、本科", EducationLevel.Associate, EducationLevel.Bachelor)]
    [InlineData("本科及以上，硕士优先", EducationLevel.Bachelor, EducationLevel.Master)]
    [InlineData("大专以上学历，本科学历优先", EducationLevel.Associate, EducationLevel.Bachelor)]
    [InlineData("Bachelor's degree, Master's preferred", EducationLevel.Bachelor, EducationLevel.Master)]
    [InlineData("博士或硕士", EducationLevel.Master, EducationLevel.Doctorate)]
    public void Several_levels_give_the_lowest_with_the_others_as_alternatives(string text, EducationLevel expected, EducationLevel alternative)
    {
        var result = RequirementNormaliser.Education(text);

        Assert.Equal(expected, result.Value);
        Assert.Contains(alternative, result.Alternatives);
        Assert.DoesNotContain(expected, result.Alternatives);
    }

    [Fact]
    public void Two_slash_separated_levels_keep_high_but_not_full_confidence()
    {
        var result = RequirementNormaliser.Education("本科/硕士");

        Assert.Equal([EducationLevel.Master], result.Alternatives);
        Assert.InRange(result.Confidence, 0.85, 0.94);
    }

    [Fact]
    public void College_is_read_as_associate_with_a_guess_confidence_and_a_note()
    {
        var result = RequirementNormaliser.Education("college");

        Assert.Equal(EducationLevel.Associate, result.Value);
        Assert.True(result.Confidence < 0.8);
        Assert.NotNull(result.Note);
    }

    [Theory]
    [InlineData("大学", EducationLevel.Bachelor)]
    [InlineData("University degree", EducationLevel.Bachelor)]
    [InlineData("degree", EducationLevel.Bachelor)]
    [InlineData("硕士优先", EducationLevel.Master)]
    [InlineData("ＭＢＡ优先", EducationLevel.Master)]
    public void Guesses_get_a_lower_confidence(string text, EducationLevel expected)
    {
        var result = RequirementNormaliser.Education(text);

        Assert.Equal(expected, result.Value);
        Assert.True(result.Confidence < 0.8);
    }

    [Fact]
    public void No_requirement_with_a_preferred_level_is_none_with_that_level_as_alternative()
    {
        var result = RequirementNormaliser.Education("学历不限，大专以上优先");

        Assert.Equal(EducationLevel.None, result.Value);
        Assert.Equal([EducationLevel.Associate], result.Alternatives);
    }

    [Fact]
    public void An_upper_bound_alone_is_no_minimum()
    {
        var result = RequirementNormaliser.Education("高中及以下");

        Assert.Equal(EducationLevel.None, result.Value);
        Assert.Equal([EducationLevel.SeniorHigh], result.Alternatives);
        Assert.True(result.Confidence < 0.8);
    }

    [Fact]
    public void Other_fields_saying_unlimited_do_not_override_a_level()
    {
        Assert.Equal(EducationLevel.Bachelor, RequirementNormaliser.Education("本科，专业不限").Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("　")]
    [InlineData("面议")]
    [InlineData("xyz")]
    [InlineData("123")]
    [InlineData("???")]
    [InlineData("Company")]
    public void Garbage_and_empty_give_no_value(string? text)
    {
        var result = RequirementNormaliser.Education(text);

        Assert.Null(result.Value);
        Assert.Equal(0, result.Confidence);
        Assert.Empty(result.Alternatives);
    }

    [Fact]
    public void Very_long_text_is_read_without_a_stack_buffer()
    {
        var text = new string('x', 1000) + " 本科";

        Assert.Equal(EducationLevel.Bachelor, RequirementNormaliser.Education(text).Value);
    }
}

using TalentBridge.Domain.Normalisation;

namespace TalentBridge.Domain.Tests.Normalisation;

public sealed class RequirementExperienceTests
{
    [Theory]
    [InlineData("3-5年", 3, 5)]
    [InlineData("3年以上", 3, null)]
    [InlineData("三年以上", 3, null)]
    [InlineData("3年及以上", 3, null)]
    [InlineData("1年以下", 0, 1)]
    [InlineData("一年以内", 0, 1)]
    [InlineData("10年以上", 10, null)]
    [InlineData("1-3年经验", 1, 3)]
    [InlineData("五年以上", 5, null)]
    [InlineData("3~5年", 3, 5)]
    [InlineData("3至5年", 3, 5)]
    [InlineData("3+ years", 3, null)]
    [InlineData("３－５年", 3, 5)]
    [InlineData("３～５年", 3, 5)]
    [InlineData("3 - 5 年", 3, 5)]
    [InlineData("3年-5年", 3, 5)]
    [InlineData("三到五年", 3, 5)]
    [InlineData("5-10年", 5, 10)]
    [InlineData("两年以上", 2, null)]
    [InlineData("十年以上", 10, null)]
    [InlineData("十五年以上", 15, null)]
    [InlineData("二十年以上", 20, null)]
    [InlineData("3年以上工作经验", 3, null)]
    [InlineData("3年以上相关工作经验", 3, null)]
    [InlineData("3年工作经验以上", 3, null)]
    [InlineData("至少3年", 3, null)]
    [InlineData("不少于2年", 2, null)]
    [InlineData("1年内", 0, 1)]
    [InlineData("不超过1年", 0, 1)]
    [InlineData("2-3 years", 2, 3)]
    [InlineData("3 to 5 years", 3, 5)]
    [InlineData("At least 5 years", 5, null)]
    [InlineData("5 years or more", 5, null)]
    [InlineData("Less than 1 year", 0, 1)]
    [InlineData("1 year+", 1, null)]
    [InlineData("3年或以上", 3, null)]
    [InlineData("经验3-5年", 3, 5)]
    [InlineData("１０年以上", 10, null)]
    [InlineData("3年以上（含）", 3, null)]
    public void Explicit_forms_give_a_range_with_high_confidence(string text, int min, int? max)
    {
        var result = RequirementNormaliser.Experience(text);

        Assert.NotNull(result.Value);
        Assert.Equal(min, result.Value.MinYears);
        Assert.Equal(max, result.Value.MaxYears);
        Assert.False(result.Value.Graduate);
        Assert.False(result.Value.Student);
        Assert.True(result.Confidence >= 0.95, $"confidence {result.Confidence} for {text}");
    }

    [Theory]
    [InlineData("经验不限")]
    [InlineData("不限")]
    [InlineData("无经验")]
    [InlineData("接受小白")]
    [InlineData("无需经验")]
    [InlineData("无工作经验要求")]
    [InlineData("零基础可")]
    [InlineData("No experience required")]
    [InlineData("Entry level")]
    public void No_requirement_forms_are_zero_upwards(string text)
    {
        var result = RequirementNormaliser.Experience(text);

        Assert.Equal(new ExperienceRequirement(0, null, true, false, false), result.Value);
        Assert.True(result.Confidence >= 0.95);
    }

    [Theory]
    [InlineData("应届")]
    [InlineData("应届毕业生")]
    [InlineData("应届生")]
    [InlineData("2025届毕业生")]
    [InlineData("Fresh graduate")]
    public void Graduate_forms_are_zero_with_the_graduate_flag(string text)
    {
        var result = RequirementNormaliser.Experience(text);

        Assert.Equal(new ExperienceRequirement(0, 0, false, true, false), result.Value);
        Assert.True(result.Confidence >= 0.95);
    }

    [Theory]
    [InlineData("在校生")]
    [InlineData("实习")]
    [InlineData("实习生")]
    [InlineData("Intern")]
    [InlineData("Students welcome")]
    public void Student_forms_are_zero_with_the_student_flag(string text)
    {
        var result = RequirementNormaliser.Experience(text);

        Assert.Equal(new ExperienceRequirement(0, 0, false, false, true), result.Value);
    }

    [Fact]
    public void Students_and_graduates_together_set_both_flags()
    {
        Assert.Equal(new ExperienceRequirement(0, 0, false, true, true), RequirementNormaliser.Experience("在校/应届").Value);
    }

    [Fact]
    public void A_graduate_word_beside_a_range_keeps_the_range_and_the_flag()
    {
        Assert.Equal(new ExperienceRequirement(0, 1, false, true, false), RequirementNormaliser.Experience("应届生或1年以内").Value);
    }

    [Theory]
    [InlineData("6个月以上", 0, null)]
    [InlineData("一年半以上", 1, null)]
    [InlineData("1.5年以上", 1, null)]
    [InlineData("半年以上", 0, null)]
    [InlineData("6-18个月", 0, 2)]
    public void Months_and_halves_are_widened_to_whole_years(string text, int min, int? max)
    {
        var result = RequirementNormaliser.Experience(text);

        Assert.Equal(new ExperienceRequirement(min, max, false, false, false), result.Value);
        Assert.InRange(result.Confidence, 0.8, 0.9);
    }

    [Theory]
    [InlineData("3年", 3, null, 0.85)]
    [InlineData("3", 3, null, 0.6)]
    [InlineData("3-5", 3, 5, 0.8)]
    [InlineData("3年左右", 3, 3, 0.8)]
    [InlineData("5-3年", 3, 5, 0.8)]
    public void Weaker_forms_get_lower_confidence(string text, int min, int? max, double confidence)
    {
        var result = RequirementNormaliser.Experience(text);

        Assert.NotNull(result.Value);
        Assert.Equal(min, result.Value.MinYears);
        Assert.Equal(max, result.Value.MaxYears);
        Assert.Equal(confidence, result.Confidence, 3);
    }

    [Fact]
    public void A_preferred_range_beside_no_requirement_is_no_requirement_with_the_range_as_alternative()
    {
        var result = RequirementNormaliser.Experience("经验不限，有3年以上经验优先");

        Assert.Equal(new ExperienceRequirement(0, null, true, false, false), result.Value);
        Assert.Equal([new ExperienceRequirement(3, null, false, false, false)], result.Alternatives);
    }

    [Fact]
    public void A_preferred_range_alone_is_kept_with_a_lower_confidence()
    {
        var result = RequirementNormaliser.Experience("3年以上优先");

        Assert.Equal(new ExperienceRequirement(3, null, false, false, false), result.Value);
        Assert.Equal(0.7, result.Confidence, 3);
    }

    [Theory]
    [InlineData("35岁以下，3年以上", 3, null)]
    [InlineData("2020年后毕业，2年以上", 2, null)]
    public void Ages_and_calendar_years_are_skipped(string text, int min, int? max)
    {
        var result = RequirementNormaliser.Experience(text);

        Assert.NotNull(result.Value);
        Assert.Equal(min, result.Value.MinYears);
        Assert.Equal(max, result.Value.MaxYears);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("面议")]
    [InlineData("一线城市")]
    [InlineData("35岁以下")]
    [InlineData("2024年")]
    [InlineData("company")]
    [InlineData("###")]
    public void Garbage_and_empty_give_no_value(string? text)
    {
        var result = RequirementNormaliser.Experience(text);

        Assert.Null(result.Value);
        Assert.Equal(0, result.Confidence);
    }
}

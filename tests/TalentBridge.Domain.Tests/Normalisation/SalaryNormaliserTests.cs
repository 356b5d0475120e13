using TalentBridge.Domain.Normalisation;

namespace TalentBridge.Domain.Tests.Normalisation;

public sealed class SalaryNormaliserTests
{
    private const SalaryPeriod U = SalaryPeriod.Unknown;
    private const SalaryPeriod H = SalaryPeriod.Hour;
    private const SalaryPeriod D = SalaryPeriod.Day;
    private const SalaryPeriod M = SalaryPeriod.Month;
    private const SalaryPeriod Y = SalaryPeriod.Year;

    [Theory]
    [InlineData("15-20K·14薪", 15000, 20000, 14, U, false, false)]
    [InlineData("25-35k·16薪", 25000, 35000, 16, U, false, false)]
    [InlineData("1.2-2万/月", 12000, 20000, 12, M, false, false)]
    [InlineData("8千-1.2万", 8000, 12000, 12, U, false, false)]
    [InlineData("0.8-1万", 8000, 10000, 12, U, false, false)]
    [InlineData("8K-1.2W", 8000, 12000, 12, U, false, false)]
    [InlineData("3.5-5千/月", 3500, 5000, 12, M, false, false)]
    [InlineData("10-15万/年", 8333, 12500, 12, Y, false, false)]
    [InlineData("年薪30万", 25000, 25000, 12, Y, false, false)]
    [InlineData("年薪20-30万", 16667, 25000, 12, Y, false, false)]
    [InlineData("200-300元/天", 4350, 6525, 12, D, false, false)]
    [InlineData("50元/小时", 8700, 8700, 12, H, false, false)]
    [InlineData("时薪25元", 4350, 4350, 12, H, false, false)]
    [InlineData("6000-8000元", 6000, 8000, 12, U, false, false)]
    [InlineData("月薪8000-12000", 8000, 12000, 12, M, false, false)]
    [InlineData("3000以上", 3000, null, 12, U, false, false)]
    [InlineData("1万以下", null, 10000, 12, U, false, false)]
    [InlineData("12K以上", 12000, null, 12, U, false, false)]
    [InlineData("1.5万", 15000, 15000, 12, U, false, false)]
    [InlineData("底薪4000+提成", 4000, null, 12, U, false, true)]
    [InlineData("面议", null, null, 12, U, true, false)]
    [InlineData("薪资面议", null, null, 12, U, true, false)]
    [InlineData("１５－２０Ｋ", 15000, 20000, 12, U, false, false)]
    [InlineData("15～20K", 15000, 20000, 12, U, false, false)]
    [InlineData("15~20K", 15000, 20000, 12, U, false, false)]
    [InlineData("15至20K", 15000, 20000, 12, U, false, false)]
    [InlineData("15—20K", 15000, 20000, 12, U, false, false)]
    [InlineData("15–20K", 15000, 20000, 12, U, false, false)]
    [InlineData("15－20K", 15000, 20000, 12, U, false, false)]
    [InlineData(" 15 - 20 K ", 15000, 20000, 12, U, false, false)]
    [InlineData("1.2 万 - 2 万 元 / 月", 12000, 20000, 12, M, false, false)]
    [InlineData("15k-20k", 15000, 20000, 12, U, false, false)]
    [InlineData("15K~20K", 15000, 20000, 12, U, false, false)]
    [InlineData("8K-12K/月", 8000, 12000, 12, M, false, false)]
    [InlineData("2w-3W", 20000, 30000, 12, U, false, false)]
    [InlineData("每月8000元", 8000, 8000, 12, M, false, false)]
    [InlineData("8000元每月", 8000, 8000, 12, M, false, false)]
    [InlineData("4500-6000元/月", 4500, 6000, 12, M, false, false)]
    [InlineData("1.2万-2万元/月", 12000, 20000, 12, M, false, false)]
    [InlineData("20-30K·13薪", 20000, 30000, 13, U, false, false)]
    [InlineData("15-20K 十四薪", 15000, 20000, 14, U, false, false)]
    [InlineData("14薪 15-20K", 15000, 20000, 14, U, false, false)]
    [InlineData("8-10K 双休", 8000, 10000, 12, U, false, false)]
    [InlineData("2-3千", 2000, 3000, 12, U, false, false)]
    [InlineData("日结200", 4350, 4350, 12, D, false, false)]
    [InlineData("200/天", 4350, 4350, 12, D, false, false)]
    [InlineData("300元/日", 6525, 6525, 12, D, false, false)]
    [InlineData("按件计酬", null, null, 12, U, false, true)]
    [InlineData("计件", null, null, 12, U, false, true)]
    [InlineData("10,000-15,000元/月", 10000, 15000, 12, M, false, false)]
    [InlineData("3-5年经验 8-10K", 8000, 10000, 12, U, false, false)]
    [InlineData("8000-1.2万", 8000, 12000, 12, U, false, false)]
    [InlineData("15-20K 可面议", 15000, 20000, 12, U, true, false)]
    [InlineData("年薪30W·15薪", 25000, 25000, 15, Y, false, false)]
    [InlineData("1万5", 15000, 15000, 12, U, false, false)]
    [InlineData("1万5千-2万/月", 15000, 20000, 12, M, false, false)]
    [InlineData("1万-1万5", 10000, 15000, 12, U, false, false)]
    [InlineData("18-25岁 4000-6000元", 4000, 6000, 12, U, false, false)]
    [InlineData("4k+", 4000, null, 12, U, false, false)]
    [InlineData("20元/h", 3480, 3480, 12, H, false, false)]
    public void Each_documented_form_reads_as_its_monthly_range(
        string text, int? min, int? max, int months, SalaryPeriod period, bool negotiable, bool commission)
    {
        var result = SalaryNormaliser.Parse(text);

        Assert.Equal(new SalaryRange(min, max, months, period, negotiable, commission), result.Value);
        Assert.InRange(result.Confidence, 0.0, 1.0);
    }

    [Theory]
    [InlineData("15-20K·14薪")]
    [InlineData("1.2-2万/月")]
    [InlineData("0.8-1万")]
    [InlineData("10-15万/年")]
    [InlineData("年薪30万")]
    [InlineData("200-300元/天")]
    [InlineData("50元/小时")]
    [InlineData("6000-8000元")]
    [InlineData("月薪8000-12000")]
    [InlineData("１５－２０Ｋ")]
    public void Clean_explicit_forms_are_read_with_high_confidence(string text)
    {
        var result = SalaryNormaliser.Parse(text);

        Assert.True(result.Confidence >= 0.95, $"{text}: {result.Confidence}");
        Assert.Empty(result.Alternatives);
    }

    [Theory]
    [InlineData("面议")]
    [InlineData("薪资面议")]
    public void Negotiable_text_is_confidently_negotiable(string text)
    {
        var result = SalaryNormaliser.Parse(text);

        Assert.True(result.Confidence >= 0.9);
        Assert.True(result.Value!.Negotiable);
    }

    [Fact]
    public void Piece_rate_pay_is_commission_with_low_confidence()
    {
        var result = SalaryNormaliser.Parse("按件计酬");

        Assert.True(result.Value!.Commission);
        Assert.False(result.Value.Negotiable);
        Assert.True(result.Confidence <= 0.5);
    }

    [Fact]
    public void A_bare_small_range_reads_as_thousands_with_an_hourly_alternative()
    {
        var result = SalaryNormaliser.Parse("15-20");

        Assert.Equal(new SalaryRange(15000, 20000, 12, U, false, false), result.Value);
        Assert.True(result.Confidence <= 0.6);
        var alternative = Assert.Single(result.Alternatives);
        Assert.Equal(new SalaryRange(2610, 3480, 12, H, false, false), alternative);
    }

    [Fact]
    public void A_bare_large_range_reads_as_yuan_with_less_than_full_confidence()
    {
        var result = SalaryNormaliser.Parse("6000-8000");

        Assert.Equal(new SalaryRange(6000, 8000, 12, U, false, false), result.Value);
        Assert.InRange(result.Confidence, 0.5, 0.94);
    }

    [Theory]
    [InlineData("20-15K", 15000, 20000)]
    [InlineData("2万-1万", 10000, 20000)]
    [InlineData("12000-8000元", 8000, 12000)]
    public void An_inverted_range_is_swapped_and_trusted_less(string text, int min, int max)
    {
        var result = SalaryNormaliser.Parse(text);

        Assert.Equal(min, result.Value!.MonthlyMin);
        Assert.Equal(max, result.Value.MonthlyMax);
        Assert.True(result.Confidence <= 0.6);
        Assert.Contains("swapped", result.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("hello world", "no salary amount")]
    [InlineData("五险一金 双休", "no salary amount")]
    [InlineData("3年以上经验", "no salary amount")]
    [InlineData("99999999999999999999万", "too large")]
    public void Text_without_a_usable_amount_has_no_value_and_says_why(string? text, string note)
    {
        var result = SalaryNormaliser.Parse(text);

        Assert.Null(result.Value);
        Assert.Equal(0, result.Confidence);
        Assert.Contains(note, result.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100000K")]
    [InlineData("300元/月")]
    [InlineData("1000000000元")]
    public void Implausible_monthly_amounts_are_kept_with_low_confidence(string text)
    {
        var result = SalaryNormaliser.Parse(text);

        Assert.NotNull(result.Value);
        Assert.True(result.Confidence <= 0.3, $"{text}: {result.Confidence}");
        Assert.Contains("outside", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_text_past_the_stack_buffer_is_read_the_same()
    {
        var text = new string('x', 400) + " 15-20K·14薪 " + new string('y', 400);

        Assert.Equal(new SalaryRange(15000, 20000, 14, U, false, false), SalaryNormaliser.Parse(text).Value);
    }

    [Fact]
    public void One_hundred_thousand_varied_texts_parse_without_throwing()
    {
        string[] pieces =
        [
            "1", "2", "5", "0", "9", ".", "12", "0.8", "3.5", "999999999", "-", "~", "～", "至", "—", "－", " ", "　",
            "K", "k", "W", "w", "千", "万", "元", "块", "/", "月", "年", "天", "日", "小时", "时", "每", "薪", "·",
            "以上", "以下", "以内", "起", "+", "面议", "提成", "计件", "底薪", "年薪", "月薪", "日结", "时薪", "十四",
            "十", "两", "三", "，", ",", "１", "５", "Ｋ", "%", "岁", "个", "双休", "五险一金", "a", "\u0000", "\uD800",
        ];
        var random = new Random(20260101);
        var builder = new System.Text.StringBuilder();
        for (var n = 0; n < 100_000; n++)
        {
            builder.Clear();
            var count = n % 1000 == 0 ? 200 : random.Next(0, 12);
            for (var p = 0; p < count; p++)
            {
                builder.Append(pieces[random.Next(pieces.Length)]);
            }

            var text = builder.ToString();
            var result = SalaryNormaliser.Parse(text);

            Assert.InRange(result.Confidence, 0.0, 1.0);
            if (result.Value is { MonthlyMin: { } min, MonthlyMax: { } max })
            {
                Assert.True(min <= max, text);
            }
        }
    }
}

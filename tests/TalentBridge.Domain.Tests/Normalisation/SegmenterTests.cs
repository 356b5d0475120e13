using TalentBridge.Domain.Normalisation;

namespace TalentBridge.Domain.Tests.Normalisation;

public sealed class SegmenterTests
{
    private static Segmenter Segmenter => Segmenter.Load();

    [Theory]
    [InlineData("熟悉数控车床编程", "熟悉/数控车床/编程")]
    [InlineData("我来到北京清华大学", "我/来到/北京/清华大学")]
    [InlineData("持有高压电工证优先", "持有/高压/电工证/优先")]
    [InlineData("熟练使用Java和C++开发", "熟练/使用/Java/和/C++/开发")]
    [InlineData("工会计划", "工会/计划")]
    public void Sentences_are_cut_into_dictionary_words(string text, string expected) =>
        Assert.Equal(expected, string.Join('/', Segmenter.Cut(text)));

    [Fact]
    public void Punctuation_is_a_token_and_white_space_is_dropped() =>
        Assert.Equal(["会", "焊接", "，", "能", "吃苦"], Segmenter.Cut("会焊接， 能吃苦"));

    [Fact]
    public void Unknown_latin_letters_and_digits_are_joined() =>
        Assert.Equal(["SolidWorks2020", "建模"], Segmenter.Cut("SolidWorks2020建模"));

    [Fact]
    public void Words_are_substrings_of_the_original_text_even_when_full_width() =>
        Assert.Equal(["ＰＬＣ", "编程"], Segmenter.Cut("ＰＬＣ编程"));

    [Fact]
    public void Empty_text_has_no_words() => Assert.Empty(Segmenter.Cut(""));

    [Fact]
    public void The_dictionary_is_loaded_once() => Assert.Same(Segmenter.Load(), Segmenter.Load());
}

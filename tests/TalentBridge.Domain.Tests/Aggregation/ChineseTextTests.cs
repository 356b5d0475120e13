using TalentBridge.Domain.Aggregation;

namespace TalentBridge.Domain.Tests.Aggregation;

public class ChineseTextTests
{
    [Fact]
    public void Traditional_and_simplified_fold_to_the_same_text()
    {
        Assert.Equal(ChineseText.Fold("麗水市軟體開發工程師"), ChineseText.Fold("丽水市软体开发工程师"));
        Assert.Equal("丽水职业技术学院", ChineseText.Fold("麗水職業技術學院"));
    }

    [Fact]
    public void Full_width_case_punctuation_and_spaces_are_folded_away()
    {
        Assert.Equal("java开发工程师5年", ChineseText.Fold("ＪＡＶＡ 开发工程师（５年）！"));
        Assert.Equal("王伟", ChineseText.Fold("王　伟"));
        Assert.Equal(string.Empty, ChineseText.Fold(null));
    }

    [Fact]
    public void Traditional_spelling_folds_back_to_the_simplified_text()
    {
        const string text = "负责机械零部件的设计与开发，熟悉数控车床操作，有相关工作经验者优先。";
        var traditional = ChineseText.ToTraditional(text);
        Assert.NotEqual(text, traditional);
        Assert.Equal(ChineseText.Fold(text), ChineseText.Fold(traditional));
    }

    [Fact]
    public void The_vendored_table_has_thousands_of_pairs()
    {
        _ = ChineseText.Fold("x");
        Assert.True(ChineseText.TraditionalPairCount > 2500);
    }
}

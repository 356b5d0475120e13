using TalentBridge.Domain.Normalisation;

namespace TalentBridge.Domain.Tests.Normalisation;

public sealed class SkillVocabularyTests
{
    private static SkillVocabulary Vocabulary => SkillVocabulary.Load();

    [Fact]
    public void The_curated_list_has_at_least_300_skills_and_a_tail()
    {
        Assert.True(Vocabulary.CuratedCount >= 300, $"{Vocabulary.CuratedCount} curated skills");
        Assert.True(Vocabulary.Count > Vocabulary.CuratedCount);
    }

    [Theory]
    [InlineData("java", "java")]
    [InlineData("JAVA开发", "java")]
    [InlineData("电焊", "welding")]
    [InlineData("叉车证", "forklift")]
    [InlineData("Ｋ８Ｓ", "kubernetes")]
    [InlineData("多线程", "term:多线程")]
    public void Skills_are_found_by_id_or_any_name(string key, string id) => Assert.Equal(id, Vocabulary.Find(key)?.Id);

    [Fact]
    public void A_single_latin_letter_is_not_a_skill() => Assert.Null(Vocabulary.Find("c"));

    [Fact]
    public void Curated_ids_are_kebab_case_slugs_and_tail_ids_are_prefixed() =>
        Assert.All(Vocabulary.Skills, s => Assert.Matches(
            s.Category == SkillVocabulary.TailCategory ? "^term:.+$" : "^[a-z0-9]+(-[a-z0-9]+)*$", s.Id));
}

using TalentBridge.Domain.Normalisation;

namespace TalentBridge.Domain.Tests.Normalisation;

public sealed class SkillExtractorTests
{
    private static readonly Lazy<SkillExtractor> Extractor = new(() => new SkillExtractor(SkillVocabulary.Load()));

    private static string[] Ids(string? text) => [.. Extractor.Value.Distinct(text).Select(s => s.Id)];

    private static string[] CuratedIds(string text) =>
        [.. Extractor.Value.Distinct(text).Where(s => s.Category != SkillVocabulary.TailCategory).Select(s => s.Id)];

    [Theory]
    [InlineData("Java")]
    [InlineData("JAVA")]
    [InlineData("java开发")]
    [InlineData("Java开发")]
    [InlineData("ｊａｖａ")]
    [InlineData("ＪＡＶＡ开发")]
    public void Synonyms_case_and_full_width_map_to_one_skill(string text) => Assert.Equal(["java"], Ids(text));

    [Theory]
    [InlineData("google", new string[0])]
    [InlineData("javascript", new[] { "javascript" })]
    [InlineData("会go语言", new[] { "go" })]
    [InlineData("Go/Python", new[] { "go", "python" })]
    [InlineData("c语言 c", new[] { "c-language" })]
    [InlineData("C++11和C#", new[] { "cpp", "csharp" })]
    [InlineData("精通c/c++", new[] { "cpp" })]
    [InlineData("debug", new string[0])]
    [InlineData("UG编程，CAD制图", new[] { "ug-nx", "autocad" })]
    public void Latin_names_match_on_word_boundaries(string text, string[] expected) => Assert.Equal(expected, CuratedIds(text));

    [Theory]
    [InlineData("工会计划", new string[0])]
    [InlineData("完美发挥", new string[0])]
    [InlineData("会计师事务所审计经验", new[] { "accounting", "audit" })]
    [InlineData("模具工", new[] { "mould" })]
    [InlineData("美容美发", new[] { "beauty", "hairdressing" })]
    [InlineData("持高压电工证", new[] { "hv-electrician" })]
    public void Chinese_names_may_not_cut_words_at_both_ends(string text, string[] expected) => Assert.Equal(expected, CuratedIds(text));

    [Fact]
    public void A_job_description_yields_its_skills()
    {
        const string description =
            "岗位职责：1、负责数控车床、加工中心的编程与操作；2、能看懂机械图纸，熟练使用AutoCAD、UG绘图；" +
            "3、会氩弧焊、二保焊者优先。任职要求：中专以上学历，持低压电工证，有C1驾照，吃苦耐劳，有团队合作精神。";
        Assert.Equal(
            ["cnc-lathe", "machining-center", "blueprint-reading", "autocad", "ug-nx", "argon-arc-welding", "co2-welding",
             "lv-electrician", "licence-c1", "teamwork"],
            CuratedIds(description));
    }

    [Fact]
    public void A_resume_yields_its_skills()
    {
        const string resume =
            "2019-2023 丽水某科技公司 Java开发工程师：基于Spring Boot + MyBatis开发ERP系统，数据库MySQL、Redis，" +
            "部署在Linux + Docker上；熟悉Vue3前端。英语六级，普通话二级甲等，有教师资格证。";
        Assert.Equal(
            ["java", "spring-boot", "mybatis", "erp", "database", "mysql", "redis", "linux", "docker", "vue", "frontend",
             "cet6", "mandarin", "teacher-certificate"],
            CuratedIds(resume));
    }

    [Fact]
    public void Mentions_carry_the_original_text_and_offsets()
    {
        var mention = Assert.Single(Extractor.Value.Extract("熟悉ＰＨＰ"));
        Assert.Equal(("php", 2, 3, "ＰＨＰ"), (mention.Skill.Id, mention.Start, mention.Length, mention.Text));
    }

    [Fact]
    public void Tail_terms_fill_the_gaps_left_by_curated_skills()
    {
        var skills = Extractor.Value.Distinct("理解多线程和正则表达式，熟悉Java");
        Assert.Equal(["term:多线程", "term:正则表达式", "java"], skills.Select(s => s.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_input_has_no_skills(string? text)
    {
        Assert.Empty(Extractor.Value.Extract(text));
        Assert.Empty(Extractor.Value.Distinct(text));
    }
}

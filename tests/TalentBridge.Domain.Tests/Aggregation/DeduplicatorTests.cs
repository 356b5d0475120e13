using TalentBridge.Domain.Aggregation;

namespace TalentBridge.Domain.Tests.Aggregation;

public class DeduplicatorTests
{
    private const string Text = "因业务发展需要，现招聘数控车工3名。岗位职责：操作数控车床加工零件；编制加工程序。任职要求：高中及以上学历，2年以上相关工作经验。月薪6000-8000元。福利待遇：五险一金、包吃住。";

    private static NormalisedPosting Posting(string source, string id, string title = "数控车工", string enterprise = "丽水瓯江机械有限公司",
        string? uscc = "91331102MA2A1B2C3X", string region = "331102", string? text = Text, int day = 0, string occupation = "6-18-01-01") =>
        new(source, id, title, occupation, 0.9, enterprise, uscc, region, 6000, 8000, 12, EducationLevel.SeniorHigh, 2, 3, text,
            new DateOnly(2025, 3, 1).AddDays(day));

    private static SourceTalent Talent(string source, string id, string name = "王伟", string? phone = null, string? idHash = null,
        int year = 1990, string region = "331102", string text = "大专学历，机电一体化技术专业。从事数控车工相关工作6年。熟练掌握数控车床、CNC编程、识图。") =>
        new(source, id, name, phone, idHash, year, region, "6-18-01-01", text);

    [Fact]
    public void Exact_duplicates_from_other_platforms_merge_with_all_sources_kept()
    {
        var dedup = new PostingDeduplicator(new DedupOptions { ExactSourceIds = true });
        var a = dedup.Add(Posting("zjrc", "1"));
        var b = dedup.Add(Posting("job51", "x9", title: "急招数控车工（包吃住）", enterprise: "瓯江机械有限责任公司", uscc: null, region: "331102003", day: 5));
        var c = dedup.Add(Posting("zjrc", "1"));
        Assert.True(a.IsNew);
        Assert.Equal(1, a.ClusterId);
        Assert.False(b.IsNew);
        Assert.Equal(1, b.ClusterId);
        Assert.StartsWith("same enterprise, occupation, region", b.Reason, StringComparison.Ordinal);
        Assert.Equal("exact source id", c.Reason);
        Assert.Equal(1, dedup.ClusterCount);
    }

    [Fact]
    public void Traditional_characters_and_reordered_text_still_merge()
    {
        var dedup = new PostingDeduplicator();
        dedup.Add(Posting("a", "1"));
        var reordered = string.Join("。", Text.TrimEnd('。').Split('。').Reverse()) + "。";
        var decision = dedup.Add(Posting("b", "2", title: ChineseText.ToTraditional("数控车工"), text: ChineseText.ToTraditional(reordered)));
        Assert.False(decision.IsNew);
        Assert.True(decision.Similarity > 0.9);
    }

    [Fact]
    public void Hard_negatives_for_postings_stay_apart()
    {
        var dedup = new PostingDeduplicator();
        dedup.Add(Posting("a", "1"));
        // Another position of the same enterprise and occupation group.
        Assert.True(dedup.Add(Posting("b", "2", title: "质量检验员", occupation: "6-18-01-02",
            text: "因业务发展需要，现招聘质量检验员1名。岗位职责：使用量具检验零件尺寸；填写检验记录。任职要求：中专及以上学历。月薪5000-6000元。")).IsNew);
        // The same title in another county.
        Assert.True(dedup.Add(Posting("b", "3", region: "331121")).IsNew);
        // Another enterprise (other USCC) with the same name core.
        Assert.True(dedup.Add(Posting("b", "4", uscc: "91331102MA9Z9Z9Z9Y")).IsNew);
        // A re-post months later.
        Assert.True(dedup.Add(Posting("b", "5", day: 120)).IsNew);
        Assert.Equal(5, dedup.ClusterCount);
    }

    [Theory]
    [InlineData("数控车工", "CNC数控车床操作工", "6-18-01-01")]
    [InlineData("直播带货主播", "抖音电商主播", "4-01-02-07")]
    [InlineData("养老护理员", "丽水市养老护理员", "4-10-01-05")]
    public void The_same_position_worded_otherwise_on_another_platform_joins_on_enterprise_occupation_region_and_salary(
        string title, string otherTitle, string occupation)
    {
        var dedup = new PostingDeduplicator();
        Assert.True(dedup.Add(Posting("zjrc", "1", title: title, occupation: occupation, text: $"招聘{title}，莲都区，五险一金。")).IsNew);
        var copy = dedup.Add(Posting("job51", "2", title: otherTitle, occupation: occupation, uscc: null, region: "331102003", day: 2,
            text: $"【{otherTitle}】待遇6000-8000，包吃住，联系人：人事部"));
        Assert.False(copy.IsNew, copy.Reason);
        Assert.Contains("same occupation code and salary", copy.Reason, StringComparison.Ordinal);
        // Another position of the enterprise in the same occupation group: another occupation code and salary.
        var other = Posting("boss", "3", title: otherTitle, occupation: occupation[..^1] + "9", text: $"【{otherTitle}】待遇4000-5000") with { SalaryMin = 4000, SalaryMax = 5000 };
        Assert.True(dedup.Add(other).IsNew);
        Assert.Equal(2, dedup.ClusterCount);
    }

    [Fact]
    public void Positions_of_one_enterprise_with_the_same_title_and_a_shared_template_stay_apart()
    {
        var dedup = new PostingDeduplicator();
        Assert.True(dedup.Add(Posting("a", "1", text: "招聘数控车工2名。任职要求：高中及以上学历，2年以上相关工作经验，熟悉数控车床、识图。工作地点：莲都区。福利待遇：五险一金、包吃住。")).IsNew);
        // Another opening with the same title: other headcount, education and skills in the same template.
        var other = new NormalisedPosting("b", "2", "数控车工", "6-18-01-01", 0.9, "丽水瓯江机械有限公司", null, "331102", 6000, 7500, 12,
            EducationLevel.Associate, 3, 5, "招聘数控车工5名。任职要求：大专及以上学历，3年以上相关工作经验，熟悉CNC编程。工作地点：莲都区。福利待遇：五险一金、年终奖。",
            new DateOnly(2025, 3, 4));
        Assert.True(dedup.Add(other).IsNew);
        Assert.Equal(2, dedup.ClusterCount);
    }

    [Fact]
    public void Without_the_source_id_index_a_repeated_row_joins_its_cluster_by_similarity()
    {
        var dedup = new PostingDeduplicator();
        dedup.Add(Posting("zjrc", "1"));
        var again = dedup.Add(Posting("zjrc", "1"));
        Assert.Equal((1L, false), (again.ClusterId, again.IsNew));
        Assert.StartsWith("same USCC, occupation, region", again.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Talents_with_the_same_contact_or_id_hash_merge_decisively()
    {
        var dedup = new TalentDeduplicator();
        Assert.True(dedup.Add(Talent("a", "1", phone: "p1", idHash: "i1")).IsNew);
        var byPhone = dedup.Add(Talent("b", "1", name: "李娜", phone: "p1", year: 1970, text: "其他"));
        var byId = dedup.Add(Talent("c", "1", name: "陳 偉", idHash: "i1", region: "331121"));
        Assert.Equal(("same phone hash", 1L), (byPhone.Reason, byPhone.ClusterId));
        Assert.Equal(("same ID number hash", 1L), (byId.Reason, byId.ClusterId));
    }

    [Fact]
    public void Talents_match_on_folded_name_birth_year_and_county_including_one_character_typos()
    {
        var dedup = new TalentDeduplicator();
        dedup.Add(Talent("a", "1", name: "陈建国", phone: "p1"));
        var folded = dedup.Add(Talent("b", "1", name: "陳 建國", idHash: "i9"));
        var typo = dedup.Add(Talent("c", "1", name: "陈建华"));
        Assert.Equal(1, folded.ClusterId);
        Assert.StartsWith("same name", folded.Reason, StringComparison.Ordinal);
        Assert.Equal(1, typo.ClusterId);
        Assert.StartsWith("similar name", typo.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Namesakes_with_other_contacts_and_other_resumes_stay_apart()
    {
        var dedup = new TalentDeduplicator();
        dedup.Add(Talent("a", "1", phone: "p1", idHash: "i1"));
        Assert.True(dedup.Add(Talent("b", "1", phone: "p2", text: "本科学历，会计学专业。从事会计相关工作3年。熟练掌握用友、金蝶、Excel。")).IsNew);
        Assert.True(dedup.Add(Talent("b", "2", idHash: "i2")).IsNew);      // same résumé, but another ID number
        Assert.True(dedup.Add(Talent("b", "3", year: 1991)).IsNew);       // another birth year
        Assert.True(dedup.Add(Talent("b", "4", region: "331121")).IsNew); // another county
        Assert.Equal(5, dedup.ClusterCount);
    }
}

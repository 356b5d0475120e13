using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Tests.Reference;

public sealed class IndustryCatalogueTests
{
    private static IndustryCatalogue Industries => Reference.Industries;

    [Fact]
    public void Counts_match_the_standard()
    {
        Assert.Equal(20, Industries.Sections.Count);
        Assert.Equal(["A", "T"], new[] { Industries.Sections[0].Code, Industries.Sections[^1].Code });
        Assert.Equal(20 + 97 + 274 + 1381, Industries.Count);
    }

    [Fact]
    public void Manufacturing_has_divisions_13_to_43()
    {
        var divisions = Industries.Children("C");

        Assert.Equal(Enumerable.Range(13, 31).Select(d => d.ToString("00", System.Globalization.CultureInfo.InvariantCulture)), divisions.Select(d => d.Code));
        Assert.All(divisions, d => Assert.Equal((2, "C", "C"), (d.Level, d.Section, d.ParentCode)));
    }

    [Fact]
    public void Class_1311_is_rice_processing_below_group_131()
    {
        var rice = Industries.Find("1311");

        Assert.NotNull(rice);
        Assert.Equal(("稻谷加工", 4, "C", "131"), (rice.Name, rice.Level, rice.Section, rice.ParentCode));
        Assert.Equal(["C", "13", "131"], Industries.Ancestors("1311").Select(i => i.Code));
    }

    [Fact]
    public void Class_of_a_single_class_group_hangs_below_the_division()
    {
        var other = Industries.Find("0190")!;

        Assert.Equal(("其他农业", "01"), (other.Name, other.ParentCode));
        Assert.Null(Industries.Find("019"));
        Assert.Equal(["A", "01"], Industries.Ancestors("0190").Select(i => i.Code));
        Assert.Contains(Industries.Children("01"), i => i.Code == "0190");
        Assert.Contains(Industries.Children("01"), i => i.Code == "011");
    }

    [Fact]
    public void Aircraft_manufacturing_is_a_class_of_group_374()
    {
        Assert.Equal(
            ["3741", "3742", "3743", "3744", "3749"],
            Industries.Children("374").Select(i => i.Code));
        Assert.Equal("航空、航天器及设备制造", Industries.Find("374")!.Name);
    }

    [Fact]
    public void Find_is_case_insensitive_for_section_letters_and_null_for_unknown()
    {
        Assert.Same(Industries.Find("C"), Industries.Find("c"));
        Assert.Null(Industries.Find("Z"));
        Assert.Null(Industries.Find("9999"));
        Assert.Null(Industries.Find(""));
    }

    [Theory]
    [InlineData("1311", "C", true)]
    [InlineData("1311", "13", true)]
    [InlineData("1311", "131", true)]
    [InlineData("1311", "1311", true)]
    [InlineData("0190", "01", true)]
    [InlineData("1311", "A", false)]
    [InlineData("13", "1311", false)]
    [InlineData("9999", "C", false)]
    public void IsInSubtree_follows_the_tree(string code, string root, bool expected)
    {
        Assert.Equal(expected, Industries.IsInSubtree(code, root));
    }

    [Fact]
    public void Search_ranks_code_then_name_matches()
    {
        var byCode = Industries.Search("13");
        Assert.Equal("13", byCode[0].Code);
        Assert.All(byCode.Skip(1).Take(5), i => Assert.StartsWith("13", i.Code, StringComparison.Ordinal));

        Assert.Equal("C", Industries.Search("c")[0].Code);
        Assert.Equal("稻谷加工", Industries.Search("稻谷加工")[0].Name);
        Assert.All(Industries.Search("软件"), i => Assert.Contains("软件", i.Name, StringComparison.Ordinal));
        Assert.NotEmpty(Industries.Search("软件"));
        Assert.Equal(5, Industries.Search("制造", take: 5).Count);
    }
}

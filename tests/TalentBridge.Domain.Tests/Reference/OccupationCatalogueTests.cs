using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Tests.Reference;

public sealed class OccupationCatalogueTests
{
    private const string SoftwareEngineer = "2-02-10-03";

    private static OccupationCatalogue Occupations => Reference.Occupations;

    [Fact]
    public void Software_engineer_is_a_digital_occupation_without_the_marker_in_its_name()
    {
        var occupation = Occupations.Find(SoftwareEngineer);

        Assert.NotNull(occupation);
        Assert.Equal("计算机软件工程技术人员", occupation.Name);
        Assert.Equal(4, occupation.Level);
        Assert.True(occupation.IsDigital);
        Assert.False(occupation.IsGreen);
        Assert.StartsWith("从事计算机软件研究", occupation.Definition, StringComparison.Ordinal);
        Assert.NotNull(occupation.Tasks);
        Assert.Equal("2-02-10-00", occupation.ParentCode);
    }

    [Fact]
    public void Find_accepts_the_code_without_dashes()
    {
        Assert.Same(Occupations.Find(SoftwareEngineer), Occupations.Find("2021003"));
        Assert.Null(Occupations.Find("9-99-99-99"));
        Assert.Null(Occupations.Find(""));
    }

    [Fact]
    public void Software_engineer_has_three_ancestors_major_group_first()
    {
        Assert.Equal(
            ["2-00-00-00", "2-02-00-00", "2-02-10-00"],
            Occupations.Ancestors(SoftwareEngineer).Select(o => o.Code));
        Assert.Empty(Occupations.Ancestors("2-00-00-00"));
    }

    [Fact]
    public void Markers_L_and_L_S_set_the_green_flag()
    {
        var green = Occupations.Find("2-02-01-03")!;
        var both = Occupations.Find("2-02-02-01")!;

        Assert.Equal(("水工环地质工程技术人员", false, true), (green.Name, green.IsDigital, green.IsGreen));
        Assert.Equal(("大地测量工程技术人员", true, true), (both.Name, both.IsDigital, both.IsGreen));
    }

    [Fact]
    public void Names_carry_no_markers()
    {
        Assert.DoesNotContain(
            Occupations.Search("人员", take: int.MaxValue),
            o => o.Name.EndsWith('S') || o.Name.EndsWith('L'));
    }

    [Fact]
    public void Aliases_are_split_on_commas_without_the_name_and_without_duplicates()
    {
        var aliases = Occupations.Find(SoftwareEngineer)!.Aliases;

        Assert.Contains("Java", aliases);
        Assert.Contains("C/C++", aliases);
        Assert.Contains("电子软件开发(ARM/MCU等)", aliases);
        Assert.DoesNotContain("java", aliases); // same as Java apart from case
        Assert.DoesNotContain("计算机软件工程技术人员", aliases);
        Assert.DoesNotContain("计算机软件工程技术人员S", aliases);
        Assert.Equal(aliases.Count, aliases.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(Occupations.Find("2-02-10-04")!.Aliases);
    }

    [Fact]
    public void Counts_match_the_classification()
    {
        Assert.Equal(8, Occupations.MajorGroups.Count);
        Assert.Equal(2047, Occupations.Count);
    }

    [Theory]
    [InlineData("2-02-10-03", "2-02-10-00")]
    [InlineData("2-02-10-00", "2-02-00-00")]
    [InlineData("2-02-00-00", "2-00-00-00")]
    [InlineData("2-00-00-00", null)]
    [InlineData("1-01-00-01", "1-01-00-00")]
    [InlineData("1-02-01-00", "1-02-00-00")]
    public void ParentCode_drops_the_last_significant_segment(string code, string? expected)
    {
        Assert.Equal(expected, Occupations.Find(code)!.ParentCode);
    }

    [Fact]
    public void Occupations_directly_below_a_middle_group_or_coded_like_a_small_group_have_the_right_ancestors()
    {
        // 1-01 has no 小类; 1-02-01-00 is a 小类 with a single occupation, listed only as the occupation.
        Assert.Equal(["1-00-00-00", "1-01-00-00"], Occupations.Ancestors("1-01-00-01").Select(o => o.Code));
        Assert.Equal(4, Occupations.Find("1-02-01-00")!.Level);
        Assert.Equal(["1-00-00-00", "1-02-00-00"], Occupations.Ancestors("1-02-01-00").Select(o => o.Code));
    }

    [Theory]
    [InlineData("1-06-01-01", "1-06-00-00")]
    [InlineData("2-01-04-02", "2-01-00-00")]
    [InlineData("2-02-32-01", "2-02-00-00")]
    [InlineData("5-02-03-01", "5-02-00-00")]
    public void Occupations_whose_small_group_is_missing_hang_below_the_middle_group(string code, string parentCode)
    {
        var occupation = Occupations.Find(code)!;

        Assert.Equal(parentCode, occupation.ParentCode);
        Assert.Contains(occupation, Occupations.Children(parentCode));
        Assert.Equal(parentCode, Occupations.Ancestors(code)[^1].Code);
        Assert.True(Occupations.IsInSubtree(code, code[..7] + "-00"));
    }

    [Fact]
    public void Every_parent_code_can_be_found()
    {
        var all = Occupations.MajorGroups
            .SelectMany(Descendants)
            .ToList();

        Assert.Equal(Occupations.Count, all.Count + Occupations.MajorGroups.Count);
        Assert.All(all, o => Assert.NotNull(Occupations.Find(o.ParentCode!)));

        IEnumerable<Occupation> Descendants(Occupation o) =>
            Occupations.Children(o.Code).SelectMany(c => Descendants(c).Prepend(c));
    }

    [Fact]
    public void Entry_listed_as_occupation_but_with_occupations_below_it_is_a_small_group()
    {
        Assert.Equal(3, Occupations.Find("6-20-03-00")!.Level);
        Assert.Equal(["6-20-03-01", "6-20-03-02", "6-20-03-03"], Occupations.Children("6-20-03-00").Select(o => o.Code));
    }

    [Fact]
    public void Duplicated_source_rows_give_one_entry()
    {
        var soil = Occupations.Find("2-03-01-00")!;

        Assert.Equal(4, soil.Level);
        Assert.NotNull(soil.Definition);
        Assert.Single(Occupations.Children("2-03-00-00"), o => o.Code == "2-03-01-00");
        Assert.Single(Occupations.Children("4-12-04-00"), o => o.Code == "4-12-04-02");
    }

    [Fact]
    public void Children_are_direct_and_ordered_by_code()
    {
        var children = Occupations.Children("2-02-10-00");

        Assert.Equal(SoftwareEngineer, children[2].Code);
        Assert.All(children, o => Assert.Equal("2-02-10-00", o.ParentCode));
        Assert.Equal(children.Select(o => o.Code).Order(StringComparer.Ordinal), children.Select(o => o.Code));
        Assert.Empty(Occupations.Children(SoftwareEngineer));
        Assert.Empty(Occupations.Children("9-99-99-99"));
    }

    [Theory]
    [InlineData(SoftwareEngineer, "2-00-00-00", true)]
    [InlineData(SoftwareEngineer, "2-02-00-00", true)]
    [InlineData(SoftwareEngineer, "2-02-10-00", true)]
    [InlineData(SoftwareEngineer, SoftwareEngineer, true)]
    [InlineData("2021003", "2020000", true)]
    [InlineData(SoftwareEngineer, "2-01-00-00", false)]
    [InlineData("2-02-10-00", SoftwareEngineer, false)]
    [InlineData("9-99-99-99", "2-00-00-00", false)]
    public void IsInSubtree_follows_the_tree(string code, string root, bool expected)
    {
        Assert.Equal(expected, Occupations.IsInSubtree(code, root));
    }

    [Theory]
    [InlineData("2-02-00-00", "2-02")]
    [InlineData("2-02-10-03", "2-02-10-03")]
    [InlineData("2-00-00-00", "2")]
    [InlineData("2-02-10-00", "2-02-10")]
    [InlineData("1-01-00-01", "1-01-00-01")]
    public void Prefix_drops_trailing_zero_segments(string code, string expected)
    {
        Assert.Equal(expected, OccupationCatalogue.Prefix(code));
    }

    [Fact]
    public void Search_by_name_finds_the_software_engineer()
    {
        Assert.Contains(Occupations.Search("软件"), o => o.Code == SoftwareEngineer);
    }

    [Fact]
    public void Search_by_alias_ignores_case_of_Latin_letters()
    {
        Assert.Contains(Occupations.Search("JAVA"), o => o.Code == SoftwareEngineer);
        Assert.Contains(Occupations.Search("golang"), o => o.Code == SoftwareEngineer);
    }

    [Fact]
    public void Search_by_code_puts_the_exact_code_first_then_the_entries_below_it()
    {
        var results = Occupations.Search("2-02-10-00", take: 100);

        Assert.Equal("2-02-10-00", results[0].Code);
        Assert.Equal(Occupations.Children("2-02-10-00").Select(o => o.Code), results.Skip(1).Select(o => o.Code));
        Assert.Equal(SoftwareEngineer, Occupations.Search("2021003")[0].Code);
        Assert.Equal(SoftwareEngineer, Occupations.Search(SoftwareEngineer)[0].Code);
        Assert.All(Occupations.Search("2-02-1"), o => Assert.StartsWith("2-02-1", o.Code, StringComparison.Ordinal));
    }

    [Fact]
    public void Search_ranks_exact_name_before_names_that_contain_the_query()
    {
        var results = Occupations.Search("计算机软件工程技术人员");

        Assert.Equal(SoftwareEngineer, results[0].Code);
    }

    [Fact]
    public void Search_respects_take_and_ignores_blank_queries()
    {
        Assert.Equal(3, Occupations.Search("人员", take: 3).Count);
        Assert.Empty(Occupations.Search("  "));
        Assert.Empty(Occupations.Search("人员", take: 0));
        Assert.Empty(Occupations.Search("没有这种职业的名称"));
    }

    [Fact]
    public void Definitions_are_searched_last()
    {
        var results = Occupations.Search("遥感", take: 200);
        var firstByDefinitionOnly = results.ToList().FindIndex(o =>
            !o.Name.Contains("遥感", StringComparison.Ordinal)
            && !o.Aliases.Any(a => a.Contains("遥感", StringComparison.Ordinal)));

        Assert.True(firstByDefinitionOnly > 0);
        Assert.All(results.Skip(firstByDefinitionOnly), o => Assert.DoesNotContain("遥感", o.Name, StringComparison.Ordinal));
    }
}

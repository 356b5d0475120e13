using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Tests.Reference;

public sealed class RegionCatalogueTests
{
    private static RegionCatalogue Regions => Reference.Regions;

    [Fact]
    public void Lishui_has_nine_counties()
    {
        var counties = Regions.Children("331100");

        Assert.Equal(
            ["331102", "331121", "331122", "331123", "331124", "331125", "331126", "331127", "331181"],
            counties.Select(r => r.Code));
        Assert.All(counties, r => Assert.Equal(RegionLevel.County, r.Level));
        Assert.All(counties, r => Assert.Equal("3311", r.ParentCode));
    }

    [Fact]
    public void Counts_match_the_source_files()
    {
        Assert.Equal(31, Regions.Provinces.Count);
        Assert.Equal(31 + 342 + 2978 + 41352 + 25547, Regions.Count);
        Assert.Equal(11, Regions.Children("33").Count);
    }

    [Theory]
    [InlineData("3311")]
    [InlineData("331100")]
    [InlineData("331100000")]
    [InlineData("331100000000")]
    public void Find_accepts_significant_and_padded_codes(string code)
    {
        var lishui = Regions.Find(code);

        Assert.NotNull(lishui);
        Assert.Equal("3311", lishui.Code);
        Assert.Equal("丽水市", lishui.Name);
        Assert.Equal(RegionLevel.City, lishui.Level);
        Assert.Equal("331100000000", lishui.FullCode);
    }

    [Theory]
    [InlineData("33")]
    [InlineData("330000")]
    [InlineData("330000000000")]
    public void Find_returns_Zhejiang_for_its_codes(string code)
    {
        var zhejiang = Regions.Find(code);

        Assert.NotNull(zhejiang);
        Assert.Equal("浙江省", zhejiang.Name);
        Assert.Null(zhejiang.ParentCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("abc")]
    [InlineData("33x1")]
    [InlineData("-3311")]
    [InlineData("3311000000000")]
    [InlineData("99")]
    [InlineData("331199")]
    public void Find_returns_null_for_unknown_or_malformed_codes(string code)
    {
        Assert.Null(Regions.Find(code));
    }

    [Fact]
    public void Cities_without_counties_have_a_county_level_stand_in_found_by_its_six_digit_code()
    {
        var city = Regions.Find("441900000000");
        var standIn = Regions.Find("441900");

        Assert.Equal(("4419", RegionLevel.City), (city!.Code, city.Level));
        Assert.Equal(("441900", RegionLevel.County, "4419"), (standIn!.Code, standIn.Level, standIn.ParentCode));
        Assert.Equal("东莞市", standIn.Name);
        Assert.NotEmpty(Regions.Children("441900"));
        Assert.True(Regions.IsInSubtree("441900003", "4419"));
    }

    [Fact]
    public void Village_in_Qingtian_has_province_city_county_and_township_as_ancestors()
    {
        var village = Regions.Find("331121001001");
        var ancestors = Regions.Ancestors("331121001001");

        Assert.Equal("塔下社区", village!.Name);
        Assert.Equal(RegionLevel.Village, village.Level);
        Assert.Equal(["33", "3311", "331121", "331121001"], ancestors.Select(r => r.Code));
        Assert.Equal(["浙江省", "丽水市", "青田县", "鹤城街道"], ancestors.Select(r => r.Name));
    }

    [Fact]
    public void Provinces_have_no_ancestors_and_unknown_codes_have_no_relatives()
    {
        Assert.Empty(Regions.Ancestors("33"));
        Assert.Empty(Regions.Ancestors("99"));
        Assert.Empty(Regions.Children("99"));
        Assert.Empty(Regions.Children("331121001001"));
    }

    [Theory]
    [InlineData("331121001001", "33", true)]
    [InlineData("331121001001", "3311", true)]
    [InlineData("331121001001", "331100000000", true)]
    [InlineData("331121000000", "331100", true)]
    [InlineData("331121", "331121", true)]
    [InlineData("3311", "331121", false)]
    [InlineData("331121001001", "3301", false)]
    [InlineData("330102001051", "3311", false)]
    [InlineData("320102001001", "32", true)]
    [InlineData("320102001001", "33", false)]
    [InlineData("abc", "33", false)]
    [InlineData("3311", "", false)]
    public void IsInSubtree_follows_the_tree_for_padded_and_significant_codes(string code, string root, bool expected)
    {
        Assert.Equal(expected, Regions.IsInSubtree(code, root));
    }

    [Theory]
    [InlineData("青田", "331121")]
    [InlineData("青田县", "331121")]
    [InlineData("丽水", "3311")]
    [InlineData("丽水市", "3311")]
    [InlineData("莲都区", "331102")]
    [InlineData("莲都", "331102")]
    [InlineData("景宁", "331127")]
    [InlineData("浙江", "33")]
    [InlineData("浙江省", "33")]
    [InlineData("广西", "45")]
    [InlineData("内蒙古", "15")]
    [InlineData("新疆", "65")]
    [InlineData("北京", "11")]
    public void FindByName_accepts_full_and_short_names(string name, string expectedFirst)
    {
        var found = Regions.FindByName(name);

        Assert.NotEmpty(found);
        Assert.Equal(expectedFirst, found[0].Code);
    }

    [Fact]
    public void FindByName_lists_full_name_matches_before_short_name_matches()
    {
        // 鼓楼区 is a full name in four cities; a township or village could only match by its short name.
        var found = Regions.FindByName("鼓楼区");

        Assert.Equal(4, found.Count(r => r.Name == "鼓楼区"));
        Assert.All(found.Take(4), r => Assert.Equal("鼓楼区", r.Name));
        Assert.Equal(found.Select(r => r.Code).Take(4).Order(StringComparer.Ordinal), found.Select(r => r.Code).Take(4));

        var shortMatches = Regions.FindByName("鼓楼");
        Assert.Equal(shortMatches.OrderBy(r => r.Level).ThenBy(r => r.Code, StringComparer.Ordinal), shortMatches);
    }

    [Theory]
    [InlineData("市辖区")]
    [InlineData("县")]
    [InlineData("省直辖县级行政区划")]
    [InlineData("自治区直辖县级行政区划")]
    [InlineData("不存在的地方")]
    [InlineData("")]
    public void FindByName_never_returns_placeholders_or_unknown_names(string name)
    {
        Assert.Empty(Regions.FindByName(name));
    }

    [Theory]
    [InlineData("青田县", "青田")]
    [InlineData("莲都区", "莲都")]
    [InlineData("丽水市", "丽水")]
    [InlineData("浙江省", "浙江")]
    [InlineData("景宁畲族自治县", "景宁")]
    [InlineData("广西壮族自治区", "广西")]
    [InlineData("内蒙古自治区", "内蒙古")]
    [InlineData("新疆维吾尔自治区", "新疆")]
    [InlineData("西藏自治区", "西藏")]
    [InlineData("恩施土家族苗族自治州", "恩施")]
    [InlineData("巴音郭楞蒙古自治州", "巴音郭楞")]
    [InlineData("龙胜各族自治县", "龙胜")]
    [InlineData("东乡族自治县", "东乡")]
    [InlineData("鄂伦春自治旗", "鄂伦春")]
    [InlineData("锡林郭勒盟", "锡林郭勒")]
    [InlineData("阿克苏地区", "阿克苏")]
    [InlineData("神农架林区", "神农架")]
    [InlineData("浦东新区", "浦东")]
    [InlineData("清新区", "清新")]
    [InlineData("城区", "城区")]
    [InlineData("赵县", "赵县")]
    [InlineData("东华门街道", "东华门")]
    [InlineData("于家务回族乡", "于家务")]
    [InlineData("新发朝鲜民族乡", "新发")]
    [InlineData("清波门社区", "清波门")]
    [InlineData("新都村委会", "新都")]
    [InlineData("裕民村村民委员会", "裕民")]
    [InlineData("双龙社区居委会", "双龙")]
    [InlineData("马村村委会", "马村")]
    [InlineData("石家庄高新技术产业开发区", "石家庄高新技术产业开发区")]
    [InlineData("市辖区", "市辖区")]
    public void ShortName_drops_the_administrative_suffix(string name, string expected)
    {
        Assert.Equal(expected, new Region("33", name, RegionLevel.Province, null).ShortName);
    }

    [Theory]
    [InlineData("331100000000", "3311")]
    [InlineData("331121", "331121")]
    [InlineData("330000", "33")]
    [InlineData("33", "33")]
    [InlineData("331121001000", "331121001")]
    [InlineData("331121001010", "331121001010")]
    [InlineData("3311001", "331100100")]
    public void Significant_keeps_the_digits_up_to_the_last_non_zero_level(string code, string expected)
    {
        Assert.Equal(expected, RegionCatalogue.Significant(code));
    }

    [Fact]
    public void Pad_fills_to_twelve_digits_and_rejects_malformed_codes()
    {
        Assert.Equal("331100000000", RegionCatalogue.Pad("3311"));
        Assert.Equal("331121001001", RegionCatalogue.Pad("331121001001"));
        Assert.Throws<ArgumentException>(() => RegionCatalogue.Pad("33a"));
        Assert.Throws<ArgumentException>(() => RegionCatalogue.Pad(""));
        Assert.Throws<ArgumentException>(() => RegionCatalogue.Significant("1234567890123"));
    }

    [Fact]
    public void Every_region_code_has_the_length_of_its_level_and_a_parent_one_level_up()
    {
        foreach (var province in Regions.Provinces)
        {
            Assert.Equal(2, province.Code.Length);
            foreach (var city in Regions.Children(province.Code))
            {
                Assert.Equal((4, RegionLevel.City, province.Code), (city.Code.Length, city.Level, city.ParentCode));
            }
        }
    }
}

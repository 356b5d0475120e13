using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using R = TalentBridge.Domain.Tests.Reference.Reference;

namespace TalentBridge.Domain.Tests.Normalisation;

public sealed class PlaceNormaliserTests
{
    private static readonly Lazy<PlaceNormaliser> Shared = new(() => new PlaceNormaliser(R.Regions));

    private static PlaceNormaliser Normaliser => Shared.Value;

    [Theory]
    // Examples from the issue.
    [InlineData("浙江丽水青田", "331121", RegionLevel.County)]
    [InlineData("丽水市莲都区", "331102", RegionLevel.County)]
    [InlineData("杭州-萧山区", "330109", RegionLevel.County)]
    [InlineData("杭州萧山", "330109", RegionLevel.County)]
    [InlineData("景宁", "331127", RegionLevel.County)]
    [InlineData("北京海淀区", "110108", RegionLevel.County)]
    [InlineData("上海浦东", "310115", RegionLevel.County)]
    [InlineData("深圳南山区", "440305", RegionLevel.County)]
    [InlineData("浙江省丽水市缙云县壶镇镇", "331122101", RegionLevel.Township)]
    [InlineData("杭州市西湖区文三路90号", "330106", RegionLevel.County)]
    [InlineData("浙江", "33", RegionLevel.Province)]
    [InlineData("浙江青田", "331121", RegionLevel.County)]
    [InlineData("杭州西湖区", "330106", RegionLevel.County)]
    [InlineData("北京朝阳", "110105", RegionLevel.County)]
    [InlineData("南京鼓楼区", "320106", RegionLevel.County)]
    [InlineData("福州鼓楼", "350102", RegionLevel.County)]
    // Separators and mixed full and short names.
    [InlineData("浙江/丽水/青田", "331121", RegionLevel.County)]
    [InlineData("浙江·丽水·青田县", "331121", RegionLevel.County)]
    [InlineData("浙江 丽水市 青田", "331121", RegionLevel.County)]
    [InlineData("浙江省，丽水，青田县", "331121", RegionLevel.County)]
    [InlineData("  丽水 - 莲都  ", "331102", RegionLevel.County)]
    // Real-world forms.
    [InlineData("浙江省杭州市", "3301", RegionLevel.City)]
    [InlineData("宁波北仑", "330206", RegionLevel.County)]
    [InlineData("温州瑞安市", "330381", RegionLevel.County)]
    [InlineData("金华义乌", "330782", RegionLevel.County)]
    [InlineData("台州椒江区", "331002", RegionLevel.County)]
    [InlineData("湖州安吉", "330523", RegionLevel.County)]
    [InlineData("嘉兴桐乡", "330483", RegionLevel.County)]
    [InlineData("绍兴柯桥区", "330603", RegionLevel.County)]
    [InlineData("衢州江山", "330881", RegionLevel.County)]
    [InlineData("舟山定海", "330902", RegionLevel.County)]
    [InlineData("丽水龙泉", "331181", RegionLevel.County)]
    [InlineData("龙泉市", "331181", RegionLevel.County)]
    [InlineData("青田县", "331121", RegionLevel.County)]
    [InlineData("缙云壶镇", "331122101", RegionLevel.Township)]
    [InlineData("广州天河", "440106", RegionLevel.County)]
    // 成都高新区 is a development zone without a county code: the result stops at the city.
    [InlineData("成都高新区", "5101", RegionLevel.City)]
    [InlineData("苏州工业园区", "320576", RegionLevel.County)]
    [InlineData("江苏苏州", "3205", RegionLevel.City)]
    [InlineData("四川成都", "5101", RegionLevel.City)]
    [InlineData("广东省深圳市南山区", "440305", RegionLevel.County)]
    [InlineData("上海市浦东新区", "310115", RegionLevel.County)]
    [InlineData("重庆渝中区", "500103", RegionLevel.County)]
    [InlineData("天津滨海新区", "120116", RegionLevel.County)]
    [InlineData("北京市海淀区中关村大街27号", "110108", RegionLevel.County)]
    [InlineData("湖北仙桃", "429004", RegionLevel.County)]
    [InlineData("新疆乌鲁木齐", "6501", RegionLevel.City)]
    [InlineData("广西南宁", "4501", RegionLevel.City)]
    [InlineData("内蒙古呼和浩特", "1501", RegionLevel.City)]
    [InlineData("宁波鼓楼街道", "330203005", RegionLevel.Township)]
    // The 市 of 青岛市 also starts 市南区.
    [InlineData("青岛市南区", "370202", RegionLevel.County)]
    [InlineData("山东省济南市市中区", "370103", RegionLevel.County)]
    // Development zones without a code stop at the city; 东湖 (南昌) in 东湖高新区 is not another place.
    [InlineData("武汉东湖高新区", "4201", RegionLevel.City)]
    [InlineData("东莞", "4419", RegionLevel.City)]
    [InlineData("湖北省神农架林区", "429021", RegionLevel.County)]
    [InlineData("上海市南京路", "31", RegionLevel.Province)]
    // Districts whose names end like zones (绿园区, 高港区) are also written without 区.
    [InlineData("长春绿园", "220106", RegionLevel.County)]
    [InlineData("秦皇岛海港", "130302", RegionLevel.County)]
    // A later name picks one of an earlier ambiguous name's regions.
    [InlineData("西湖区（杭州）", "330106", RegionLevel.County)]
    [InlineData("鼓楼区 南京", "320106", RegionLevel.County)]
    public void Known_places_reach_the_expected_region(string text, string code, RegionLevel level)
    {
        var result = Normaliser.Parse(text);

        Assert.NotNull(result.Value);
        Assert.Equal(code, result.Value.Code);
        Assert.Equal(level, result.Value.Level);
        Assert.InRange(result.Confidence, 0.5, 1);
    }

    [Theory]
    [InlineData("西湖区", new[] { "330106", "360103" })]
    [InlineData("朝阳区", new[] { "110105", "220104" })]
    [InlineData("鼓楼区", new[] { "320106", "320302", "350102", "410204" })]
    [InlineData("南山", new[] { "230404", "440305" })]
    // 临夏市 and 临夏县 share the short name under the same prefecture.
    [InlineData("临夏回族自治州临夏", new[] { "622901", "622921" })]
    // 朝阳市 is a city, but 朝阳区 in Beijing and Changchun are not inside it.
    [InlineData("朝阳", new[] { "2113", "110105", "220104" })]
    public void A_name_with_several_regions_and_no_context_is_ambiguous(string text, string[] codes)
    {
        var result = Normaliser.Parse(text);

        Assert.Null(result.Value);
        Assert.InRange(result.Confidence, 0.01, 0.3);
        Assert.Equal(codes, result.Alternatives.Select(r => r.Code).Where(codes.Contains));
        Assert.Contains("ambiguous", result.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("不限")]
    [InlineData("全国")]
    [InlineData("远程")]
    [InlineData("Remote / 可远程办公")]
    public void Text_without_a_place_has_no_value_and_no_confidence(string? text)
    {
        var result = Normaliser.Parse(text);

        Assert.Null(result.Value);
        Assert.Equal(0, result.Confidence);
        Assert.Empty(result.Alternatives);
    }

    [Fact]
    public void A_full_path_is_more_certain_than_a_single_short_name()
    {
        var path = Normaliser.Parse("浙江丽水青田");
        var single = Normaliser.Parse("景宁");

        Assert.Equal(0.95, path.Confidence, 3);
        Assert.Equal(0.85, single.Confidence, 3);
        Assert.Empty(single.Alternatives);
    }

    [Fact]
    public void A_county_named_like_townships_elsewhere_is_taken_with_the_townships_as_alternatives()
    {
        var result = Normaliser.Parse("龙泉");

        Assert.Equal("331181", result.Value?.Code);
        Assert.Equal(0.8, result.Confidence, 3);
        Assert.All(result.Alternatives, r => Assert.Equal(RegionLevel.Township, r.Level));
        Assert.NotEmpty(result.Alternatives);
    }

    [Fact]
    public void A_province_alone_is_certain()
    {
        var result = Normaliser.Parse("浙江");

        Assert.Equal("33", result.Value?.Code);
        Assert.True(result.Confidence >= 0.9);
    }

    [Fact]
    public void Shenzhen_Nanshan_is_not_Hegang_Nanshan()
    {
        var result = Normaliser.Parse("深圳南山区");

        Assert.Equal("440305", result.Value?.Code);
        Assert.DoesNotContain(result.Alternatives, r => r.Code == "230404");
    }

    [Fact]
    public void Full_names_win_over_short_names_when_both_fit()
    {
        // 壶镇镇 is read whole; 壶镇 alone would also be its short name.
        var result = Normaliser.Parse("缙云县壶镇镇");

        Assert.Equal("331122101", result.Value?.Code);
    }

    [Fact]
    public void Two_different_cities_keep_the_first_and_list_the_second()
    {
        var result = Normaliser.Parse("杭州/宁波");

        Assert.Equal("3301", result.Value?.Code);
        Assert.Contains(result.Alternatives, r => r.Code == "3302");
        Assert.True(result.Confidence <= 0.6);
    }

    [Fact]
    public void Address_detail_after_a_county_does_not_change_the_result()
    {
        var result = Normaliser.Parse("杭州市西湖区文三路90号黄龙时代广场");

        Assert.Equal("330106", result.Value?.Code);
        Assert.Equal(0.95, result.Confidence, 3);
    }

    [Fact]
    public void Parsing_is_safe_from_many_threads()
    {
        string[] texts = ["浙江丽水青田", "深圳南山区", "西湖区", "上海浦东", "不限"];
        var expected = texts.Select(t => Normaliser.Parse(t).Value?.Code).ToArray();

        Parallel.For(0, 2_000, i =>
        {
            var index = i % texts.Length;
            Assert.Equal(expected[index], Normaliser.Parse(texts[index]).Value?.Code);
        });
    }
}

using System.Collections.Immutable;

namespace TalentBridge.Domain.Reference;

/// <summary>Level of an administrative division in the statistical division code (统计用区划代码).</summary>
public enum RegionLevel
{
    /// <summary>省级: province, autonomous region, municipality (2-digit code).</summary>
    Province = 1,

    /// <summary>地级: prefecture-level city, prefecture, league, autonomous prefecture (4 digits).</summary>
    City = 2,

    /// <summary>县级: county, district, county-level city, banner (6 digits).</summary>
    County = 3,

    /// <summary>乡级: town, township, subdistrict (9 digits).</summary>
    Township = 4,

    /// <summary>村级: village or residents' committee (12 digits).</summary>
    Village = 5,
}

/// <summary>An administrative division.</summary>
/// <param name="Code">
/// The code with as many digits as the level has: 2, 4, 6, 9 or 12 ("33", "3311", "331121", "331121001",
/// "331121001001"). For almost every region this is the significant-digit code; the exception are the
/// county-level stand-ins of prefecture-level cities without counties (东莞市 441900 under 4419), whose code
/// ends in zeros.
/// </param>
/// <param name="Name">The official full name, e.g. 景宁畲族自治县.</param>
/// <param name="Level">The level, which matches the length of <paramref name="Code"/>.</param>
/// <param name="ParentCode">The code of the enclosing region; null for provinces.</param>
public sealed record Region(string Code, string Name, RegionLevel Level, string? ParentCode)
{
    /// <summary>The code padded with zeros to 12 digits.</summary>
    public string FullCode => Code.PadRight(RegionCatalogue.FullCodeLength, '0');

    /// <summary>The name without its administrative suffix: 青田, 莲都, 丽水, 浙江, 景宁, 广西.</summary>
    public string ShortName => RegionNames.Shorten(Name);
}

/// <summary>Rules for the short, everyday form of region names.</summary>
internal static class RegionNames
{
    // Names the statistics office uses for grouping nodes that are not places.
    private static readonly ImmutableArray<string> PlaceholderNames =
        ["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"];

    private static readonly ImmutableArray<string> PlaceholderSuffixes = ["直辖县级行政区划", "直辖村级区划"];

    // Endings of development zones, parks and similar units whose name is not "place + administrative suffix".
    private static readonly ImmutableArray<string> KeptEndings =
    [
        "开发区", "园区", "工业区", "管理区", "经济区", "保税区", "示范区", "度假区", "风景区", "景区", "保护区",
        "生活区", "试验区", "实验区", "合作区", "旅游区", "高新区", "矿区", "港区",
    ];

    // Village-level committee names: 新都村委会, 双龙社区居委会, 裕民村村民委员会.
    private static readonly ImmutableArray<string> CommitteeSuffixes =
        ["社区居民委员会", "社区居委会", "村民委员会", "居民委员会", "村委会", "居委会"];

    // Longest first so that 自治县 wins over 县 and 街道 over nothing.
    private static readonly ImmutableArray<string> Suffixes =
    [
        "特别行政区", "民族乡", "民族镇", "民族苏木", "自治区", "自治州", "自治县", "自治旗",
        "街道", "社区", "地区", "林区", "新区", "苏木",
        "省", "市", "盟", "区", "县", "旗", "镇", "乡", "村",
    ];

    // After these suffixes the name may end in the designation of one or more ethnic groups:
    // 恩施土家族苗族自治州, 新疆维吾尔自治区, 于家务回族乡, 新发朝鲜民族乡.
    private static readonly ImmutableArray<string> EthnicContextSuffixes =
        ["民族乡", "民族镇", "民族苏木", "自治区", "自治州", "自治县", "自治旗", "镇", "乡", "苏木"];

    // Ethnic group names without 族. Single-character names are only stripped together with 族.
    private static readonly ImmutableArray<string> EthnicGroups =
    [
        "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
        "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
        "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒",
        "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴",
        "珞巴", "基诺",
    ];

    private static readonly ImmutableArray<string> EthnicGroupsWithSuffix = [.. EthnicGroups.Select(g => g + "族")];

    private static readonly ImmutableArray<string> CollectiveDesignations = ["各族", "民族"];

    private const int MinimumLength = 2;

    /// <summary>True for grouping nodes such as 市辖区 that are part of the tree but are not places.</summary>
    public static bool IsPlaceholder(string name)
    {
        if (PlaceholderNames.Contains(name, StringComparer.Ordinal))
        {
            return true;
        }

        foreach (var suffix in PlaceholderSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static string Shorten(string name) => Shorten(name, out _);

    public static string Shorten(string name, out bool isPlaceholder)
    {
        ArgumentNullException.ThrowIfNull(name);
        isPlaceholder = IsPlaceholder(name);
        if (isPlaceholder)
        {
            return name;
        }

        foreach (var ending in KeptEndings)
        {
            if (name.EndsWith(ending, StringComparison.Ordinal))
            {
                return name;
            }
        }

        var result = name;
        foreach (var suffix in CommitteeSuffixes)
        {
            if (TryStrip(result, suffix, out var stripped))
            {
                result = stripped;
                break;
            }
        }

        foreach (var suffix in Suffixes)
        {
            if (TryStrip(result, suffix, out var stripped))
            {
                result = EthnicContextSuffixes.Contains(suffix, StringComparer.Ordinal)
                    ? StripEthnicGroups(stripped, allowBareNames: suffix.Length > 1)
                    : stripped;
                break;
            }
        }

        return result;
    }

    private static string StripEthnicGroups(string name, bool allowBareNames)
    {
        // 东乡族自治县 -> 东乡, 鄂温克族自治旗 -> 鄂温克: the whole name is a multi-character group name.
        if (allowBareNames && name.EndsWith('族') && EthnicGroups.Contains(name[..^1], StringComparer.Ordinal)
            && name.Length - 1 >= MinimumLength)
        {
            return name[..^1];
        }

        var result = name;
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var designation in CollectiveDesignations)
            {
                if (TryStrip(result, designation, out var stripped))
                {
                    result = stripped;
                    changed = true;
                }
            }

            for (var g = 0; g < EthnicGroups.Length; g++)
            {
                // 满族, 土家族 always; 维吾尔, 哈萨克 without 族 only after 自治X or 民族乡 and only if multi-character.
                var group = EthnicGroups[g];
                if (TryStrip(result, EthnicGroupsWithSuffix[g], out var stripped)
                    || (allowBareNames && group.Length > 1 && TryStrip(result, group, out stripped)))
                {
                    result = stripped;
                    changed = true;
                    break;
                }
            }
        }

        return result;
    }

    private static bool TryStrip(string name, string suffix, out string stripped)
    {
        if (name.Length - suffix.Length >= MinimumLength && name.EndsWith(suffix, StringComparison.Ordinal))
        {
            stripped = name[..^suffix.Length];
            return true;
        }

        stripped = name;
        return false;
    }
}

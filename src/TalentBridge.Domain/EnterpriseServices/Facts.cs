namespace TalentBridge.Domain.EnterpriseServices;

/// <summary>
/// The closed vocabulary of facts the rules may read about an enterprise: the figures of the 专精特新 self-assessment
/// (money in yuan, shares and market shares in percent, counts, years; yes/no facts as 1 or 0) and the facts of policy
/// matching (size class, tier, agreements and positions in the period). "Last year" (上年度) is the year before the
/// assessment; <c>Prior</c> is the year before that, <c>TwoBefore</c> the one before that. A new fact is a code change
/// on purpose (ADR 0017).
/// </summary>
public enum Fact
{
    /// <summary>上年度营业收入总额 (yuan).</summary>
    Revenue,
    RevenuePrior,
    /// <summary>上年度主营业务收入总额 (yuan).</summary>
    MainRevenue,
    MainRevenuePrior,
    MainRevenueTwoBefore,
    /// <summary>上年度研发费用总额 (yuan).</summary>
    RdSpend,
    RdSpendPrior,
    /// <summary>上年度净利润 (yuan).</summary>
    NetProfit,
    /// <summary>上年末资产总额 (yuan).</summary>
    TotalAssets,
    /// <summary>上年末负债总额 (yuan).</summary>
    TotalLiabilities,
    /// <summary>近2年新增股权融资总额（合格机构投资者的实缴额） (yuan).</summary>
    EquityFinancing2Years,
    /// <summary>近3年新增股权融资总额（合格机构投资者的实缴额） (yuan).</summary>
    EquityFinancing3Years,
    /// <summary>职工总数.</summary>
    Staff,
    /// <summary>研发人员.</summary>
    RdStaff,
    /// <summary>与主导产品相关的Ⅰ类高价值知识产权 (count).</summary>
    IpHighValueClass1,
    /// <summary>自主研发的Ⅰ类知识产权 (count).</summary>
    IpSelfDevelopedClass1,
    /// <summary>Ⅰ类知识产权 (count).</summary>
    IpClass1,
    /// <summary>Ⅱ类知识产权 (count).</summary>
    IpClass2,
    /// <summary>实际应用并已产生经济效益的Ⅰ类知识产权 (count).</summary>
    IpClass1Applied,
    /// <summary>从事特定细分市场时间 (whole years).</summary>
    YearsInNiche,
    /// <summary>连续经营时间 (whole years).</summary>
    YearsOperating,
    /// <summary>主导产品全国细分市场占有率 (percent).</summary>
    NationalMarketShare,
    /// <summary>数字化水平 level (1–4).</summary>
    DigitalLevel,
    /// <summary>研发机构级别: 0 none, 1 below city, 2 city, 3 provincial, 4 national.</summary>
    RdInstitutionLevel,
    /// <summary>高新技术企业 (valid).</summary>
    HighTechEnterprise,
    /// <summary>国家级技术创新示范企业、知识产权优势企业或知识产权示范企业 (valid).</summary>
    InnovationHonour,
    /// <summary>近三年内获得过国家级、省级科技奖励.</summary>
    ScienceAward3Years,
    /// <summary>近三年获得省级科技奖励并排名前三，或国家级科技奖励并排名前五.</summary>
    ScienceAwardRanked,
    /// <summary>近三年获得国家级科技奖励并排名前三.</summary>
    NationalScienceAwardTop3,
    /// <summary>拥有经认定的省部级以上研发机构.</summary>
    ProvincialRdInstitution,
    /// <summary>近三年进入"创客中国"全国500强企业组名单.</summary>
    MakerChinaTop500,
    /// <summary>近三年进入"创客中国"全国50强企业组名单.</summary>
    MakerChinaTop50,
    /// <summary>主导产品属于《战略性新兴产业分类》.</summary>
    StrategicEmergingIndustry,
    /// <summary>在产业链供应链关键环节及关键领域"补短板""锻长板""填空白"取得实际成效.</summary>
    KeyLinkBreakthrough,
    /// <summary>属于工业"六基"领域、中华老字号名录或主导产品服务关键产业链重点龙头企业.</summary>
    IndustrialFoundation,
    /// <summary>获得省级以上质量奖荣誉.</summary>
    QualityAward,
    /// <summary>建立质量管理体系，获得ISO9001等质量管理体系认证证书.</summary>
    QualityCertification,
    /// <summary>拥有自主品牌.</summary>
    OwnBrand,
    /// <summary>参与制修订标准.</summary>
    StandardsParticipation,
    /// <summary>至少1项核心业务采用信息系统支撑.</summary>
    CoreBusinessInformationSystem,
    /// <summary>取得相关管理体系认证，或产品通过发达国家和地区产品认证.</summary>
    ManagementCertification,
    /// <summary>自建或与高等院校、科研机构联合建立研发机构.</summary>
    RdInstitution,
    /// <summary>位于产业链关键环节，围绕重点产业链实现关键基础技术和产品的产业化应用.</summary>
    KeyChainSupport,
    /// <summary>特色化指标 points given under the province's own indicators (0–15), when a rule set reads them as one figure.</summary>
    LocalFeaturePoints,
    /// <summary>企业规模: 1 micro, 2 small, 3 medium, 4 large (中小企业划型标准).</summary>
    SizeClass,
    /// <summary>Tier held: 0 none, 1 创新型中小企业, 2 专精特新中小企业, 3 专精特新"小巨人".</summary>
    TierHeld,
    /// <summary>Agreements signed in the period with 毕业年度高校毕业生, 1-year contract or longer, insurance paid.</summary>
    SignedGraduates,
    /// <summary>Agreements signed in the period with 离校2年内未就业高校毕业生.</summary>
    SignedRecentGraduates,
    /// <summary>Agreements signed in the period with 16–24岁登记失业青年.</summary>
    SignedUnemployedYouth,
    /// <summary>Fewest months of unemployment, injury and pension insurance paid for any hire counted above.</summary>
    HiresInsuredMonths,
    /// <summary>Agreements signed in the period with 就业困难人员 (contract and social insurance).</summary>
    SignedHardToEmploy,
    /// <summary>Employer's social insurance paid for those 就业困难人员 in the period (fen).</summary>
    HardToEmployInsuranceFen,
    /// <summary>New positions published in the period.</summary>
    NewPositions,
    /// <summary>Agreements signed in the period with doctoral-degree talents insured by the enterprise for at least 6 months.</summary>
    SignedDoctorates,
}

/// <summary>
/// What is known about one enterprise: a value per <see cref="Fact"/> (absent = not entered, never zero), its region
/// code and industry section. One array per enterprise, so evaluating many enterprises allocates little.
/// </summary>
public sealed class EnterpriseFacts
{
    private static readonly int Count = Enum.GetValues<Fact>().Length;
    private readonly decimal?[] _values = new decimal?[Count];

    /// <summary>统计用区划代码 of the enterprise (e.g. <c>331102</c>), or null.</summary>
    public string? RegionCode { get; init; }
    /// <summary>GB/T 4754 section letter (门类, e.g. <c>C</c>), or null.</summary>
    public string? IndustrySection { get; init; }

    public decimal? this[Fact fact]
    {
        get => _values[(int)fact];
        set => _values[(int)fact] = value;
    }

    /// <summary>Sets <paramref name="fact"/> and returns this (for building facts in one expression).</summary>
    public EnterpriseFacts With(Fact fact, decimal? value)
    {
        this[fact] = value;
        return this;
    }

    /// <summary>A copy with <paramref name="fact"/> changed.</summary>
    public EnterpriseFacts Copy(Fact fact, decimal? value)
    {
        var copy = new EnterpriseFacts { RegionCode = RegionCode, IndustrySection = IndustrySection };
        _values.CopyTo(copy._values, 0);
        return copy.With(fact, value);
    }
}

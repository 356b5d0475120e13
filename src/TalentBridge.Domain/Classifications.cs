namespace TalentBridge.Domain;

// Ordinal classifications. The numeric values are stored in the database and compared
// (a higher value is a higher level), so never renumber them. Labels live in the UI resources.

/// <summary>Highest completed education (学历).</summary>
public enum EducationLevel
{
    None = 0,
    Primary = 1,        // 小学
    JuniorHigh = 2,     // 初中
    SeniorHigh = 3,     // 高中/中专/技校
    Associate = 4,      // 大专
    Bachelor = 5,       // 本科
    Master = 6,         // 硕士
    Doctorate = 7,      // 博士
}

/// <summary>Professional title level (职称): 员级, 助理级 (初级), 中级, 副高级, 正高级.</summary>
public enum ProfessionalTitleLevel
{
    None = 0,
    Clerk = 1,
    Assistant = 2,
    Intermediate = 3,
    AssociateSenior = 4,
    Senior = 5,
}

/// <summary>Vocational skill level (新八级工).</summary>
public enum SkillLevel
{
    None = 0,
    Apprentice = 1,         // 学徒工
    Junior = 2,             // 初级工 (五级)
    Intermediate = 3,       // 中级工 (四级)
    Senior = 4,             // 高级工 (三级)
    Technician = 5,         // 技师 (二级)
    SeniorTechnician = 6,   // 高级技师 (一级)
    MasterTechnician = 7,   // 特级技师
    ChiefTechnician = 8,    // 首席技师
}

/// <summary>Enterprise size class (大/中/小/微), as the enterprise declares it.</summary>
public enum EnterpriseSize
{
    Micro = 1,
    Small = 2,
    Medium = 3,
    Large = 4,
}

/// <summary>SME gradient tier: 创新型中小企业 → 专精特新 → 专精特新“小巨人”.</summary>
public enum EnterpriseTier
{
    None = 0,
    InnovativeSme = 1,
    Srdi = 2,
    LittleGiant = 3,
}

/// <summary>How a talent is available and how a position engages people. A talent may offer several.</summary>
[Flags]
#pragma warning disable CA1711 // "Modes" is the domain word, not a collection suffix.
public enum EngagementModes
#pragma warning restore CA1711
{
    None = 0,
    FullTime = 1,
    PartTime = 2,
    Project = 4,
    Shared = 8,
}

public enum Gender
{
    Unspecified = 0,
    Female = 1,
    Male = 2,
}

/// <summary>Who may find a talent: everyone signed in, only operators (pool admission), or nobody.</summary>
public enum TalentVisibility
{
    Public = 0,
    OperatorsOnly = 1,
    Hidden = 2,
}

public enum TalentStatus
{
    Seeking = 0,
    Employed = 1,
    Inactive = 2,
}

public enum PositionStatus
{
    Open = 0,
    Closed = 1,
}

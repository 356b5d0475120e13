using TalentBridge.Domain.Demo;
using TalentBridge.Domain.Matching;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Tests.Matching;

/// <summary>Demo records (Lishui, small scale) and an index over them, shared by the matching tests.</summary>
internal static class MatchFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 10, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.DateTime);

    private static readonly Lazy<(List<Talent> Talents, List<Position> Positions, Dictionary<long, EnterpriseSize> Sizes)> Data = new(() =>
    {
        var generator = new DemoDataGenerator(ReferenceData.Load(), new ContactProtector("match-tests-key-0123456789"u8.ToArray()),
            DemoScale.Small, 5, Now);
        var sizes = generator.Enterprises().ToDictionary(e => e.Id, e => e.SizeClass);
        return (generator.Talents().ToList(), generator.Positions().ToList(), sizes);
    });

    public static IReadOnlyList<Talent> Talents => Data.Value.Talents;
    public static IReadOnlyList<Position> Positions => Data.Value.Positions;
    public static EnterpriseSize SizeOf(Position p) => Data.Value.Sizes[p.EnterpriseId];

    public static SkillCodes NewSkills() => new(SkillVocabulary.Load());

    public static MatchIndex NewIndex()
    {
        var index = new MatchIndex(NewSkills());
        foreach (var talent in Talents)
        {
            index.Upsert(MatchProfiles.From(talent, index.Skills));
        }
        foreach (var position in Positions)
        {
            index.Upsert(MatchProfiles.From(position, SizeOf(position), index.Skills));
        }
        return index;
    }

    /// <summary>A plain talent in 莲都区 who fits <see cref="BasePosition"/> well.</summary>
    public static Talent BaseTalent => new()
    {
        Id = 1,
        Name = "张三",
        PhoneMasked = "138****0000",
        ConsentVersion = TalentDraft.CurrentConsentVersion,
        BirthYear = 1995,
        Education = EducationLevel.Bachelor,
        ResidenceRegionCode = "331102",
        WorkRegionCodes = ["331102"],
        Occupations = [new TalentOccupation("2-02-10-03", 5)],
        Skills = [new TalentSkill("Java", 4), new TalentSkill("MySQL", 3)],
        ExpectedSalaryMin = 9000,
        ExpectedSalaryMax = 12000,
        Availability = EngagementModes.FullTime,
        Visibility = TalentVisibility.Public,
        Status = TalentStatus.Seeking,
        UpdatedAt = Now,
    };

    /// <summary>A Java developer position in 莲都区.</summary>
    public static Position BasePosition => new()
    {
        Id = 1,
        EnterpriseId = 1,
        Title = "Java开发工程师",
        OccupationCode = "2-02-10-03",
        RegionCode = "331102",
        SalaryMin = 9000,
        SalaryMax = 13000,
        MinEducation = EducationLevel.Bachelor,
        MinExperienceYears = 3,
        RequiredSkills = ["Java", "MySQL"],
        PreferredSkills = ["Redis"],
        EngagementMode = EngagementModes.FullTime,
        Status = PositionStatus.Open,
        PostedOn = Today.AddDays(-2),
        ExpiresOn = Today.AddDays(60),
    };
}

using TalentBridge.Domain.Pools;
using R = TalentBridge.Domain.Tests.Reference.Reference;

namespace TalentBridge.Domain.Tests.Pools;

public sealed class ValidationTests
{
    private static readonly Enterprise GoodEnterprise = new()
    {
        Name = "丽水市测试科技有限公司",
        Uscc = "91350100M000100Y43",
        IndustryCode = "6513",
        RegionCode = "331102",
        Headcount = 30,
    };

    private static readonly Position GoodPosition = new()
    {
        EnterpriseId = 1,
        Title = "Java开发工程师",
        OccupationCode = "2-02-10-03",
        RegionCode = "331102001",
        SalaryMin = 8000,
        SalaryMax = 12000,
        MonthsPerYear = 14,
        PostedOn = new DateOnly(2026, 11, 1),
        ExpiresOn = new DateOnly(2026, 12, 31),
        RequiredSkills = ["Java", "SQL"],
    };

    private static readonly TalentDraft GoodDraft = new()
    {
        Name = "叶青",
        Phone = "13905781234",
        BirthYear = 1994,
        Education = EducationLevel.Bachelor,
        ResidenceRegionCode = "331121",
        Occupations = [new TalentOccupation("2-02-10-03", 6)],
        Skills = [new TalentSkill("Java", 4)],
        ConsentVersion = TalentDraft.CurrentConsentVersion,
    };

    private static IReadOnlyDictionary<string, string[]> Errors(ValidationErrors errors) => errors.ToDictionary();

    [Fact]
    public void Valid_records_have_no_errors()
    {
        Assert.True(GoodEnterprise.Validate(R.All).IsValid, GoodEnterprise.Validate(R.All).ToString());
        Assert.True(GoodPosition.Validate(R.All).IsValid, GoodPosition.Validate(R.All).ToString());
        Assert.True(GoodDraft.Validate(R.All, 2026, isNew: true).IsValid, GoodDraft.Validate(R.All, 2026, isNew: true).ToString());
    }

    [Fact]
    public void An_enterprise_reports_every_broken_rule_by_field()
    {
        var errors = Errors((GoodEnterprise with { Name = " ", Uscc = "91350100M000100Y44", IndustryCode = "C", RegionCode = "3311", Headcount = 0 })
            .Validate(R.All));
        Assert.Equal(["headcount", "industryCode", "name", "regionCode", "uscc"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("not a section", errors["industryCode"][0], StringComparison.Ordinal);
        Assert.Contains("not a province or city", errors["regionCode"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_position_checks_salary_dates_modes_skills_and_codes()
    {
        var errors = Errors((GoodPosition with
        {
            SalaryMax = 7000,
            MonthsPerYear = 11,
            ExpiresOn = new DateOnly(2026, 10, 1),
            EngagementMode = EngagementModes.None,
            RequiredSkills = ["Java", "java"],
            OccupationCode = "2-02-00-00",
        }).Validate(R.All));
        Assert.Equal(["engagementMode", "expiresOn", "monthsPerYear", "occupationCode", "requiredSkills", "salaryMax"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("小类 or 细类", errors["occupationCode"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_talent_needs_consent_a_mobile_phone_and_a_real_occupation()
    {
        var errors = Errors((GoodDraft with
        {
            Phone = "0578-2123456",
            IdNumber = "110105194912310021",
            ConsentVersion = "2020-01",
            Occupations = [new TalentOccupation("9-99-99-99", 3)],
            BirthYear = 2015,
            ExpectedSalaryMin = 9000,
            ExpectedSalaryMax = 6000,
        }).Validate(R.All, 2026, isNew: true));
        Assert.Equal(["birthYear", "consentVersion", "expectedSalaryMax", "idNumber", "occupations", "phone"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_phone_is_required_on_create_but_may_be_omitted_on_update()
    {
        Assert.True(Errors((GoodDraft with { Phone = null }).Validate(R.All, 2026, isNew: true)).ContainsKey("phone"));
        Assert.True((GoodDraft with { Phone = null }).Validate(R.All, 2026, isNew: false).IsValid);
    }

    [Fact]
    public void The_stored_talent_keeps_only_masks_and_hashes_and_keeps_them_on_update()
    {
        var protector = new ContactProtector("a-test-key-of-sixteen-bytes"u8.ToArray());
        var now = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
        var id = "33112119940101123" + ResidentId.CheckCharacter("33112119940101123");
        var talent = (GoodDraft with { IdNumber = id, ResidenceRegionCode = "331121000000" }).ToTalent(protector, now);
        Assert.Equal("139****1234", talent.PhoneMasked);
        Assert.Equal(protector.Hash("13905781234"), talent.PhoneHash);
        Assert.Equal("3311**********123" + id[^1], talent.IdNumberMasked);
        Assert.Equal("331121", talent.ResidenceRegionCode);
        Assert.Equal(now, talent.ConsentedAt);

        var later = now.AddDays(3);
        var updated = (GoodDraft with { Phone = null, Name = "叶青青" }).ToTalent(protector, later, talent with { Id = 7 });
        Assert.Equal(7, updated.Id);
        Assert.Equal(talent.PhoneHash, updated.PhoneHash);
        Assert.Equal(talent.IdNumberHash, updated.IdNumberHash);
        Assert.Equal(now, updated.ConsentedAt);
        Assert.Equal(now, updated.CreatedAt);
        Assert.Equal(later, updated.UpdatedAt);
    }

    [Fact]
    public void Errors_from_parsing_are_not_reported_twice()
    {
        var parse = new ValidationErrors().Add("headcount", "must be a whole number");
        var merged = parse.AddMissing(new ValidationErrors().Add("headcount", "must be between 1 and 1000000").Add("name", "is required"));
        Assert.Equal(["must be a whole number"], merged.ToDictionary()["headcount"]);
        Assert.Equal(["is required"], merged.ToDictionary()["name"]);
    }
}

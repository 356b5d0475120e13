using System.Text.Json;
using TalentBridge.Domain.Demo;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Tests.Demo;

public class DemoDataGeneratorTests
{
    private static readonly Lazy<ReferenceData> Data = new(ReferenceData.Load);
    private static readonly ContactProtector Protector = new("demo-data-tests-key-0123456789"u8.ToArray());
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 30, 0, TimeSpan.FromHours(8));
    private static readonly string[] LishuiCounties = ["331102", "331121", "331122", "331123", "331124", "331125", "331126", "331127", "331181"];

    private static ReferenceData Reference => Data.Value;

    private static DemoDataGenerator Generator(DemoScale scale, int seed = 42) => new(Reference, Protector, scale, seed, Now);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    [Fact]
    public void The_same_seed_gives_the_same_records()
    {
        var a = Generator(DemoScale.Small);
        var b = Generator(DemoScale.Small);
        Assert.Equal(a.Talents().Take(300).Select(Json), b.Talents().Take(300).Select(Json));
        Assert.Equal(a.Enterprises().Take(200).Select(Json), b.Enterprises().Take(200).Select(Json));
        Assert.Equal(a.Positions().Take(300).Select(Json), b.Positions().Take(300).Select(Json));
    }

    [Fact]
    public void A_different_seed_gives_different_records()
    {
        var a = Generator(DemoScale.Small, 1);
        var b = Generator(DemoScale.Small, 2);
        Assert.NotEqual(a.Talents().Take(50).Select(Json), b.Talents().Take(50).Select(Json));
        Assert.NotEqual(a.Enterprises().Take(50).Select(Json), b.Enterprises().Take(50).Select(Json));
        Assert.NotEqual(a.Positions().Take(50).Select(Json), b.Positions().Take(50).Select(Json));
    }

    [Fact]
    public void Each_record_depends_only_on_its_id_so_streams_can_be_read_in_any_order()
    {
        var generator = Generator(DemoScale.Small);
        var positionsFirst = generator.Positions().Skip(100).Take(20).Select(Json).ToList();
        var talents = generator.Talents().Skip(100).Take(20).Select(Json).ToList();
        var fresh = Generator(DemoScale.Small);
        Assert.Equal(talents, fresh.Talents().Skip(100).Take(20).Select(Json));
        Assert.Equal(positionsFirst, fresh.Positions().Skip(100).Take(20).Select(Json));
    }

    [Fact]
    public void Every_enterprise_of_the_small_scale_validates_and_has_a_valid_uscc_for_its_county()
    {
        var enterprises = Generator(DemoScale.Small).Enterprises().ToList();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), enterprises.Select(e => e.Id));
        foreach (var enterprise in enterprises)
        {
            var errors = enterprise.Validate(Reference);
            Assert.True(errors.IsValid, $"{enterprise.Name}: {errors}");
            Assert.True(Uscc.IsValid(enterprise.Uscc), enterprise.Uscc);
            Assert.Equal(enterprise.RegionCode[..6], enterprise.Uscc[2..8]);
            Assert.Equal(4, Reference.Industries.Find(enterprise.IndustryCode)!.Level);
            Assert.True(Reference.Regions.IsInSubtree(enterprise.RegionCode, "3311"));
        }
        Assert.Equal(enterprises.Count, enterprises.Select(e => e.Uscc).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Headcount_matches_the_size_class()
    {
        foreach (var enterprise in Generator(DemoScale.Lishui).Enterprises())
        {
            var (min, max) = enterprise.SizeClass switch
            {
                EnterpriseSize.Micro => (1, 19),
                EnterpriseSize.Small => (20, 299),
                EnterpriseSize.Medium => (300, 999),
                _ => (1_000, 1_000_000),
            };
            Assert.InRange(enterprise.Headcount, min, max);
        }
    }

    [Fact]
    public void Every_position_of_the_small_scale_validates_and_lies_in_its_enterprises_county()
    {
        var generator = Generator(DemoScale.Small);
        var enterprises = generator.Enterprises().ToDictionary(e => e.Id);
        var positions = generator.Positions().ToList();
        Assert.Equal(Enumerable.Range(1, 600).Select(i => (long)i), positions.Select(p => p.Id));
        foreach (var position in positions)
        {
            var errors = position.Validate(Reference);
            Assert.True(errors.IsValid, $"{position.Title}: {errors}");
            Assert.InRange(position.EnterpriseId, 1, 200);
            var enterprise = enterprises[position.EnterpriseId];
            Assert.True(Reference.Regions.IsInSubtree(position.RegionCode, enterprise.RegionCode[..6]),
                $"{position.RegionCode} is not in {enterprise.RegionCode[..6]}");
            Assert.Equal(enterprise.IndustryCode, position.IndustryCode);
            Assert.InRange(position.PostedOn, DateOnly.FromDateTime(Now.DateTime).AddDays(-89), DateOnly.FromDateTime(Now.DateTime));
            Assert.InRange(position.ExpiresOn.DayNumber - position.PostedOn.DayNumber, 30, 120);
            Assert.InRange(position.Headcount, 1, 10);
            if (position.Status == PositionStatus.Open)
            {
                Assert.True(position.IsOpenOn(DateOnly.FromDateTime(Now.DateTime)));
            }
        }
    }

    [Fact]
    public void Every_talent_of_the_small_scale_validates_as_a_draft_and_as_a_stored_record()
    {
        var generator = Generator(DemoScale.Small);
        var withId = 0;
        for (long id = 1; id <= DemoScale.Small.Talents; id++)
        {
            var (draft, createdAt) = generator.TalentDraftFor(id);
            var errors = draft.Validate(Reference, Now.Year, isNew: true);
            Assert.True(errors.IsValid, $"{draft.Name}: {errors}");
            Assert.InRange(createdAt, Now.AddYears(-2).AddDays(-1), Now);
            if (draft.IdNumber is { } idNumber)
            {
                withId++;
                Assert.Null(ResidentId.Check(idNumber));
                Assert.Equal(draft.ResidenceRegionCode[..6], idNumber[..6]);
                Assert.Equal(draft.BirthYear.ToString(System.Globalization.CultureInfo.InvariantCulture), idNumber[6..10]);
                Assert.Equal(draft.Gender == Gender.Male, (idNumber[16] - '0') % 2 == 1);
            }
            Assert.InRange(draft.BirthYear, Now.Year - 60, Now.Year - 20);
        }
        Assert.InRange(withId, 1_050, 1_350);
    }

    [Fact]
    public void Stored_talents_have_ids_masks_hashes_and_the_current_consent()
    {
        var talents = Generator(DemoScale.Small).Talents().ToList();
        Assert.Equal(Enumerable.Range(1, 2_000).Select(i => (long)i), talents.Select(t => t.Id));
        foreach (var talent in talents)
        {
            Assert.Equal(TalentDraft.CurrentConsentVersion, talent.ConsentVersion);
            Assert.Matches("^1[3-9][0-9]\\*{4}[0-9]{4}$", talent.PhoneMasked);
            Assert.Equal(64, talent.PhoneHash.Length);
            Assert.Equal(talent.IdNumberMasked is null, talent.IdNumberHash is null);
            Assert.True(Reference.Regions.Find(talent.ResidenceRegionCode) is { Level: >= RegionLevel.County });
            Assert.All(talent.Occupations, o => Assert.InRange(Reference.Occupations.Find(o.Code)!.Level, 3, 4));
            Assert.InRange(talent.Skills.Count, 1, 50);
        }
        Assert.Equal(talents.Count, talents.Select(t => t.PhoneHash).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_lishui_scale_has_the_stated_counts()
    {
        var generator = Generator(DemoScale.Lishui);
        Assert.Equal(20_000, generator.Talents().Count());
        Assert.Equal(2_000, generator.Enterprises().Count());
        Assert.Equal(6_000, generator.Positions().Count());
    }

    [Fact]
    public void Lishui_talents_and_enterprises_spread_over_all_nine_counties_with_liandu_the_largest()
    {
        var generator = Generator(DemoScale.Lishui);
        var talents = generator.Talents().Take(5_000).GroupBy(t => t.ResidenceRegionCode[..6]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(LishuiCounties, talents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("331102", talents.MaxBy(kv => kv.Value).Key);
        var enterprises = generator.Enterprises().GroupBy(e => e.RegionCode[..6]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(LishuiCounties, enterprises.Keys.Order(StringComparer.Ordinal));
        var positions = generator.Positions().Select(p => p.RegionCode[..6]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        Assert.Equal(LishuiCounties, positions);
    }

    [Fact]
    public void Most_talents_and_positions_are_placed_at_township_level()
    {
        var generator = Generator(DemoScale.Small);
        var townshipShare = generator.Talents().Average(t => t.ResidenceRegionCode.Length == 9 ? 1.0 : 0.0);
        Assert.InRange(townshipShare, 0.75, 0.95);
        var positionShare = generator.Positions().Average(p => p.RegionCode.Length == 9 ? 1.0 : 0.0);
        Assert.InRange(positionShare, 0.6, 0.95);
    }

    [Fact]
    public void The_occupation_mix_favours_workers_and_services_over_rare_groups()
    {
        var majors = Generator(DemoScale.Lishui).Talents().Take(5_000)
            .GroupBy(t => t.Occupations[0].Code[0])
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.True(majors['6'] > majors['2'] / 2, "production workers are a large group");
        Assert.True(majors['4'] > 1_000, "sales and services are a large group");
        Assert.True(majors.GetValueOrDefault('5') > 150, "Lishui has farmers");
        Assert.False(majors.ContainsKey('1'), "no heads of state organs in demo data");
    }

    [Fact]
    public void Province_scale_covers_zhejiangs_cities_with_hangzhou_larger_than_lishui()
    {
        var cities = Generator(DemoScale.Province).Talents().Take(4_000)
            .GroupBy(t => t.ResidenceRegionCode[..4])
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(11, cities.Count);
        Assert.True(cities["3301"] > 2 * cities["3311"]);
        Assert.True(cities["3302"] > cities["3309"]);
    }

    [Fact]
    public void Tiers_and_visibility_have_roughly_the_stated_shares()
    {
        var generator = Generator(DemoScale.Lishui);
        var enterprises = generator.Enterprises().ToList();
        Assert.InRange(enterprises.Count(e => e.Tier == EnterpriseTier.InnovativeSme), 100, 230);
        Assert.InRange(enterprises.Count(e => e.Tier == EnterpriseTier.Srdi), 30, 100);
        Assert.InRange(enterprises.Count(e => e.SizeClass is EnterpriseSize.Micro or EnterpriseSize.Small), 1_600, 1_900);
        var talents = generator.Talents().Take(5_000).ToList();
        Assert.InRange(talents.Count(t => t.Visibility == TalentVisibility.Public), 4_300, 4_700);
        Assert.InRange(talents.Count(t => t.Availability == EngagementModes.FullTime), 3_400, 4_300);
    }

    [Theory]
    [InlineData("lishui", 20_000)]
    [InlineData("PROVINCE", 1_500_000)]
    [InlineData(" small ", 2_000)]
    public void Scales_parse_by_name(string name, int talents)
    {
        Assert.Equal(talents, DemoScale.Parse(name)!.Talents);
    }

    [Fact]
    public void An_unknown_scale_name_parses_to_null()
    {
        Assert.Null(DemoScale.Parse("shanghai"));
        Assert.Null(DemoScale.Parse(null));
    }
}

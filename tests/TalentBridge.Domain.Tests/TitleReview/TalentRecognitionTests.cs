using System.Globalization;
using TalentBridge.Domain.Recognition;
using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.Tests.TitleReview;

/// <summary>青田's talent recognition as data: classes from salary, projects, awards, other regions and titles, each criterion explained.</summary>
public sealed class TalentRecognitionTests
{
    private static readonly RecognitionRules Rules = RecognitionRules.Qingtian;
    private static readonly DateOnly On = DateOnly.ParseExact("2026-06-30", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void The_shipped_scheme_has_five_classes_and_says_its_thresholds_are_not_confirmed()
    {
        Assert.Equal(["A", "B", "C", "D", "E"], Rules.Levels.Select(l => l.Key));
        Assert.Equal("331121", Rules.Region);
        Assert.Equal(RecognitionLevel.County, Rules.IssuerLevel);
        Assert.False(Rules.Source.Confirmed);
        Assert.Contains(Rules.Criteria, c => c.Method == RecognitionMethod.Salary);
        Assert.Contains(Rules.Criteria, c => c.Method == RecognitionMethod.CrossRegion);
    }

    [Fact]
    public void Salary_recognises_at_the_threshold_in_fen_and_not_one_fen_below()
    {
        var at = Rules.Evaluate(new RecognitionClaim { AnnualSalaryFen = 1_000_000_00, SalaryYear = 2025 }, On);
        Assert.Equal("C", at.Level);
        Assert.True(at.Criteria.Single(c => c.Key == "salary-c").Met);
        Assert.False(at.Criteria.Single(c => c.Key == "salary-b").Met);
        var below = Rules.Evaluate(new RecognitionClaim { AnnualSalaryFen = 1_000_000_00 - 1, SalaryYear = 2025 }, On);
        Assert.Equal("D", below.Level);
        // A salary older than the last completed year does not count.
        Assert.Null(Rules.Evaluate(new RecognitionClaim { AnnualSalaryFen = 5_000_000_00, SalaryYear = 2023 }, On).Level);
    }

    [Fact]
    public void The_highest_class_any_criterion_reaches_wins_and_each_criterion_names_the_item_that_met_it()
    {
        var claim = new RecognitionClaim
        {
            AnnualSalaryFen = 40_000_000, SalaryYear = 2026,
            Projects = [new ProjectClaim("县级项目", RecognitionLevel.County, ProjectRole.Member, 2025), new ProjectClaim("省重点研发", RecognitionLevel.Provincial, ProjectRole.Lead, 2024)],
            TitleLevel = ProfessionalTitleLevel.AssociateSenior,
        };
        var result = Rules.Evaluate(claim, On);
        Assert.Equal("C", result.Level);
        var project = result.Criteria.Single(c => c.Key == "project-c");
        Assert.True(project.Met);
        Assert.Equal(1, project.MatchedIndex);
        Assert.True(result.Criteria.Single(c => c.Key == "salary-e").Met);
        Assert.True(result.Criteria.Single(c => c.Key == "title-e").Met);
        Assert.False(result.Criteria.Single(c => c.Key == "title-d").Met);
        Assert.Equal(Rules.Criteria.Count, result.Criteria.Count);
    }

    [Fact]
    public void Awards_and_other_regions_count_only_when_recent_and_high_enough()
    {
        var award = Rules.Evaluate(new RecognitionClaim { Awards = [new AwardClaim("国家科技进步奖", RecognitionLevel.National, AwardGrade.First, 2024)] }, On);
        Assert.Equal("A", award.Level);
        var old = Rules.Evaluate(new RecognitionClaim { Awards = [new AwardClaim("国家科技进步奖", RecognitionLevel.National, AwardGrade.First, 2020)] }, On);
        Assert.Null(old.Level);
        var honour = Rules.Evaluate(new RecognitionClaim { Awards = [new AwardClaim("省劳动模范", RecognitionLevel.Provincial, null, 2025)] }, On);
        Assert.Null(honour.Level);
        var region = Rules.Evaluate(new RecognitionClaim { CrossRegion = [new CrossRegionClaim("杭州市", "C", 2025)] }, On);
        Assert.Equal("C", region.Level);
        Assert.False(region.Criteria.Single(c => c.Key == "region-b").Met);
        Assert.Null(Rules.Evaluate(new RecognitionClaim { CrossRegion = [new CrossRegionClaim("杭州市", "Z", 2025)] }, On).Level);
    }

    [Fact]
    public void A_claim_is_validated_field_by_field()
    {
        var today = On;
        var errors = new RecognitionClaim
        {
            AnnualSalaryFen = -1,
            Projects = [new ProjectClaim("", (RecognitionLevel)99, ProjectRole.Lead, 2030)],
        }.Validate(today).ToDictionary().Keys;
        Assert.Contains("annualSalaryFen", errors);
        Assert.Contains("salaryYear", errors);
        Assert.Contains("projects[0].title", errors);
        Assert.Contains("projects[0].level", errors);
        Assert.Contains("projects[0].year", errors);
        Assert.Contains("claim", new RecognitionClaim().Validate(today).ToDictionary().Keys);
    }

    [Fact]
    public void A_scheme_with_fields_of_the_wrong_method_or_unknown_classes_is_refused_by_path()
    {
        var (rules, errors) = RecognitionRules.Parse("""
            { "key": "x", "name": { "zh": "x", "en": "x" }, "region": "331121", "issuerLevel": "county", "effectiveFrom": "2024-01-01", "withinYears": 5,
              "source": { "document": "d", "confirmed": false, "note": "n" },
              "levels": [ { "key": "A", "name": { "zh": "A", "en": "A" } } ],
              "criteria": [ { "key": "s", "method": "salary", "level": "B", "minGrade": "first" } ] }
            """);
        Assert.Null(rules);
        var fields = errors.ToDictionary().Keys;
        Assert.Contains("criteria[0].level", fields);
        Assert.Contains("criteria[0].minGrade", fields);
        Assert.Contains("criteria[0].minAnnualSalaryYuan", fields);
    }
}

using System.Text.Json.Nodes;
using TalentBridge.Domain.EnterpriseServices;

namespace TalentBridge.Domain.Tests.EnterpriseServices;

public sealed class PolicyTests
{
    private static readonly PolicyCatalogue Catalogue = PolicyCatalogue.Embedded;
    private static readonly Period Year2024 = Period.Year(2024);

    /// <summary>A small enterprise in 莲都区 that signed two graduates of the year in 2024, insured for four months.</summary>
    private static EnterpriseFacts Facts() => new EnterpriseFacts { RegionCode = "331102", IndustrySection = "C" }
        .With(Fact.SizeClass, 2).With(Fact.TierHeld, 1)
        .With(Fact.SignedGraduates, 2).With(Fact.SignedRecentGraduates, 0).With(Fact.SignedUnemployedYouth, 1).With(Fact.HiresInsuredMonths, 4)
        .With(Fact.SignedHardToEmploy, 0).With(Fact.SignedDoctorates, 0).With(Fact.NewPositions, 3);

    [Fact]
    public void A_qualifying_policy_shows_the_facts_that_prove_each_condition_and_pays_per_head_in_fen()
    {
        var result = Catalogue["absorbEmploymentSubsidy"].Evaluate(Facts(), Year2024);
        Assert.Equal(PolicyOutcome.Qualifies, result.Outcome);
        Assert.Equal(200_000L, result.AmountFen);
        Assert.False(result.Capped);
        var size = result.Conditions[0];
        Assert.Equal(("smeSize", Truth.True, 2m, Comparator.AtMost, 3m), (size.Key, size.Truth, size.Value, size.Comparator!.Value, size.Threshold));
        Assert.Equal([Fact.SizeClass], size.Facts);
        var graduates = result.Conditions[1];
        Assert.Equal(("graduatesSigned", 2m), (graduates.Key, graduates.Value));
        Assert.Equal([Fact.SignedGraduates], graduates.Facts);
        Assert.Equal("中小微企业", size.TextZh);
    }

    [Fact]
    public void A_policy_missing_one_condition_is_nearly_with_what_is_missing_and_by_how_much()
    {
        var result = Catalogue["expandPositions"].Evaluate(Facts().With(Fact.HiresInsuredMonths, 2), Year2024);
        Assert.Equal(PolicyOutcome.Nearly, result.Outcome);
        Assert.Null(result.AmountFen);
        var change = Assert.Single(result.Changes);
        Assert.Equal(("insured", 2m, Comparator.AtLeast, 3m), (change.Key, change.Value, change.Comparator, change.Target));
        Assert.Equal(Truth.True, result.Conditions[0].Truth);
    }

    [Fact]
    public void A_policy_missing_two_conditions_is_no()
    {
        var result = Catalogue["exampleDoctorateAllowance"].Evaluate(Facts().With(Fact.SizeClass, 4), Year2024);
        Assert.Equal(PolicyOutcome.No, result.Outcome);
        Assert.Equal(["doctoratesSigned", "smeSize"], result.Changes.Select(c => c.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_condition_on_a_missing_fact_leaves_the_policy_undetermined()
    {
        var result = Catalogue["absorbEmploymentSubsidy"].Evaluate(Facts().With(Fact.SizeClass, null), Year2024);
        Assert.Equal(PolicyOutcome.Undetermined, result.Outcome);
        Assert.Equal([Fact.SizeClass], result.Missing);
    }

    [Fact]
    public void An_amount_above_the_cap_is_capped()
    {
        var facts = Facts().With(Fact.SignedDoctorates, 4);
        var result = Catalogue["exampleDoctorateAllowance"].Evaluate(facts, Year2024);
        Assert.Equal(PolicyOutcome.Qualifies, result.Outcome);
        Assert.Equal((15_000_000L, true), (result.AmountFen, result.Capped));
        var two = Catalogue["exampleDoctorateAllowance"].Evaluate(facts.With(Fact.SignedDoctorates, 2), Year2024);
        Assert.Equal((10_000_000L, false), (two.AmountFen, two.Capped));
    }

    [Fact]
    public void A_region_outside_the_programme_cannot_be_changed_and_says_so()
    {
        var facts = new EnterpriseFacts { RegionCode = "330102" }.With(Fact.SizeClass, 2).With(Fact.TierHeld, 1).With(Fact.SignedDoctorates, 1);
        var result = Catalogue["exampleDoctorateAllowance"].Evaluate(facts, Year2024);
        Assert.Equal(PolicyOutcome.Nearly, result.Outcome);
        Assert.Equal((ConditionKind.Region, Truth.False), (result.Conditions[0].Kind, result.Conditions[0].Truth));
        Assert.Empty(result.Changes);
    }

    [Fact]
    public void The_insurance_subsidy_pays_the_employers_insurance_in_fen()
    {
        var result = Catalogue["hardToEmployInsurance"].Evaluate(Facts().With(Fact.SignedHardToEmploy, 1).With(Fact.HardToEmployInsuranceFen, 1_234_567), Year2024);
        Assert.Equal((PolicyOutcome.Qualifies, 1_234_567L), (result.Outcome, result.AmountFen));
    }

    [Fact]
    public void The_2022_expansion_subsidy_counted_graduates_only_and_later_ones_count_unemployed_youth()
    {
        var facts = Facts();
        var in2022 = Catalogue["expandPositions2022"].Evaluate(facts, Period.Year(2022));
        Assert.Equal((PolicyOutcome.Qualifies, 300_000L), (in2022.Outcome, in2022.AmountFen));
        Assert.Equal(PolicyOutcome.NotInForce, Catalogue["expandPositions2022"].Evaluate(facts, Year2024).Outcome);
        Assert.Equal(PolicyOutcome.NotInForce, Catalogue["expandPositions"].Evaluate(facts, Period.Year(2022)).Outcome);
        Assert.Equal(450_000L, Catalogue["expandPositions"].Evaluate(facts, Year2024).AmountFen);
        Assert.Equal(PolicyOutcome.NotInForce, Catalogue["expandPositions"].Evaluate(facts, Period.Year(2026)).Outcome);
    }

    [Fact]
    public void A_policy_parameter_applies_from_its_date()
    {
        var json = JsonNode.Parse(Catalogue.ToJson())!;
        var expand = json["policies"]!.AsArray().Single(p => (string?)p!["key"] == "expandPositions")!;
        expand["parameters"]!["minInsuredMonths"]!.AsArray().Add(new JsonObject { ["from"] = "2025-01-01", ["value"] = 6 });
        var (catalogue, errors) = PolicyCatalogue.Parse(json.ToJsonString());
        Assert.True(errors.IsValid, errors.ToString());
        Assert.Equal(PolicyOutcome.Qualifies, catalogue!["expandPositions"].Evaluate(Facts(), Year2024).Outcome);
        var in2025 = catalogue["expandPositions"].Evaluate(Facts(), Period.Year(2025));
        Assert.Equal(PolicyOutcome.Nearly, in2025.Outcome);
        Assert.Equal(6m, Assert.Single(in2025.Changes).Target);
    }

    [Fact]
    public void Matching_lists_the_policies_in_force_those_that_qualify_first()
    {
        var results = Catalogue.Match(Facts(), Year2024);
        Assert.DoesNotContain(results, r => r.Key == "expandPositions2022");
        Assert.Equal(["absorbEmploymentSubsidy", "expandPositions"], results.Where(r => r.Outcome == PolicyOutcome.Qualifies).Select(r => r.Key));
        Assert.Equal(PolicyOutcome.Qualifies, results[0].Outcome);
        // The insurance subsidy and the doctorate allowance each lack one thing (a hire of that kind): nearly.
        Assert.Equal([PolicyOutcome.Nearly, PolicyOutcome.Nearly], results.Skip(2).Select(r => r.Outcome));
    }

    [Fact]
    public void Every_shipped_policy_cites_its_source()
    {
        Assert.All(Catalogue.Policies, p => Assert.True(p.Source.Confirmed ? p.Source.Url is not null : p.Source.Note is not null));
        Assert.Contains(Catalogue.Policies, p => !p.Source.Confirmed);
        Assert.Equal([PolicyKind.Subsidy, PolicyKind.TalentProgramme], Catalogue.Policies.Select(p => p.Kind).Distinct().Order());
    }

    [Fact]
    public void A_policy_catalogue_is_validated_by_json_path()
    {
        var json = JsonNode.Parse(Catalogue.ToJson())!;
        json["policies"]![0]!["eligibility"]![1]!.AsObject().Remove("textEn");
        json["policies"]![1]!["amount"]!["perHeadFen"] = "noSuchParameter";
        json["policies"]![2]!["effectiveTo"] = "2022-01-01";
        json["policies"]![3]!["eligibility"]![0]!["tier"] = "srdiSme";
        var (catalogue, errors) = PolicyCatalogue.Parse(json.ToJsonString());
        Assert.Null(catalogue);
        var all = errors.ToDictionary();
        Assert.Contains("policies[0].eligibility[1].textEn", all.Keys);
        Assert.Contains("policies[1].amount.perHeadFen", all.Keys);
        Assert.Contains("policies[2].effectiveTo", all.Keys);
        Assert.Contains("policies[3].eligibility[0]", all.Keys);
    }

    [Fact]
    public void Policies_not_combined_for_one_hire_name_each_other_and_the_one_paying_more_is_preferred()
    {
        // Both qualify in 2024: 吸纳就业补贴 (1000 元 × 2 graduates) and 扩岗补助 (1500 元 × 3 youth hires).
        var results = Catalogue.Match(Facts(), Year2024);
        var absorb = results.Single(r => r.Key == "absorbEmploymentSubsidy");
        var expand = results.Single(r => r.Key == "expandPositions");
        Assert.Equal(["expandPositions"], absorb.NotCombinedWith);
        Assert.False(absorb.Preferred);
        Assert.Equal(["absorbEmploymentSubsidy"], expand.NotCombinedWith);
        Assert.True(expand.Preferred);
        // Only the qualifying ones are named: without the insured months 扩岗补助 is nearly, and 吸纳就业补贴 stands alone.
        var alone = Catalogue.Match(Facts().With(Fact.HiresInsuredMonths, 2), Year2024).Single(r => r.Key == "absorbEmploymentSubsidy");
        Assert.Equal((0, true), (alone.NotCombinedWith.Count, alone.Preferred));
        // The exclusion is symmetric although the data names it on one side only.
        Assert.Empty(Catalogue["expandPositions"].NotCombinedWith);
    }

    [Fact]
    public void A_policy_not_combined_with_itself_or_an_unknown_policy_is_refused()
    {
        var json = JsonNode.Parse(Catalogue.ToJson())!;
        json["policies"]![0]!["notCombinedWith"] = new JsonArray("absorbEmploymentSubsidy", "noSuchPolicy");
        var (catalogue, errors) = PolicyCatalogue.Parse(json.ToJsonString());
        Assert.Null(catalogue);
        Assert.Equal(["must name another policy"], errors.ToDictionary()["policies[0].notCombinedWith[0]"]);
        Assert.Equal(["names no policy of the catalogue"], errors.ToDictionary()["policies[0].notCombinedWith[1]"]);
    }
}

using System.Text.Json.Nodes;
using TalentBridge.Domain.EnterpriseServices;
using static TalentBridge.Domain.Tests.EnterpriseServices.SrdiFixture;

namespace TalentBridge.Domain.Tests.EnterpriseServices;

/// <summary>Effective dates, the provincial override, sources in the data and validation errors that name the JSON path.</summary>
public sealed class RuleDataTests
{
    private static JsonNode NationalJson() => JsonNode.Parse(TierRuleSet.ReadEmbedded("srdi-2022-national"))!;

    /// <summary>The errors of the national rules after <paramref name="edit"/> to their JSON (which must make them invalid).</summary>
    private static IReadOnlyDictionary<string, string[]> Errors(Action<JsonNode> edit)
    {
        var json = NationalJson();
        edit(json);
        var parsed = TierRuleSet.Parse(json.ToJsonString());
        Assert.Null(parsed.Rules);
        return parsed.Errors.ToDictionary();
    }

    /// <summary>An error on <paramref name="field"/> (the JSON path) that says <paramref name="text"/>.</summary>
    private static void AssertError(IReadOnlyDictionary<string, string[]> errors, string field, string text)
    {
        Assert.True(errors.ContainsKey(field), $"no error on {field}; errors on: {string.Join(", ", errors.Keys)}");
        Assert.Contains(errors[field], message => message.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>R&amp;D 160万 on 5000万 = 3.2 %.</summary>
    private static EnterpriseFacts ThreePointTwo() => Enterprise().With(Fact.RdSpend, 1_600_000);

    [Fact]
    public void A_parameter_changed_in_2026_applies_to_2026_only()
    {
        Assert.Equal(3m, Example.ValuesOn(new DateOnly(2025, 12, 31))["srdiMinRdShare"]);
        Assert.Equal(3.5m, Example.ValuesOn(new DateOnly(2026, 1, 1))["srdiMinRdShare"]);
        Assert.Equal(Truth.True, Condition(Example.Evaluate(ThreePointTwo(), new DateOnly(2025, 12, 31)).Tier("srdiSme"), "srdiRd").Truth);
        var in2026 = Example.Evaluate(ThreePointTwo(), new DateOnly(2026, 1, 1)).Tier("srdiSme");
        Assert.Equal(Truth.False, Condition(in2026, "srdiRd").Truth);
        Assert.Contains(in2026.Changes, c => c.Key == "srdiRd" && c.Target == 3.5m && c.FactTarget == 1_750_000);
        // The national rules have no 2026 version: 3 % still applies.
        Assert.Equal(Truth.True, Condition(National.Evaluate(ThreePointTwo(), new DateOnly(2026, 6, 1)).Tier("srdiSme"), "srdiRd").Truth);
    }

    [Fact]
    public void A_parameter_before_its_first_version_takes_the_earliest()
    {
        var json = NationalJson();
        json["parameters"]!["srdiMinRdShare"]!.AsArray().Add(new JsonObject { ["from"] = "2026-01-01", ["value"] = 4 });
        var (rules, errors) = TierRuleSet.Parse(json.ToJsonString());
        Assert.True(errors.IsValid, errors.ToString());
        Assert.Equal(3m, rules!.ValuesOn(new DateOnly(2020, 1, 1))["srdiMinRdShare"]);
        Assert.Equal(3m, rules.ValuesOn(new DateOnly(2025, 12, 31))["srdiMinRdShare"]);
        Assert.Equal(4m, rules.ValuesOn(new DateOnly(2026, 1, 1))["srdiMinRdShare"]);
    }

    [Fact]
    public void The_provincial_variant_overrides_parameters_and_replaces_the_local_indicators()
    {
        // Revenue 900万: below the national 1000万, above the example province's 800万 (from 2023).
        var facts = Enterprise().With(Fact.Revenue, 9_000_000).With(Fact.RdSpend, 1_000_000).With(Fact.MainRevenue, 8_000_000);
        Assert.Equal(Truth.False, Condition(National.Evaluate(facts, On).Tier("srdiSme"), "srdiRevenue").Truth);
        Assert.Equal(Truth.True, Condition(Example.Evaluate(facts, On).Tier("srdiSme"), "srdiRevenue").Truth);
        Assert.Equal(Truth.False, Condition(Example.Evaluate(facts, new DateOnly(2022, 12, 31)).Tier("srdiSme"), "srdiRevenue").Truth);
        var feature = Example.Evaluate(Enterprise(), On).Tier("srdiSme").Dimensions.Single(d => d.Key == "feature");
        Assert.Equal(["exampleKeyIndustry", "exampleMarketShare"], feature.Indicators.Select(i => i.Key));
        Assert.Equal(10, feature.Points);
        Assert.False(Example.Source.Confirmed);
        Assert.Equal(National.Tiers.Select(t => t.Key), Example.Tiers.Select(t => t.Key));
    }

    [Fact]
    public void A_variant_needs_the_base_it_names()
    {
        var json = TierRuleSet.ReadEmbedded("srdi-2022-example-province");
        var (rules, errors) = TierRuleSet.Parse(json);
        Assert.Null(rules);
        AssertError(errors.ToDictionary(), "extends", "srdi-2022-national");
        var wrong = JsonNode.Parse(json)!;
        wrong["replaceIndicators"]![0]!["replaces"] = "noSuchIndicator";
        var (_, replaced) = TierRuleSet.Parse(wrong.ToJsonString(), National);
        AssertError(replaced.ToDictionary(), "replaceIndicators[0].replaces", "is not an indicator of tier 'srdiSme'");
    }

    [Fact]
    public void Every_rule_cites_its_source_and_says_whether_it_was_confirmed()
    {
        var sources = National.Tiers.Select(t => t.Source)
            .Concat(National.Tiers.SelectMany(t => t.Dimensions).SelectMany(d => d.Indicators).Select(i => i.Source!))
            .Concat(National.Parameters.Values.SelectMany(v => v).Select(v => v.Source!)).ToList();
        Assert.All(sources, s => Assert.Equal("工信部企业〔2022〕63号", s.Number));
        Assert.All(sources, s => Assert.True(s.Confirmed ? s.Url is not null : s.Note is not null));
        Assert.Contains(sources, s => !s.Confirmed);
        Assert.All(sources.Where(s => s.Confirmed), s => Assert.StartsWith("http", s.Url!, StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2022, 6, 1), National.EffectiveFrom);
    }

    [Fact]
    public void Overlapping_bands_are_refused_at_their_path()
    {
        // 创新型 R&D share: make B "3%-5%" include 5 as well, which A "5%以上" already has.
        var errors = Errors(j => j["tiers"]![0]!["dimensions"]![0]!["indicators"]![1]!["bands"]![1]!["maxInclusive"] = true);
        AssertError(errors, "tiers[0].dimensions[0].indicators[1].bands[0].minInclusive", "5 is in both bands[1] and bands[0]");
    }

    [Fact]
    public void Bands_with_a_gap_are_refused_at_their_path()
    {
        var errors = Errors(j => j["tiers"]![0]!["dimensions"]![0]!["indicators"]![1]!["bands"]![1]!["minInclusive"] = false);
        AssertError(errors, "tiers[0].dimensions[0].indicators[1].bands[1].minInclusive", "3 is in neither bands[2] nor bands[1]");
        var moved = Errors(j => j["tiers"]![0]!["dimensions"]![0]!["indicators"]![1]!["bands"]![0]!["min"] = 6);
        AssertError(moved, "tiers[0].dimensions[0].indicators[1].bands[0].min", "must start where bands[1] ends (5)");
    }

    [Fact]
    public void A_band_set_with_parameter_ends_is_checked_on_every_date_a_parameter_changes()
    {
        var errors = Errors(j =>
        {
            j["parameters"]!["rdShareTop"] = new JsonArray(new JsonObject { ["from"] = "2022-06-01", ["value"] = 5 }, new JsonObject { ["from"] = "2026-01-01", ["value"] = 2.5 });
            j["tiers"]![0]!["dimensions"]![0]!["indicators"]![1]!["bands"]![0]!["min"] = "rdShareTop";
        });
        AssertError(errors, "tiers[0].dimensions[0].indicators[1].bands[0].min", "(parameters of 2026-01-01)");
        Assert.DoesNotContain(errors.SelectMany(e => e.Value), m => m.Contains("2022-06-01", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_facts_kinds_and_fields_are_refused_at_their_path()
    {
        AssertError(Errors(j => j["tiers"]![0]!["dimensions"]![0]!["indicators"]![1]!["quantity"]!["facts"]![0] = "turnover"),
            "tiers[0].dimensions[0].indicators[1].quantity.facts[0]", "unknown");
        AssertError(Errors(j => j["tiers"]![0]!["dimensions"]![0]!["indicators"]![1]!["kind"] = "formula"),
            "tiers[0].dimensions[0].indicators[1].kind", "unknown");
        AssertError(Errors(j => j["tiers"]![0]!["dimensions"]![0]!["indicators"]![1]!["weight"] = 2),
            "tiers[0].dimensions[0].indicators[1].weight", "unknown");
    }

    [Fact]
    public void Rules_that_do_not_fit_together_are_refused_at_their_path()
    {
        AssertError(Errors(j => j["tiers"]![1]!["qualifies"]!["allOf"]![1]!["atLeast"] = "noSuchParameter"),
            "tiers[1].qualifies.allOf[1].atLeast", "names the parameter 'noSuchParameter'");
        AssertError(Errors(j => j["tiers"]![1]!["qualifies"]!["allOf"]![0]!["tier"] = "littleGiant"),
            "tiers[1].qualifies.allOf[0].tier", "is not an earlier tier");
        AssertError(Errors(j => j["tiers"]![0]!["dimensions"]![0]!["maxPoints"] = 45),
            "tiers[0].dimensions[0].maxPoints", "the indicators give at most 40");
        AssertError(Errors(j => j["tiers"]![0]!["dimensions"]![0]!["indicators"]![0]!["choices"]![4]!["when"] = new JsonObject { ["fact"] = "ipClass2" }),
            "tiers[0].dimensions[0].indicators[0].choices[4].when", "must be left out on the last option");
        AssertError(Errors(j => j["tiers"]![0]!["dimensions"]![0]!["indicators"]![1]!["step"] = 2),
            "tiers[0].dimensions[0].indicators[1].step", "does not apply to a bands indicator");
        AssertError(Errors(j => j["tiers"]![0]!["qualifies"]!["anyOf"]![1]!["anyOf"]![0]!["anyOf"] = new JsonArray()),
            "tiers[0].qualifies.anyOf[1].anyOf[0]", "must be exactly one of");
        AssertError(Errors(j => j["tiers"]![2]!["qualifies"]!["allOf"]![1] = new JsonObject { ["score"] = true }),
            "tiers[2].qualifies.allOf[1].score", "applies only to a tier with scored dimensions");
        AssertError(Errors(j => j["parameters"]!["srdiMinTotal"]![0]!["value"] = 101),
            "tiers[1].minTotal", "can never be reached");
    }

    [Fact]
    public void A_confirmed_source_needs_the_address_read_and_an_unconfirmed_one_a_note()
    {
        AssertError(Errors(j => j["tiers"]![0]!["source"]!.AsObject().Remove("url")), "tiers[0].source.url", "is required when the source is confirmed");
        AssertError(Errors(j => j["tiers"]![2]!["qualifies"]!["allOf"]![0]!["source"]!.AsObject().Remove("note")),
            "tiers[2].qualifies.allOf[0].source.note", "is required when the source is not confirmed");
    }
}

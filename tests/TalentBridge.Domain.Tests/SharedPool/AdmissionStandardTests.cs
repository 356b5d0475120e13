using System.Text.Json.Nodes;
using TalentBridge.Domain.SharedPool;
using static TalentBridge.Domain.Tests.SharedPool.AdmissionFixture;

namespace TalentBridge.Domain.Tests.SharedPool;

public sealed class AdmissionStandardTests
{
    private static JsonNode Json() => JsonNode.Parse(Standard().ToJson())!;

    /// <summary>The errors of parsing the fixture's standard after <paramref name="change"/> to its JSON.</summary>
    private static IReadOnlyDictionary<string, string[]> ParseErrors(Action<JsonNode> change)
    {
        var json = Json();
        change(json);
        var (standard, errors) = AdmissionStandard.Parse(json.ToJsonString());
        Assert.Null(standard);
        return errors.ToDictionary();
    }

    private static void AssertError(IReadOnlyDictionary<string, string[]> errors, string field, string text) =>
        Assert.True(errors.TryGetValue(field, out var messages) && messages.Any(m => m.Contains(text, StringComparison.Ordinal)),
            $"expected '{text}' on {field}; got " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));

    [Fact]
    public void A_standard_round_trips_through_json()
    {
        var json = Standard().ToJson();
        var (parsed, errors) = AdmissionStandard.Parse(json);
        Assert.True(errors.IsValid, errors.ToString());
        Assert.Equal(json, parsed!.ToJson());
        Assert.Equal(4, parsed.Version);
        Assert.Equal(36, parsed.ValidityMonths);
    }

    [Fact]
    public void The_json_uses_camel_case_names_and_enum_names()
    {
        var rule = Json()["dimensions"]![0]!["rules"]![0]!;
        Assert.Equal("industryReview", (string?)rule["kind"]);
        Assert.Equal("gradeA", (string?)rule["when"]!["minRating"]);
        Assert.Equal("once", (string?)rule["basis"]);
        Assert.Null(rule["cap"]);
        Assert.Null(rule["when"]!["minLevel"]);
    }

    [Fact]
    public void Parse_refuses_a_standard_without_five_dimensions()
    {
        var errors = ParseErrors(j => j["dimensions"]!.AsArray().RemoveAt(4));
        AssertError(errors, "dimensions", "exactly 5 dimensions");
    }

    [Fact]
    public void Parse_refuses_a_standard_missing_a_fixed_dimension()
    {
        var errors = ParseErrors(j => j["dimensions"]![2]!["key"] = "awards");
        AssertError(errors, "dimensions", "must include the dimension 'honours'");
    }

    [Fact]
    public void Parse_refuses_duplicate_dimension_and_rule_keys()
    {
        var errors = ParseErrors(j =>
        {
            j["dimensions"]![4]!["key"] = "educationTitle";
            j["dimensions"]![1]!["rules"]![0]!["key"] = "reviewA";
        });
        AssertError(errors, "dimensions[4].key", "is used twice");
        AssertError(errors, "dimensions[1].rules[0].key", "is used twice");
    }

    [Fact]
    public void Parse_refuses_keys_that_are_not_camel_case_names()
    {
        var errors = ParseErrors(j => j["dimensions"]![3]!["key"] = "学历职称");
        AssertError(errors, "dimensions[3].key", "camelCase");
    }

    [Fact]
    public void Parse_refuses_negative_points_and_a_threshold_below_one()
    {
        var errors = ParseErrors(j =>
        {
            j["dimensions"]![2]!["rules"]![0]!["points"] = -1;
            j["dimensions"]![0]!["threshold"] = 0;
        });
        AssertError(errors, "dimensions[2].rules[0].points", "must be between 0 and 1000");
        AssertError(errors, "dimensions[0].threshold", "must be at least 1");
    }

    [Fact]
    public void Parse_refuses_a_threshold_the_rules_cannot_reach()
    {
        var errors = ParseErrors(j => j["dimensions"]![2]!["threshold"] = 19);
        AssertError(errors, "dimensions[2].threshold", "at most 18 points");
    }

    [Fact]
    public void Parse_refuses_a_pass_rule_that_cannot_be_reached()
    {
        // The fixture's rules give at most 10 + 10 + 18 + 10 + 20 = 68 points.
        Assert.Equal(68, Standard().MaxTotal);
        AssertError(ParseErrors(j => j["pass"]!["minTotal"] = 69), "pass.minTotal", "at most 68 points");
        AssertError(ParseErrors(j => j["pass"]!["minDimensionsMet"] = 6), "pass.minDimensionsMet", "must be between 1 and 5");
        AssertError(ParseErrors(j => j["pass"] = new JsonObject()), "pass", "needs minDimensionsMet or minTotal");
        Assert.True(AdmissionStandard.Parse(Json().ToJsonString().Replace("\"minTotal\": 40", "\"minTotal\": 68", StringComparison.Ordinal)).Errors.IsValid);
    }

    [Fact]
    public void Parse_refuses_unknown_or_repeated_required_dimensions()
    {
        var errors = ParseErrors(j => j["pass"]!["requiredDimensions"] = new JsonArray("honours", "patents", "honours"));
        AssertError(errors, "pass.requiredDimensions[1]", "is not a dimension");
        AssertError(errors, "pass.requiredDimensions[2]", "is used twice");
    }

    [Fact]
    public void Parse_refuses_an_unknown_evidence_kind_at_its_path()
    {
        var errors = ParseErrors(j => j["dimensions"]![1]!["rules"]![0]!["kind"] = "diploma");
        AssertError(errors, "dimensions[1].rules[0].kind", "is unknown");
    }

    [Fact]
    public void Parse_refuses_an_unknown_condition_and_a_numeric_enum()
    {
        AssertError(ParseErrors(j => j["dimensions"]![1]!["rules"]![0]!["when"]!["minLevl"] = "city"), "dimensions[1].rules[0].when.minLevl", "is unknown");
        AssertError(ParseErrors(j => j["dimensions"]![1]!["rules"]![0]!["kind"] = 2), "dimensions[1].rules[0].kind", "is unknown");
    }

    [Fact]
    public void Parse_refuses_a_condition_that_does_not_apply_to_the_kind()
    {
        var errors = ParseErrors(j => j["dimensions"]![1]!["rules"]![0]!["when"]!["maxPlacing"] = 3);
        AssertError(errors, "dimensions[1].rules[0].when.maxPlacing", "does not apply to skillLevel evidence");
    }

    [Fact]
    public void Parse_refuses_a_cap_on_a_once_rule_and_a_cap_below_one()
    {
        AssertError(ParseErrors(j => j["dimensions"]![0]!["rules"]![0]!["cap"] = 20), "dimensions[0].rules[0].cap", "per item");
        AssertError(ParseErrors(j => j["dimensions"]![2]!["rules"]![0]!["cap"] = 0), "dimensions[2].rules[0].cap", "must be between 1 and 100000");
    }

    [Fact]
    public void Parse_refuses_bad_condition_values_names_and_terms()
    {
        var errors = ParseErrors(j =>
        {
            j["dimensions"]![2]!["rules"]![0]!["when"]!["withinYears"] = -1;
            j["dimensions"]![3]!["nameZh"] = " ";
            j["dimensions"]![4]!["rules"] = new JsonArray();
            j["name"] = "";
            j["validityMonths"] = 0;
        });
        AssertError(errors, "dimensions[2].rules[0].when.withinYears", "must be between 0 and 100");
        AssertError(errors, "dimensions[3].nameZh", "is required");
        AssertError(errors, "dimensions[4].rules", "at least one rule");
        AssertError(errors, "name", "is required");
        AssertError(errors, "validityMonths", "must be between 1 and 120");
    }

    [Fact]
    public void Parse_reports_broken_json_and_nulls_on_the_standard_or_the_field()
    {
        var (standard, errors) = AdmissionStandard.Parse("{ \"name\": ");
        Assert.Null(standard);
        AssertError(errors.ToDictionary(), "standard", "is not valid JSON");
        AssertError(ParseErrors(j => j["dimensions"]![0]!["rules"] = null), "dimensions[0].rules", "is unknown or has the wrong type");
        AssertError(AdmissionStandard.Parse("null").Errors.ToDictionary(), "standard", "is empty");
    }

    [Fact]
    public void The_term_of_an_admission_runs_for_the_validity_and_asks_to_reconfirm_before_it_ends()
    {
        var term = Standard().TermFrom(new DateOnly(2026, 3, 31));
        Assert.Equal(new DateOnly(2029, 3, 31), term.ExpiresOn);
        Assert.Equal(new DateOnly(2029, 1, 30), term.ReconfirmFrom);
        Assert.Equal(AdmissionTermState.Active, term.StateOn(new DateOnly(2029, 1, 29)));
        Assert.Equal(AdmissionTermState.ReconfirmDue, term.StateOn(new DateOnly(2029, 1, 30)));
        Assert.Equal(AdmissionTermState.ReconfirmDue, term.StateOn(new DateOnly(2029, 3, 30)));
        Assert.Equal(AdmissionTermState.Expired, term.StateOn(new DateOnly(2029, 3, 31)));
    }

    [Fact]
    public void A_term_keeps_the_validity_of_the_standard_it_was_decided_under()
    {
        var decidedOn = new DateOnly(2026, 1, 10);
        var term = (Standard() with { ValidityMonths = 24, ReconfirmDaysBefore = 30 }).TermFrom(decidedOn);
        var later = Standard() with { Version = 5, ValidityMonths = 12 };
        Assert.Equal(new DateOnly(2028, 1, 10), term.ExpiresOn);
        Assert.Equal(new DateOnly(2027, 12, 11), term.ReconfirmFrom);
        Assert.Equal(new DateOnly(2027, 1, 10), later.TermFrom(decidedOn).ExpiresOn);
    }
}

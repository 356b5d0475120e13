using System.Text.Json.Nodes;
using TalentBridge.Domain.SharedPool;
using static TalentBridge.Domain.Tests.SharedPool.AdmissionFixture;

namespace TalentBridge.Domain.Tests.SharedPool;

public sealed class AdmissionEvidenceTests
{
    private static readonly AdmissionEvidence Good = Evidence(
        Title(ProfessionalTitleLevel.Senior) with { Title = "正高级工程师", Year = 2019, FileIds = ["f-1001"] },
        Skill(SkillLevel.Technician),
        Degree(EducationLevel.Master),
        Certificate(RecognitionLevel.National, 2022),
        Award(RecognitionLevel.Provincial, AwardGrade.First, 2024),
        Competition(RecognitionLevel.City, 2, 2025),
        Project(ProjectRole.Lead, 3_000_000, 2026),
        Experience(12),
        Review(RecognitionLevel.Industry, ReviewRating.Recommended),
        Patent(PatentKind.Invention, 2));

    private static IReadOnlyDictionary<string, string[]> Errors(params EvidenceItem[] items) => Evidence(items).Validate(Today).ToDictionary();

    [Fact]
    public void Good_evidence_of_every_kind_is_valid()
    {
        Assert.Equal(Enum.GetValues<EvidenceKind>(), Good.Items.Select(i => i.Kind).Order());
        Assert.True(Good.Validate(Today).IsValid, Good.Validate(Today).ToString());
    }

    [Fact]
    public void Evidence_round_trips_through_json_in_a_stable_shape()
    {
        var json = Good.ToJson();
        var (read, errors) = AdmissionEvidence.FromJson(json);
        Assert.True(errors.IsValid, errors.ToString());
        Assert.Equal(json, read!.ToJson());
        var first = JsonNode.Parse(json)!["items"]![0]!.AsObject();
        Assert.Equal(["kind", "title", "titleLevel", "year", "fileIds"], first.Select(p => p.Key));
        Assert.Equal("professionalTitle", (string?)first["kind"]);
        Assert.Equal("senior", (string?)first["titleLevel"]);
        Assert.Equal("recommended", (string?)JsonNode.Parse(json)!["items"]![8]!["rating"]);
    }

    [Fact]
    public void An_unknown_kind_is_refused_at_its_path()
    {
        var (evidence, errors) = AdmissionEvidence.FromJson("""{ "items": [ { "kind": "award", "title": "x", "level": "city", "year": 2020 }, { "kind": "diploma" } ] }""");
        Assert.Null(evidence);
        Assert.Equal(["items[1].kind"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_year_in_the_future_is_refused_and_this_year_is_allowed()
    {
        var errors = Errors(Award(RecognitionLevel.City, null, 2027), Award(RecognitionLevel.City, null, 2026), Award(RecognitionLevel.City, null, 1949));
        Assert.Equal(["items[0].year", "items[2].year"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("must be between 1950 and 2026", errors["items[0].year"][0]);
    }

    [Fact]
    public void Each_kind_requires_its_fields()
    {
        var errors = Errors(
            new EvidenceItem { Kind = EvidenceKind.Award },
            new EvidenceItem { Kind = EvidenceKind.ProfessionalTitle, TitleLevel = ProfessionalTitleLevel.None },
            new EvidenceItem { Kind = EvidenceKind.Patent });
        Assert.Equal(["items[0].level", "items[0].title", "items[0].year", "items[1].titleLevel", "items[2].count", "items[2].patentKind"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, m => Assert.Equal(["is required"], m));
    }

    [Fact]
    public void A_field_of_another_kind_is_refused()
    {
        var errors = Errors(Experience(5) with { Placing = 1, Rating = ReviewRating.GradeA });
        Assert.Equal(["does not apply to experience evidence"], errors["items[0].placing"]);
        Assert.Equal(["does not apply to experience evidence"], errors["items[0].rating"]);
    }

    [Fact]
    public void Counts_amounts_placings_and_years_are_checked()
    {
        var errors = Errors(
            Patent(PatentKind.Design, -1),
            Project(ProjectRole.Member, -5, 2025),
            Competition(RecognitionLevel.City, 0, 2025),
            Experience(61),
            Patent(PatentKind.Design, 0));
        Assert.Equal(["items[0].count", "items[1].amountYuan", "items[2].placing", "items[3].years"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Text_lengths_item_count_and_file_ids_are_limited()
    {
        var longTitle = Award(RecognitionLevel.City, null, 2025, new string('奖', 101));
        var files = Experience(3) with { FileIds = [.. Enumerable.Range(0, 11).Select(i => $"f{i}")] };
        var badFile = Experience(3) with { FileIds = ["", new string('f', 65)] };
        var errors = Errors(longTitle, files, badFile);
        Assert.Equal(["must be at most 100 characters"], errors["items[0].title"]);
        Assert.Equal(["must list at most 10 files"], errors["items[1].fileIds"]);
        Assert.Equal(["is required"], errors["items[2].fileIds[0]"]);
        Assert.Equal(["must be at most 64 characters"], errors["items[2].fileIds[1]"]);

        Assert.True(Evidence([.. Enumerable.Repeat(Experience(3), 50)]).Validate(Today).IsValid);
        Assert.Equal(["must have at most 50 items"], Errors([.. Enumerable.Repeat(Experience(3), 51)])["items"]);
    }

    [Fact]
    public void An_undefined_enum_value_is_refused()
    {
        var errors = Errors(Competition((RecognitionLevel)9, 1, 2025), new EvidenceItem { Kind = (EvidenceKind)42 });
        Assert.Equal(["is not a valid RecognitionLevel"], errors["items[0].level"]);
        Assert.Equal(["is not a valid EvidenceKind"], errors["items[1].kind"]);
    }
}

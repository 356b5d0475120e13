using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Web.Pages.Talents;

/// <summary>The talent form as posted: numbers and lists as strings, so a bad value becomes a field error.</summary>
public sealed class TalentInput
{
    /// <summary>Rows the form shows at least.</summary>
    public const int MinOccupationRows = 3;

    /// <summary>The most occupations a talent may list (<see cref="TalentDraft.Validate"/>), so the most rows the form shows and reads.</summary>
    public const int MaxOccupationRows = 10;

    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? IdNumber { get; set; }
    public string? BirthYear { get; set; }
    public string? Gender { get; set; } = nameof(Domain.Gender.Unspecified);
    public string? Education { get; set; } = nameof(EducationLevel.None);
    public string? Major { get; set; }
    public string? ResidenceRegionCode { get; set; }
    public List<string> WorkRegionCodes { get; set; } = [];
    /// <summary>The posted rows occupation{n}/years{n}, n = 1 to <see cref="MaxOccupationRows"/>, up to the last one with a value.</summary>
    [ModelBinder(typeof(OccupationRowsBinder))]
    public List<OccupationRow> Occupations { get; set; } = [];
    public string? Skills { get; set; }
    public string? Certificates { get; set; }
    public string? ProfessionalTitle { get; set; } = nameof(ProfessionalTitleLevel.None);
    public string? SkillLevel { get; set; } = nameof(Domain.SkillLevel.None);
    public string? ExpectedSalaryMin { get; set; }
    public string? ExpectedSalaryMax { get; set; }
    public bool SalaryStrict { get; set; }
    public List<string> Availability { get; set; } = [];
    public string? Visibility { get; set; }
    public string? Status { get; set; }
    public bool Consent { get; set; }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Rows to show: every listed occupation plus an empty one for adding, at least <see cref="MinOccupationRows"/>, at most <see cref="MaxOccupationRows"/>.</summary>
    public int RowCount => Math.Clamp(Occupations.Count + 1, MinOccupationRows, MaxOccupationRows);

    /// <summary>Row <paramref name="index"/> (from 0); empty beyond the listed rows.</summary>
    public OccupationRow Row(int index) => index < Occupations.Count ? Occupations[index] : new OccupationRow(null, null);

    public static TalentInput ForNew() => new()
    {
        Availability = [nameof(EngagementModes.FullTime)],
        Visibility = default(TalentVisibility).ToString(),
        Status = default(TalentStatus).ToString(),
    };

    /// <summary>The version the form was opened at (hidden); a change saved since makes the save a conflict.</summary>
    public string? Version { get; set; }

    public static TalentInput From(Talent t, ReferenceData reference) => new()
    {
        Version = t.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Name = t.Name,
        BirthYear = Text(t.BirthYear),
        Gender = t.Gender.ToString(),
        Education = t.Education.ToString(),
        Major = t.Major,
        ResidenceRegionCode = t.ResidenceRegionCode,
        WorkRegionCodes = [.. t.WorkRegionCodes],
        Skills = string.Join(", ", t.Skills.Select(s => $"{s.Name}:{Text(s.Level)}")),
        Certificates = FormReader.Join(t.Certificates),
        ProfessionalTitle = t.ProfessionalTitle.ToString(),
        SkillLevel = t.SkillLevel.ToString(),
        ExpectedSalaryMin = t.ExpectedSalaryMin is { } lo ? Text(lo) : null,
        ExpectedSalaryMax = t.ExpectedSalaryMax is { } hi ? Text(hi) : null,
        SalaryStrict = t.SalaryStrict,
        Availability = Enum.GetValues<EngagementModes>().Where(m => m != EngagementModes.None && t.Availability.HasFlag(m)).Select(m => m.ToString()).ToList(),
        Visibility = t.Visibility.ToString(),
        Status = t.Status.ToString(),
        Consent = t.ConsentVersion == TalentDraft.CurrentConsentVersion,
        Occupations = t.Occupations.Select(o => new OccupationRow(OccupationField.Text(reference, o.Code), Text(o.Years))).ToList(),
    };

    /// <summary>The parsed draft and what could not be parsed; the domain rules are checked by <see cref="TalentBridge.Platform.Pools.TalentWrites"/>.</summary>
    public (TalentDraft Draft, ValidationErrors ParseErrors) Read()
    {
        var reader = new FormReader();
        var occupations = new List<TalentOccupation>();
        foreach (var (code, years) in Occupations)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                reader.Errors.When(!string.IsNullOrWhiteSpace(years), "occupations", "each row with years needs an occupation");
                continue;
            }
            occupations.Add(new TalentOccupation(code.Trim(), reader.OptionalInt(years, "occupations") ?? 0));
        }
        var draft = new TalentDraft
        {
            Name = Name?.Trim() ?? "",
            Phone = FormReader.Trimmed(Phone),
            IdNumber = FormReader.Trimmed(IdNumber)?.ToUpperInvariant(),
            BirthYear = reader.Number(BirthYear, "birthYear"),
            Gender = reader.Enum<Gender>(Gender, "gender"),
            Education = reader.Enum<EducationLevel>(Education, "education"),
            Major = FormReader.Trimmed(Major),
            ResidenceRegionCode = FormReader.Region(ResidenceRegionCode),
            WorkRegionCodes = WorkRegionCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(FormReader.Region).ToList(),
            Occupations = occupations,
            Skills = ParseSkills(Skills, reader.Errors),
            Certificates = FormReader.List(Certificates),
            ProfessionalTitle = reader.Enum<ProfessionalTitleLevel>(ProfessionalTitle, "professionalTitle"),
            SkillLevel = reader.Enum<SkillLevel>(SkillLevel, "skillLevel"),
            ExpectedSalaryMin = reader.OptionalInt(ExpectedSalaryMin, "expectedSalaryMin"),
            ExpectedSalaryMax = reader.OptionalInt(ExpectedSalaryMax, "expectedSalaryMax"),
            SalaryStrict = SalaryStrict,
            Availability = reader.Flags<EngagementModes>(Availability, "availability"),
            Visibility = reader.Enum<TalentVisibility>(Visibility, "visibility"),
            Status = reader.Enum<TalentStatus>(Status, "status"),
            ConsentVersion = Consent ? TalentDraft.CurrentConsentVersion : null,
        };
        return (draft, reader.Errors);
    }

    /// <summary>"Java:4, Python:3" → skills; an item without a level 1–5 is reported on "skills".</summary>
    public static IReadOnlyList<TalentSkill> ParseSkills(string? text, ValidationErrors errors)
    {
        var skills = new List<TalentSkill>();
        foreach (var item in FormReader.List(text))
        {
            var colon = item.LastIndexOfAny([':', '：']);
            if (colon <= 0 || !int.TryParse(item[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level is < 1 or > 5)
            {
                errors.Add("skills", $"\"{item}\" must be written as name:level with a level from 1 to 5");
                continue;
            }
            skills.Add(new TalentSkill(item[..colon].Trim(), level));
        }
        return skills;
    }
}

/// <summary>One occupation row of the talent form as posted.</summary>
public sealed record OccupationRow(string? Code, string? Years);

/// <summary>
/// Binds the numbered fields occupation1/years1 … occupation10/years10 into <see cref="TalentInput.Occupations"/>,
/// keeping the row positions and leaving out the empty rows at the end.
/// </summary>
public sealed class OccupationRowsBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var values = bindingContext.ValueProvider;
        string? Value(string name, int n) => values.GetValue(name + n.ToString(CultureInfo.InvariantCulture)).FirstValue;
        var rows = new List<OccupationRow>();
        for (var n = 1; n <= TalentInput.MaxOccupationRows; n++)
        {
            rows.Add(new OccupationRow(Value("occupation", n), Value("years", n)));
        }
        var used = rows.FindLastIndex(r => !string.IsNullOrWhiteSpace(r.Code) || !string.IsNullOrWhiteSpace(r.Years)) + 1;
        bindingContext.Result = ModelBindingResult.Success(rows.Take(used).ToList());
        return Task.CompletedTask;
    }
}

/// <summary>What the shared form partial shows; <paramref name="Existing"/> is null on create.</summary>
public sealed record TalentFormView(TalentInput Input, ValidationErrors? Errors, Talent? Existing, IReadOnlyList<Region> Regions, string CancelUrl);

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Recognition;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;
using TalentBridge.Platform.TitleReview;

namespace TalentBridge.Web.Pages.Talents;

/// <summary>One row of a list in the claim form (a project, an award or another region's recognition); blank rows are left out.</summary>
public sealed class ClaimRow
{
    public string? Title { get; set; }
    /// <summary>The other region's name (区域互认).</summary>
    public string? Region { get; set; }
    public string? Level { get; set; }
    /// <summary>An award's grade.</summary>
    public string? Grade { get; set; }
    /// <summary>The talent's role in a project.</summary>
    public string? Role { get; set; }
    public string? Year { get; set; }

    public bool IsBlank => new[] { Title, Region, Level, Grade, Role, Year }.All(string.IsNullOrWhiteSpace);
}

/// <summary>The recognition form as posted: the salary in yuan (stored in fen), rows of projects, awards and other regions' classes, a title.</summary>
public sealed class ClaimInput
{
    public const int Rows = 3;

    public string? AnnualSalaryYuan { get; set; }
    public string? SalaryYear { get; set; }
    public List<ClaimRow> Projects { get; set; } = [];
    public List<ClaimRow> Awards { get; set; } = [];
    public List<ClaimRow> CrossRegion { get; set; } = [];
    public string? TitleLevel { get; set; }

    public static ClaimRow Row(List<ClaimRow> rows, int i) => i < rows.Count ? rows[i] : new ClaimRow();
}

/// <summary>One recognition shown with every criterion's answer: a stored one, or the self-check's (<paramref name="Preview"/>, stored nowhere).</summary>
public sealed record RecognitionView(string Id, RecognitionClaim Claim, RecognitionResult Result, DateOnly On, bool Preview);

/// <summary>
/// /talents/{id}/recognitions: talent recognition (人才认定, issue 15 item 4) under 青田's scheme. The talent sees their
/// recognitions and may check a claim of their own (试算, stored nowhere); an operator of 青田 (or an administrator) records a claim — salary, projects, awards, another region's
/// class, a professional title — and every criterion is answered with the item that met it. The newest recognised
/// class is added to the talent's next shared-pool admission application.
/// </summary>
public sealed partial class RecognitionsModel(Recognitions recognitions, TalentStore talents, TimeProvider time) : PageModel
{
    [BindProperty] public ClaimInput Input { get; set; } = new();

    public long TalentId { get; private set; }
    public string TalentName { get; private set; } = "";
    public IReadOnlyList<StoredRecognition> Items { get; private set; } = [];
    public bool CanRecord { get; private set; }
    public ValidationErrors? Errors { get; private set; }
    /// <summary>The self-check's answer (stored nowhere), with the claim it answers.</summary>
    public (RecognitionClaim Claim, RecognitionResult Result)? Preview { get; private set; }
    [FromQuery(Name = "done")] public bool Done { get; set; }

    public static RecognitionRules Rules => Recognitions.Rules;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        if (ReadClaim() is not { } claim)
        {
            return Page();
        }
        var result = await recognitions.RecordAsync(Caller.From(User), id, claim, ct);
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect($"/talents/{id.ToString(CultureInfo.InvariantCulture)}/recognitions?done=true");
        }
        Errors = Renumber(result.Errors);
        return Page();
    }

    /// <summary>The self-check: the class the claim would be recognised as, with every criterion's answer; nothing is stored.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        if (ReadClaim() is not { } claim)
        {
            return Page();
        }
        var result = recognitions.Preview(Caller.From(User), id, claim);
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        if (result.Status == WriteStatus.Ok)
        {
            Preview = (claim, result.Value!);
        }
        else
        {
            Errors = Renumber(result.Errors);
        }
        return Page();
    }

    /// <summary>The posted claim, or null with <see cref="Errors"/> set when a field cannot be read.</summary>
    private RecognitionClaim? ReadClaim()
    {
        var reader = new FormReader();
        var claim = Claim(reader);
        if (reader.Errors.IsValid)
        {
            return claim;
        }
        Errors = reader.Errors.AddMissing(Renumber(claim.Validate(ChinaTime.Date(time.GetUtcNow()))));
        return null;
    }

    /// <summary>The rows kept in the claim, by list: their form row numbers, so that an error of claim item k shows at its row.</summary>
    private readonly Dictionary<string, List<int>> _kept = new(StringComparer.Ordinal);

    private RecognitionClaim Claim(FormReader reader)
    {
        var salaryYuan = reader.OptionalInt(Input.AnnualSalaryYuan, "annualSalaryYuan");
        var projects = Kept("projects", Input.Projects).Select(r => new ProjectClaim(r.Row.Title ?? "",
            Optional<RecognitionLevel>(reader, r.Row.Level, $"projects[{r.Index}].level"),
            Optional<ProjectRole>(reader, r.Row.Role, $"projects[{r.Index}].role"),
            reader.Number(r.Row.Year, $"projects[{r.Index}].year"))).ToList();
        var awards = Kept("awards", Input.Awards).Select(r => new AwardClaim(r.Row.Title ?? "",
            Optional<RecognitionLevel>(reader, r.Row.Level, $"awards[{r.Index}].level"),
            string.IsNullOrWhiteSpace(r.Row.Grade) ? null : reader.Enum<AwardGrade>(r.Row.Grade, $"awards[{r.Index}].grade"),
            reader.Number(r.Row.Year, $"awards[{r.Index}].year"))).ToList();
        var regions = Kept("crossRegion", Input.CrossRegion).Select(r => new CrossRegionClaim(r.Row.Region ?? "", r.Row.Level ?? "",
            reader.Number(r.Row.Year, $"crossRegion[{r.Index}].year"))).ToList();
        return new RecognitionClaim
        {
            AnnualSalaryFen = salaryYuan is { } yuan ? yuan * 100L : null, SalaryYear = reader.OptionalInt(Input.SalaryYear, "salaryYear"),
            Projects = projects, Awards = awards, CrossRegion = regions,
            TitleLevel = string.IsNullOrWhiteSpace(Input.TitleLevel) ? null : reader.Enum<ProfessionalTitleLevel>(Input.TitleLevel, "titleLevel"),
        };
    }

    private List<(ClaimRow Row, int Index)> Kept(string list, List<ClaimRow> rows)
    {
        var kept = rows.Select((row, index) => (Row: row, Index: index)).Where(r => !r.Row.IsBlank).Take(RecognitionClaim.MaxItems).ToList();
        _kept[list] = [.. kept.Select(k => k.Index)];
        return kept;
    }

    /// <summary>A select left empty is a field error ("is required"), not the enum's first value.</summary>
    private static TEnum Optional<TEnum>(FormReader reader, string? value, string field) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            reader.Errors.Add(field, "is required");
            return default;
        }
        return reader.Enum<TEnum>(value, field);
    }

    [GeneratedRegex(@"^(projects|awards|crossRegion)\[(\d+)\]")]
    private static partial Regex ItemPath();

    /// <summary>The claim's errors at the form's rows: item k of a list is the k-th row that was filled in.</summary>
    private ValidationErrors Renumber(ValidationErrors errors)
    {
        var renumbered = new ValidationErrors();
        foreach (var (field, messages) in errors.ToDictionary())
        {
            var match = ItemPath().Match(field);
            var name = match.Success && _kept.TryGetValue(match.Groups[1].Value, out var rows) && int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) is var k && k < rows.Count
                ? $"{match.Groups[1].Value}[{rows[k].ToString(CultureInfo.InvariantCulture)}]{field[match.Length..]}"
                : field == "annualSalaryFen" ? "annualSalaryYuan" : field;
            foreach (var message in messages)
            {
                renumbered.Add(name, message);
            }
        }
        return renumbered;
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await recognitions.ListAsync(caller, id, ct) is not { } list || await talents.FindAsync(id, ct) is not { } talent)
        {
            return NotFound();
        }
        Items = list;
        (TalentId, TalentName) = (id, talent.Name);
        CanRecord = Recognitions.CanRecord(caller);
        return null;
    }

    /// <summary>What a criterion asks, in the page's words (年薪不低于 50 万元, 市级及以上项目负责人 …).</summary>
    public static string Describe(Ui ui, RecognitionCriterion c) => c.Method switch
    {
        RecognitionMethod.Salary => ui.Format("Recognition.Criterion.Salary", (c.MinAnnualSalaryYuan!.Value / 10_000m).ToString("0.##", CultureInfo.CurrentCulture)),
        RecognitionMethod.Project => ui.Format("Recognition.Criterion.Project", ui.Label(c.MinProjectLevel!.Value), ui.Label(c.MinRole!.Value)),
        RecognitionMethod.Award => ui.Format("Recognition.Criterion.Award", ui.Label(c.MinAwardLevel!.Value), ui.Label(c.MinGrade!.Value)),
        RecognitionMethod.CrossRegion => ui.Format("Recognition.Criterion.CrossRegion", LevelName(c.MinForeignLevel)),
        _ => ui.Format("Recognition.Criterion.ProfessionalTitle", ui.Label(c.MinTitleLevel!.Value)),
    };

    /// <summary>The claim item that met a criterion, in the page's words; null when none did.</summary>
    public static string? Matched(Ui ui, RecognitionClaim claim, CriterionResult result) =>
        result.MatchedIndex is { } i ? Item(ui, claim, result.Method, i) : null;

    /// <summary>Every item of a claim, in the page's words, as the record of what was put forward.</summary>
    public static IEnumerable<string> ClaimItems(Ui ui, RecognitionClaim claim) =>
        (claim.AnnualSalaryFen is null ? [] : new[] { Item(ui, claim, RecognitionMethod.Salary, 0) })
        .Concat(claim.Projects.Select((_, i) => Item(ui, claim, RecognitionMethod.Project, i)))
        .Concat(claim.Awards.Select((_, i) => Item(ui, claim, RecognitionMethod.Award, i)))
        .Concat(claim.CrossRegion.Select((_, i) => Item(ui, claim, RecognitionMethod.CrossRegion, i)))
        .Concat(claim.TitleLevel is null or ProfessionalTitleLevel.None ? [] : new[] { Item(ui, claim, RecognitionMethod.ProfessionalTitle, 0) });

    private static string Item(Ui ui, RecognitionClaim claim, RecognitionMethod method, int i) => method switch
    {
        RecognitionMethod.Salary => ui.Format("Recognition.Matched.Salary", claim.SalaryYear ?? 0, (claim.AnnualSalaryFen!.Value / 100m).ToString("N0", CultureInfo.CurrentCulture)),
        RecognitionMethod.Project => $"{claim.Projects[i].Title}（{claim.Projects[i].Year}，{ui.Label(claim.Projects[i].Level)}，{ui.Label(claim.Projects[i].Role)}）",
        RecognitionMethod.Award => $"{claim.Awards[i].Title}（{claim.Awards[i].Year}，{ui.Label(claim.Awards[i].Level)}{(claim.Awards[i].Grade is { } g ? ui.Label(g) : "")}）",
        RecognitionMethod.CrossRegion => $"{claim.CrossRegion[i].Region} {LevelName(claim.CrossRegion[i].Level)}（{claim.CrossRegion[i].Year}）",
        _ => ui.Label(claim.TitleLevel!.Value),
    };

    /// <summary>A class's name in the page's language (its key when the scheme has no such class).</summary>
    public static string LevelName(string? key) => Rules.LevelOf(key) is { } level ? (Localization.IsEnglish ? level.Name.En : level.Name.Zh) : key ?? "";
}

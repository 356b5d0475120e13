using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.My;

/// <summary>One evidence row of the form; only the fields of its kind are read.</summary>
public sealed class EvidenceRow
{
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public string? TitleLevel { get; set; }
    public string? SkillLevel { get; set; }
    public string? Education { get; set; }
    public string? Level { get; set; }
    public string? Grade { get; set; }
    public string? Placing { get; set; }
    public string? Rating { get; set; }
    public string? Role { get; set; }
    public string? AmountYuan { get; set; }
    public string? Year { get; set; }
    public string? Years { get; set; }
    public string? PatentKind { get; set; }
    public string? Count { get; set; }
    public IFormFile? File { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Kind);
}

/// <summary>
/// 申请入库: a talent applies to the shared pool of a county of their city (or reconfirms when asked) with evidence rows
/// and files; the page shows the current state, the expiry date and the last decision with its pre-score.
/// Works without script for <see cref="FixedRows"/> rows; js/evidence.js adds and removes rows.
/// </summary>
[RequestSizeLimit(SharedPoolLimits.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = SharedPoolLimits.MaxRequestBytes)]
public sealed class ExpertModel(Experts experts, SharedPools pools, TalentStore talents, TimeProvider time) : PageModel
{
    public const int FixedRows = 5;
    public const int MaxRows = 20;

    public SharedPoolInfo? City { get; private set; }
    public IReadOnlyList<SharedPoolInfo> Counties { get; private set; } = [];
    public IReadOnlyList<SharedTag> Tags { get; private set; } = [];
    public SharedExpert? Current { get; private set; }
    public AdmissionApplication? Last { get; private set; }
    public bool HasPending => Last is { Admitted: null };
    public ValidationErrors? Errors { get; private set; }
    public bool Sent { get; private set; }

    [BindProperty] public string? PoolRegion { get; set; }
    [BindProperty] public List<string> Modes { get; set; } = [];
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public List<long> TagIds { get; set; } = [];
    [BindProperty] public List<EvidenceRow> Evidence { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(bool? sent, CancellationToken ct)
    {
        Sent = sent == true;
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        var modes = reader.Flags<ServiceModes>(Modes, "modes");
        var items = new List<EvidenceItem>();
        var files = new List<(int, AttachmentUpload)>();
        var rows = Evidence.Take(MaxRows).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.IsEmpty)
            {
                continue;
            }
            var index = items.Count;
            items.Add(Read(row, i, reader));
            if (row.File is { Length: > 0 } file)
            {
                await using var stream = file.OpenReadStream();
                files.Add((index, await AttachmentUpload.ReadAsync(file.FileName, file.Length, stream, ct)));
            }
        }
        reader.Errors.When(items.Count == 0, "evidence", "is required");
        if (!reader.Errors.IsValid)
        {
            Errors = reader.Errors;
            return Page();
        }
        var result = await experts.ApplyAsync(Caller.From(User), new AdmissionRequest
        {
            PoolRegion = FormReader.Region(PoolRegion), Modes = modes, Summary = Summary, TagIds = TagIds, Evidence = new AdmissionEvidence { Items = items },
            Files = files,
        }, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect("/me/expert?sent=true");
        }
        // The platform names items by their place among the filled rows: name the rows as the form shows them.
        var filled = rows.Select((r, i) => (r, i)).Where(x => !x.r.IsEmpty).Select(x => x.i).ToList();
        Errors = new ValidationErrors();
        foreach (var (field, messages) in result.Errors.ToDictionary())
        {
            var name = RowField(field, filled);
            foreach (var message in messages)
            {
                Errors.Add(name, message);
            }
        }
        return Page();
    }

    /// <summary>"items[1].year" or "evidence.items[1].file" → "Evidence[3].Year" (the third filled row being the form's fourth).</summary>
    private static string RowField(string field, List<int> filled)
    {
        var path = field.StartsWith("evidence.", StringComparison.Ordinal) ? field["evidence.".Length..] : field;
        var close = path.IndexOf(']', StringComparison.Ordinal);
        if (!path.StartsWith("items[", StringComparison.Ordinal) || close < 0)
        {
            return field;
        }
        if (!int.TryParse(path.AsSpan(6, close - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var item) || item >= filled.Count)
        {
            return field;
        }
        var rest = path[(close + 1)..].TrimStart('.');
        var name = rest.Length == 0 ? "Kind" : char.ToUpperInvariant(rest[0]) + rest[1..];
        if (name.StartsWith("FileIds", StringComparison.Ordinal))
        {
            name = "File";
        }
        return $"Evidence[{filled[item]}].{name}";
    }

    public static string RowId(int row, string name) => $"Evidence[{row}].{name}";

    private static EvidenceItem Read(EvidenceRow row, int i, FormReader reader)
    {
        var kind = reader.Enum<EvidenceKind>(row.Kind, RowId(i, "Kind"));
        var (required, optional) = AdmissionEvidence.FieldsOf(kind);
        var fields = required.Concat(optional).ToHashSet(StringComparer.Ordinal);
        T? Pick<T>(string name, string? value) where T : struct, Enum =>
            fields.Contains(name) && !string.IsNullOrWhiteSpace(value) ? reader.Enum<T>(value, RowId(i, char.ToUpperInvariant(name[0]) + name[1..])) : null;
        int? Number(string name, string? value) =>
            fields.Contains(name) ? reader.OptionalInt(value, RowId(i, char.ToUpperInvariant(name[0]) + name[1..])) : null;
        long? amount = null;
        if (fields.Contains("amountYuan") && !string.IsNullOrWhiteSpace(row.AmountYuan))
        {
            if (long.TryParse(row.AmountYuan.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a))
            {
                amount = a;
            }
            else
            {
                reader.Errors.Add(RowId(i, "AmountYuan"), "must be a whole number");
            }
        }
        return new EvidenceItem
        {
            Kind = kind, Title = fields.Contains("title") ? FormReader.Trimmed(row.Title) : null,
            TitleLevel = Pick<ProfessionalTitleLevel>("titleLevel", row.TitleLevel), SkillLevel = Pick<SkillLevel>("skillLevel", row.SkillLevel),
            Education = Pick<EducationLevel>("education", row.Education), Level = Pick<RecognitionLevel>("level", row.Level),
            Grade = Pick<AwardGrade>("grade", row.Grade), Placing = Number("placing", row.Placing), Rating = Pick<ReviewRating>("rating", row.Rating),
            Role = Pick<ProjectRole>("role", row.Role), AmountYuan = amount, Year = Number("year", row.Year), Years = Number("years", row.Years),
            PatentKind = Pick<PatentKind>("patentKind", row.PatentKind), Count = Number("count", row.Count),
        };
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (caller.TalentId is not { } talentId || await talents.FindAsync(talentId, ct) is not { } talent)
        {
            return Forbid();
        }
        City = await pools.CityPoolOfAsync(talent.ResidenceRegionCode, ct);
        if (City is not null)
        {
            Counties = [.. (await pools.ListAsync(City.RegionCode, ct)).Where(p => !p.IsCity)];
            Tags = await pools.TagsAsync(City.Id, ct);
        }
        Current = (await experts.ForTalentAsync(talentId, ct)) is [var mine, ..] ? mine : null;
        if (Current is not null)
        {
            Last = (await experts.ApplicationsAsync(Current.Id, ct)) is [var last, ..] ? last : null;
        }
        if (Request.Method == "GET")
        {
            PoolRegion = Current?.RegionCode ?? Counties.FirstOrDefault(c => Domain.Reference.RegionCatalogue.Contains(c.RegionCode, talent.ResidenceRegionCode))?.RegionCode;
            Summary = Current?.Summary;
            Modes = Current is null ? [] : [.. Enum.GetValues<ServiceModes>().Where(m => m != ServiceModes.None && (Current.Modes & m) != 0).Select(m => m.ToString())];
            TagIds = Current is null ? [] : [.. Current.TagIds];
        }
        while (Evidence.Count < FixedRows)
        {
            Evidence.Add(new EvidenceRow());
        }
        return null;
    }

    /// <summary>Whether the expert is within the reconfirmation window (or expired): the form then reconfirms.</summary>
    public bool Reconfirms => Current is { State: ExpertState.Admitted or ExpertState.Expired };

    public DateOnly Today => ChinaTime.Date(time.GetUtcNow());
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Training;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Training;

namespace TalentBridge.Web.Pages.Training;

/// <summary>
/// /training/programmes/edit and /training/programmes/edit/{id} (operators for their region, administrators): a programme's
/// data with errors per field, money entered in yuan (stored in fen), a stale save shows the current version; a provider
/// can be added on the same page.
/// </summary>
public sealed class EditModel(Programmes programmes) : PageModel
{
    public sealed class ProgrammeForm
    {
        public string? ProviderId { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? Skills { get; set; }
        public string? OccupationCodes { get; set; }
        public string? Level { get; set; }
        public string? Certificate { get; set; }
        public string? DurationHours { get; set; }
        public string? CostYuan { get; set; }
        public string? SubsidyYuan { get; set; }
        public string? SubsidyEligibility { get; set; }
        public string? RegionCode { get; set; }
        public string? Mode { get; set; }
        public bool Active { get; set; } = true;
        public string? Version { get; set; }
    }

    [BindProperty] public ProgrammeForm Form { get; set; } = new();
    [BindProperty] public TrainingProvider? NewProvider { get; set; }

    public long? Id { get; private set; }
    public IReadOnlyList<TrainingProvider> Providers { get; private set; } = [];
    public ValidationErrors? Errors { get; private set; }
    public ValidationErrors? ProviderErrors { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (Caller.From(User) is { IsAdmin: false, IsOperator: false } caller)
        {
            return caller.IsSignedIn ? Forbid() : Challenge();
        }
        Id = id;
        if (id is { } programmeId)
        {
            if (await programmes.FindAsync(programmeId, ct) is not { } p)
            {
                return NotFound();
            }
            Form = FormOf(p);
        }
        Providers = await programmes.ProvidersAsync(Caller.From(User).ScopeRegion, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var (input, reader) = Read();
        var result = id is { } programmeId
            ? await programmes.UpdateAsync(caller, programmeId, FormReader.Version(Form.Version), input, ct)
            : await programmes.CreateAsync(caller, input, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status == WriteStatus.Ok && reader.Errors.IsValid)
        {
            return Redirect("/training?q=" + Uri.EscapeDataString(result.Value!.Name));
        }
        Id = id;
        Errors = reader.Errors.AddMissing(PageRefusals.Problems(result));
        if (result.Status == WriteStatus.Conflict)
        {
            Form = FormOf(result.Value!);
        }
        Providers = await programmes.ProvidersAsync(caller.ScopeRegion, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostProviderAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var result = await programmes.CreateProviderAsync(caller, NewProvider ?? new TrainingProvider(0, "", "", null, 0), ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        ProviderErrors = result.Status == WriteStatus.Ok ? null : result.Errors;
        Form = new ProgrammeForm { ProviderId = result.Value?.Id.ToString(CultureInfo.InvariantCulture) };
        Providers = await programmes.ProvidersAsync(caller.ScopeRegion, ct);
        return Page();
    }

    private (Programme Input, FormReader Reader) Read()
    {
        var reader = new FormReader();
        var input = new Programme
        {
            ProviderId = reader.OptionalInt(Form.ProviderId, "providerId") ?? 0,
            Name = Form.Name?.Trim() ?? "",
            Description = FormReader.Trimmed(Form.Description),
            Skills = FormReader.List(Form.Skills),
            OccupationCodes = FormReader.List(Form.OccupationCodes),
            Level = string.IsNullOrWhiteSpace(Form.Level) ? SkillLevel.None : reader.Enum<SkillLevel>(Form.Level, "level"),
            Certificate = FormReader.Trimmed(Form.Certificate),
            DurationHours = reader.Number(Form.DurationHours, "durationHours"),
            CostFen = Fen(reader, Form.CostYuan, "costFen"),
            SubsidyFen = Fen(reader, Form.SubsidyYuan, "subsidyFen"),
            SubsidyEligibility = string.IsNullOrWhiteSpace(Form.SubsidyEligibility) ? Domain.Training.SubsidyEligibility.None
                : reader.Enum<SubsidyEligibility>(Form.SubsidyEligibility, "subsidyEligibility"),
            RegionCode = FormReader.Region(Form.RegionCode),
            Mode = reader.Enum<DeliveryMode>(Form.Mode ?? nameof(DeliveryMode.InPerson), "mode"),
            Active = Form.Active,
        };
        return (input, reader);
    }

    /// <summary>Yuan as typed ("1200", "1,200.5") in fen; more than two decimals or not a number is a field error.</summary>
    private static long Fen(FormReader reader, string? yuan, string field)
    {
        if (string.IsNullOrWhiteSpace(yuan))
        {
            return 0;
        }
        if (decimal.TryParse(yuan.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            && value * 100 == decimal.Truncate(value * 100) && value is >= 0 and <= 1_000_000)
        {
            return (long)(value * 100);
        }
        reader.Errors.Add(field, "must be an amount in yuan with at most two decimals");
        return 0;
    }

    private static ProgrammeForm FormOf(Programme p) => new()
    {
        ProviderId = p.ProviderId.ToString(CultureInfo.InvariantCulture),
        Name = p.Name,
        Description = p.Description,
        Skills = FormReader.Join(p.Skills),
        OccupationCodes = FormReader.Join(p.OccupationCodes),
        Level = p.Level.ToString(),
        Certificate = p.Certificate,
        DurationHours = p.DurationHours.ToString(CultureInfo.InvariantCulture),
        CostYuan = (p.CostFen / 100m).ToString(CultureInfo.InvariantCulture),
        SubsidyYuan = (p.SubsidyFen / 100m).ToString(CultureInfo.InvariantCulture),
        SubsidyEligibility = p.SubsidyEligibility.ToString(),
        RegionCode = p.RegionCode,
        Mode = p.Mode.ToString(),
        Active = p.Active,
        Version = p.Version.ToString(CultureInfo.InvariantCulture),
    };
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Challenges;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Managers;

/// <summary>
/// /technology-managers: the register of accredited technology managers (技术经理人) with each one's track record, searched
/// and paged; operators add managers of their region and suspend or reinstate them (administrators any).
/// </summary>
public sealed class IndexModel(TechnologyManagers managers) : PageModel
{
    [FromQuery(Name = "q")] public string? Query { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }

    public sealed class ManagerForm
    {
        public string? Name { get; set; }
        public string? Organisation { get; set; }
        public string? RegionCode { get; set; }
        public string? CertificateNo { get; set; }
        public string? AccreditedOn { get; set; }
        public string? Fields { get; set; }
    }

    [BindProperty] public ManagerForm Input { get; set; } = new();

    public Page<TechnologyManager> List { get; private set; } = null!;
    public PagerModel Pager { get; private set; } = null!;
    public ValidationErrors? Errors { get; private set; }
    public Caller Caller { get; private set; } = Caller.Anonymous;
    public bool CanAdd => Caller.IsAdmin || Caller.IsOperator;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        var accredited = reader.Date(Input.AccreditedOn, "accreditedOn");
        var result = await managers.AddAsync(Caller, new ManagerInput(Input.Name, Input.Organisation, FormReader.Trimmed(Input.RegionCode), Input.CertificateNo,
            reader.Errors.IsValid ? accredited : null, Input.Fields), ct);
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect("/technology-managers?q=" + Uri.EscapeDataString(result.Value!.Name));
        }
        Errors = reader.Errors.AddMissing(result.Errors);
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(long managerId, bool active, string? reason, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var result = await managers.SetActiveAsync(Caller, managerId, active, reason, null, ct);
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect(Request.Path + Request.QueryString);
        }
        Errors = PageRefusals.Problems(result);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        Caller = Caller.From(User);
        if (!Caller.IsSignedIn)
        {
            return Challenge();
        }
        var reader = new FormReader();
        List = await managers.ListAsync(FormReader.Trimmed(Query), false, reader.OptionalInt(PageNumber, "page") ?? 1, 20, ct);
        Pager = PagerModel.For(List, Request);
        Errors = reader.Errors.IsValid ? null : reader.Errors;
        return null;
    }
}

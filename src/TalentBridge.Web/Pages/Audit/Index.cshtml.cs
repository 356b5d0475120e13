using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Storage;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.Audit;

/// <summary>/audit: the audit log of the operator's region (all of it for administrators), filtered, paged, exportable.</summary>
public sealed class IndexModel(AuditLog log) : PageModel
{
    // Query string only: Razor Pages puts its own "page" route value beside ours.
    [FromQuery(Name = "account")] public long? Account { get; set; }
    [FromQuery(Name = "subject")] public string? Subject { get; set; }
    [FromQuery(Name = "subjectId")] public long? SubjectId { get; set; }
    [FromQuery(Name = "action")] public string? Action { get; set; }
    [FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [FromQuery(Name = "to")] public DateOnly? To { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public ValidationErrors Errors { get; private set; } = new();
    public Page<AuditRow> Result { get; private set; } = new([], 0, 1, 50);

    /// <summary>The filters as a query string, for the export link.</summary>
    public string FilterQuery => string.Join('&', new (string Key, string? Value)[]
        {
            ("account", Account?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("subject", Subject),
            ("subjectId", SubjectId?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("action", Action),
            ("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        }.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!caller.CanReadAuditLog)
        {
            return Forbid();
        }
        var (query, errors) = new AuditApi.AuditParameters(Account, Subject, SubjectId, Action, From, To, PageNumber, 50).Parse();
        Errors = errors.AddMissing(ModelState.IsValid ? new ValidationErrors() : Invalid());
        if (Errors.IsValid)
        {
            Result = await log.ListAsync(caller, query, ct);
        }
        return Page();
    }

    /// <summary>Values the binder could not read (a date or number that is not one).</summary>
    private ValidationErrors Invalid()
    {
        var errors = new ValidationErrors();
        foreach (var (key, entry) in ModelState.Where(e => e.Value?.Errors.Count > 0))
        {
            errors.Add(key, key is "from" or "to" ? "must be a date (yyyy-mm-dd)" : "must be a whole number");
        }
        return errors;
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Analytics;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Analytics;

/// <summary>
/// /analytics/warnings/settings: the early-warning thresholds of a region in the operator's subtree (any region for an
/// administrator): what applies now and where it comes from (the region's own, an ancestor's or the defaults), and a form
/// that sets the region's own, with an error per field and optimistic concurrency.
/// </summary>
public sealed class WarningsSettingsModel(WarningThresholdSettings settings, ReferenceData reference, Dashboard dashboard) : PageModel
{
    /// <summary>The form's fields, in the order shown: the camelCase name (the rule's field) and whether it is a share.</summary>
    public static readonly IReadOnlyList<(string Field, bool Share)> Fields =
    [
        ("sharpFallShare", true), ("sharpFallMinOpen", false), ("massClosureCount", false), ("massClosureShare", true),
        ("massClosureMinPositions", false), ("terminatedAgreements", false), ("severeFactor", true),
    ];

    [FromQuery(Name = "region")] public string? Region { get; set; }

    [BindProperty] public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);
    [BindProperty] public string? Version { get; set; }

    public RegionThresholds Current { get; private set; } = null!;
    public string Home { get; private set; } = "";
    public ValidationErrors? Errors { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        Saved = saved;
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        Fill(Current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        var reader = new FormReader();
        double Share(string field)
        {
            var text = Values.GetValueOrDefault(field);
            if (string.IsNullOrWhiteSpace(text))
            {
                reader.Errors.Add(field, "is required");
                return 0;
            }
            if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            reader.Errors.Add(field, "must be a number");
            return 0;
        }
        int Count(string field) => reader.Number(Values.GetValueOrDefault(field), field);
        var thresholds = new WarningThresholds(Share("sharpFallShare"), Count("sharpFallMinOpen"), Count("massClosureCount"), Share("massClosureShare"),
            Count("massClosureMinPositions"), Count("terminatedAgreements"), Share("severeFactor"));
        if (!reader.Errors.IsValid)
        {
            Errors = reader.Errors.AddMissing(thresholds.Validate());
            return Page();
        }
        var result = await settings.SetAsync(Caller.From(User), Current.RegionCode, thresholds, FormReader.Version(Version), ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        switch (result.Status)
        {
            case WriteStatus.Ok:
                return Redirect($"/analytics/warnings/settings?region={Current.RegionCode}&saved=true");
            case WriteStatus.Conflict:
                // Someone saved first: show what is stored now; sending the form again replaces it.
                Errors = new ValidationErrors().Add("version", Ui.Shared["Form.Conflict"]);
                Current = result.Value!;
                Fill(Current);
                return Page();
            default:
                Errors = result.Errors;
                return Page();
        }
    }

    private void Fill(RegionThresholds current)
    {
        var t = current.Thresholds;
        Values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["sharpFallShare"] = Text(t.SharpFallShare), ["sharpFallMinOpen"] = Text(t.SharpFallMinOpen), ["massClosureCount"] = Text(t.MassClosureCount),
            ["massClosureShare"] = Text(t.MassClosureShare), ["massClosureMinPositions"] = Text(t.MassClosureMinPositions),
            ["terminatedAgreements"] = Text(t.TerminatedAgreements), ["severeFactor"] = Text(t.SevereFactor),
        };
        Version = current.Version.ToString(CultureInfo.InvariantCulture);
    }

    private static string Text(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!WarningAlerts.CanSee(caller))
        {
            return Forbid();
        }
        Home = caller.ScopeRegion ?? dashboard.HomeRegion;
        var region = string.IsNullOrWhiteSpace(Region) ? Home : FormReader.Region(Region);
        if (await settings.GetAsync(caller, region, ct) is not { } current)
        {
            return reference.Regions.Find(region) is null ? NotFound() : Forbid();
        }
        Current = current;
        return null;
    }
}

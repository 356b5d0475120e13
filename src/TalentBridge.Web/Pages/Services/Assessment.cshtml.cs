using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.EnterpriseServices;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.EnterpriseServices;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Services;

/// <summary>
/// /enterprises/{id}/assessment: the 专精特新 self-assessment of an enterprise (its users, operators of its region,
/// administrators). The figures grouped by the dimension where they first count, each with its unit; saving evaluates
/// every tier, stores the figures and shows the answer per tier (score bars, indicators by band, missing figures, what
/// would change, an "unconfirmed source" badge with its note). <c>?assessment=N</c> shows a stored one; the history
/// lists them all.
/// </summary>
public sealed class AssessmentModel(EnterpriseStore enterprises, SelfAssessments assessments) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public TierRuleSet Rules { get; private set; } = RuleSets.Default;
    public IReadOnlyList<FigureGroup> Groups { get; private set; } = [];
    public IReadOnlyList<StoredAssessment> History { get; private set; } = [];
    public AssessmentAnswer? Answer { get; private set; }
    public ValidationErrors? Errors { get; private set; }

    /// <summary>The form's values by figure name (as typed when the form comes back with errors).</summary>
    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    [BindProperty] public string? RuleSet { get; set; }
    [BindProperty] public string? On { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, long? assessment, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        var shown = assessment ?? (History.Count > 0 ? History[0].Id : null);
        if (shown is { } chosen)
        {
            if (await assessments.FindAsync(Caller.From(User), id, chosen, ct) is not { } answer)
            {
                return NotFound();
            }
            Answer = answer;
            Rules = RuleSets.Find(answer.Assessment.RuleSet) ?? RuleSets.Default;
            RuleSet = Rules.Key;
            On = answer.Assessment.RulesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var (name, value) in answer.Assessment.Figures)
            {
                Values[name] = value?.ToString(CultureInfo.InvariantCulture);
            }
        }
        Groups = Figures.Groups(Rules);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        Rules = RuleSets.Find(RuleSet) ?? RuleSets.Default;
        Groups = Figures.Groups(Rules);
        var parseErrors = new ValidationErrors();
        var figures = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        foreach (var fact in Groups.SelectMany(g => g.Facts))
        {
            var name = Figures.Name(fact);
            var text = Request.Form["figures." + name].ToString().Trim();
            Values[name] = text;
            if (text.Length == 0)
            {
                continue;
            }
            if (decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                figures[name] = value;
            }
            else
            {
                parseErrors.Add("figures." + name, "must be a number");
            }
        }
        DateOnly? on = null;
        if (!string.IsNullOrWhiteSpace(On))
        {
            if (DateOnly.TryParseExact(On.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                on = date;
            }
            else
            {
                parseErrors.Add("on", "must be a date such as 2026-10-01");
            }
        }
        var result = await assessments.AssessAsync(Caller.From(User), id, new AssessmentInput(RuleSet, on, figures), ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        if (result.Status != WriteStatus.Ok || !parseErrors.IsValid)
        {
            Errors = parseErrors.AddMissing(result.Errors);
            return Page();
        }
        return Redirect($"/enterprises/{id}/assessment?assessment={result.Value!.Assessment.Id}#result");
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await ServiceScope.VisibleAsync(enterprises, caller, id, ct) is not { } enterprise)
        {
            return NotFound();
        }
        Enterprise = enterprise;
        History = await assessments.HistoryAsync(caller, id, ct) ?? [];
        return null;
    }

    /// <summary>The rule's source of an indicator (its own, else its tier's), for the "unconfirmed source" badge.</summary>
    public RuleSource SourceOf(string tierKey, string indicatorKey)
    {
        var tier = Rules.Tiers.Single(t => t.Key == tierKey);
        return tier.Dimensions.SelectMany(d => d.Indicators).FirstOrDefault(i => i.Key == indicatorKey)?.Source ?? tier.Source;
    }
}

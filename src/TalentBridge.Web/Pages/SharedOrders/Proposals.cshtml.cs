using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;

namespace TalentBridge.Web.Pages.SharedOrders;

/// <summary>
/// /me/proposals: a shared expert's proposals (专家接单) — the order, who placed it, the reply deadline — with accept,
/// or decline with a reason, on each proposal still waiting.
/// </summary>
public sealed class ProposalsModel(DemandOrders orders, Engagements engagements, TimeProvider time) : PageModel
{
    public IReadOnlyList<Proposal> Items { get; private set; } = [];
    public IReadOnlyDictionary<long, DemandOrder> Orders { get; private set; } = new Dictionary<long, DemandOrder>();
    public IReadOnlyDictionary<long, long> EngagementOf { get; private set; } = new Dictionary<long, long>();
    public ValidationErrors? Errors { get; private set; }
    public long? FailedId { get; private set; }
    public DateTimeOffset Now { get; private set; }

    [FromQuery(Name = "done")] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long proposalId, string? answer, string? reason, string? version, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }
        if (answer is not ("accept" or "decline"))
        {
            return BadRequest();
        }
        var result = await orders.AnswerAsync(Caller.From(User), proposalId, answer == "accept", reason, FormReader.Version(version), ct);
        if (this.Refusal(result) is { } denied)
        {
            return denied;
        }
        if (result.Status == WriteStatus.Ok)
        {
            return Redirect("/me/proposals?done=" + answer);
        }
        Errors = PageRefusals.Problems(result);
        FailedId = proposalId;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (caller.TalentId is not { } talentId)
        {
            return Forbid();
        }
        Now = time.GetUtcNow();
        Items = await orders.ProposalsForTalentAsync(talentId, ct);
        var found = new Dictionary<long, DemandOrder>();
        var engaged = new Dictionary<long, long>();
        // A talent has a handful of proposals: one read per order is fine here.
        foreach (var orderId in Items.Select(p => p.OrderId).Distinct())
        {
            if (await orders.FindAsync(caller, orderId, ct) is { } order)
            {
                found[orderId] = order;
            }
        }
        foreach (var accepted in Items.Where(p => p.State == ProposalState.Accepted))
        {
            if (await engagements.ForOrderAsync(accepted.OrderId, ct) is { } engagement && engagement.TalentId == talentId)
            {
                engaged[accepted.Id] = engagement.Id;
            }
        }
        Orders = found;
        EngagementOf = engaged;
        return null;
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Competitions;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Competitions;

/// <summary>
/// /competitions/{id}/judge (a judge): the entries of the tracks the caller judges — those they stand aside from with the
/// reason, a score sheet on the track's criteria for the others (while judging), and a form to declare a conflict.
/// </summary>
public sealed class JudgeModel(CompetitionJudging judging) : PageModel
{
    public JudgingBoard Board { get; private set; } = null!;
    public ValidationErrors? Errors { get; private set; }
    public long? ErrorEntry { get; private set; }
    /// <summary>The values posted with a refused sheet, shown again in its inputs.</summary>
    public IReadOnlyList<string> Posted { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await judging.BoardAsync(caller, id, ct) is not { Mine.Count: > 0 } board)
        {
            return NotFound();
        }
        Board = board;
        return Page();
    }

    public async Task<IActionResult> OnPostScoreAsync(long id, long entryId, string[] points, CancellationToken ct)
    {
        var reader = new FormReader();
        var values = points.Select((p, i) => Points(reader, p, $"points[{i}]")).ToList();
        var result = reader.Errors.IsValid ? await judging.ScoreAsync(Caller.From(User), id, entryId, values, ct) : null;
        if (result is not null && this.Refusal(result) is { } no)
        {
            return no;
        }
        return await AnswerAsync(id, entryId, result is { Status: WriteStatus.Ok } ? null : reader.Errors.AddMissing(result?.Errors ?? new()), points, "Competitions.Scored", ct);
    }

    public async Task<IActionResult> OnPostDeclareAsync(long id, long judgeId, long entryId, string? note, CancellationToken ct)
    {
        var result = await judging.DeclareAsync(Caller.From(User), id, judgeId, entryId, note, ct);
        if (this.Refusal(result) is { } no)
        {
            return no;
        }
        return await AnswerAsync(id, entryId, result.Status == WriteStatus.Ok ? null : result.Errors, [], "Competitions.Declared", ct);
    }

    private async Task<IActionResult> AnswerAsync(long id, long entryId, ValidationErrors? errors, IReadOnlyList<string> posted, string done, CancellationToken ct)
    {
        Errors = errors;
        ErrorEntry = errors is null ? null : entryId;
        Posted = errors is null ? [] : posted;
        Done = errors is null ? done : null;
        return await OnGetAsync(id, ct);
    }

    /// <summary>Points as typed ("38.5"); a value that is not a number is a field error (the range is the domain's rule).</summary>
    private static decimal Points(FormReader reader, string? value, string field)
    {
        if (decimal.TryParse(value?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var points))
        {
            return points;
        }
        reader.Errors.Add(field, "must be a number");
        return 0;
    }
}
